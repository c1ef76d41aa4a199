// Site search on /search/ (progressive enhancement: the form is a plain GET, so ?q= arrives in
// the URL before any script runs). Uses Pagefind's JS API over the bundle named by data-bundle.
//
// Chinese specifics:
// - There is one index, of the Simplified articles, for both editions. A query typed in
//   Traditional (華羅庚) is converted character by character to Simplified (华罗庚) with
//   zh-t2s.json, a map derived at build time from opencc-js (lib/search/zh-map.ts).
// - The 繁體 edition's page (lang zh-Hant) shows the same results in Traditional: links move under
//   its own folder (/zh-hant/…, taken from the form's action), and title, column, excerpt and filter
//   values are converted with zh-s2t.json (the site's variant). Per character, so the excerpt's
//   <mark>s stay in place; a one-to-many character takes its commonest form (头发 → 頭發), where
//   the article page itself, converted by phrase, says 頭髮.
// - When the converted query finds nothing, the query as typed is tried before reporting no results.
// - Exact matches first (search-rank.js): the index holds one word per Han character, so a
//   phrase query tells which results contain the string exactly; they lead, each group in
//   Pagefind's order, without fetching any result's fragment to decide.
// - Every text shown comes from <template data-search-text> in the page, so the 繁體 edition's
//   page (converted as a whole at build time) speaks Traditional; each filter carries its index
//   name (Simplified) percent-encoded, which that conversion leaves alone.
// - A large site's index is several bundles of whole years (data-shards, lib/search/shards.ts),
//   merged with Pagefind's mergeIndex. Pagefind orders merged results by score, and a sorted
//   search scores by position within its own bundle, so sorting by date asks each bundle for its
//   years (a 年份 filter) and puts the answers one after another, newest bundle first.
//
// No inline styles or scripts are injected (CSP: script-src 'self' 'wasm-unsafe-eval';
// style-src 'self'). Excerpts from our own index are still rebuilt as text plus <mark> only.

import { indexTerms, openIndex, RANKING, rankedSearch } from "./search-rank.js";

// Characters, not jieba words (the index holds one word per Han character): about the 36 words before.
const EXCERPT_LENGTH = 60;

const list = document.querySelector("[data-search-results]");
if (list) start(list);

