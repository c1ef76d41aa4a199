/**
 * Search figures: builds a site of N generated articles (default 4,000) through the real portal
 * pipeline (both editions; one index of the Simplified articles, sharded above
 * PORTAL_SEARCH_SINGLE_MAX pages — set it and PORTAL_SEARCH_SHARD_MAX to try shards), then reports
 *   - Pagefind index time, CPU and peak RSS of the indexer, bytes (index proper, runtime, bundle),
 *   - whether a second index run over the same HTML gives byte-identical files,
 *   - the bytes one search fetches in Chromium (a 390 px phone): every /pagefind/ response from opening
 *     /search/?q=… in a fresh browser context until the results are rendered (cold), and for a
 *     second query in the same page (warm). Raw bytes as served, plus the gzip estimate for the
 *     text files a server compresses (pagefind.js, the worker, JSON; .pf_* and wasm are gzipped
 *     by Pagefind already).
 *
 *   tsx scripts/bench-search.ts [--articles 4000] [--seed 1] [--queries 立德树人,课后服务,課後服務] [--keep] [--compare-api]
 *   tsx scripts/bench-search.ts --site bench-corpus/a20000-s1/_site   (query bytes only, over a built site)
 *
 * Text is tests/helpers/search-corpus.ts's generator (demo sentences + a sentence bank), without
 * the planted terms. Prints a table and one JSON line (prefixed "JSON ").
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { buildSite } from "../lib/pipeline/build.ts";
import { BUNDLE_DIR, bundleSizes } from "../lib/search/index.ts";
import { indexSite, sitePlan } from "../lib/search/plugin.ts";
import { writeCharMaps } from "../lib/search/zh-map.ts";
import { launch, readHeaders, serve } from "../tests/helpers/browser.ts";
import { demoSentences, generateSearchCorpus, writeSearchCorpus } from "../tests/helpers/search-corpus.ts";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "4000" },
    seed: { type: "string", default: "1" },
    queries: { type: "string", default: "立德树人,课后服务,安全教育,2024年,課後服務" },
    keep: { type: "boolean", default: false },
    /** Also time Pagefind's Node API (service process) over the same HTML (the portal runs the CLI). */
    "compare-api": { type: "boolean", default: false },
    /** Only the query bytes, over an already built site with its index (e.g. bench-corpus/a20000-s1/_site). */
    site: { type: "string" },
  },
});
const queries = values.queries.split(/[,，]/).filter(Boolean);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;
if (values.site) {
  const site = path.resolve(values.site);
  const sizes = await bundleSizes(path.join(site, BUNDLE_DIR));
  const shards = (await fs.readdir(path.join(site, BUNDLE_DIR))).filter((n) => n.startsWith("shard-")).length + 1;
  const perQuery = await measureQueries(site);
  console.log([`site ${site}: ${shards} bundle(s), index ${mb(sizes.indexBytes)}, bundle ${mb(sizes.bytes)} in ${sizes.files} files`, ...queryRows(perQuery).map(([k, v]) => `${k}  ${v}`)].join("\n"));
  console.log(
    "JSON " +
      JSON.stringify({
        site,
        shards,
        ...sizes,
        queries: perQuery.map((q) => ({
          query: q.query,
          results: q.results,
          coldBytes: q.cold.bytes,
          coldGzipBytes: q.cold.gzip,
          coldRequests: q.cold.requests,
          warmBytes: q.warm.bytes,
          warmRequests: q.warm.requests,
        })),
      }),
  );
  process.exit(0);
}
const articles = Number(values.articles);
const repo = process.cwd();
const root = await fs.mkdtemp(path.join(os.tmpdir(), "bench-search-"));
const out = path.join(root, "_site");

