// Talking to the desk's server: JSON in and out, uploads as raw bytes.
// Every answer comes back as { status, body }; a server that cannot be
// reached gives status 0.

export async function getJSON(url) {
  return call(url, { method: "GET" });
}

export async function postJSON(url, body) {
  return call(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

export async function postBytes(url, bytes) {
  return call(url, { method: "POST", body: bytes });
}

async function call(url, options) {
  let response;
  try {
    response = await fetch(url, { ...options, credentials: "same-origin" });
  } catch (error) {
    return { status: 0, body: { error: String(error) } };
  }
  let body = null;
  try {
    body = await response.json();
  } catch (error) {
    body = {};
  }
  return { status: response.status, body };
}

// A name for this tab, so that its own changes are told from others'.
export const clientId =
  Math.random().toString(36).slice(2) + Date.now().toString(36);
