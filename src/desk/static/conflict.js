// The file changed elsewhere while this desk had unsaved changes: the
// editor sees both sides and chooses; nothing is resolved silently.

import * as state from "/static/state.js";
import { t } from "/static/strings.js";
import { describe, valueAt } from "/static/form.js";

// Shows the unsaved changes beside `now` (the file as it is, from the
// 409), and what else changed there. `keep()` and `theirs()` are the
// editor's two choices.
export function showConflict(now, { keep, theirs }) {
  const dialog = document.getElementById("conflict");
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
  const row = (key, mine, theirs, className) => {
    const cells = body.insertRow();
    if (className) cells.className = className;
    cells.insertCell().textContent = describe(key);
    cells.insertCell().textContent = mine;
    cells.insertCell().textContent = theirs;
  };
  const unsaved = state.unsavedChanges();
  for (const [key, value] of unsaved) {
    row(key, shown(value), now.form ? shown(valueAt(now.form, key)) : now.error);
  }
  // What else changed there.
  const before = state.form();
  if (before && now.form) {
    for (const key of changedKeys(before, now.form).filter((k) => !unsaved.has(k))) {
      row(key, shown(valueAt(before, key)), shown(valueAt(now.form, key)), "theirs-only");
    }
  }
  const choice = (id, words, chosen) => {
    const button = document.createElement("button");
    button.type = "button";
    button.id = id;
    button.textContent = t(words);
    button.addEventListener("click", () => {
      dialog.close();
      chosen();
    });
    return button;
  };
  const mine = choice("conflict-keep", "desk-ui-conflict-keep", keep);
  mine.disabled = !now.form;
  dialog.replaceChildren(heading, explain, table, mine, choice("conflict-theirs", "desk-ui-conflict-take-theirs", theirs));
  if (!dialog.open) dialog.showModal();
}

function shown(value) {
  if (value === null || value === undefined) return t("desk-ui-conflict-empty");
  if (value === false) return t("desk-ui-field-contents-none");
  return String(value);
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
