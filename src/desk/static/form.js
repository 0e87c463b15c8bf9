// The form: its fields, and each article as a card with its
// section, title, contents entry, source, editor's note, body and
// pictures. Every control carries `data-field`, the field it edits
// ("top.date", "a2.title", "a2.i0.caption"); problems are shown at the
// field they name.

import { t } from "/static/strings.js";

// The key of a field as the server names it ({article, image, key}).
export function fieldKey(field) {
  if (!field) return "issue";
  let key = field.article === undefined || field.article === null ? "top" : "a" + field.article;
  if (field.image !== undefined && field.image !== null) key += ".i" + field.image;
  if (field.key) key += "." + field.key;
  return key === "top" ? "issue" : key;
}

// The field a key names.
export function fieldOf(key) {
  const field = {};
  for (const part of key.split(".")) {
    if (part === "top" || part === "issue") continue;
    if (/^a\d+$/.test(part)) field.article = Number(part.slice(1));
    else if (/^i\d+$/.test(part)) field.image = Number(part.slice(1));
    else field.key = part;
  }
  return field;
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name === "class") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

let unique = 0;

// A labelled control, with room for its problems below.
function field(key, label, control, hint) {
  const id = "f" + ++unique;
  control.id = id;
  control.dataset.field = key;
  return element(
    "div",
    { class: "field", "data-field": key },
    element("label", { for: id, text: label }),
    control,
    hint ? element("small", { class: "hint", text: hint }) : null,
    element("ul", { class: "field-problems", "data-problems": key }),
  );
}

function input(type, value, extra = {}) {
  return element("input", { type, value: value ?? "", ...extra });
}

function textarea(value, rows, extra = {}) {
  const area = element("textarea", { rows, ...extra });
  area.value = value ?? "";
  return area;
}

// Grows a text area with its text, so a whole body is read at once.
function fit(area) {
  area.style.height = "auto";
  area.style.height = area.scrollHeight + 2 + "px";
}

// What decides the form's controls: the articles and their pictures. A
// file of another shape is drawn anew; of the same, its values updated.
export function shape(form) {
  if (!form) return "";
  return form.articles.map((a) => `${a.images.length}:${a.title === null}`).join(",");
}

// Builds the whole form of `form` into `container`, the editor's
// `unsaved` changes (key → value) left in their controls. `desk` receives
// what the editor does: change(key, value), op(edits), remove(article,
// title), section(article, name), upload(article), pictureUrl(path),
// focusPages(article).
export function renderForm(container, form, sections, unsaved, desk) {
  const top = element(
    "fieldset",
    { class: "card issue-fields", "data-field": "issue" },
    element("legend", { text: t("desk-ui-issue-fields") }),
    element(
      "div",
      { class: "row" },
      field("top.total", t("desk-ui-field-total"), input("number", form.total, { min: 1, step: 1 })),
      field("top.number", t("desk-ui-field-number"), input("number", form.number, { min: 1, step: 1 })),
      field("top.date", t("desk-ui-field-date"), input("date", form.date)),
      field("top.year", t("desk-ui-field-year"), input("number", form.year, { min: 1900, max: 2100, placeholder: t("desk-ui-field-year-default") })),
    ),
    element(
      "div",
      { class: "row" },
      field("top.editor", t("desk-ui-field-editor"), input("text", form.editor)),
      field("top.reviewer", t("desk-ui-field-reviewer"), input("text", form.reviewer)),
    ),
  );
  const list = element("datalist", { id: "sections" });
  for (const name of sections) list.append(element("option", { value: name }));

  const articles = element("div", { id: "articles" });
  form.articles.forEach((article, n) => {
    articles.append(articleCard(article, n, form.articles.length, desk));
  });
  const add = element("button", {
    type: "button",
    id: "add-article",
    class: "add",
    text: t("desk-ui-article-add"),
    onclick: () => desk.op([{ op: "add_article", at: form.articles.length, section: lastSection(form) }]),
  });
  container.replaceChildren(top, list, articles, add);

  for (const control of container.querySelectorAll("[data-field]")) {
    if (control.matches("input, textarea")) wire(control, desk);
  }
  for (const [key, value] of unsaved) {
    const control = container.querySelector(`[data-field="${key}"]`);
    if (control && control.matches("input:not([type=radio]), textarea")) {
      control.value = value === null || value === false ? "" : String(value);
    }
  }
  for (const area of container.querySelectorAll("textarea")) fit(area);
}

function lastSection(form) {
  const last = form.articles[form.articles.length - 1];
  return last && last.section ? last.section : null;
}

// What a control's value is as the server takes it.
export function valueOf(control) {
  const key = control.dataset.field;
  const name = key.split(".").pop();
  const text = control.value;
  if (control.type === "number") {
    return text.trim() === "" ? null : Number(text);
  }
  if (name === "height") {
    if (text.trim() === "") return null;
    return /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : text.trim();
  }
  if (name === "title" || name === "body") return text;
  if (name === "date") return text;
  return text.trim() === "" ? null : text;
}

