// The desk's state, owned here: the issue file as last seen on the
// server, the editor's unsaved changes, the last build, and whether the
// server is there. Other modules read it through the functions below and
// change it only through the functions below; whoever shows it watches
// and is told what changed. What is handed out cannot be changed: the
// file and the build are frozen, the unsaved changes are copies.

let total = null;
let name = "";
let sections = [];
// The file: its version, its form (null when it cannot be read) and why.
let file = Object.freeze({ version: null, form: null, error: null });
// Unsaved changes: field key → value, newest typing last.
const unsaved = new Map();
let view = null;
let online = true;
let elsewhere = false;
let requests = 0;
const watchers = [];

function freeze(value) {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.values(value).forEach(freeze);
    Object.freeze(value);
  }
  return value;
}

function tell(change) {
  for (const watcher of watchers) watcher(change);
}

// `watcher(change)` after every change; `change.what` says which:
// "file" (with `before`, the form it replaced, and `redraw`), "unsaved"
// (with `reset`, keys whose controls should show the file again),
// "busy", "online", "elsewhere", "view".
export function watch(watcher) {
  watchers.push(watcher);
}

// ---- reading

export const issueTotal = () => total;
export const publicationName = () => name;
export const version = () => file.version;
export const form = () => file.form;
export const fileError = () => file.error;
export const lastBuild = () => view;
export const unsavedChanges = () => new Map(unsaved);
export const hasUnsaved = () => unsaved.size > 0;
export const busy = () => requests > 0;
export const isOnline = () => online;
export const changedElsewhere = () => elsewhere;

// The publication's sections and those the issue uses, in order.
export function knownSections() {
  const used = file.form ? file.form.articles.map((a) => a.section).filter(Boolean) : [];
  return [...new Set([...sections, ...used])];
}

// ---- changing

// The desk opened: the issue, the publication, the file and the last build.
export function open(issue, publication, snapshot, build) {
  total = issue;
  name = publication.name;
  sections = freeze([...publication.sections]);
  file = freeze({ version: snapshot.version, form: snapshot.form, error: snapshot.error });
  view = freeze(build);
}

// The file as the server has it now. `redraw`: the form is drawn anew
// (articles added, moved or fixed) rather than only its values updated.
export function adopt(snapshot, { redraw = false } = {}) {
  const before = file.form;
  file = freeze({
    version: snapshot.version,
    form: snapshot.form ?? null,
    error: snapshot.error ?? null,
  });
  elsewhere = false;
  tell({ what: "file", before, redraw });
}

// A change the editor typed, not saved yet.
export function typed(key, value) {
  unsaved.set(key, value);
  tell({ what: "unsaved", reset: [] });
}

// Changes sent (`sent`, as unsavedChanges gave them) are done with: saved,
// or refused (`reset`: their controls show the file's value again). A
// field typed in since keeps its newer value.
export function settled(sent, { reset = false } = {}) {
  const gone = [];
  for (const [key, value] of sent) {
    if (unsaved.has(key) && Object.is(unsaved.get(key), value)) {
      unsaved.delete(key);
      gone.push(key);
    }
  }
  tell({ what: "unsaved", reset: reset ? gone : [] });
}

// The editor chose the file's version over the unsaved changes.
export function discardUnsaved() {
  const gone = [...unsaved.keys()];
  unsaved.clear();
  tell({ what: "unsaved", reset: gone });
}

// A request starts (+1) or ends (-1).
export function working(step) {
  requests += step;
  tell({ what: "busy" });
}

export function setOnline(up) {
  if (online === up) return;
  online = up;
  tell({ what: "online" });
}

// The file changed elsewhere while this desk has unsaved changes.
export function fileChangedElsewhere() {
  elsewhere = true;
  tell({ what: "elsewhere" });
}

// A build finished: its pages, anchors and problems.
export function built(build) {
  view = freeze(build);
  tell({ what: "view" });
}
