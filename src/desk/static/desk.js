// `/issues/<total>`: one issue's desk. The issue file on disk is the one
// true copy: every change in the form is sent shortly after typing pauses,
// with the version of the file it was made to; a file changed elsewhere
// meanwhile is never written over silently (the server answers 409 and
// the editor chooses). Changes made elsewhere, and every build, come as
// server-sent events.

import { loadStrings, t } from "/static/strings.js";
import { clientId, getJSON, postBytes, postJSON } from "/static/api.js";
import { describe, fieldKey, fieldOf, fit, renderForm, updateForm, valueAt } from "/static/form.js";
import { Pages } from "/static/pages.js";

const total = Number(location.pathname.split("/").filter(Boolean).pop());
const api = `/api/issues/${total}`;
// Typing pauses this long before a change is saved.
const PAUSE = 500;

const state = {
  name: "",
  version: null,
  form: null,
  error: null,
  sections: [],
  view: null,
  // Unsaved changes: field key → value.
  pending: new Map(),
  timer: null,
  // One request at a time, in order.
  queue: Promise.resolve(),
  busy: 0,
  connected: true,
  changedElsewhere: false,
};

const $ = (id) => document.getElementById(id);
let pages;

// ---- saving

function change(key, value) {
  state.pending.set(key, value);
  clearTimeout(state.timer);
  state.timer = setTimeout(flush, PAUSE);
  showSaveState();
}

// Runs `work` after every request before it.
function enqueue(work) {
  const run = state.queue.then(async () => {
    state.busy++;
    showSaveState();
    try {
      return await work();
    } finally {
      state.busy--;
      showSaveState();
    }
  });
  state.queue = run.catch(() => {});
  return run;
}

// Sends the unsaved changes.
function flush() {
  clearTimeout(state.timer);
  return enqueue(async () => {
    if (state.pending.size === 0 || !state.connected) return;
    const taken = new Map(state.pending);
    state.pending.clear();
    const edits = [...taken].map(([key, value]) => ({ op: "set", ...fieldOf(key), value }));
    const reply = await send(edits);
    if (reply.status === 200) return;
    // Not saved: the changes are kept (newer typing wins).
    for (const [key, value] of taken) {
      if (!state.pending.has(key)) state.pending.set(key, value);
    }
    if (reply.status === 409) {
      conflict(reply.body);
    } else if (reply.status === 0) {
      disconnected();
    } else {
      // A value the file cannot take (a date that is no day…): said, and
      // left for the editor to correct.
      toast(reply.body.error || t("desk-ui-save-failed"), "error");
      for (const key of taken.keys()) state.pending.delete(key);
      updateForm($("form"), state.form, new Set());
    }
  });
}

async function send(edits) {
  const reply = await postJSON(`${api}/edit`, {
    version: state.version,
    edits,
    client: clientId,
  });
  if (reply.status === 200) {
    adopt(reply.body);
  }
  return reply;
}

// Takes a snapshot of the file from the server.
function adopt(snapshot) {
  const structure = shape(state.form) !== shape(snapshot.form);
  state.version = snapshot.version;
  state.form = snapshot.form;
  state.error = snapshot.error;
  state.changedElsewhere = false;
  if (structure || !snapshot.form) {
    render();
  } else {
    updateForm($("form"), state.form, new Set(state.pending.keys()));
    showHeader();
  }
  showBanner();
}

// What decides the form's controls: the articles and their pictures.
function shape(form) {
  if (!form) return "";
  return form.articles.map((a) => `${a.images.length}:${a.title === null}`).join(",");
}

// Changes to the articles as units (add, move, delete, pictures, fixes):
// saved at once, after what was typed.
async function op(edits) {
  await flush();
  return enqueue(async () => {
    const reply = await send(edits);
    if (reply.status === 200) {
      render();
    } else if (reply.status === 409) {
      // The articles may have moved meanwhile: the file as it is now.
      adopt(reply.body);
      toast(t("desk-ui-op-changed-elsewhere"), "warning");
    } else if (reply.status === 0) {
      disconnected();
    } else {
      toast(reply.body.error || t("desk-ui-save-failed"), "error");
    }
    return reply;
  });
}

