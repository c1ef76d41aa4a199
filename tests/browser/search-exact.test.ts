/**
 * Exact matches first, measured the way a reader meets them: 300 random 2–4-character Han
 * substrings (seeded) of the articles' indexed text, over the demo plus the generated search
 * corpus, searched in Chromium through Pagefind's real bundle and the page's own ranking code
 * (assets/js/search-rank.js: the same functions assets/js/search.js calls).
 *
 *   recall       of the articles containing the string, the share that is found         ≥ 0.995
 *   exact first  of those, the share ranked above every result not containing it         ≥ 0.98
 *
 * The ground truth is the text Pagefind is given: each article's data-pagefind-body element
 * (tags removed). Run once on one bundle and once on the sharded layout (several bundles merged
 * in the browser), and a sample of the queries typed in Traditional on the 繁體 search page.
 */
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { buildSite, type BuildOptions } from "../../lib/pipeline/build.ts";
import { indexCopy } from "../../lib/search/input.ts";
import { int, rng } from "../../scripts/lib/corpus.ts";
import { launch, newPage, readHeaders, serve, type Served } from "../helpers/browser.ts";
import { makeSearchSite, type SearchSite } from "../helpers/search-corpus.ts";
import { CONTENT_SECURITY_POLICY } from "../../lib/feeds/headers.ts";
import { decodeEntities } from "../helpers/links.ts";

const REPO = process.env.SEARCH_TEST_REPO ?? process.cwd();

/** Builds a site and returns its articles' URLs. */
async function buildArticles(options: BuildOptions): Promise<string[]> {
  return (await buildSite(options)).model.articles.map((a) => a.url);
}
const QUERIES = 300;
const SEED = 15;
/** Queries also typed in Traditional on the 繁體 search page (each is a page load). */
const TRADITIONAL_SAMPLE = 12;
/** Used when the build writes no _headers file: the CSP the portal ships with. */
const FALLBACK_CSP = CONTENT_SECURITY_POLICY;

const decode = (html: string) => decodeEntities(html.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");

/** Indexed text of every Simplified article page, by URL: what Pagefind reads (the index copy, without data-pagefind-ignore parts such as the 政务公开 table). */
async function articleTexts(out: string, urls: readonly string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const url of urls) {
    const html = await fs.readFile(path.join(out, ...url.split("/").filter(Boolean), "index.html"), "utf8");
    const copy = indexCopy(html);
    assert.ok(copy, `no data-pagefind-body element in ${url}`);
    texts.set(url, decode(copy.slice(copy.indexOf("<body>"))).replace(/\u200B/g, ""));
  }
  return texts;
}

/** `count` distinct Han-only substrings of 2–4 characters, each from a random article. */
export function sampleQueries(texts: readonly string[], count: number, seed: number): string[] {
  const r = rng(seed);
  const out = new Set<string>();
  for (let tries = 0; out.size < count && tries < count * 200; tries++) {
    const chars = Array.from(texts[int(r, 0, texts.length - 1)]!);
    const len = int(r, 2, 4);
    const at = int(r, 0, Math.max(0, chars.length - len));
    const q = chars.slice(at, at + len).join("");
    if (Array.from(q).length === len && /^\p{Script=Han}+$/u.test(q)) out.add(q);
  }
  return [...out];
}

interface Ranked {
  query: string;
  urls: string[];
  /** Pagefind's own order of the same results (loose query only), for comparison. */
  loose: string[];
}

/** Every query through search-rank.js in the page (the bundle and shards the page names). */
async function rankAll(page: Page, queries: readonly string[]): Promise<Ranked[]> {
  return page.evaluate(async (queries) => {
    const list = document.querySelector<HTMLElement>("[data-search-results]")!;
    const bundle = list.dataset.bundle!;
    const dirs = (list.dataset.shards ?? "")
      .split(" ")
      .filter(Boolean)
      .map((s) => s.slice(0, s.indexOf(":")));
    type Result = { id: string; data(): Promise<{ url: string }> };
    type Response = { results: Result[] };
    type Pagefind = { search(t: string | null, o?: object): Promise<Response> };
    const rank = (await import(new URL("../assets/js/search-rank.js", new URL(bundle, location.href)).href)) as {
      openIndex(bundle: string, dirs: string[], options: object): Promise<Pagefind>;
      rankedSearch(search: Pagefind["search"], q: string, o: object): Promise<Response>;
      indexTerms(q: string): string[];
      RANKING: object;
    };
    const pf = await rank.openIndex(bundle, dirs, { baseUrl: bundle.replace(/pagefind\/$/, ""), ranking: rank.RANKING });
    const urlOf = new Map<string, Promise<string>>();
    const url = (r: Result) => {
      let u = urlOf.get(r.id);
      if (!u) urlOf.set(r.id, (u = r.data().then((d) => new URL(d.url, location.href).pathname)));
      return u;
    };
    const out = [];
    for (const query of queries) {
      const ranked = await rank.rankedSearch((t, o) => pf.search(t, o), query, {});
      const loose = await pf.search(rank.indexTerms(query).join(" "));
      out.push({ query, urls: await Promise.all(ranked.results.map(url)), loose: await Promise.all(loose.results.map(url)) });
    }
    return out;
  }, queries);
}

interface Figures {
  queries: number;
  containing: number;
  found: number;
  exactFirst: number;
  recall: number;
  exactFirstShare: number;
  /** The same share in Pagefind's order without the exact step (over this index). */
  looseExactFirstShare: number;
  misses: string[];
}

