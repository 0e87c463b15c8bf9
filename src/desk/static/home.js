// `/`: the publication's issues, as `bulletin list` shows them, each with
// a link to its desk; and a button that starts the next issue as
// `bulletin new` does.

import { loadStrings, t } from "/static/strings.js";
import { request } from "/static/api.js";

// Whether the PDF is up to date, in words.
const PDF = {
  none: "desk-ui-home-pdf-none",
  stale: "desk-ui-home-pdf-stale",
  fresh: "desk-ui-home-pdf-fresh",
};

async function show() {
  const reply = await request("GET", "/api/publication");
  const main = document.getElementById("issues");
  main.replaceChildren();
  if (reply.kind !== "ok") {
    main.append(paragraph(reply.error || t("desk-ui-server-gone"), "error"));
    return;
  }
  const body = reply.body;
  document.title = body.name;
  document.getElementById("name").textContent = body.name;

  const start = document.createElement("button");
  start.id = "new-issue";
  start.type = "button";
  start.textContent = t("desk-ui-home-new-issue");
  start.addEventListener("click", startNext);
  main.append(start);

  if (body.issues.length === 0) {
    main.append(paragraph(t("desk-ui-home-none")));
    return;
  }
  const table = document.createElement("table");
  table.className = "issues";
  const head = table.createTHead().insertRow();
  for (const key of [
    "desk-ui-home-total",
    "desk-ui-home-issue",
    "desk-ui-home-date",
    "desk-ui-home-articles",
    "desk-ui-home-pdf",
    "desk-ui-home-desk",
  ]) {
    const cell = document.createElement("th");
    cell.textContent = t(key);
    head.append(cell);
  }
  const rows = table.createTBody();
  for (const issue of [...body.issues].reverse()) {
    const row = rows.insertRow();
    row.dataset.total = issue.file_total;
    const h = issue.heading;
    const cells = h
      ? [
          t("desk-ui-home-total-value", { total: h.total }),
          t("desk-ui-home-issue-value", { year: h.year, number: h.number }),
          h.date,
          String(h.articles),
          t(PDF[issue.pdf]),
        ]
      : [String(issue.file_total), "?", "?", "?", t("desk-ui-home-unreadable")];
    for (const text of cells) {
      row.insertCell().textContent = text;
    }
    const link = document.createElement("a");
    link.href = "/issues/" + issue.file_total;
    link.textContent = t("desk-ui-home-open");
    row.insertCell().append(link);
  }
  main.append(table);
}

async function startNext(event) {
  event.target.disabled = true;
  const reply = await request("POST", "/api/issues", {});
  if (reply.kind === "ok") {
    location.href = "/issues/" + reply.body.total;
    return;
  }
  event.target.disabled = false;
  const main = document.getElementById("issues");
  main.prepend(paragraph(reply.error || t("desk-ui-server-gone"), "error"));
}

function paragraph(text, kind) {
  const p = document.createElement("p");
  p.textContent = text;
  if (kind) p.className = kind;
  return p;
}

await loadStrings();
await show();