async function removeArticle(n, title) {
  const reply = await op([{ op: "delete_article", article: n }]);
  if (!reply || reply.status !== 200 || !reply.body.removed.length) return;
  const [at, text] = reply.body.removed[0];
  toast(t("desk-ui-article-deleted", { title }), "info", {
    label: t("desk-ui-article-undo"),
    action: () => op([{ op: "insert_article", at, text }]),
  });
}

// A section chosen for article `n`: set, and the article moved next to
// the others of that section, as the printed issue needs.
function chooseSection(n, section) {
  const edits = [{ op: "set", article: n, key: "section", value: section }];
  if (section) {
    const others = state.form.articles
      .map((a, i) => (a.section === section && i !== n ? i : -1))
      .filter((i) => i >= 0);
    if (others.length) {
      const first = Math.min(...others);
      const last = Math.max(...others);
      if (n < first - 1) edits.push({ op: "move_article", from: n, to: last });
      else if (n > last + 1) edits.push({ op: "move_article", from: n, to: last + 1 });
    }
  }
  state.pending.delete(`a${n}.section`);
  op(edits);
}

function pictureUrl(path) {
  return `${api}/picture?path=${encodeURIComponent(path)}`;
}

function uploadPicture(n) {
  const chooser = document.createElement("input");
  chooser.type = "file";
  chooser.accept = "image/jpeg,image/png,image/svg+xml";
  chooser.addEventListener("change", async () => {
    const file = chooser.files[0];
    if (!file) return;
    await flush();
    enqueue(async () => {
      const url = `${api}/images?article=${n}&version=${state.version}&client=${clientId}&name=${encodeURIComponent(file.name)}`;
      const reply = await postBytes(url, await file.arrayBuffer());
      if (reply.status === 200) {
        adopt(reply.body.file);
        render();
        toast(t("desk-ui-picture-added", { path: reply.body.path }), "info");
      } else if (reply.status === 409) {
        adopt(reply.body);
        toast(t("desk-ui-op-changed-elsewhere"), "warning");
      } else {
        toast(reply.body.error || t("desk-ui-save-failed"), "error");
      }
    });
  });
  chooser.click();
}

async function importFiles(files) {
  for (const file of files) {
    await flush();
    await enqueue(async () => {
      const section = $("target-section").value;
      const url = `${api}/import?client=${clientId}&name=${encodeURIComponent(file.name)}` +
        (section ? `&section=${encodeURIComponent(section)}` : "");
      const reply = await postBytes(url, await file.arrayBuffer());
      if (reply.status === 200) {
        adopt(reply.body.file);
        render();
        for (const added of reply.body.added) {
          const parts = [t("desk-ui-import-paragraphs", { count: added.paragraphs })];
          if (added.source) parts.push(t("desk-ui-import-source", { source: added.source }));
          if (added.note) parts.push(t("desk-ui-import-note"));
          if (added.pictures) parts.push(t("desk-ui-import-pictures", { count: added.pictures }));
          toast(t("desk-ui-import-added", { title: added.title, file: file.name, parts: parts.join("，") }), "info");
        }
        for (const warning of reply.body.warnings) toast(warning, "warning");
        if (reply.body.punctuation) {
          toast(t("desk-ui-import-punctuation", { count: reply.body.punctuation }), "warning");
        }
        focusArticle(state.form.articles.length - 1);
      } else if (reply.status === 0) {
        disconnected();
      } else {
        toast(t("desk-ui-import-failed", { file: file.name, error: reply.body.error || "" }), "error");
      }
    });
  }
}

async function print(format) {
  await flush();
  toast(t("desk-ui-print-started"), "info");
  const reply = await postJSON(`${api}/print?format=${format}`, {});
  if (reply.status !== 200) {
    toast(reply.body.error || t("desk-ui-save-failed"), "error");
    return;
  }
  const links = reply.body.downloads.map((url, i) => {
    const link = document.createElement("a");
    link.href = url;
    link.download = "";
    link.textContent = reply.body.files[i];
    return link;
  });
  toast(t("desk-ui-print-done", { count: reply.body.files.length }), "info", null, links);
}

// ---- what the server tells