try {
  // 1. Corpus.
  await fs.mkdir(path.join(root, "content", "_data"), { recursive: true });
  for (const f of ["site.yaml", "columns.yaml"]) await fs.copyFile(path.join(repo, "content", "_data", f), path.join(root, "content", "_data", f));
  const corpus = generateSearchCorpus({ count: articles, seed: Number(values.seed), sentences: await demoSentences(path.join(repo, "content")), plant: false, firstYear: 2016, lastYear: 2025 });
  await writeSearchCorpus(root, corpus);
  const textChars = corpus.articles.reduce((n, a) => n + a.title.length + a.paragraphs.join("").length, 0);
  console.log(`${articles} articles generated (${(textChars / articles).toFixed(0)} characters each on average)`);

  // 2. Build through the portal (content → render → files → 繁體 → search index).
  const result = await buildSite({ root, outputDir: out, quiet: true, search: true, warn: () => {} });
  const stats = result.search;
  if (!stats) throw new Error("the search stage did not run");
  const stageMs = result.timings.get("search-index") ?? NaN;
  console.log(`build ${(result.ms / 1000).toFixed(1)} s; search stage ${(stageMs / 1000).toFixed(2)} s (Pagefind ${(stats.ms / 1000).toFixed(2)} s)`);

  // 3. Determinism: index the same HTML again and compare every file.
  const bundle = path.join(out, BUNDLE_DIR);
  const before = await hashTree(bundle);
  // Pagefind runs in child processes: their CPU time and peak RSS are sampled from /proc while they
  // run (lib/search/index.ts), so the figures are comparable on a busy machine where wall time is not.
  const again = await indexSite(out, result.model);
  const pagefindCpu = again.cpuSeconds;
  const site = result.model.site;
  await writeCharMaps(bundle, { cacheDir: path.join(root, ".cache", "search"), ...(site.traditional.enabled ? { variant: site.traditional.variant } : {}) });
  const after = await hashTree(bundle);
  let api: { ms: number; cpu: number } | undefined;
  if (values["compare-api"]) {
    // The same pages (the first shard's glob) through the Node API's service process.
    const pagefind = await import("pagefind");
    const watch = watchPagefindCpu();
    const t0 = performance.now();
    const { index } = await pagefind.createIndex({});
    if (!index) throw new Error("pagefind.createIndex failed");
    await index.addDirectory({ path: out, glob: sitePlan(result.model)[0]!.glob });
    await index.writeFiles({ outputPath: path.join(root, "api-bundle") });
    api = { ms: performance.now() - t0, cpu: watch.stop() };
    await pagefind.close();
  }
  const differing = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => before[f] !== after[f]);

  // 4. Bytes per query in Chromium, with the shipped headers.
  const perQuery = await measureQueries(out);

  // 5. Report.
  const rows: Array<[string, string]> = [
    ["articles", String(articles)],
    [
      "pages indexed",
      `${stats.pages} (${Object.entries(stats.languages)
        .map(([l, n]) => `${l} ${n}`)
        .join(", ")}) in ${stats.shards} bundle(s): ${stats.plan.map((p) => `${p.dir || "/"} ${p.years[0]}–${p.years[p.years.length - 1]} ${p.pages}`).join("; ")}`,
    ],
    [
      "Pagefind index time",
      `${(stats.ms / 1000).toFixed(2)} s wall, ${stats.cpuSeconds.toFixed(1)} s CPU, peak RSS ${mb(stats.peakRssBytes)} (second run ${(again.ms / 1000).toFixed(2)} s wall, ${pagefindCpu.toFixed(1)} s CPU, ${mb(again.peakRssBytes)})`,
    ],
    ...(api ? ([["Pagefind Node API, first bundle's pages", `${(api.ms / 1000).toFixed(2)} s wall, ≥ ${api.cpu.toFixed(1)} s CPU`]] as Array<[string, string]>) : []),
    [
      "machine",
      `${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    ],
    ["search stage incl. char maps", `${(stageMs / 1000).toFixed(2)} s`],
    ["index bytes (.pf_*)", `${mb(stats.indexBytes)} in ${stats.files} files total`],
    ["runtime bytes (js, worker, wasm)", kb(stats.runtimeBytes)],
    ["bundle bytes (all)", mb(stats.bytes)],
    [
      "char maps",
      Object.entries(stats.mapBytes)
        .map(([f, n]) => `${f} ${kb(n)}`)
        .join(", "),
    ],
    ["deterministic (2 runs)", differing.length ? `NO: ${differing.length} files differ (${differing.slice(0, 3).join(", ")})` : `yes (${Object.keys(after).length} files identical)`],
  ];
  rows.push(...queryRows(perQuery));
  const w = Math.max(...rows.map(([k]) => [...k].length));
  console.log("\n" + rows.map(([k, v]) => `${k.padEnd(w + (k.length - [...k].length))}  ${v}`).join("\n"));
  console.log(
    "JSON " +
      JSON.stringify({
        articles,
        pages: stats.pages,
        languages: stats.languages,
        indexMs: Math.round(stats.ms),
        secondIndexMs: Math.round(again.ms),
        shards: stats.shards,
        indexCpuS: Number(stats.cpuSeconds.toFixed(2)),
        indexPeakRssBytes: stats.peakRssBytes,
        secondIndexCpuS: Number(pagefindCpu.toFixed(2)),
        secondIndexPeakRssBytes: again.peakRssBytes,
        ...(api ? { apiMs: Math.round(api.ms), apiCpuS: Number(api.cpu.toFixed(2)) } : {}),
        cpus: os.cpus().length,
        load: os.loadavg().map((l) => Number(l.toFixed(2))),
        stageMs: Math.round(stageMs),
        buildMs: Math.round(result.ms),
        indexBytes: stats.indexBytes,
        runtimeBytes: stats.runtimeBytes,
        bundleBytes: stats.bytes,
        bundleFiles: stats.files,
        mapBytes: stats.mapBytes,
        deterministic: differing.length === 0,
        queries: perQuery.map((q) => ({
          query: q.query,
          results: q.results,
          coldBytes: q.cold.bytes,
          coldGzipBytes: q.cold.gzip,
          coldIndexBytes: q.cold.index,
          coldRequests: q.cold.requests,
          coldMs: Math.round(q.coldMs),
          warmBytes: q.warm.bytes,
          warmRequests: q.warm.requests,
        })),
      }),
  );
} finally {
  if (values.keep) console.log(`kept ${root}`);
  else await fs.rm(root, { recursive: true, force: true });
}

interface QueryBytes {
  query: string;
  results: number;
  cold: Bytes;
  warm: Bytes;
  coldMs: number;
}

/** Bytes per query in Chromium, with the site's shipped headers. */
async function measureQueries(out: string): Promise<QueryBytes[]> {
  const headers = await readHeaders(out);
  const served = await serve(out, { headers });
  const browser = await launch();
  const perQuery: QueryBytes[] = [];
  try {
    for (const query of queries) {
      // A phone: the first query is the figure readers pay for (issue #15: ≤ 350 KB at 4,000 articles).
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3 });
      const page = await context.newPage();
      let log: Array<{ url: string; bytes: number; gzip: number }> = [];
      context.on("response", async (response) => {
        const url = response.url();
        if (!url.includes(`/${BUNDLE_DIR}/`)) return;
        const body = await response.body().catch(() => Buffer.alloc(0));
        const text = /\.(js|json)(\?|$)/.test(url);
        log.push({ url, bytes: body.length, gzip: text ? gzipSync(body).length : body.length });
      });
      const t0 = performance.now();
      await page.goto(`${served.url}search/?q=${encodeURIComponent(query)}`);
      await settled(page);
      const coldMs = performance.now() - t0;
      await page.waitForTimeout(200);
      const cold = sum(log);
      const results = Number(((await page.textContent("[data-search-status]")) ?? "").match(/找到 (\d+) 条/)?.[1] ?? 0);
      // A second, different query in the same page: only new index chunks and fragments.
      log = [];
      await page.fill("#search-q", query === "课后服务" ? "安全教育" : "课后服务");
      await page.press("#search-q", "Enter");
      await settled(page);
      await page.waitForTimeout(200);
      const warm = sum(log);
      perQuery.push({ query, results, cold, warm, coldMs });
      await context.close();
    }
  } finally {
    await browser.close();
    await served.close();
  }

  return perQuery;
}

function queryRows(perQuery: QueryBytes[]): Array<[string, string]> {
  return perQuery.map((q) => [
    `query “${q.query}” (${q.results} results)`,
    `cold ${kb(q.cold.bytes)} raw / ${kb(q.cold.gzip)} gzip in ${q.cold.requests} requests (index ${kb(q.cold.index)}: ${Object.entries(q.cold.kinds)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${kb(n)}`)
      .join(", ")}), ${(q.coldMs / 1000).toFixed(2)} s; next query ${kb(q.warm.bytes)} in ${q.warm.requests} requests`,
  ]);
}

interface Bytes {
  bytes: number;
  gzip: number;
  index: number;
  requests: number;
  /** Raw bytes per kind of file (pf_meta, pf_index, pf_fragment, pf_filter, wasm, js, json). */
  kinds: Record<string, number>;
}

function sum(log: Array<{ url: string; bytes: number; gzip: number }>): Bytes {
  return {
    bytes: log.reduce((n, r) => n + r.bytes, 0),
    gzip: log.reduce((n, r) => n + r.gzip, 0),
    index: log.filter((r) => /\.pf_\w+$/.test(r.url)).reduce((n, r) => n + r.bytes, 0),
    requests: log.length,
    kinds: log.reduce<Record<string, number>>((k, r) => {
      const kind = /\.(pf_\w+|wasm|js|json)(?:$|\?)/.exec(r.url)?.[1] ?? (/wasm\./.test(r.url) ? "wasm" : "other");
      k[kind] = (k[kind] ?? 0) + r.bytes;
      return k;
    }, {}),
  };
}

async function settled(page: import("playwright-core").Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const s = document.querySelector<HTMLElement>("[data-search-status]");
      return s && ["results", "empty", "error"].includes(s.dataset.state ?? "") && !document.querySelector("[data-search-results]")?.hasAttribute("aria-busy");
    },
    undefined,
    { timeout: 60_000 },
  );
}

/** Samples the CPU seconds (user + system) of our pagefind_extended child until stopped (Linux; 0 elsewhere). */
function watchPagefindCpu(): { stop(): number } {
  let seconds = 0;
  const sample = () => {
    let entries: string[] = [];
    try {
      entries = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
    } catch {
      return;
    }
    for (const pid of entries) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        if (!stat.includes("(pagefind")) continue;
        // Fields after "(comm) ": state, ppid, … utime is field 14 and stime field 15 (1-based).
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        if (Number(f[1]) === process.pid) seconds = Math.max(seconds, (Number(f[11]) + Number(f[12])) / 100);
      } catch {
        // the process ended between readdir and read
      }
    }
  };
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      return seconds;
    },
  };
}

async function hashTree(dir: string): Promise<Record<string, string>> {
  const outMap: Record<string, string> = {};
  for (const e of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const p = path.join(e.parentPath, e.name);
    outMap[path.relative(dir, p)] = createHash("sha256")
      .update(await fs.readFile(p))
      .digest("hex");
  }
  return outMap;
}