function wire(control, desk) {
  const key = control.dataset.field;
  if (key.endsWith(".contents-text")) return;
  const send = () => desk.change(key, valueOf(control));
  // A date counts once chosen, a section once left (it moves the
  // article); anything else as it is typed.
  const chosen = control.type === "date" || key.endsWith(".section");
  control.addEventListener("input", () => {
    if (control.tagName === "TEXTAREA") fit(control);
    if (!chosen) send();
  });
  if (control.type === "date") control.addEventListener("change", send);
}

function articleCard(article, n, count, desk) {
  const base = "a" + n;
  const title = (article.title || "").split("\n")[0] || t("desk-ui-article-untitled");
  const handle = element("span", {
    class: "handle",
    draggable: "true",
    title: t("desk-ui-article-drag"),
    text: "⋮⋮",
  });
  const card = element(
    "article",
    { class: "card article", "data-field": base, "data-article": n },
    element(
      "header",
      {},
      handle,
      element("h2", { text: t("desk-ui-article-heading", { n: n + 1 }) }),
      element("span", { class: "article-title", text: title }),
      element("span", { class: "spacer" }),
      element("button", {
        type: "button",
        class: "up",
        title: t("desk-ui-article-up"),
        "aria-label": t("desk-ui-article-up"),
        text: "↑",
        disabled: n === 0,
        onclick: () => desk.op([{ op: "move_article", from: n, to: n - 1 }]),
      }),
      element("button", {
        type: "button",
        class: "down",
        title: t("desk-ui-article-down"),
        "aria-label": t("desk-ui-article-down"),
        text: "↓",
        disabled: n === count - 1,
        onclick: () => desk.op([{ op: "move_article", from: n, to: n + 1 }]),
      }),
      element("button", {
        type: "button",
        class: "delete",
        text: t("desk-ui-article-delete"),
        onclick: () => desk.remove(n, title),
      }),
      element("button", {
        type: "button",
        class: "show",
        title: t("desk-ui-article-show"),
        text: t("desk-ui-article-show"),
        onclick: () => desk.focusPages(n),
      }),
    ),
    element("ul", { class: "field-problems", "data-problems": base }),
  );
  const section = input("text", article.section, { list: "sections", placeholder: t("desk-ui-field-section-none") });
  section.addEventListener("change", () => desk.section(n, section.value.trim() || null));
  card.append(
    field(base + ".section", t("desk-ui-field-section"), section, t("desk-ui-field-section-hint")),
    field(base + ".title", t("desk-ui-field-title"), textarea(article.title, 2), t("desk-ui-field-title-hint")),
    contentsField(article, base, desk),
    field(base + ".source", t("desk-ui-field-source"), input("text", article.source, { placeholder: t("desk-ui-field-source-none") })),
    field(base + ".note", t("desk-ui-field-note"), textarea(article.note, 2, { placeholder: t("desk-ui-field-note-none") })),
    field(base + ".body", t("desk-ui-field-body"), textarea(article.body, 8), t("desk-ui-field-body-hint")),
    pictures(article, n, desk),
  );
  // Dragging a card by its handle onto another moves it there.
  handle.addEventListener("dragstart", (event) => {
    event.dataTransfer.setData("application/x-bulletin-article", String(n));
    event.dataTransfer.effectAllowed = "move";
    card.classList.add("dragging");
  });
  handle.addEventListener("dragend", () => card.classList.remove("dragging"));
  card.addEventListener("dragover", (event) => {
    if (event.dataTransfer.types.includes("application/x-bulletin-article")) {
      event.preventDefault();
      card.classList.add("drop-target");
    }
  });
  card.addEventListener("dragleave", () => card.classList.remove("drop-target"));
  card.addEventListener("drop", (event) => {
    const from = event.dataTransfer.getData("application/x-bulletin-article");
    card.classList.remove("drop-target");
    if (from === "") return;
    event.preventDefault();
    event.stopPropagation();
    if (Number(from) !== n) desk.op([{ op: "move_article", from: Number(from), to: n }]);
  });
  return card;
}

