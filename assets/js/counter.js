// 浏览量 and 访问统计 (lib/counter): one read request for the page's count and the site's five
// figures, then — only when the service says this visit is not counted yet today — one
// navigator.sendBeacon recording it. Loaded (defer) only when counter.url is set in site.yaml; the
// service's address comes from the script tag's data-counter-url. Whenever anything fails (service
// down, a blocked request, an odd answer) the slots stay hidden and nothing is thrown.
(() => {
  const script = document.currentScript || document.querySelector("script[data-counter-url]");
  const configured = script && script.dataset.counterUrl;
  if (!configured || typeof fetch !== "function") return;
  let base;
  try {
    base = new URL(configured.endsWith("/") ? configured : configured + "/", location.href);
  } catch {
    return;
  }
  const pageSlot = document.querySelector("[data-counter-page]");
  const siteSlot = document.querySelector("[data-counter-site]");
  if (!pageSlot && !siteSlot) return;

  // Chinese readers: no separator up to 9999 (1887), then groups of three (82,571; 213,650,160).
  let format;
  try {
    const nf = new Intl.NumberFormat(document.documentElement.lang || "zh-CN", { useGrouping: "min2", maximumFractionDigits: 0 });
    format = (n) => nf.format(n);
  } catch {
    format = (n) => String(n);
  }
  const count = (n) => typeof n === "number" && Number.isSafeInteger(n) && n >= 0;

  function fill(slot, values) {
    const cells = [...slot.querySelectorAll("[data-counter-value]")];
    if (!cells.length || !cells.every((c) => count(values[c.dataset.counterValue]))) return;
    for (const c of cells) c.textContent = format(values[c.dataset.counterValue]);
    slot.hidden = false;
    slot.classList.add("counter-filled");
  }

  const path = location.pathname;
  const controller = typeof AbortController === "function" ? new AbortController() : undefined;
  const timer = controller && setTimeout(() => controller.abort(), 8000);
  fetch(new URL("v1/stats?path=" + encodeURIComponent(path), base), {
    credentials: "omit",
    cache: "no-store",
    headers: { Accept: "application/json" },
    signal: controller && controller.signal,
  })
    .then((r) => (r.ok ? r.json() : null))
    .then((data) => {
      if (!data || typeof data !== "object") return;
      if (data.record === true && navigator.sendBeacon) {
        try {
          navigator.sendBeacon(new URL("v1/views", base).href, JSON.stringify({ path }));
        } catch {
          /* a blocked beacon only means this view is not counted */
        }
      }
      if (pageSlot && count(data.page)) fill(pageSlot, { page: data.page });
      if (siteSlot && data.site && typeof data.site === "object") fill(siteSlot, data.site);
    })
    .catch(() => {})
    .finally(() => timer && clearTimeout(timer));
})();