function start(list) {
  const form = document.querySelector("[data-search-form]");
  const input = document.querySelector("[data-search-input]");
  const status = document.querySelector("[data-search-status]");
  const filtersBox = document.querySelector("[data-search-filters]");
  const hint = document.querySelector("[data-search-hint]");
  const empty = document.querySelector("[data-search-empty]");
  const emptyFilters = document.querySelector("[data-search-empty-filters]");
  const more = document.querySelector("[data-search-more]");
  const bundle = list.dataset.bundle || "/pagefind/";
  const pageSize = Number(list.dataset.pageSize) || 10;
  // "dir:year,year dir:year,…" (newest first; the primary bundle's dir is empty).
  const shards = (list.dataset.shards || "")
    .split(" ")
    .filter(Boolean)
    .map((s) => ({ dir: s.slice(0, s.indexOf(":")), years: s.slice(s.indexOf(":") + 1).split(",") }));

  const texts = {};
  const filterNames = [];
  const template = document.querySelector("template[data-search-text]");
  for (const el of template ? template.content.querySelectorAll("[data-key]") : []) texts[el.dataset.key] = el.textContent;
  for (const el of template ? template.content.querySelectorAll("[data-filter]") : []) {
    const label = el.textContent.trim();
    filterNames.push({ param: el.dataset.filter, label, name: el.dataset.indexName ? decodeURIComponent(el.dataset.indexName) : label });
  }
  const yearFilter = filterNames.find((f) => f.param === "year")?.name || "年份";
  const t = (key, values = {}) => (texts[key] || "").replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ""));

  const lang = (document.documentElement.lang || "").toLowerCase();
  const traditionalPage = /^zh-(hant|tw|hk|mo)/.test(lang);
  const baseTitle = document.title;
  // Result URLs point into this page's edition: the index holds /…/ URLs, the 繁體 edition lives at
  // /…/zh-hant/. The form's action (rewritten with the edition) names the edition's root.
  const siteRoot = new URL(bundle.replace(/pagefind\/$/, ""), location.href).pathname;
  const editionRoot = new URL(form.action, location.href).pathname.replace(/search\/?$/, "");

  // State mirrors the URL: ?q=…&column=…&year=…&source=…&sort=date
  const state = { q: "", sort: "", filters: {} };
  const params = new URLSearchParams(location.search);
  state.q = (params.get("q") || "").trim();
  state.sort = params.get("sort") === "date" ? "date" : "";
  for (const f of filterNames) {
    const v = params.get(f.param);
    if (v) state.filters[f.param] = v;
  }
  input.value = state.q;

  let pagefind;
  let displayMap = null;
  let results = [];
  let shown = 0;
  let sequence = 0;
  let lastSummary = "";
  let lastCounts = null;
  /** The term of the search shown (converted to Simplified), for the filter counts. */
  let lastTerm = null;
  let timer;
  /** The searched query's terms as indexed ("华 罗 庚"): decides which excerpt marks are kept. */
  let markTerms = [];
  const selects = {};
  let sortSelect;

  const ready = (async () => {
    const options = { baseUrl: bundle.replace(/pagefind\/$/, ""), excerptLength: EXCERPT_LENGTH, ranking: RANKING };
    const [module, s2t] = await Promise.all([
      openIndex(
        bundle,
        shards.map((s) => s.dir),
        options,
      ),
      traditionalPage ? loadMap("zh-s2t.json") : null,
    ]);
    pagefind = module;
    displayMap = s2t;
  })();
  // The panel (排序, 清除筛选) is built once the index is open. The filter values with their counts
  // are Pagefind's filter chunks, one per filter and bundle (28 KB at 4,000 articles, 138 KB at
  // 20,000): they are fetched when the reader can see the panel (wide screens, an address that
  // already filters), on a phone only when 筛选 is opened. A search that filters loads what it needs itself.
  const toggle = document.querySelector(`[aria-controls="${filtersBox.id}"]`);
  ready.then(buildPanel, () => undefined).catch((error) => console.warn("search filters unavailable:", error));

  async function loadMap(name) {
    try {
      const response = await fetch(new URL(bundle + name, location.href));
      if (!response.ok) return new Map();
      const data = await response.json();
      const cps = Array.from(data.pairs || "");
      const map = new Map();
      for (let i = 0; i + 1 < cps.length; i += 2) map.set(cps[i], cps[i + 1]);
      return map;
    } catch {
      return new Map();
    }
  }

  // 繁→简 per character, from the buckets of the map that hold the query's characters
  // (zh-t2s/<code point % 32>.json, lib/search/zh-map.ts T2S_BUCKETS): a few hundred bytes each.
  const T2S_BUCKETS = 32;
  const buckets = new Map();
  async function convert(q) {
    const chars = Array.from(q);
    const needed = [...new Set(chars.filter((ch) => /\p{Script=Han}/u.test(ch)).map((ch) => ch.codePointAt(0) % T2S_BUCKETS))];
    const maps = await Promise.all(
      needed.map((n) => {
        if (!buckets.has(n)) buckets.set(n, loadMap(`zh-t2s/${n}.json`));
        return buckets.get(n);
      }),
    );
    return chars.map((ch) => maps.find((m) => m.has(ch))?.get(ch) || ch).join("");
  }
  // Index text (Simplified) as this page shows it.
  const display = (text) => (displayMap && text ? Array.from(text, (ch) => displayMap.get(ch) || ch).join("") : text);
  const pageUrl = (url) => (editionRoot !== siteRoot && url.startsWith(siteRoot) ? editionRoot + url.slice(siteRoot.length) : url);

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  let filterValues = null;
  let filterGroups;

  function buildPanel() {
    const sortWrap = el("div", "search-filter");
    const sortLabel = el("label", "", t("sort"));
    sortLabel.htmlFor = "search-sort";
    sortSelect = el("select");
    sortSelect.id = "search-sort";
    for (const [value, key] of [
      ["", "relevance"],
      ["date", "newest"],
    ]) {
      const option = el("option", "", t(key));
      option.value = value;
      sortSelect.append(option);
    }
    sortSelect.value = state.sort;
    sortSelect.addEventListener("change", () => {
      state.sort = sortSelect.value;
      search();
    });
    sortWrap.append(sortLabel, sortSelect);
    const clear = el("button", "search-clear", t("clear"));
    clear.type = "button";
    clear.addEventListener("click", clearFilters);
    filterGroups = el("div", "search-filter-groups");
    const fieldset = el("fieldset", "search-filter-set");
    fieldset.append(el("legend", "visually-hidden", t("filters")), filterGroups, sortWrap, clear);
    filtersBox.replaceChildren(fieldset);
    filtersBox.hidden = false;
    const shown = () => getComputedStyle(filtersBox).display !== "none";
    // Shown at once (a wide screen, or opened by the address): the panel appears whole, with its
    // values, rather than growing under the reader's eyes. No paint happens between these lines.
    if (shown()) {
      filtersBox.hidden = true;
      loadFilters().finally(() => (filtersBox.hidden = false));
    }
    // Or later: 筛选 opened on a phone, or the window widened.
    const later = () => shown() && loadFilters();
    toggle?.addEventListener("click", () => setTimeout(later));
    addEventListener("resize", later, { passive: true });
  }

  function loadFilters() {
    return (filterValues ??= (async () => {
      filterGroups.replaceChildren(el("p", "search-filter-loading", t("loadingFilters")));
      const available = await pagefind.filters();
      // The counts follow the query shown: asked again (from the chunks just loaded) before the
      // selects appear, so they never show the whole site's counts for a moment.
      if (state.q && lastTerm !== null) {
        const id = sequence;
        const response = await find(lastTerm, activeFilters(), {});
        if (id === sequence) lastCounts = response.totalFilters;
      }
      buildFilters(available);
    })().catch((error) => {
      filterGroups.replaceChildren();
      console.warn("search filters unavailable:", error);
    }));
  }

  function buildFilters(available) {
    const groups = [];
    let dropped = false;
    for (const f of filterNames) {
      const values = available[f.name];
      if (!values || !Object.keys(values).length) {
        if (state.filters[f.param]) dropped = delete state.filters[f.param];
        continue;
      }
      const id = `search-filter-${f.param}`;
      const wrap = el("div", "search-filter");
      const label = el("label", "", f.label);
      label.htmlFor = id;
      const select = el("select");
      select.id = id;
      select.dataset.param = f.param;
      const keys = Object.keys(values).sort((a, b) => (f.param === "year" ? b.localeCompare(a) : values[b] - values[a] || a.localeCompare(b, "zh-Hans-CN")));
      const all = el("option", "", t("all"));
      all.value = "";
      select.append(all);
      for (const key of keys) {
        const option = el("option", "", t("count", { value: display(key), n: values[key] }));
        option.value = key;
        option.dataset.value = key;
        select.append(option);
      }
      // A value in the URL that the index no longer has is dropped rather than matching nothing silently.
      if (state.filters[f.param] && !Object.hasOwn(values, state.filters[f.param])) {
        delete state.filters[f.param];
        dropped = true;
      }
      select.value = state.filters[f.param] || "";
      select.addEventListener("change", () => {
        if (select.value) state.filters[f.param] = select.value;
        else delete state.filters[f.param];
        search();
      });
      selects[f.param] = { select, name: f.name, totals: values };
      wrap.append(label, select);
      groups.push(wrap);
    }
    filterGroups.replaceChildren(...groups);
    updateCounts(lastCounts);
    if (dropped) search();
  }

  function clearFilters() {
    state.filters = {};
    for (const { select } of Object.values(selects)) select.value = "";
    search();
  }

  function writeUrl() {
    const url = new URL(location.href);
    url.search = "";
    if (state.q) url.searchParams.set("q", state.q);
    for (const f of filterNames) if (state.filters[f.param]) url.searchParams.set(f.param, state.filters[f.param]);
    if (state.sort) url.searchParams.set("sort", state.sort);
    history.replaceState(null, "", url);
    document.title = state.q ? `${state.q} - ${baseTitle}` : baseTitle;
  }

  function activeFilters() {
    const out = {};
    for (const f of filterNames) if (state.filters[f.param]) out[f.name] = state.filters[f.param];
    return out;
  }

  function updateCounts(counts) {
    for (const { select, name, totals } of Object.values(selects)) {
      const current = (counts && counts[name]) || totals;
      for (const option of select.options) {
        if (!option.value) continue;
        option.textContent = t("count", { value: display(option.value), n: current[option.value] ?? 0 });
      }
    }
  }

  async function search() {
    const id = ++sequence;
    state.q = input.value.trim();
    writeUrl();
    if (!state.q && !Object.keys(state.filters).length) {
      results = [];
      shown = 0;
      list.replaceChildren();
      more.hidden = true;
      empty.hidden = true;
      hint.hidden = false;
      setStatus("idle", "");
      lastCounts = null;
      updateCounts(null);
      return;
    }
    hint.hidden = true;
    setStatus("loading", t("loading"));
    list.setAttribute("aria-busy", "true");
    try {
      await ready;
    } catch (error) {
      if (id !== sequence) return;
      list.removeAttribute("aria-busy");
      setStatus("error", t("error"));
      console.warn("search unavailable:", error);
      return;
    }
    // Filter values on their way (a panel on show): wait, so the counts come with the results.
    if (filterValues) await filterValues;
    if (id !== sequence) return;
    const filters = activeFilters();
    const filtering = Object.keys(filters).length > 0;
    // Without a query there is no relevance: list by date.
    const sort = state.sort === "date" || !state.q ? { date: "desc" } : {};
    let term = state.q ? await convert(state.q) : null;
    if (id !== sequence) return;
    let response = await find(term, filters, sort);
    if (id !== sequence) return;
    if (term !== null && term !== state.q && response.results.length === 0) {
      const asTyped = await find(state.q, filters, sort);
      if (id !== sequence) return;
      if (asTyped.results.length) {
        response = asTyped;
        term = state.q;
      }
    }
    results = response.results;
    lastTerm = term;
    shown = 0;
    list.replaceChildren();
    // Counts per value for the query alone (totalFilters): with response.filters, choosing one
    // 栏目 would show every other 栏目 as (0), since an article has one column.
    lastCounts = state.q ? response.totalFilters : null;
    updateCounts(lastCounts);
    const n = results.length;
    empty.hidden = n > 0;
    emptyFilters.hidden = !filtering;
    // On the 繁體 page the results are shown in Traditional: naming the Simplified form searched would only confuse.
    const converted = term !== null && term !== state.q && !traditionalPage ? t("converted", { c: term }) : "";
    const summary = state.q ? (n ? t("found", { n, q: state.q }) + converted : t("none", { q: state.q }) + converted) : n ? t("listed", { n }) : t("noneFiltered");
    await showMore(false, id);
    if (id !== sequence) return;
    list.removeAttribute("aria-busy");
    lastSummary = summary;
    announce();
  }

  // One search over all bundles, exact matches first (search-rank.js). Sorted by date across
  // several bundles: one search per bundle, limited to its years, concatenated newest bundle first
  // (see the note at the top).
  async function find(term, filters, sort) {
    const search = (t, o) => pagefind.search(t, o);
    markTerms = term ? indexTerms(term) : [];
    if (!sort.date || shards.length < 2 || filters[yearFilter]) return rankedSearch(search, term, { filters, sort });
    const [all, ...parts] = await Promise.all([
      rankedSearch(search, term, { filters, sort }),
      ...shards.map((s) => rankedSearch(search, term, { filters: { ...filters, [yearFilter]: { any: s.years } }, sort })),
    ]);
    return { ...all, results: parts.flatMap((p) => p.results) };
  }

  function announce() {
    setStatus(results.length ? "results" : "empty", lastSummary + (results.length > shown ? t("shown", { shown }) : ""));
  }

  // data-state (idle | loading | results | empty | error) lets styles and tests follow along.
  function setStatus(mode, text) {
    status.dataset.state = mode;
    status.textContent = text;
  }

  async function showMore(moveFocus, id = sequence) {
    const batch = results.slice(shown, shown + pageSize);
    const data = await Promise.all(batch.map((r) => r.data()));
    if (id !== sequence) return;
    const items = data.map(render);
    list.append(...items);
    shown += items.length;
    const rest = results.length - shown;
    more.hidden = rest <= 0;
    more.textContent = t("more", { rest });
    if (moveFocus && items[0]) items[0].querySelector("a").focus();
  }

  function render(data) {
    const meta = data.meta || {};
    const li = el("li", "search-result");
    const heading = el("h2", "search-result-title");
    const link = el("a", "", display(meta.title) || pageUrl(data.url));
    link.href = pageUrl(data.url);
    heading.append(link);
    li.append(heading);
    const facts = el("p", "search-result-meta");
    if (meta.column) facts.append(el("span", "search-result-column", display(meta.column)));
    if (meta.date) {
      const time = el("time", "", meta.date);
      time.dateTime = meta.date;
      facts.append(time);
    }
    if (facts.childNodes.length) li.append(facts);
    const excerpt = el("p", "search-result-excerpt");
    excerpt.append(...safeExcerpt(data.excerpt || ""));
    li.append(excerpt);
    return li;
  }

  // Pagefind's excerpt is the page text with <mark> around matched words; Pagefind escapes < and >
  // in that text (and nothing else). It is rebuilt from text nodes and <mark> elements only, so no
  // markup can get through; adjacent marks (华|罗|庚 are three words) are merged into one. When
  // every term is two characters or more, a lone marked character (a page that has the
  // characters but not the string) is left unmarked: only runs of the query are highlighted.
  function safeExcerpt(markup) {
    const out = markedParts(markup);
    if (!markTerms.length || markTerms.some((t) => !t.includes(" "))) return out;
    return out.map((node) => (node.nodeName === "MARK" && Array.from(node.textContent).length < 2 ? document.createTextNode(node.textContent) : node));
  }

  function markedParts(markup) {
    const out = [];
    let inMark = false;
    for (const part of markup.split(/(<mark>|<\/mark>)/)) {
      if (part === "<mark>" || part === "</mark>") {
        inMark = part === "<mark>";
        continue;
      }
      if (!part) continue;
      const text = display(part.replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
      const last = out[out.length - 1];
      if (inMark && last && last.nodeName === "MARK") last.textContent += text;
      else out.push(inMark ? el("mark", "", text) : document.createTextNode(text));
    }
    return out;
  }

  more.addEventListener("click", async () => {
    const id = sequence;
    await showMore(true, id);
    if (id === sequence) announce();
  });

  document.querySelector("[data-search-clear]")?.addEventListener("click", clearFilters);

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    search();
  });

  // Live results while typing, but never in the middle of an IME composition (拼音 input).
  input.addEventListener("input", (event) => {
    if (event.isComposing) return;
    clearTimeout(timer);
    timer = setTimeout(search, 300);
  });
  input.addEventListener("compositionend", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 300);
  });

  // Start loading the index right away; search if the URL already asks for something.
  ready.then(
    () => {
      if (state.q || Object.keys(state.filters).length) search();
    },
    () => {
      if (state.q || Object.keys(state.filters).length) search();
    },
  );
  if (state.q || Object.keys(state.filters).length) {
    hint.hidden = true;
    setStatus("loading", t("loading"));
  } else setStatus("idle", "");
}
