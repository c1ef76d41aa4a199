// Progressive enhancement for every page: 字号 大/中/小, 关怀版, 打印本页. Reading never needs it.
const root = document.documentElement;
const store = {
  get(key) {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key, value) {
    try {
      localStorage.setItem(key, value);
    } catch {
      /* private mode */
    }
  },
};

const sizeButtons = [...document.querySelectorAll("[data-font-size]")];
function applySize(size) {
  root.classList.remove("fs-large", "fs-small");
  if (size !== "medium") root.classList.add("fs-" + size);
  for (const b of sizeButtons) b.setAttribute("aria-pressed", String(b.dataset.fontSize === size));
}
if (sizeButtons.length) {
  const tools = document.querySelector("[data-font-tools]");
  if (tools) tools.hidden = false;
  applySize(store.get("portal:font-size") || "medium");
  for (const b of sizeButtons) {
    b.addEventListener("click", () => {
      store.set("portal:font-size", b.dataset.fontSize);
      applySize(b.dataset.fontSize);
    });
  }
}

const care = document.querySelector("[data-care-toggle]");
if (care) {
  care.hidden = false;
  const sync = () => care.setAttribute("aria-pressed", String(root.classList.contains("care")));
  sync();
  care.addEventListener("click", () => {
    root.classList.toggle("care");
    store.set("portal:care", root.classList.contains("care") ? "1" : "0");
    sync();
  });
}

// 繁體/简体 keeps the query (a search's ?q=…), which the static link cannot know.
const edition = document.querySelector("[data-edition-link]");
if (edition) {
  const base = edition.href.split(/[?#]/)[0];
  const sync = () => {
    edition.href = base + location.search;
  };
  for (const type of ["focus", "pointerdown", "click"]) edition.addEventListener(type, sync);
}

const print = document.querySelector("[data-print]");
if (print) {
  print.hidden = false;
  print.addEventListener("click", () => window.print());
}

// 菜单 on phones (header.css folds the reader tools and the main navigation behind it when
// <html data-js>): a disclosure button; Esc closes it and returns focus to it.
const menu = document.querySelector("[data-menu-toggle]");
if (menu) {
  const header = menu.closest(".site-header");
  const setOpen = (open) => {
    header.classList.toggle("menu-open", open);
    menu.setAttribute("aria-expanded", String(open));
  };
  menu.addEventListener("click", () => setOpen(menu.getAttribute("aria-expanded") !== "true"));
  header.addEventListener("keydown", (e) => {
    if (e.key !== "Escape" || menu.getAttribute("aria-expanded") !== "true") return;
    setOpen(false);
    menu.focus();
  });
}

// Other disclosures (the search page's 筛选 on phones): the button shows or hides what it controls.
for (const button of document.querySelectorAll("[data-disclosure]")) {
  const target = document.getElementById(button.getAttribute("aria-controls"));
  if (!target) continue;
  const setOpen = (open) => {
    button.setAttribute("aria-expanded", String(open));
    target.classList.toggle("is-open", open);
  };
  button.addEventListener("click", () => setOpen(button.getAttribute("aria-expanded") !== "true"));
  // Open from the start when the page's address already sets what it holds (a filtered search).
  const params = new URLSearchParams(location.search);
  if ((button.dataset.openWith ?? "").split(" ").some((p) => p && params.get(p))) setOpen(true);
  button.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && button.getAttribute("aria-expanded") === "true") button.click();
  });
}

// 图片新闻 strip on phones: 上一张/下一张 scroll it by one photo; shown only while it scrolls
// sideways. Never moves by itself; smooth only when the reader has not asked for reduced motion.
const strip = document.querySelector("[data-strip]");
const stripControls = document.querySelector("[data-strip-controls]");
if (strip && stripControls) {
  const buttons = [...stripControls.querySelectorAll("[data-strip-step]")];
  const still = matchMedia("(prefers-reduced-motion: reduce)");
  const update = () => {
    const scrolls = strip.scrollWidth > strip.clientWidth + 1;
    stripControls.hidden = !scrolls;
    const [prev, next] = buttons;
    prev.disabled = strip.scrollLeft <= 1;
    next.disabled = strip.scrollLeft + strip.clientWidth >= strip.scrollWidth - 1;
  };
  for (const b of buttons) {
    b.addEventListener("click", () => {
      const item = strip.firstElementChild;
      const step = item ? item.getBoundingClientRect().width + parseFloat(getComputedStyle(strip).columnGap || "0") : strip.clientWidth;
      strip.scrollBy({ left: Number(b.dataset.stripStep) * step, behavior: still.matches ? "auto" : "smooth" });
    });
  }
  strip.addEventListener("scroll", update, { passive: true });
  addEventListener("resize", update);
  update();
}

// 复制链接 (layouts/components/share.ts): the Clipboard API where the page may use it, else the
// older copy command on the selected URL; if neither works the URL is left selected in the
// 分享到微信 panel with a hint to press Ctrl+C. The result is announced (role="status"); its
// words come from the page, so the 繁體 edition says them in 繁體.
const copy = document.querySelector("[data-copy-link]");
if (copy) {
  const status = document.querySelector("[data-copy-status]");
  const url = copy.getAttribute("data-copy-link");
  const legacyCopy = () => {
    const field = document.createElement("textarea");
    field.value = url;
    field.setAttribute("readonly", "");
    field.className = "visually-hidden";
    document.body.append(field);
    field.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    field.remove();
    return ok;
  };
  copy.hidden = false;
  copy.addEventListener("click", async () => {
    let ok = false;
    try {
      await navigator.clipboard.writeText(url);
      ok = true;
    } catch {
      ok = legacyCopy();
    }
    if (ok) {
      status.textContent = copy.dataset.copied;
    } else {
      const panel = document.querySelector(".share-wechat");
      if (panel) panel.open = true;
      const text = document.querySelector("[data-share-url]");
      if (text) getSelection()?.selectAllChildren(text);
      status.textContent = copy.dataset.copyManual;
    }
    clearTimeout(copy.statusTimer);
    copy.statusTimer = setTimeout(() => (status.textContent = ""), 6000);
  });
}
