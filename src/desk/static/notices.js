// What the desk tells the editor outside the form: short messages at the
// bottom (toasts), the banner under the bar, and whether all is saved.

import * as state from "/static/state.js";
import { t } from "/static/strings.js";

const $ = (id) => document.getElementById(id);

// A short message at the bottom, with an action (undo) or links.
export function toast(text, kind, action = null, links = []) {
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

const SAVE_STATES = {
  saved: "desk-ui-save-state-saved",
  saving: "desk-ui-save-state-saving",
  unsaved: "desk-ui-save-state-unsaved",
  offline: "desk-ui-save-state-offline",
};

export function showSaveState() {
  let key = "saved";
  if (!state.isOnline()) key = "offline";
  else if (state.busy()) key = "saving";
  else if (state.hasUnsaved()) key = "unsaved";
  const node = $("save-state");
  node.textContent = t(SAVE_STATES[key]);
  node.className = key;
}

export function showBanner() {
  const banner = $("banner");
  let text = null;
  if (!state.isOnline()) text = t("desk-ui-banner-offline");
  else if (state.changedElsewhere()) text = t("desk-ui-banner-changed-elsewhere");
  else if (state.fileError()) text = t("desk-ui-banner-file-broken", { error: state.fileError() });
  banner.hidden = !text;
  banner.textContent = text || "";
}
