// Exact matches first, for a Chinese reader (used by search.js; tests/browser/search.test.ts calls
// the same functions in Chromium).
//
// The index (lib/search/input.ts) holds one word per Han character: the build sets every Han
// character of the indexed text off with U+200B, so Pagefind stores 华|罗|庚 as three consecutive
// words. A query is sent the same way ("华罗庚" → "华 罗 庚"), so:
//   - the loose query (every character, anywhere in the page) finds every page that contains the
//     string — recall is exact by construction — and Pagefind scores them as usual;
//   - the phrase query ("华 罗 庚" in quotes: Pagefind's exact search, consecutive positions)
//     tells which of them contain the string exactly.
// Both read the same index chunks, so the phrase query fetches nothing more; no fragment is
// fetched to decide the order. Results containing every term exactly come first, each group in
// Pagefind's order. Sorted by date, the date order is kept (the reader asked for it).

// Ranking: Pagefind's default length normalisation (pageLength 0.75) lets a short page that
// names a term once outrank a long article about it. At 0.3 the 强基铸魂 article (华罗庚 twice,
// ~1,700 characters) ranks above short articles naming 华罗庚 once. tests/browser/search.test.ts
// (recall table) guards this.
export const RANKING = { pageLength: 0.3 };

const HAN = /\p{Script=Han}/u;
const HAN_EDGE = /(?<=\p{Script=Han})|(?=\p{Script=Han})/gu;
const PUNCT = /\p{P}+/gu;

/**
 * "华罗庚 2031年" → ["华 罗 庚", "2031 年"]: the query's terms as the index holds them.
 * Punctuation separates terms too: the index gives 〔 and 〕 positions of their own, so
 * "坛教发〔2024〕12号" is searched as "坛 教 发", "2024", "12 号", each exactly (issue #14).
 */
export function indexTerms(query) {
  return query
    .replace(PUNCT, " ")
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((term) => term.replace(HAN_EDGE, " ").trim().replace(/\s+/g, " "))
    .filter(Boolean);
}

/**
 * Opens the primary bundle and merges the shards ("dir" inside it, "" for the primary). Search
 * runs on the page's thread (Pagefind's noWorker): the index is small, and the worker script
 * would cost a reader's first query another ~42 KB.
 */
export function openIndex(bundle, shardDirs, options) {
  // Once per bundle and page: Pagefind's module is a singleton, and merging a shard twice would
  // return each of its results twice.
  const key = new URL(bundle, location.href).href;
  if (!opened.has(key)) opened.set(key, open(bundle, shardDirs, options));
  return opened.get(key);
}

const opened = new Map();

async function open(bundle, shardDirs, options) {
  const module = await import(new URL(bundle + "pagefind.js", location.href).href);
  // Pagefind 1.6 hands noWorker on to its main-thread instance, which then warns that it does not
  // know the option: that one message is dropped while the index opens (nothing else is).
  const warn = console.warn;
  console.warn = (...args) => {
    if (!String(args[0]).startsWith("Unknown Pagefind option noWorker")) warn.apply(console, args);
  };
  try {
    await module.options({ ...options, noWorker: true });
    await module.init();
    // Merged bundles load their index files only; the primary's runtime and WebAssembly serve all.
    await Promise.all(shardDirs.filter(Boolean).map((dir) => module.mergeIndex(new URL(bundle + dir, location.href).pathname, options)));
    // Waits for the main-thread instance of every bundle to be set up (metadata and WebAssembly
    // loaded): an empty query loads no index chunk, and no filter chunk (search.js asks for those
    // only when the reader can see the filters).
    await module.preload("");
  } finally {
    console.warn = warn;
  }
  return module;
}

/**
 * One search, exact matches first. `search(term, options)` is Pagefind's (or a wrapper that
 * searches shards one by one). Returns Pagefind's response with `results` reordered and
 * `exactCount` (how many lead). A result of the exact group gets `data` of its phrase match, so
 * its excerpt marks the string itself rather than each character wherever it occurs.
 */
export async function rankedSearch(search, query, options = {}) {
  if (query === null || !HAN.test(query)) {
    const response = await search(query, options);
    return { ...response, exactCount: 0 };
  }
  const terms = indexTerms(query);
  const loose = search(terms.join(" "), options);
  // A one-character (or one-word) term matches exactly wherever it matches at all.
  const phrases = terms.filter((t) => t.includes(" "));
  const exact = await Promise.all(phrases.map((t) => search(`"${t}"`, options)));
  const response = await loose;
  if (options.sort && Object.keys(options.sort).length) return { ...response, exactCount: 0 };
  let ids = null;
  const dataOf = new Map();
  for (const r of exact) {
    const these = new Set(r.results.map((x) => x.id));
    ids = ids ? new Set([...ids].filter((id) => these.has(id))) : these;
    if (exact.length === 1) for (const x of r.results) dataOf.set(x.id, x.data);
  }
  if (!ids) return { ...response, exactCount: response.results.length };
  const first = [];
  const rest = [];
  for (const result of response.results) {
    if (ids.has(result.id)) first.push(dataOf.has(result.id) ? { ...result, data: dataOf.get(result.id) } : result);
    else rest.push(result);
  }
  return { ...response, results: [...first, ...rest], exactCount: first.length };
}
