// Saving. The issue file on disk is the one true copy: every change in
// the form is sent shortly after typing pauses, with the version of the
// file it was made to, one request at a time and in order; a file changed
// elsewhere meanwhile is never written over silently (the server answers
// 409 and the editor chooses).

import * as state from "/static/state.js";
import { clientId, request } from "/static/api.js";
import { t } from "/static/strings.js";
import { toast } from "/static/notices.js";
import { showConflict } from "/static/conflict.js";
import { fieldOf } from "/static/form.js";

// Typing pauses this long before a change is saved.
const PAUSE = 500;

let timer = null;
// One request at a time, in order.
let queue = Promise.resolve();

const issueUrl = (path) => `/api/issues/${state.issueTotal()}${path}`;

// What the editor typed in field `key`: kept, and sent once typing pauses.
export function change(key, value) {
  state.typed(key, value);
  clearTimeout(timer);
  timer = setTimeout(flush, PAUSE);
}

// Runs `work` after every request before it.
function enqueue(work) {
  const run = queue.then(async () => {
    state.working(1);
    try {
      return await work();
    } finally {
      state.working(-1);
    }
  });
  queue = run.catch(() => {});
  return run;
}

// Sends the unsaved changes. They stay unsaved until the server has them:
// kept through a conflict or a lost connection, dropped if refused.
export function flush() {
  clearTimeout(timer);
  return enqueue(async () => {
    const sent = state.unsavedChanges();
    if (sent.size === 0 || !state.isOnline()) return;
    const edits = [...sent].map(([key, value]) => ({ op: "set", ...fieldOf(key), value }));
    const saved = await exchange(
      "/edit",
      { version: state.version(), edits, client: clientId },
      // A value the file cannot take (a date that is no day…): said, and
      // the field shows the file's value again, for the editor to correct.
      { refused: () => state.settled(sent, { reset: true }) },
    );
    if (saved) {
      state.adopt(saved);
      state.settled(sent);
    }
  });
}

// Runs `work` after what was typed is sent, in turn with every request.
export async function inTurn(work) {
  await flush();
  return enqueue(work);
}

// Changes to the articles as units (add, move, delete, pictures, fixes):
// saved at once, after what was typed. The saved file, or null.
export function op(edits) {
  return inTurn(async () => {
    const saved = await exchange("/edit", { version: state.version(), edits, client: clientId });
    if (saved) state.adopt(saved, { redraw: true });
    return saved;
  });
}

// Sends `body` (JSON, or an ArrayBuffer) to the issue's `path` and acts on
// the reply, the one place every reply is: its body when done; otherwise
// null, and the editor has been told. A conflict shows both sides while
// there are unsaved changes, else the file as it is now is taken and the
// editor asked to do it again. `words(error)` says a refusal; `refused()`
// follows it.
export async function exchange(path, body, { words = (error) => error, refused = () => {} } = {}) {
  const reply = await request("POST", issueUrl(path), body);
  switch (reply.kind) {
    case "ok":
      return reply.body;
    case "offline":
      state.setOnline(false);
      return null;
    case "conflict":
      if (state.hasUnsaved()) {
        showConflict(reply.body, { keep: () => keepMine(reply.body), theirs: () => takeTheirs(reply.body) });
      } else {
        state.adopt(reply.body, { redraw: true });
        toast(t("desk-ui-op-changed-elsewhere"), "warning");
      }
      return null;
    default:
      toast(words(reply.error) || t("desk-ui-save-failed"), "error");
      refused();
      return null;
  }
}

// The editor's changes over the file as it is now.
function keepMine(now) {
  state.adopt(now, { redraw: true });
  flush();
}

// The file as it is now; the editor's changes dropped.
function takeTheirs(now) {
  state.discardUnsaved();
  state.adopt(now, { redraw: true });
}
