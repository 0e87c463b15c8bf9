// Talking to the desk's server. Every request goes through `request`, the
// one place a reply is read; it comes back as one of:
//
//   { kind: "ok", body }        done (2xx); `body` is its JSON
//   { kind: "conflict", body }  409: the file changed meanwhile; `body` is
//                               the file as it is now (version, form,
//                               error, text)
//   { kind: "refused", status, error }
//                               not done: an edit the file cannot take
//                               (422), anything else the server refused,
//                               or an answer that is not JSON; `error` is
//                               the server's words, or null
//   { kind: "offline", error }  no answer: the server cannot be reached
//
// What the editor is shown of it is decided by the caller (save.js).

// `body`: JSON, or an ArrayBuffer sent as it is (an upload).
export async function request(method, url, body) {
  const options = { method, credentials: "same-origin" };
  if (body instanceof ArrayBuffer) {
    options.body = body;
  } else if (body !== undefined) {
    options.headers = { "Content-Type": "application/json" };
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, options);
  } catch (error) {
    return { kind: "offline", error: String(error) };
  }
  let json = null;
  try {
    json = await response.json();
  } catch {
    // Not JSON (a proxy's error page, a cut-off answer): refused below.
  }
  const readable = json !== null && typeof json === "object";
  if (response.ok && readable) return { kind: "ok", body: json };
  if (response.status === 409 && readable && "version" in json) {
    return { kind: "conflict", body: json };
  }
  const error = readable && typeof json.error === "string" ? json.error : null;
  return { kind: "refused", status: response.status, error };
}

// A name for this tab, so that its own changes are told from others'.
export const clientId =
  Math.random().toString(36).slice(2) + Date.now().toString(36);
