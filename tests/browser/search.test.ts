/**
 * Chinese full-text search in real Chromium: the demo site plus a generated corpus with planted
 * terms (tests/helpers/search-corpus.ts), built through the real pipeline with the Pagefind
 * index, served with the shipped security headers (CSP included), searched through the page.
 *
 * The RECALL TABLE is the guard against segmentation changes (Pagefind 1.5 started segmenting
 * queries with the browser's Intl.Segmenter while the index is segmented by jieba): for every
 * query, every article whose text contains it must be found, the planted articles must be near
 * the top, and 华罗庚 must list the 强基铸魂 article first.
 */
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { buildSite, type BuildResult } from "../../lib/pipeline/build.ts";
import { axe, launch, newPage, readHeaders, serve, type Served } from "../helpers/browser.ts";
import { makeSearchSite, PLANTS, type SearchSite } from "../helpers/search-corpus.ts";
import { decodeEntities } from "../helpers/links.ts";

/** The repository whose content/ is copied (overridable to try the suite on other content). */
const REPO = process.env.SEARCH_TEST_REPO ?? process.cwd();
const QIANGJI = "content/news/jydt/qiangji-zhuhun/index.md";
/** Used when the build writes no _headers file: the CSP the portal ships with. */
const FALLBACK_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

let site: SearchSite;
let out: string;
let build: BuildResult;
let served: Served;
let browser: Browser;
/** Site URL (no prefix) of each article, by project-relative file. */
const urlOf = new Map<string, string>();
/** Indexed text of each Simplified article page, by URL (the ground truth for recall). */
const textOf = new Map<string, string>();
let t2s = new Map<string, string>();

interface Shown {
  href: string;
  title: string;
  column: string;
  date: string;
  excerpt: string;
}

function decode(text: string): string {
  return decodeEntities(text.replace(/<[^>]+>/g, "")).replace(/\s+/g, " ");
}

async function readArticleTexts(): Promise<void> {
  for (const [file, url] of urlOf) {
    const htmlText = await fs.readFile(path.join(out, ...url.split("/").filter(Boolean), "index.html"), "utf8");
    const m = /<article[^>]*data-pagefind-body[^>]*>([\s\S]*?)<\/article>/.exec(htmlText);
    assert.ok(m, `no data-pagefind-body article in ${file}`);
    textOf.set(url, decode(m[1]!));
  }
}

const convert = (q: string) => Array.from(q, (c) => t2s.get(c) ?? c).join("");

/** Loads /search/?q=… (or drives the current page) and returns the rendered results. */
async function searchPage(page: Page, query: string, extra = "", prefix = ""): Promise<Shown[]> {
  await page.goto(`${served.url}${prefix}search/?q=${encodeURIComponent(query)}${extra}`);
  return rendered(page);
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const s = document.querySelector<HTMLElement>("[data-search-status]");
    return s && ["results", "empty", "error"].includes(s.dataset.state ?? "") && !document.querySelector("[data-search-results]")?.hasAttribute("aria-busy");
  });
}

async function rendered(page: Page): Promise<Shown[]> {
  await settled(page);
  return page.$$eval("[data-search-results] > li", (items) =>
    items.map((li) => ({
      href: new URL(li.querySelector("a")!.href).pathname,
      title: li.querySelector("a")!.textContent ?? "",
      column: li.querySelector(".search-result-column")?.textContent ?? "",
      date: li.querySelector("time")?.getAttribute("datetime") ?? "",
      excerpt: li.querySelector(".search-result-excerpt")?.innerHTML ?? "",
    })),
  );
}

/** Every result URL for a query, through the page's own Pagefind instance (no paging). */
async function allResults(page: Page, term: string): Promise<string[]> {
  const bundle = await page.getAttribute("[data-search-results]", "data-bundle");
  return page.evaluate(
    async ({ bundle, term }) => {
      const pf = (await import(bundle + "pagefind.js")) as { search(q: string): Promise<{ results: { data(): Promise<{ url: string }> }[] }> };
      // The index holds one word per Han character (lib/search/input.ts): every match of the characters.
      const r = await pf.search(term.replace(/(?<=\p{Script=Han})|(?=\p{Script=Han})/gu, " ").trim());
      return Promise.all(r.results.map(async (x) => new URL((await x.data()).url, location.href).pathname));
    },
    { bundle: bundle!, term },
  );
}