function measure(ranked: readonly Ranked[], texts: Map<string, string>): Figures {
  let containing = 0;
  let found = 0;
  let exactFirst = 0;
  let looseFirst = 0;
  const misses: string[] = [];
  const firstNon = (urls: string[], truth: Set<string>) => {
    const i = urls.findIndex((u) => !truth.has(u));
    return i < 0 ? Infinity : i;
  };
  for (const { query, urls, loose } of ranked) {
    const truth = new Set([...texts].filter(([, t]) => t.includes(query)).map(([u]) => u));
    containing += truth.size;
    const barrier = firstNon(urls, truth);
    const looseBarrier = firstNon(loose, truth);
    for (const u of truth) {
      const at = urls.indexOf(u);
      if (at >= 0) found++;
      else if (misses.length < 20) misses.push(`${query}: ${u} not found`);
      if (at >= 0 && at < barrier) exactFirst++;
      else if (at >= 0 && misses.length < 20) misses.push(`${query}: ${u} at ${at + 1}, after a result without the string at ${barrier + 1}`);
      const l = loose.indexOf(u);
      if (l >= 0 && l < looseBarrier) looseFirst++;
    }
  }
  return {
    queries: ranked.length,
    containing,
    found,
    exactFirst,
    recall: found / containing,
    exactFirstShare: exactFirst / containing,
    looseExactFirstShare: looseFirst / containing,
    misses,
  };
}

describe("exact matches first: 300 random substrings in Chromium", { timeout: 20 * 60_000 }, () => {
  let site: SearchSite;
  let browser: Browser;
  const servers: Served[] = [];
  const servedDir = new Map<Served, string>();
  let urls: string[] = [];
  let texts = new Map<string, string>();
  let queries: string[] = [];

  async function built(out: string, env: Record<string, string> = {}): Promise<Served> {
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      const built = await buildArticles({ root: site.root, outputDir: out, quiet: true, search: true, images: site.images, warn: () => {} });
      if (!urls.length) urls = built;
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    const headers = await readHeaders(out);
    if (!headers["Content-Security-Policy"]) headers["Content-Security-Policy"] = FALLBACK_CSP;
    const served = await serve(out, { headers });
    servers.push(served);
    servedDir.set(served, out);
    return served;
  }

  before(async () => {
    site = await makeSearchSite(REPO);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    for (const s of servers) await s.close();
    await site?.cleanup();
  });

  async function run(served: Served, label: string): Promise<Figures> {
    const { page, context, problems } = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await page.goto(`${served.url}search/`);
    const ranked = await rankAll(page, queries);
    const figures = measure(ranked, texts);
    console.log(`${label}: ${JSON.stringify({ ...figures, misses: figures.misses.slice(0, 5) })}`);
    // The 繁體 edition: the same strings typed in Traditional on its search page list the same
    // articles in the same order (exact ones first), linked into /zh-hant/.
    const s2t = JSON.parse(await fs.readFile(path.join(servedDir.get(served)!, "pagefind", "zh-s2t.json"), "utf8")) as { pairs: string };
    const cps = [...s2t.pairs];
    const toHant = new Map(Array.from({ length: cps.length / 2 }, (_, i) => [cps[2 * i]!, cps[2 * i + 1]!]));
    let compared = 0;
    for (const r of ranked.filter((x) => Array.from(x.query).some((c) => toHant.has(c))).slice(0, TRADITIONAL_SAMPLE)) {
      const typed = Array.from(r.query, (c) => toHant.get(c) ?? c).join("");
      await page.goto(`${served.url}zh-hant/search/?q=${encodeURIComponent(typed)}`);
      await page.waitForFunction(() => {
        const st = document.querySelector<HTMLElement>("[data-search-status]");
        return st && ["results", "empty", "error"].includes(st.dataset.state ?? "") && !document.querySelector("[data-search-results]")?.hasAttribute("aria-busy");
      });
      const shown = await page.$$eval("[data-search-results] > li a", (as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      assert.deepEqual(
        shown,
        r.urls.slice(0, 10).map((u) => `/zh-hant${u}`),
        `${typed} (${r.query})`,
      );
      compared++;
    }
    assert.ok(compared >= TRADITIONAL_SAMPLE / 2, `only ${compared} queries had a Traditional form`);
    assert.deepEqual(problems, []);
    await context.close();
    return figures;
  }

  test("one bundle: recall ≥ 0.995, exact first ≥ 0.98", async () => {
    const served = await built(path.join(site.root, "_site"));
    texts = await articleTexts(path.join(site.root, "_site"), urls);
    queries = sampleQueries([...texts.values()], QUERIES, SEED);
    assert.equal(queries.length, QUERIES);
    const f = await run(served, "one bundle");
    assert.ok(f.recall >= 0.995, `recall ${f.recall}: ${f.misses.join("; ")}`);
    assert.ok(f.exactFirstShare >= 0.98, `exact first ${f.exactFirstShare}: ${f.misses.join("; ")}`);
  });

  test("several bundles merged in the browser: the same figures", async () => {
    assert.ok(queries.length, "the first test samples the queries");
    const served = await built(path.join(site.root, "_site_shards"), { PORTAL_SEARCH_SINGLE_MAX: "40", PORTAL_SEARCH_SHARD_MAX: "60" });
    const files = await fs.readdir(path.join(site.root, "_site_shards", "pagefind"));
    assert.ok(files.includes("shard-2"), files.join(" "));
    const f = await run(served, "shards");
    assert.ok(f.recall >= 0.995, `recall ${f.recall}: ${f.misses.join("; ")}`);
    assert.ok(f.exactFirstShare >= 0.98, `exact first ${f.exactFirstShare}: ${f.misses.join("; ")}`);
  });
});
