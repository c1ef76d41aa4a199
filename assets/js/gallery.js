// Photo gallery lightbox — progressive enhancement for layouts/components/gallery.ts.
// Without this script (or without <dialog> support) every photo is a plain link to its large
// JPEG. With it, a click opens an accessible modal <dialog>: large photo with its caption,
// 上一张 / 下一张 / 关闭 buttons, "3 / 9" counter announced to screen readers, Esc to close,
// ← → keys and touch swipes to move, the browser's Back button closes it, and focus returns to
// the link that opened it. No inline script or style attributes (CSP script-src/style-src 'self').

const supported = typeof HTMLDialogElement === "function" && "showModal" in HTMLDialogElement.prototype;
// An inline photo of the body (figure.inline-photo, layouts/components/inline-photo.ts) is a one-photo gallery.
const galleries = [...document.querySelectorAll("section.gallery, figure.inline-photo")];

if (supported && galleries.length) {
  /** @type {{ dialog: HTMLDialogElement, stage: HTMLElement, caption: HTMLElement, counter: HTMLElement, live: HTMLElement, prev: HTMLButtonElement, next: HTMLButtonElement } | undefined} */
  let ui;
  /** @type {HTMLAnchorElement[]} */
  let links = [];
  let index = 0;
  /** @type {HTMLElement | null} */
  let opener = null;
  let pushedHistory = false;
  // The words come from the page (layouts/components/gallery.ts), so each edition speaks its own script.
  const words = galleries[0].dataset;
  const say = (key, fallback) => words[key] || fallback;

  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  };

  const button = (className, label, arrow, arrowFirst) => {
    const b = el("button", "lightbox-button " + className);
    b.type = "button";
    const mark = el("span", "", arrow);
    mark.setAttribute("aria-hidden", "true");
    const text = el("span", "", label);
    if (arrow && arrowFirst) b.append(mark, " ", text);
    else if (arrow) b.append(text, " ", mark);
    else b.append(text);
    return b;
  };

  function build() {
    const dialog = /** @type {HTMLDialogElement} */ (el("dialog", "lightbox"));
    dialog.setAttribute("aria-label", say("textDialog", "查看大图"));
    const bar = el("div", "lightbox-bar");
    const counter = el("p", "lightbox-counter");
    counter.setAttribute("aria-hidden", "true");
    const live = el("p", "visually-hidden");
    live.setAttribute("aria-live", "polite");
    live.setAttribute("aria-atomic", "true");
    const close = button("lightbox-close", say("textClose", "关闭"), "✕", false);
    close.autofocus = true;
    bar.append(counter, live, close);
    const figure = el("figure", "lightbox-figure");
    const stage = el("div", "lightbox-stage");
    const caption = el("figcaption", "lightbox-caption");
    figure.append(stage, caption);
    const nav = el("div", "lightbox-nav");
    const prev = /** @type {HTMLButtonElement} */ (button("lightbox-prev", say("textPrev", "上一张"), "‹", true));
    const next = /** @type {HTMLButtonElement} */ (button("lightbox-next", say("textNext", "下一张"), "›", false));
    nav.append(prev, next);
    dialog.append(bar, figure, nav);
    document.body.append(dialog);

    close.addEventListener("click", () => dialog.close());
    prev.addEventListener("click", () => go(-1));
    next.addEventListener("click", () => go(1));
    dialog.addEventListener("keydown", (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === "ArrowLeft") {
        e.preventDefault();
        go(-1);
      } else if (e.key === "ArrowRight") {
        e.preventDefault();
        go(1);
      }
    });
    dialog.addEventListener("close", onClose);

    // Touch swipe (pen too); mouse users have the buttons and keys.
    let start = null;
    stage.addEventListener("pointerdown", (e) => {
      if (e.pointerType === "mouse" || !e.isPrimary) return;
      start = { x: e.clientX, y: e.clientY, id: e.pointerId };
    });
    stage.addEventListener("pointerup", (e) => {
      if (!start || e.pointerId !== start.id) return;
      const dx = e.clientX - start.x;
      const dy = e.clientY - start.y;
      start = null;
      if (Math.abs(dx) > 50 && Math.abs(dx) > 1.5 * Math.abs(dy)) go(dx < 0 ? 1 : -1);
    });
    stage.addEventListener("pointercancel", () => (start = null));

    return { dialog, stage, caption, counter, live, prev, next };
  }

  /** The <picture> for link `i`, sized to fit the stage. */
  function largePicture(link) {
    const thumb = link.querySelector("img");
    const source = link.querySelector("picture");
    const w = Number(thumb?.getAttribute("width")) || 4;
    const h = Number(thumb?.getAttribute("height")) || 3;
    const box = ui.stage.getBoundingClientRect();
    const pad = 16;
    const room = Math.max(1, Math.min((box.width || window.innerWidth) - pad, ((box.height || window.innerHeight * 0.7) - pad) * (w / h)));
    const sizes = Math.round(room) + "px";
    const picture = document.createElement("picture");
    for (const s of source ? source.querySelectorAll("source") : []) {
      const copy = /** @type {HTMLSourceElement} */ (s.cloneNode(false));
      copy.sizes = sizes;
      picture.append(copy);
    }
    const img = document.createElement("img");
    img.alt = thumb?.alt ?? "";
    img.width = w;
    img.height = h;
    img.decoding = "async";
    img.className = "is-loading";
    img.addEventListener("load", () => img.classList.remove("is-loading"), { once: true });
    img.addEventListener("error", () => img.classList.remove("is-loading"), { once: true });
    if (thumb?.srcset) {
      img.sizes = sizes;
      img.srcset = thumb.srcset;
    }
    img.src = link.href;
    picture.append(img);
    return picture;
  }

  function captionOf(link) {
    return link.closest("figure")?.querySelector("figcaption")?.textContent?.trim() ?? "";
  }

  function show(i) {
    index = (i + links.length) % links.length;
    const link = links[index];
    const caption = captionOf(link);
    // Text first: the caption's height decides how much room the photo has.
    ui.caption.textContent = caption;
    ui.counter.textContent = `${index + 1} / ${links.length}`;
    const position = say("textPosition", "第 {n} 张，共 {total} 张")
      .replace("{n}", String(index + 1))
      .replace("{total}", String(links.length));
    ui.live.textContent = `${position}${caption ? "：" + caption : ""}`;
    const single = links.length < 2;
    ui.prev.hidden = single;
    ui.next.hidden = single;
    ui.stage.replaceChildren(largePicture(link));
    preload(links[(index + 1) % links.length]);
  }

  // The next photo starts loading while this one is looked at (not on Save-Data connections).
  const preloaded = new Set();
  function preload(link) {
    if (!link || preloaded.has(link) || navigator.connection?.saveData) return;
    preloaded.add(link);
    largePicture(link); // detached <picture>: the browser fetches the chosen candidate
  }

  function go(step) {
    if (links.length > 1) show(index + step);
  }

  function open(gallery, i, from) {
    ui ??= build();
    links = [...gallery.querySelectorAll("a.gallery-link")];
    opener = from;
    document.documentElement.classList.add("lightbox-open");
    ui.dialog.showModal();
    show(i);
    // Back button (or the phone's back gesture) closes the photo instead of leaving the page.
    if (!pushedHistory) {
      history.pushState({ galleryLightbox: true }, "");
      pushedHistory = true;
    }
  }

  function onClose() {
    document.documentElement.classList.remove("lightbox-open");
    ui.stage.replaceChildren();
    if (pushedHistory) {
      pushedHistory = false;
      history.back();
    }
    opener?.focus();
    opener = null;
  }

  window.addEventListener("popstate", () => {
    if (ui?.dialog.open) {
      pushedHistory = false; // already gone back
      ui.dialog.close();
    }
  });

  for (const gallery of galleries) {
    gallery.addEventListener("click", (e) => {
      const link = e.target instanceof Element ? e.target.closest("a.gallery-link") : null;
      if (!link || !gallery.contains(link)) return;
      // New tab / window / download: leave it to the browser.
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      const all = [...gallery.querySelectorAll("a.gallery-link")];
      open(gallery, Math.max(0, all.indexOf(link)), link);
    });
  }
}
