// `/issues/<total>`: one issue's desk. This module starts it and shows
// the state (state.js) as it changes; saving is save.js's, the fields
// form.js's, the pages preview.js's, the problems problems.js's. Changes
// made elsewhere, and every build, come as server-sent events.

import { loadStrings, t } from "/static/strings.js";
import { clientId, request } from "/static/api.js";
import * as state from "/static/state.js";
import { change, flush, op } from "/static/save.js";
import { renderForm, shape, updateForm } from "/static/form.js";
import { Preview } from "/static/preview.js";
import { focusArticle, showProblems } from "/static/problems.js";
import { showBanner, showSaveState } from "/static/notices.js";
import { chooseSection, fillImportSections, pictureUrl, removeArticle, uploadPicture, wireBar } from "/static/actions.js";

const $ = (id) => document.getElementById(id);
const total = Number(location.pathname.split("/").filter(Boolean).pop());
const preview = new Preview($("pages"), $("pages-state"), focusArticle);

// What the form's controls do.
const handlers = Object.freeze({
  change,
  op,
  remove: removeArticle,
  section: chooseSection,
  upload: uploadPicture,
  pictureUrl,
  focusPages: (n) => preview.reveal(n),
});

// The form drawn anew from the file, with the problems at its fields.
function draw() {
  const form = state.form();
  if (form) {
    const sections = state.knownSections();
    renderForm($("form"), form, sections, state.unsavedChanges(), handlers);
    fillImportSections(sections);
  } else {
    const note = document.createElement("p");
    note.className = "file-broken";
    note.textContent = t("desk-ui-form-unavailable", { error: state.fileError() || "" });
    $("form").replaceChildren(note);
  }
  showHeader();
  showBanner();
  showProblems(state.lastBuild());
}

// Only the values: the controls, their focus and caret stay.
function update() {
  updateForm($("form"), state.form(), new Set(state.unsavedChanges().keys()));
  showHeader();
}

function showHeader() {
  const form = state.form();
  let title = t("desk-ui-title-issue", { total });
  if (form && form.date) {
    const year = form.year || form.date.slice(0, 4);
    title = t("desk-ui-title-issue-full", { total: form.total || total, year, number: form.number || "?", date: form.date });
  }
  $("title").textContent = title;
  document.title = `${title} — ${state.publicationName()}`;
}

function shown(change) {
  switch (change.what) {
    case "file":
      if (change.redraw || !state.form() || shape(change.before) !== shape(state.form())) draw();
      else update();
      showBanner();
      preview.show();
      break;
    case "unsaved":
      if (change.reset.length && state.form()) update();
      showSaveState();
      break;
    case "busy":
      showSaveState();
      break;
    case "online":
      showBanner();
      showSaveState();
      break;
    case "elsewhere":
      showBanner();
      break;
    case "view":
      preview.show();
      showProblems(state.lastBuild());
      break;
  }
}

// What the server tells: the file changed, a build done, and whether it
// is there at all.
function listen() {
  const events = new EventSource(`/api/issues/${total}/events`);
  events.addEventListener("open", () => {
    const was = state.isOnline();
    state.setOnline(true);
    if (!was && state.hasUnsaved()) flush();
  });
  events.addEventListener("error", () => state.setOnline(false));
  events.addEventListener("file", (event) => {
    const file = JSON.parse(event.data);
    if (file.origin === clientId || file.version === state.version()) return;
    if (!state.hasUnsaved() && !state.busy()) state.adopt(file);
    // Unsaved changes here, a new file there: the next save asks.
    else state.fileChangedElsewhere();
  });
  events.addEventListener("built", (event) => state.built(JSON.parse(event.data)));
}

async function start() {
  await loadStrings();
  wireBar();
  showSaveState();
  const reply = await request("GET", `/api/issues/${total}`);
  if (reply.kind !== "ok") {
    $("form").textContent = reply.error || t("desk-ui-server-gone");
    return;
  }
  const opened = reply.body;
  state.open(total, opened, opened.file, opened.view);
  state.watch(shown);
  draw();
  preview.show();
  listen();
  // Leaving with unsaved changes: sent on the way out, and asked about.
  window.addEventListener("beforeunload", (event) => {
    if (state.hasUnsaved()) {
      flush();
      event.preventDefault();
    }
  });
  document.body.dataset.ready = "true";
}

start();
