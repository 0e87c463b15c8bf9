// The pages as they will print, beside the form. Each page is an SVG
// picture named by its digest: after a build only the pages whose digest
// changed are fetched, and each is swapped in once loaded, so the view
// neither flickers nor jumps. A click on a page finds the article printed
// there.

import * as state from "/static/state.js";
import { t } from "/static/strings.js";

export class Preview {
  // The pages go into `container`, what they show into `status`; a click
  // on a page calls `onArticle` with the article printed there (null: the
  // masthead).
  constructor(container, status, onArticle) {
    this.container = container;
    this.status = status;
    this.onArticle = onArticle;
    this.container.addEventListener("click", (event) => this.clicked(event));
  }

  // Shows the last build: its pages, and whether they are out of date (a
  // build of an older version of the file: a newer one is on its way).
  show() {
    const view = state.lastBuild();
    if (!view) return;
    const building = view.version !== state.version();
    const pages = view.pages;
    let figures = [...this.container.querySelectorAll("figure.page")];
    for (let i = figures.length; i < pages.length; i++) {
      const image = document.createElement("img");
      image.alt = t("desk-ui-page-alt", { n: i + 1 });
      image.draggable = false;
      const caption = document.createElement("figcaption");
      caption.textContent = t("desk-ui-page-number", { n: i + 1 });
      const figure = document.createElement("figure");
      figure.className = "page";
      figure.dataset.page = String(i + 1);
      figure.append(image, caption);
      this.container.append(figure);
    }
    figures = [...this.container.querySelectorAll("figure.page")];
    figures.slice(pages.length).forEach((figure) => figure.remove());
    pages.forEach((page, i) => {
      const figure = figures[i];
      figure.style.aspectRatio = `${page.width} / ${page.height}`;
      if (figure.dataset.hash === page.hash) return;
      figure.dataset.hash = page.hash;
      const url = `/api/issues/${state.issueTotal()}/pages/${i + 1}?h=${page.hash}`;
      const image = figure.querySelector("img");
      // Loaded first, then swapped in: no empty page while it comes.
      const next = new Image();
      next.onload = () => {
        if (figure.dataset.hash === page.hash) {
          image.src = url;
          figure.dataset.shown = page.hash;
        }
      };
      next.src = url;
    });
    this.container.classList.toggle("out-of-date", view.out_of_date);
    let status = "";
    if (view.out_of_date) status = t("desk-ui-pages-out-of-date");
    else if (building) status = t("desk-ui-pages-building");
    else if (pages.length) status = t("desk-ui-pages-count", { count: pages.length });
    this.status.textContent = status;
    this.status.className = view.out_of_date ? "out-of-date" : building ? "building" : "";
  }

  // The article printed where the page was clicked: the last title at or
  // above the spot (none above the first title: the masthead).
  clicked(event) {
    const view = state.lastBuild();
    const image = event.target.closest("figure.page img");
    if (!image || !view) return;
    const page = Number(image.parentElement.dataset.page);
    const size = view.pages[page - 1];
    if (!size) return;
    const box = image.getBoundingClientRect();
    const y = ((event.clientY - box.top) / box.height) * size.height;
    let found = null;
    for (const anchor of view.anchors) {
      if (anchor.page < page || (anchor.page === page && anchor.y <= y + 12)) {
        found = anchor.article;
      }
    }
    this.onArticle(found);
  }

  // Scrolls the pages to where article `n`'s title stands.
  reveal(n) {
    const view = state.lastBuild();
    if (!view) return;
    const anchor = view.anchors.find((a) => a.article === n);
    if (!anchor) return;
    const figure = this.container.querySelector(`figure.page[data-page="${anchor.page}"]`);
    const size = view.pages[anchor.page - 1];
    if (!figure || !size) return;
    const image = figure.querySelector("img");
    const offset = (anchor.y / size.height) * image.clientHeight;
    this.container.parentElement.scrollTo({
      top: figure.offsetTop + offset - 40,
      behavior: "smooth",
    });
  }
}
