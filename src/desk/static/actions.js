// What the editor's buttons do beyond typing: articles deleted (and
// brought back) or put in a section, pictures added, contributions
// imported (chosen, or dropped anywhere on the desk), the issue printed.

import * as state from "/static/state.js";
import { clientId } from "/static/api.js";
import { t } from "/static/strings.js";
import { toast } from "/static/notices.js";
import { exchange, flush, inTurn, op } from "/static/save.js";
import { focusArticle } from "/static/problems.js";

const $ = (id) => document.getElementById(id);

// Deletes article `n`, with an undo that puts its text back as it was.
export async function removeArticle(n, title) {
  const saved = await op([{ op: "delete_article", article: n }]);
  if (!saved || !saved.removed.length) return;
  const [at, text] = saved.removed[0];
  toast(t("desk-ui-article-deleted", { title }), "info", {
    label: t("desk-ui-article-undo"),
    action: () => op([{ op: "insert_article", at, text }]),
  });
}

// A section chosen for article `n`: set, and the article moved next to
// the others of that section, as the printed issue needs.
export function chooseSection(n, section) {
  const edits = [{ op: "set", article: n, key: "section", value: section }];
  if (section) {
    const others = state
      .form()
      .articles.map((a, i) => (a.section === section && i !== n ? i : -1))
      .filter((i) => i >= 0);
    if (others.length) {
      const first = Math.min(...others);
      const last = Math.max(...others);
      if (n < first - 1) edits.push({ op: "move_article", from: n, to: last });
      else if (n > last + 1) edits.push({ op: "move_article", from: n, to: last + 1 });
    }
  }
  op(edits);
}

export function pictureUrl(path) {
  return `/api/issues/${state.issueTotal()}/picture?path=${encodeURIComponent(path)}`;
}

// A picture chosen for article `n`, copied into the publication.
export function uploadPicture(n) {
  const chooser = document.createElement("input");
  chooser.type = "file";
  chooser.accept = "image/jpeg,image/png,image/svg+xml";
  chooser.addEventListener("change", () => {
    const file = chooser.files[0];
    if (!file) return;
    inTurn(async () => {
      const query = `article=${n}&version=${state.version()}&client=${clientId}&name=${encodeURIComponent(file.name)}`;
      const added = await exchange(`/images?${query}`, await file.arrayBuffer());
      if (!added) return;
      state.adopt(added.file, { redraw: true });
      toast(t("desk-ui-picture-added", { path: added.path }), "info");
    });
  });
  chooser.click();
}

// Each contribution (.docx, .txt) becomes an article at the end, in the
// section chosen in the bar.
export async function importFiles(files) {
  for (const file of files) {
    await inTurn(async () => {
      const section = $("target-section").value;
      const query = `client=${clientId}&name=${encodeURIComponent(file.name)}` +
        (section ? `&section=${encodeURIComponent(section)}` : "");
      const imported = await exchange(`/import?${query}`, await file.arrayBuffer(), {
        words: (error) => t("desk-ui-import-failed", { file: file.name, error: error || "" }),
      });
      if (!imported) return;
      state.adopt(imported.file, { redraw: true });
      for (const added of imported.added) {
        const parts = [t("desk-ui-import-paragraphs", { count: added.paragraphs })];
        if (added.source) parts.push(t("desk-ui-import-source", { source: added.source }));
        if (added.note) parts.push(t("desk-ui-import-note"));
        if (added.pictures) parts.push(t("desk-ui-import-pictures", { count: added.pictures }));
        toast(t("desk-ui-import-added", { title: added.title, file: file.name, parts: parts.join("，") }), "info");
      }
      for (const warning of imported.warnings) toast(warning, "warning");
      if (imported.punctuation) {
        toast(t("desk-ui-import-punctuation", { count: imported.punctuation }), "warning");
      }
      focusArticle(state.form().articles.length - 1);
    });
  }
}

// The issue printed as PDF or PNG, with links to the files.
async function print(format) {
  await flush();
  toast(t("desk-ui-print-started"), "info");
  const printed = await exchange(`/print?format=${format}`, {});
  if (!printed) return;
  const links = printed.downloads.map((url, i) => {
    const link = document.createElement("a");
    link.href = url;
    link.download = "";
    link.textContent = printed.files[i];
    return link;
  });
  toast(t("desk-ui-print-done", { count: printed.files.length }), "info", null, links);
}

// The sections a contribution may be imported into.
export function fillImportSections(sections) {
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

// The bar's buttons, and files dropped anywhere on the desk.
export function wireBar() {
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
}