function listen() {
  const events = new EventSource(`${api}/events`);
  events.addEventListener("open", () => {
    const was = state.connected;
    state.connected = true;
    showBanner();
    showSaveState();
    if (!was && state.pending.size) flush();
  });
  events.addEventListener("error", () => disconnected());
  events.addEventListener("file", (event) => {
    const file = JSON.parse(event.data);
    if (file.origin === clientId || file.version === state.version) return;
    if (state.pending.size === 0 && state.busy === 0) {
      adopt(file);
    } else {
      // Unsaved changes here, a new file there: the next save asks.
      state.changedElsewhere = true;
      showBanner();
    }
  });
  events.addEventListener("built", (event) => {
    state.view = JSON.parse(event.data);
    pages.show(state.view, state.view.version !== state.version);
    showProblems();
  });
}

function disconnected() {
  state.connected = false;
  showBanner();
  showSaveState();
}

// ---- showing

const SAVE_STATES = {
  saved: "desk-ui-save-state-saved",
  saving: "desk-ui-save-state-saving",
  unsaved: "desk-ui-save-state-unsaved",
  offline: "desk-ui-save-state-offline",
};

function showSaveState() {
  let key = "saved";
  if (!state.connected) key = "offline";
  else if (state.busy) key = "saving";
  else if (state.pending.size) key = "unsaved";
  const node = $("save-state");
  node.textContent = t(SAVE_STATES[key]);
  node.className = key;
}

function showBanner() {
  const banner = $("banner");
  let text = null;
  if (!state.connected) text = t("desk-ui-banner-offline");
  else if (state.changedElsewhere) text = t("desk-ui-banner-changed-elsewhere");
  else if (state.error) text = t("desk-ui-banner-file-broken", { error: state.error });
  banner.hidden = !text;
  banner.textContent = text || "";
}

function showHeader() {
  const form = state.form;
  let title = t("desk-ui-title-issue", { total });
  if (form && form.date) {
    const year = form.year || form.date.slice(0, 4);
    title = t("desk-ui-title-issue-full", { total: form.total || total, year, number: form.number || "?", date: form.date });
  }
  $("title").textContent = title;
  document.title = `${title} — ${state.name}`;
}

function render() {
  const container = $("form");
  if (!state.form) {
    const note = document.createElement("p");
    note.className = "file-broken";
    note.textContent = t("desk-ui-form-unavailable", { error: state.error || "" });
    container.replaceChildren(note);
  } else {
    const sections = [...new Set([...state.sections, ...state.form.articles.map((a) => a.section).filter(Boolean)])];
    renderForm(container, state.form, sections, handlers);
    // Unsaved values stay in their controls.
    for (const [key, value] of state.pending) {
      const control = container.querySelector(`[data-field="${key}"]`);
      if (control && control.matches("input:not([type=radio]), textarea")) {
        control.value = value === null || value === false ? "" : String(value);
        if (control.tagName === "TEXTAREA") fit(control);
      }
    }
    fillImportSections(sections);
  }
  showHeader();
  showBanner();
  showProblems();
}

function fillImportSections(sections) {
  const select = $("target-section");
  const chosen = select.value;
  const none = document.createElement("option");
  none.value = "";
  none.textContent = t("desk-ui-import-section-none");
  select.replaceChildren(none, ...sections.map((name) => {
    const option = document.createElement("option");
    option.value = name;
    option.textContent = name;
    return option;
  }));
  select.value = sections.includes(chosen) ? chosen : "";
}

// Every problem at its field, and all of them above the form.
function showProblems() {
  const view = state.view;
  for (const list of document.querySelectorAll("[data-problems]")) list.replaceChildren();
  const summary = $("problems");
  summary.replaceChildren();
  if (!view) return;
  const problems = view.problems;
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  const heading = document.createElement("h2");
  heading.textContent = problems.length
    ? t("desk-ui-problems-count", { errors, warnings })
    : t("desk-ui-problems-none");
  summary.className = errors ? "has-errors" : warnings ? "has-warnings" : "clean";
  const list = document.createElement("ul");
  for (const problem of problems) {
    let key = fieldKey(problem.field);
    let place = document.querySelector(`[data-problems="${key}"]`);
    // A key the form has no control for (a misspelt one): its article.
    while (!place && key.includes(".")) {
      key = key.slice(0, key.lastIndexOf("."));
      place = document.querySelector(`[data-problems="${key}"]`);
    }
    if (place) place.append(problemItem(problem, key, false));
    list.append(problemItem(problem, key, true));
  }
  summary.append(heading, list);
}

