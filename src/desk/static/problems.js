// The problems of the last build: each at its field, and all of them in a
// list above the form. A problem is placed by where it is, never by what
// it says: its `field` ({article, image, key}, as the server found it
// from the problem's place in the file), or, for a problem outside the
// issue's fields, its line and column, named in the list.

import { t } from "/static/strings.js";
import { describe, fieldKey } from "/static/form.js";
import { op } from "/static/save.js";

const SEVERITIES = {
  error: "desk-ui-severity-error",
  warning: "desk-ui-severity-warning",
};

// Shows the problems of `view` (the last build; none before the first).
export function showProblems(view) {
  for (const list of document.querySelectorAll("[data-problems]")) list.replaceChildren();
  const summary = document.getElementById("problems");
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
  const all = document.createElement("ul");
  for (const problem of problems) {
    const { key, list } = placeOf(problem);
    if (list) list.append(item(problem, key, null));
    all.append(item(problem, key, where(problem, key)));
  }
  summary.append(heading, all);
}

// The field a problem is shown at, and its list there: the field named,
// or the nearest the form has around it (a key it has no control for, a
// misspelt one: its article). A problem without a field is in the
// summary only.
function placeOf(problem) {
  if (!problem.field) return { key: null, list: null };
  let key = fieldKey(problem.field);
  let list = listOf(key);
  while (!list && key.includes(".")) {
    key = key.slice(0, key.lastIndexOf("."));
    list = listOf(key);
  }
  return { key, list };
}

function listOf(key) {
  return document.querySelector(`[data-problems="${CSS.escape(key)}"]`);
}

// Where a problem is, in words, for the summary.
function where(problem, key) {
  if (key) return describe(key);
  if (problem.line) return t("desk-ui-problem-line", { line: problem.line, column: problem.column ?? 1 });
  return "";
}

// One problem as a list item; `place`: the words for where it is (in the
// summary), or null (at its field).
function item(problem, key, place) {
  const node = document.createElement("li");
  node.className = "problem " + problem.severity;
  if (key) node.dataset.place = key;
  const label = document.createElement("span");
  label.className = "severity";
  label.textContent = t(SEVERITIES[problem.severity]);
  node.append(label);
  if (place) {
    const at = document.createElement("span");
    at.className = "place";
    at.textContent = place;
    node.append(at);
  }
  const message = document.createElement("span");
  message.className = "message";
  message.textContent = problem.message;
  node.append(message);
  if (problem.fix) {
    const fix = document.createElement("button");
    fix.type = "button";
    fix.className = "fix";
    fix.textContent = t("desk-ui-problem-fix", { replacement: problem.fix.replacement });
    fix.addEventListener("click", (event) => {
      event.stopPropagation();
      op([problem.fix]);
    });
    node.append(fix);
  }
  node.title = problem.text;
  if (key) node.addEventListener("click", () => focusField(key));
  return node;
}

// Brings field `key` into view, its control focused.
export function focusField(key) {
  const control =
    document.querySelector(`#form input[data-field="${key}"], #form textarea[data-field="${key}"]`) ||
    document.querySelector(`#form [data-field="${key}"] input, #form [data-field="${key}"] textarea`);
  const place = control || document.querySelector(`#form [data-field="${key}"]`);
  if (!place) return;
  place.scrollIntoView({ block: "center", behavior: "smooth" });
  if (control) control.focus({ preventScroll: true });
  const field = place.closest(".field, .card");
  if (field) {
    field.classList.add("flash");
    setTimeout(() => field.classList.remove("flash"), 1200);
  }
}

// Brings article `n` into view, its title focused (null: the issue's own
// fields).
export function focusArticle(n) {
  focusField(n === null || n === undefined ? "top.total" : `a${n}.title`);
}
