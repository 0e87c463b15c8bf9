// The desk's words, from the catalogue (locales/zh-CN/desk.ftl, the
// `desk-ui-` messages), asked for once.

import { request } from "/static/api.js";

let strings = {};

export async function loadStrings() {
  const reply = await request("GET", "/api/strings");
  // Without them each message shows as its key: still usable.
  if (reply.kind === "ok") strings = Object.freeze(reply.body);
}

// The message `key` (a `desk-ui-` key of the catalogue), its `{name}`
// places filled from `args`.
export function t(key, args = {}) {
  const text = strings[key];
  if (text === undefined) {
    return key;
  }
  return text.replace(/\{([a-z0-9_-]+)\}/g, (whole, name) =>
    name in args ? String(args[name]) : whole,
  );
}