const SEVERITIES = {
  error: "desk-ui-severity-error",
  warning: "desk-ui-severity-warning",
};

function problemItem(problem, key, withPlace) {
  const item = document.createElement("li");
  item.className = "problem " + problem.severity;
  const label = document.createElement("span");
  label.className = "severity";
  label.textContent = t(SEVERITIES[problem.severity]);
  const message = document.createElement("span");
  message.className = "message";
  // The summary names the field, unless the message does already.
  const place = withPlace && problem.field ? describe(key) : "";
  const named = problem.field && problem.field.article !== undefined && problem.field.article !== null &&
    problem.message.includes(t("desk-ui-article-heading", { n: problem.field.article + 1 }));
  message.textContent = (place && !named ? place + "：" : "") + problem.message;
  item.append(label, message);
  if (problem.fix) {
    const fix = document.createElement("button");
    fix.type = "button";
    fix.className = "fix";
    fix.textContent = t("desk-ui-problem-fix", { replacement: problem.fix.replacement });
    fix.addEventListener("click", (event) => {
      event.stopPropagation();
      op([problem.fix]);
    });
    item.append(fix);
  }
  item.title = problem.text;
  item.addEventListener("click", () => focusField(key));
  return item;
}

function focusField(key) {
  const control =
    document.querySelector(`input[data-field="${key}"], textarea[data-field="${key}"]`) ||
    document.querySelector(`[data-field="${key}"] input, [data-field="${key}"] textarea`);
  const place = control || document.querySelector(`[data-field="${key}"]`);
  if (!place) return;
  place.scrollIntoView({ block: "center", behavior: "smooth" });
  if (control) control.focus({ preventScroll: true });
  const field = place.closest(".field, .card");
  if (field) {
    field.classList.add("flash");
    setTimeout(() => field.classList.remove("flash"), 1200);
  }
}

function focusArticle(n) {
  if (n === null || n === undefined) {
    focusField("top.total");
    return;
  }
  focusField(`a${n}.title`);
}

// A short message at the bottom, with an action (undo) or links.
function toast(text, kind, action = null, links = []) {
  const note = document.createElement("div");
  note.className = "toast " + kind;
  note.setAttribute("role", kind === "error" ? "alert" : "status");
  const words = document.createElement("span");
  words.textContent = text;
  note.append(words, ...links);
  if (action) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = action.label;
    button.addEventListener("click", () => {
      action.action();
      note.remove();
    });
    note.append(button);
  }
  const close = document.createElement("button");
  close.type = "button";
  close.className = "close";
  close.textContent = "×";
  close.setAttribute("aria-label", t("desk-ui-close"));
  close.addEventListener("click", () => note.remove());
  note.append(close);
  $("toasts").append(note);
  const linger = kind === "error" || action || links.length ? 20000 : 8000;
  setTimeout(() => note.remove(), linger);
}