// Listed with the title, a shorter entry, or not listed.
function contentsField(article, base, desk) {
  const key = base + ".contents";
  const value = article.contents;
  const mode = value === false ? "none" : typeof value === "string" ? "text" : "title";
  const name = "c" + ++unique;
  const text = input("text", typeof value === "string" ? value : "", {
    placeholder: t("desk-ui-field-contents-text-placeholder"),
  });
  text.dataset.field = key + "-text";
  const choice = (which, label) => {
    const radio = input("radio", which, { name, checked: mode === which });
    return element("label", { class: "choice" }, radio, " " + label);
  };
  const group = element(
    "div",
    { class: "field", "data-field": key, role: "radiogroup" },
    element("span", { class: "label", text: t("desk-ui-field-contents") }),
    element(
      "div",
      { class: "choices" },
      choice("title", t("desk-ui-field-contents-title")),
      choice("text", t("desk-ui-field-contents-text")),
      text,
      choice("none", t("desk-ui-field-contents-none")),
    ),
    element("ul", { class: "field-problems", "data-problems": key }),
  );
  const send = () => {
    const chosen = group.querySelector("input[type=radio]:checked").value;
    text.disabled = chosen !== "text";
    if (chosen === "title") desk.change(key, null);
    else if (chosen === "none") desk.change(key, false);
    else desk.change(key, text.value.trim() === "" ? null : text.value);
  };
  text.disabled = mode !== "text";
  group.addEventListener("change", send);
  text.addEventListener("input", send);
  group.dataset.value = JSON.stringify(value ?? null);
  return group;
}

function pictures(article, n, desk) {
  const base = "a" + n;
  const list = element("div", { class: "pictures" });
  article.images.forEach((image, k) => {
    const key = base + ".i" + k;
    const thumbnail = element("img", {
      class: "thumbnail",
      alt: image.caption || image.path || "",
      src: image.path ? desk.pictureUrl(image.path) : null,
    });
    list.append(
      element(
        "div",
        { class: "picture", "data-field": key },
        thumbnail,
        element(
          "div",
          { class: "picture-fields" },
          element("div", { class: "path", text: image.path || "" }),
          field(key + ".caption", t("desk-ui-field-caption"), input("text", image.caption)),
          element(
            "div",
            { class: "row" },
            field(key + ".after", t("desk-ui-field-after"), input("number", image.after, { min: 1, placeholder: t("desk-ui-field-after-none") })),
            field(key + ".height", t("desk-ui-field-height"), input("text", image.height, { placeholder: t("desk-ui-field-height-auto") })),
          ),
          element("button", {
            type: "button",
            class: "remove-picture",
            text: t("desk-ui-picture-remove"),
            onclick: () => desk.op([{ op: "remove_image", article: n, image: k }]),
          }),
          element("ul", { class: "field-problems", "data-problems": key }),
        ),
      ),
    );
  });
  const add = element("button", {
    type: "button",
    class: "add-picture",
    text: t("desk-ui-picture-add"),
    onclick: () => desk.upload(n),
  });
  return element(
    "div",
    { class: "field pictures-field", "data-field": base + ".images" },
    element("span", { class: "label", text: t("desk-ui-field-pictures") }),
    list,
    add,
  );
}

// Puts `form`'s values into the controls, except those named in `keep`
// (the editor's unsaved changes) and the one being typed in.
export function updateForm(container, form, keep) {
  for (const control of container.querySelectorAll("input[data-field], textarea[data-field]")) {
    const key = control.dataset.field;
    if (keep.has(key) || key.endsWith("-text")) continue;
    const value = valueAt(form, key);
    const text = value === null || value === undefined ? "" : String(value);
    if (control.value !== text) {
      const focused = document.activeElement === control;
      const caret = focused ? control.selectionStart : null;
      control.value = text;
      if (control.tagName === "TEXTAREA") fit(control);
      if (focused && caret !== null && control.setSelectionRange) {
        const at = Math.min(caret, text.length);
        try {
          control.setSelectionRange(at, at);
        } catch (error) {
          // Number and date inputs have no caret.
        }
      }
    }
  }
}

// The value of a field key in a form.
export function valueAt(form, key) {
  const field = fieldOf(key);
  if (field.article === undefined) return form[field.key];
  const article = form.articles[field.article];
  if (!article) return undefined;
  if (field.image === undefined) return article[field.key];
  const image = article.images[field.image];
  return image ? image[field.key] : undefined;
}

// What each key is called.
const FIELD_NAMES = {
  total: "desk-ui-field-total",
  number: "desk-ui-field-number",
  date: "desk-ui-field-date",
  year: "desk-ui-field-year",
  editor: "desk-ui-field-editor",
  reviewer: "desk-ui-field-reviewer",
  section: "desk-ui-field-section",
  title: "desk-ui-field-title",
  contents: "desk-ui-field-contents",
  source: "desk-ui-field-source",
  note: "desk-ui-field-note",
  body: "desk-ui-field-body",
  images: "desk-ui-field-pictures",
  path: "desk-ui-field-path",
  caption: "desk-ui-field-caption",
  after: "desk-ui-field-after",
  height: "desk-ui-field-height",
};

// The words for a field key ("第3篇稿件 标题").
export function describe(key) {
  const field = fieldOf(key);
  const parts = [];
  if (field.article !== undefined) parts.push(t("desk-ui-article-heading", { n: field.article + 1 }));
  if (field.image !== undefined) parts.push(t("desk-ui-picture-heading", { k: field.image + 1 }));
  if (field.key) parts.push(t(FIELD_NAMES[field.key] || field.key));
  return parts.join(" ") || t("desk-ui-issue-fields");
}
