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