// The file changed elsewhere while this desk had unsaved changes: the
// editor sees both and chooses.
function conflict(now) {
  const dialog = $("conflict");
  dialog.replaceChildren();
  const heading = document.createElement("h2");
  heading.textContent = t("desk-ui-conflict-title");
  const explain = document.createElement("p");
  explain.textContent = t("desk-ui-conflict-explain");
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  for (const key of ["desk-ui-conflict-field", "desk-ui-conflict-mine", "desk-ui-conflict-theirs"]) {
    const cell = document.createElement("th");
    cell.textContent = t(key);
    head.append(cell);
  }
  const body = table.createTBody();
  const shown = (value) =>
    value === null || value === undefined ? t("desk-ui-conflict-empty") : value === false ? t("desk-ui-field-contents-none") : String(value);
  const keys = new Set(state.pending.keys());
  for (const key of keys) {
    const row = body.insertRow();
    row.insertCell().textContent = describe(key);
    row.insertCell().textContent = shown(state.pending.get(key));
    row.insertCell().textContent = now.form ? shown(valueAt(now.form, key)) : now.error;
  }
  // What else changed there.
  if (state.form && now.form) {
    const others = changedKeys(state.form, now.form).filter((k) => !keys.has(k));
    for (const key of others) {
      const row = body.insertRow();
      row.className = "theirs-only";
      row.insertCell().textContent = describe(key);
      row.insertCell().textContent = shown(valueAt(state.form, key));
      row.insertCell().textContent = shown(valueAt(now.form, key));
    }
  }
  const keep = document.createElement("button");
  keep.type = "button";
  keep.id = "conflict-keep";
  keep.textContent = t("desk-ui-conflict-keep");
  keep.disabled = !now.form;
  keep.addEventListener("click", () => {
    dialog.close();
    const mine = new Map(state.pending);
    state.pending.clear();
    adopt(now);
    render();
    for (const [key, value] of mine) state.pending.set(key, value);
    render();
    flush();
  });
  const theirs = document.createElement("button");
  theirs.type = "button";
  theirs.id = "conflict-theirs";
  theirs.textContent = t("desk-ui-conflict-take-theirs");
  theirs.addEventListener("click", () => {
    dialog.close();
    state.pending.clear();
    adopt(now);
    render();
  });
  dialog.append(heading, explain, table, keep, theirs);
  if (!dialog.open) dialog.showModal();
}

// Field keys whose values differ between two forms (same articles).
function changedKeys(a, b) {
  const keys = [];
  for (const key of ["total", "number", "date", "year", "editor", "reviewer"]) {
    if (a[key] !== b[key]) keys.push("top." + key);
  }
  const n = Math.min(a.articles.length, b.articles.length);
  for (let i = 0; i < n; i++) {
    for (const key of ["section", "title", "contents", "source", "note", "body"]) {
      if (JSON.stringify(a.articles[i][key]) !== JSON.stringify(b.articles[i][key])) keys.push(`a${i}.${key}`);
    }
  }
  if (a.articles.length !== b.articles.length) keys.push("articles");
  return keys;
}

const handlers = {
  change,
  op,
  remove: removeArticle,
  section: chooseSection,
  upload: uploadPicture,
  pictureUrl,
  focusPages: (n) => pages.reveal(n),
};

function wireHeader() {
  $("home").textContent = t("desk-ui-home-link");
  $("import").textContent = t("desk-ui-import-button");
  $("target-section-label").querySelector("span").textContent = t("desk-ui-import-section");
  $("print-pdf").textContent = t("desk-ui-print-pdf");
  $("print-png").textContent = t("desk-ui-print-png");
  $("import").addEventListener("click", () => $("contribution-chooser").click());
  $("contribution-chooser").addEventListener("change", (event) => {
    importFiles([...event.target.files]);
    event.target.value = "";
  });
  $("print-pdf").addEventListener("click", () => print("pdf"));
  $("print-png").addEventListener("click", () => print("png"));
  // Files dropped anywhere on the desk are imported.
  const hint = $("drop-hint");
  hint.textContent = t("desk-ui-drop-hint");
  const carriesFiles = (event) => [...event.dataTransfer.types].includes("Files");
  document.addEventListener("dragover", (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    hint.hidden = false;
  });
  document.addEventListener("dragleave", (event) => {
    if (event.relatedTarget === null) hint.hidden = true;
  });
  document.addEventListener("drop", (event) => {
    hint.hidden = true;
    if (!carriesFiles(event)) return;
    event.preventDefault();
    importFiles([...event.dataTransfer.files]);
  });
  // Leaving with unsaved changes: sent on the way out, and asked about.
  window.addEventListener("beforeunload", (event) => {
    if (state.pending.size) {
      flush();
      event.preventDefault();
    }
  });
}

async function start() {
  await loadStrings();
  wireHeader();
  showSaveState();
  const { status, body } = await getJSON(api);
  if (status !== 200) {
    $("form").textContent = body.error || t("desk-ui-server-gone");
    return;
  }
  state.name = body.name;
  state.sections = body.sections;
  state.version = body.file.version;
  state.form = body.file.form;
  state.error = body.file.error;
  state.view = body.view;
  pages = new Pages($("pages"), $("pages-state"), total, focusArticle);
  render();
  pages.show(state.view, state.view.version !== state.version);
  listen();
  document.body.dataset.ready = "true";
}

start();