interface Row {
  query: string;
  note: string;
  /** Articles that must be in the first `within` results. */
  expect: string[];
  within: number;
  first?: string;
  /** Planted rare terms: every one of the first results must contain the term. */
  exact?: boolean;
}

const table: Array<Record<string, string | number>> = [];

describe("Chinese full-text search (Pagefind 1.6 extended, Chromium)", { timeout: 15 * 60_000 }, () => {
  before(async () => {
    await fs.access(path.join(REPO, QIANGJI)).catch(() => {
      throw new Error(`the demo article ${QIANGJI} is missing: the recall table needs it`);
    });
    site = await makeSearchSite(REPO);
    out = path.join(site.root, "_site");
    build = await buildSite({ root: site.root, outputDir: out, quiet: true, search: true, images: site.images, warn: () => {} });
    for (const a of build.model.articles) urlOf.set(a.file, a.url);
    await readArticleTexts();
    const map = JSON.parse(await fs.readFile(path.join(out, "pagefind", "zh-t2s.json"), "utf8")) as { pairs: string };
    const cps = [...map.pairs];
    t2s = new Map(Array.from({ length: cps.length / 2 }, (_, i) => [cps[2 * i]!, cps[2 * i + 1]!]));
    const headers = await readHeaders(out);
    if (!headers["Content-Security-Policy"]) headers["Content-Security-Policy"] = FALLBACK_CSP;
    served = await serve(out, { headers });
    browser = await launch();
  });

  after(async () => {
    if (table.length) console.log(`\nRecall table (${urlOf.size} articles):\n` + formatTable(table));
    const stats = build ? build.search : undefined;
    if (stats) console.log(`Index: ${stats.pages} pages ${JSON.stringify(stats.languages)}, index ${stats.indexBytes} B, bundle ${stats.bytes} B, ${stats.ms.toFixed(0)} ms`);
    await browser?.close();
    await served?.close();
    await site?.cleanup();
  });

  test("recall table: every article containing the query is found, planted ones at the top", async (t) => {
    const u = (file: string) => {
      const url = urlOf.get(file);
      assert.ok(url, `no article for ${file}`);
      return url;
    };
    const planted = (term: string) => site.corpus.planted[term]!.map(u);
    const titled = (term: string) => u(site.corpus.planted[term]![0]!);
    const qiangji = u(QIANGJI);
    const truth = (q: string) => [...textOf].filter(([, text]) => text.includes(convert(q))).map(([url]) => url);
    const rows: Row[] = [
      { query: "华罗庚", note: "person name (demo + 3 planted mentions)", expect: [qiangji, ...planted("华罗庚")], within: 4, first: qiangji, exact: true },
      { query: "華羅庚", note: "Traditional query → Simplified article", expect: [qiangji, ...planted("华罗庚")], within: 4, first: qiangji, exact: true },
      { query: "欧阳明远", note: "planted name, compound surname", expect: planted("欧阳明远"), within: 3, exact: true },
      { query: "司马静怡", note: "planted name, in one title", expect: planted("司马静怡"), within: 2, first: titled("司马静怡"), exact: true },
      { query: "智慧书包", note: "planted term, in one title", expect: planted("智慧书包"), within: 5, first: titled("智慧书包"), exact: true },
      { query: "银杏课堂", note: "planted term", expect: planted("银杏课堂"), within: 3, exact: true },
      { query: "青少年人工智能创新挑战赛", note: "long phrase", expect: planted("青少年人工智能创新挑战赛"), within: 3 },
      { query: "2031年", note: "digits + 年", expect: planted("2031年"), within: 3 },
      { query: "立德树人", note: "common policy term", expect: [], within: 10 },
      { query: "2024年", note: "common digits + 年", expect: [], within: 10 },
      { query: "强基铸魂", note: "demo title", expect: [qiangji], within: 1, first: qiangji },
    ];
    const wang = truth("王海波");
    if (wang.length) rows.push({ query: "王海波", note: "person name in the demo articles", expect: wang, within: Math.max(wang.length, 3), exact: true });
    else t.diagnostic("王海波 appears in no demo article: row skipped");

    const { page, context, problems } = await newPage(browser);
    const failures: string[] = [];
    for (const row of rows) {
      const shown = await searchPage(page, row.query);
      const hrefs = shown.map((s) => s.href);
      const all = await allResults(page, convert(row.query));
      const want = truth(row.query);
      const missing = want.filter((url) => !all.includes(url));
      const rankOf = (url: string) => hrefs.indexOf(url) + 1 || (all.indexOf(url) + 1 ? all.indexOf(url) + 1 : Infinity);
      const ranks = row.expect.map(rankOf);
      const k = Math.min(10, want.length, hrefs.length);
      const precise = hrefs.slice(0, k).filter((h) => want.includes(h)).length;
      const ok = missing.length === 0 && ranks.every((r) => r <= row.within) && (!row.first || hrefs[0] === row.first) && (!row.exact || precise === k);
      table.push({
        query: row.query,
        note: row.note,
        contain: want.length,
        results: all.length,
        recall: want.length ? `${want.length - missing.length}/${want.length}` : "-",
        "expected ranks": ranks.length ? ranks.map((r) => (r === Infinity ? "✗" : r)).join(",") : "-",
        within: row.within,
        first: row.first ? (hrefs[0] === row.first ? "yes" : "NO") : "-",
        "P@k (k≤10)": k ? `${precise}/${k}` : "-",
        ok: ok ? "✓" : "✗",
      });
      if (!ok) failures.push(`${row.query}: missing ${missing.join(" ")}; ranks ${ranks.join(",")} (within ${row.within}); first ${hrefs[0]}; P@${k} ${precise}/${k}`);
    }
    assert.deepEqual(failures, []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("a Traditional query says what it searched for; the 繁體 edition searches the same index and shows 繁體 results", async () => {
    const { page, context, problems } = await newPage(browser);
    const qiangji = urlOf.get(QIANGJI)!;
    const shown = await searchPage(page, "華羅庚");
    assert.equal(shown[0]?.href, qiangji);
    assert.match((await page.textContent("[data-search-status]")) ?? "", /已按“华罗庚”搜索/);
    assert.equal(await page.inputValue("#search-q"), "華羅庚", "the box keeps what the reader typed");

    // The 繁體 edition has no index of its own (one index of the Simplified articles serves both):
    // the same results, linked into /zh-hant/ and shown in Traditional.
    const s2t = JSON.parse(await fs.readFile(path.join(out, "pagefind", "zh-s2t.json"), "utf8")) as { pairs: string };
    const cps = [...s2t.pairs];
    const toHant = new Map(Array.from({ length: cps.length / 2 }, (_, i) => [cps[2 * i]!, cps[2 * i + 1]!]));
    const hantText = (q: string) => Array.from(q, (c) => toHant.get(c) ?? c).join("");
    for (const typed of ["华罗庚", "華羅庚"]) {
      const hant = await searchPage(page, typed, "", "zh-hant/");
      assert.equal(await page.getAttribute("html", "lang"), "zh-Hant");
      assert.deepEqual(
        hant.map((r) => r.href),
        shown.map((r) => `/zh-hant${r.href}`),
        `${typed}: same results, in the edition`,
      );
      const status = (await page.textContent("[data-search-status]")) ?? "";
      assert.ok(status.includes(`“${typed}”`) && !status.includes("已按"), status);
      assert.match(hant[0]!.title, /強基鑄魂/);
      assert.equal(hant[0]!.column, hantText(shown[0]!.column));
      assert.match(hant[0]!.excerpt, /<mark>華羅庚<\/mark>/);
      for (const r of hant) assert.equal(r.title, hantText(shown.find((x) => `/zh-hant${x.href}` === r.href)!.title));
    }
    assert.equal(await page.$$eval("[data-search-results] a", (as) => as.filter((a) => !new URL((a as HTMLAnchorElement).href).pathname.startsWith("/zh-hant/")).length), 0);

    // Filters: labelled in Traditional, values shown in Traditional, the index's value in the URL.
    const labels = await page.$$eval(".search-filter label", (ls) => ls.map((l) => l.textContent));
    assert.deepEqual(labels, ["欄目", "年份", "信息來源", "主題分類", "有效性", "排序"]);
    const column = shown[0]!.column;
    const optionText = await page.$eval(`#search-filter-column option[value="${column}"]`, (o) => o.textContent ?? "");
    assert.ok(optionText.startsWith(hantText(column)), optionText);
    await page.selectOption("#search-filter-column", column);
    const narrowed = await rendered(page);
    assert.ok(narrowed.length >= 1 && narrowed.every((r) => r.column === hantText(column)));
    assert.equal(new URL(page.url()).searchParams.get("column"), column);

    // Every query lists the same articles in both editions.
    for (const q of ["立德树人", "智慧书包", "王海波", "课后服务", "2024年"]) {
      const hans = (await searchPage(page, q)).map((r) => `/zh-hant${r.href}`);
      const hant = (await searchPage(page, hantText(q), "", "zh-hant/")).map((r) => r.href);
      assert.deepEqual(hant, hans, q);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("results show title link, column, date and a highlighted excerpt", async () => {
    const { page, context, problems } = await newPage(browser);
    const shown = await searchPage(page, "智慧书包");
    assert.equal(shown.length, 5);
    for (const r of shown) {
      assert.ok(r.title.length > 4, r.title);
      assert.match(r.date, /^20\d\d-\d\d-\d\d$/);
      assert.ok(r.column.length >= 2, `column: ${r.column}`);
      assert.match(r.excerpt, /<mark>智慧<\/mark>|<mark>智慧书包<\/mark>|<mark>[^<]*书包/);
    }
    assert.match((await page.textContent("[data-search-status]")) ?? "", /找到 5 条与“智慧书包”相关的结果/);
    assert.match(await page.title(), /^智慧书包 - 站内搜索/);
    const excerptTags = await page.$$eval(".search-result-excerpt *", (els) => [...new Set(els.map((e) => e.tagName))]);
    assert.deepEqual(excerptTags, ["MARK"]);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("excerpts are text plus <mark>: HTML-looking article text is shown, never run", async () => {
    const { page, context, problems } = await newPage(browser);
    let dialogs = 0;
    page.on("dialog", async (d) => {
      dialogs++;
      await d.dismiss();
    });
    const shown = await searchPage(page, "琥珀徽章");
    assert.equal(shown.length, 1);
    const text = (await page.textContent(".search-result-excerpt")) ?? "";
    assert.ok(text.includes("<img src=x"), text);
    assert.equal(await page.locator("[data-search-results] img, [data-search-results] b").count(), 0);
    assert.equal(dialogs, 0);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("filters narrow the results and are kept in the URL", async () => {
    const { page, context, problems } = await newPage(browser);
    const before = await searchPage(page, "智慧书包");
    const labels = await page.$$eval(".search-filter label", (ls) => ls.map((l) => l.textContent));
    assert.deepEqual(labels, ["栏目", "年份", "信息来源", "主题分类", "有效性", "排序"]);
    // Every select is labelled (axe checks this too) and reachable.
    const column = before[0]!.column;
    await page.selectOption("#search-filter-column", column);
    const narrowed = await rendered(page);
    assert.ok(narrowed.length >= 1 && narrowed.length < before.length, `${narrowed.length} of ${before.length}`);
    assert.ok(narrowed.every((r) => r.column === column));
    assert.equal(new URL(page.url()).searchParams.get("column"), column);
    assert.equal(new URL(page.url()).searchParams.get("q"), "智慧书包");
    // The other columns keep their counts for the query, so the reader can switch to them.
    const other = before.find((r) => r.column !== column)!.column;
    const otherOption = await page.$eval(`#search-filter-column option[value="${other}"]`, (o) => o.textContent ?? "");
    assert.match(otherOption, /（[1-9]\d*）$/, otherOption);

    // Reloading the URL restores the same state.
    await page.reload();
    assert.deepEqual(
      (await rendered(page)).map((r) => r.href),
      narrowed.map((r) => r.href),
    );
    assert.equal(await page.inputValue("#search-filter-column"), column);

    // 年份 narrows by year; 清除筛选 brings everything back.
    await page.selectOption("#search-filter-column", "");
    const year = before[before.length - 1]!.date.slice(0, 4);
    await page.selectOption("#search-filter-year", year);
    const byYear = await rendered(page);
    assert.ok(byYear.length >= 1 && byYear.every((r) => r.date.startsWith(year)));
    await page.click(".search-clear");
    assert.equal((await rendered(page)).length, before.length);
    assert.equal(new URL(page.url()).search, `?q=${encodeURIComponent("智慧书包")}`);

    // A filter alone (no query) lists that column, newest first.
    const listed = await searchPage(page, "", `&column=${encodeURIComponent(column)}`);
    assert.ok(listed.length > 0 && listed.every((r) => r.column === column));
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("sort 最新发布 orders newest first", async () => {
    const { page, context, problems } = await newPage(browser);
    await searchPage(page, "智慧书包");
    await page.selectOption("#search-sort", "date");
    const sorted = await rendered(page);
    const dates = sorted.map((r) => r.date);
    assert.deepEqual(dates, [...dates].sort().reverse());
    assert.equal(new URL(page.url()).searchParams.get("sort"), "date");
    // And over more than one page of results.
    await searchPage(page, "教育", "&sort=date");
    const many = (await rendered(page)).map((r) => r.date);
    assert.equal(many.length, 10);
    assert.deepEqual(many, [...many].sort().reverse());
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("empty state: no query shows the hint and no results", async () => {
    const { page, context, problems } = await newPage(browser);
    await page.goto(`${served.url}search/`);
    await page.waitForSelector("[data-search-filters]:not([hidden])");
    assert.equal(await page.isVisible("[data-search-hint]"), true);
    assert.equal(await page.locator("[data-search-results] > li").count(), 0);
    assert.equal(await page.isVisible("[data-search-empty]"), false);
    assert.equal(await page.isVisible("[data-search-more]"), false);
    assert.equal(((await page.textContent("[data-search-status]")) ?? "").trim(), "");
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("no-result state names the query and suggests what to do", async () => {
    const { page, context, problems } = await newPage(browser);
    const shown = await searchPage(page, "魑魅魍魉");
    assert.equal(shown.length, 0);
    assert.equal(await page.getAttribute("[data-search-status]", "data-state"), "empty");
    assert.match((await page.textContent("[data-search-status]")) ?? "", /未找到与“魑魅魍魉”相关的结果/);
    assert.equal(await page.isVisible("[data-search-empty]"), true);
    assert.equal(await page.isVisible("[data-search-empty-filters]"), false);
    assert.ok((await page.locator("[data-search-empty] a").count()) > 0, "column links as suggestions");
    assert.equal(await page.isVisible("[data-search-hint]"), false);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("加载更多 shows 10 more and moves focus to the first new result", async () => {
    const { page, context, problems } = await newPage(browser);
    const first = await searchPage(page, "教育");
    assert.equal(first.length, 10);
    const more = page.locator("[data-search-more]");
    assert.equal(await more.isVisible(), true);
    assert.match((await more.textContent()) ?? "", /加载更多（还有 \d+ 条）/);
    await more.focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelectorAll("[data-search-results] > li").length > 10);
    const after = await rendered(page);
    assert.ok(after.length > 10 && after.length <= 20);
    assert.equal(await page.evaluate(() => document.activeElement?.closest("li") === document.querySelectorAll("[data-search-results] > li")[10]), true);
    assert.match((await page.textContent("[data-search-status]")) ?? "", new RegExp(`已显示 ${after.length} 条|找到 ${after.length} 条`));
    assert.deepEqual(
      after.slice(0, 10).map((r) => r.href),
      first.map((r) => r.href),
    );
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("keyboard: Tab to the box, type, Enter; Tab on to the results", async () => {
    const { page, context, problems } = await newPage(browser);
    await page.goto(`${served.url}search/`);
    await page.waitForSelector("[data-search-filters]:not([hidden])");
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => document.activeElement?.id === "search-q");
    }
    assert.ok(reached, "Tab reaches the search box");
    await page.keyboard.type("华罗庚");
    await page.keyboard.press("Enter");
    const shown = await rendered(page);
    assert.equal(shown[0]?.href, urlOf.get(QIANGJI));
    assert.equal(new URL(page.url()).searchParams.get("q"), "华罗庚");
    let onResult = false;
    for (let i = 0; i < 20 && !onResult; i++) {
      await page.keyboard.press("Tab");
      onResult = await page.evaluate(() => Boolean(document.activeElement?.closest("[data-search-results]")));
    }
    assert.ok(onResult, "Tab reaches the first result");
    await Promise.all([page.waitForURL(`**${urlOf.get(QIANGJI)}`), page.keyboard.press("Enter")]);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("the header's search box on any page leads to results (plain GET form)", async () => {
    const { page, context, problems } = await newPage(browser);
    await page.goto(`${served.url}${urlOf.get(QIANGJI)!.slice(1)}`);
    await page.fill("#site-search-q", "银杏课堂");
    await Promise.all([page.waitForURL(/\/search\/\?q=/), page.press("#site-search-q", "Enter")]);
    assert.equal(await page.inputValue("#search-q"), "银杏课堂");
    assert.equal((await rendered(page)).length, PLANTS.find((p) => p.term === "银杏课堂")!.at.length);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

/**
 * The sharded layout of a large site (lib/search/shards.ts), forced on the same small site by
 * lowering the limits: several bundles of whole years merged in the browser must find what one
 * bundle finds, and filters and the date sort must work across them.
 */
describe("a sharded index (mergeIndex) behaves like one bundle", { timeout: 15 * 60_000 }, () => {
  let shardSite: SearchSite;
  let shardOut: string;
  let shardServed: Served;
  let shardBrowser: Browser;
  let shardBuild: BuildResult;

  before(async () => {
    shardSite = await makeSearchSite(REPO);
    shardOut = path.join(shardSite.root, "_site");
    process.env.PORTAL_SEARCH_SINGLE_MAX = "40";
    process.env.PORTAL_SEARCH_SHARD_MAX = "60";
    try {
      shardBuild = await buildSite({ root: shardSite.root, outputDir: shardOut, quiet: true, search: true, images: shardSite.images, warn: () => {} });
    } finally {
      delete process.env.PORTAL_SEARCH_SINGLE_MAX;
      delete process.env.PORTAL_SEARCH_SHARD_MAX;
    }
    const headers = await readHeaders(shardOut);
    if (!headers["Content-Security-Policy"]) headers["Content-Security-Policy"] = FALLBACK_CSP;
    shardServed = await serve(shardOut, { headers });
    shardBrowser = await launch();
  });
  after(async () => {
    await shardBrowser?.close();
    await shardServed?.close();
    await shardSite?.cleanup();
  });

  async function all(page: Page, query: string, extra = "", prefix = ""): Promise<Shown[]> {
    await page.goto(`${shardServed.url}${prefix}search/?q=${encodeURIComponent(query)}${extra}`);
    let shown = await rendered(page);
    while (await page.isVisible("[data-search-more]")) {
      const n = shown.length;
      await page.click("[data-search-more]");
      await page.waitForFunction((k) => document.querySelectorAll("[data-search-results] > li").length > k, n);
      shown = await rendered(page);
    }
    return shown;
  }

  test("several bundles; recall, filters, date sort and the 繁體 page across them", async () => {
    const stats = shardBuild.search!;
    assert.ok(stats.shards >= 3, `shards: ${stats.shards}`);
    assert.equal(stats.pages, shardBuild.model.articles.length);
    const files = await fs.readdir(path.join(shardOut, "pagefind"));
    assert.ok(files.includes("shard-2"), files.join(" "));
    const { page, context, problems } = await newPage(shardBrowser);

    // Recall: every planted article (they are spread over the years, so over the bundles).
    const urlIn = new Map(shardBuild.model.articles.map((a) => [a.file, a.url]));
    for (const term of ["华罗庚", "智慧书包", "欧阳明远", "银杏课堂"]) {
      const hrefs = (await all(page, term)).map((r) => r.href);
      for (const file of shardSite.corpus.planted[term]!) assert.ok(hrefs.includes(urlIn.get(file)!), `${term}: ${file}`);
      if (term === "华罗庚") assert.equal(hrefs[0], urlIn.get(QIANGJI), "华罗庚 ranks the 强基铸魂 article first across bundles");
    }

    // Date sort over every result of a common word: newest first across bundle boundaries.
    const byDate = await all(page, "教育", "&sort=date");
    const dates = byDate.map((r) => r.date);
    assert.ok(dates.length > 60, `${dates.length} results`);
    assert.deepEqual(outOfOrder(dates), []);
    const relevance = await all(page, "教育");
    assert.deepEqual(new Set(relevance.map((r) => r.href)), new Set(byDate.map((r) => r.href)), "the same results in both orders");
    const count = Number(((await page.textContent("[data-search-status]")) ?? "").match(/找到 (\d+) 条/)?.[1]);
    assert.equal(count, relevance.length);

    // Filters list every bundle's values with summed counts; an old year (a merged bundle) filters.
    const years = await page.$$eval("#search-filter-year option", (os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    const modelYears = [...new Set(shardBuild.model.articles.map((a) => String(a.year)))].sort().reverse();
    assert.deepEqual(years, modelYears);
    const oldest = years[years.length - 1]!;
    await page.selectOption("#search-filter-year", oldest);
    const old = await rendered(page);
    assert.ok(old.length > 0 && old.every((r) => r.date.startsWith(oldest)));
    const columnCounts = await page.$$eval("#search-filter-column option", (os) => os.map((o) => Number(/（(\d+)）$/.exec(o.textContent ?? "")?.[1] ?? 0)));
    assert.equal(
      columnCounts.reduce((a, b) => a + b, 0),
      count,
      "column counts (for the query) add up over the bundles",
    );

    // A filter alone lists a column newest first, across bundles.
    const column = relevance[0]!.column;
    const listed = await all(page, "", `&column=${encodeURIComponent(column)}`);
    assert.ok(listed.length > 10 && listed.every((r) => r.column === column));
    assert.deepEqual(outOfOrder(listed.map((r) => r.date)), []);

    // The 繁體 page merges the same bundles.
    const hant = await all(page, "華羅庚", "", "zh-hant/");
    const hans = await all(page, "华罗庚");
    assert.deepEqual(
      hant.map((r) => r.href),
      hans.map((r) => `/zh-hant${r.href}`),
    );
    assert.deepEqual(problems, []);
    await context.close();
  });
});

/**
 * Adjacent dates that are not newest first. The sort key is an ISO date-time string
 * (layouts/article.ts), compared as text: a numeric key like 20190716183000 is read by Pagefind as
 * a 32-bit float, which cannot tell apart times less than about two days apart.
 */
function outOfOrder(dates: string[]): string[] {
  return dates.flatMap((d, i) => (i && d > dates[i - 1]! ? [`${dates[i - 1]} before ${d}`] : []));
}

function formatTable(rows: Array<Record<string, string | number>>): string {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const width = (s: string) => [...s].reduce((w, c) => w + (/[\u1100-\uffff]/.test(c) ? 2 : 1), 0);
  const cell = (v: unknown) => String(v ?? "");
  const widths = keys.map((k) => Math.max(width(k), ...rows.map((r) => width(cell(r[k])))));
  const line = (vals: string[]) => "| " + vals.map((v, i) => v + " ".repeat(widths[i]! - width(v))).join(" | ") + " |";
  return [line(keys), line(widths.map((w) => "-".repeat(w))), ...rows.map((r) => line(keys.map((k) => cell(r[k]))))].join("\n");
}
