/**
 * One benchmark measurement in a fresh Node process (started by scripts/bench.ts), so every
 * contender starts with a cold JIT and its own peak RSS:
 *
 *   node --import tsx scripts/lib/bench-child.ts --mode bare|bare-pagefind|full|edit --root DIR --out DIR --result FILE
 *        [--search 0|1] [--edit content/…/index.md]
 *
 *   bare   bare Eleventy 3 (scripts/lib/bare-eleventy.ts) over <root>/content → --out
 *   bare-pagefind  the usual recipe: bare Eleventy, then the Pagefind CLI (pagefind_extended, the
 *          binary the portal runs) over its whole output, as `npx pagefind --site _site` does
 *   full   the portal build (buildSite: every stage, atomic swap) → --out
 *   edit   the preview server (lib/editor/preview/): time from saving an edit to one article
 *          until the preview serves the edited page (see edit() below); restores the file.
 *
 * Writes one JSON object to --result.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import { DateTime } from "luxon";
// The portal (lib/pipeline/build.ts) is imported only in the portal modes, so the bare contender's
// process loads nothing but Eleventy.
import type { BuildResult } from "../../lib/pipeline/build.ts";

const { values } = parseArgs({
  options: {
    mode: { type: "string" },
    root: { type: "string" },
    out: { type: "string" },
    result: { type: "string" },
    search: { type: "string", default: "1" },
    edit: { type: "string" },
  },
});

/** Fixed build time: every corpus article (2016–2025) is published, and runs are comparable. */
export const BENCH_NOW = DateTime.fromISO("2026-01-01T00:00:00", { zone: "Asia/Shanghai" });
export const EDIT_MARK = "（基准测试编辑标记）";

const root = path.resolve(values.root!);
const out = path.resolve(values.out!);
const search = values.search !== "0";
const BARE_CONFIG = fileURLToPath(new URL("./bare-eleventy.ts", import.meta.url));

interface FullRun {
  ms: number;
  timings: Record<string, number>;
  articles: number;
  images: { total: number; processed: number; cached: number; ms: number } | undefined;
  searchIndexBytes: number | undefined;
  searchBundleBytes: number | undefined;
  searchPages: number | undefined;
  /** Search stage details: bundles, bundles reused from the cache, Pagefind CPU and peak RSS. */
  searchShards: number | undefined;
  searchReused: number | undefined;
  searchCpuS: number | undefined;
  /** Article pages rendered and taken unchanged from the previous build (lib/render/reuse.ts). */
  pages: { rendered: number; reused: number };
  /** The same for list, tag and 目录 pages. */
  kindPages: { rendered: number; reused: number };
  searchPeakRssMb: number | undefined;
}

async function summarise(result: BuildResult, ms: number): Promise<FullRun> {
  const s = result.search;
  return {
    ms,
    timings: Object.fromEntries([...result.timings].map(([k, v]) => [k, Math.round(v)])),
    articles: result.model.articles.length,
    images: result.imageStats,
    searchIndexBytes: s?.indexBytes,
    searchBundleBytes: s?.bytes,
    searchPages: s?.pages,
    searchShards: s?.shards,
    searchReused: s?.reused,
    searchCpuS: s?.cpuSeconds,
    pages: result.pages,
    kindPages: result.kindPages,
    searchPeakRssMb: s ? s.peakRssBytes / 1048576 : undefined,
  };
}

async function full(options: { inPlace?: boolean; search?: boolean } = {}): Promise<FullRun> {
  const { buildSite } = await import("../../lib/pipeline/build.ts");
  const t0 = performance.now();
  const result = await buildSite({ root, outputDir: out, quiet: true, search: options.search ?? search, now: BENCH_NOW, ...(options.inPlace ? { inPlace: true } : {}) });
  return summarise(result, performance.now() - t0);
}

async function bare(): Promise<{ ms: number }> {
  const t0 = performance.now();
  await fs.rm(out, { recursive: true, force: true });
  const eleventy = new Eleventy(path.relative(process.cwd(), path.join(root, "content")), path.relative(process.cwd(), out), {
    quietMode: true,
    configPath: path.relative(process.cwd(), BARE_CONFIG),
  });
  eleventy.disableLogger();
  await eleventy.write();
  return { ms: performance.now() - t0 };
}

/** Bare Eleventy, then the Pagefind CLI over everything it wrote (default glob, default output folder). */
async function barePagefind(): Promise<{ ms: number; eleventyMs: number; pagefindMs: number }> {
  const { pagefindBinary } = await import("../../lib/search/index.ts");
  const { spawn } = await import("node:child_process");
  const t0 = performance.now();
  const { ms: eleventyMs } = await bare();
  const t1 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(pagefindBinary(), ["--site", out, "--quiet"], { stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`pagefind_extended exited with ${code}`))));
  });
  return { ms: performance.now() - t0, eleventyMs, pagefindMs: performance.now() - t1 };
}

/**
 * The preview (lib/editor/preview/, `npm start`): start the preview server, let it build, then
 * make the changes an editor makes and time each until the page that shows it, fetched over HTTP
 * from the preview server, does: two edits of one article's text (the second with the server's
 * process warm), the same article in the 繁體 edition, a new article, that article deleted, and a
 * column renamed in columns.yaml (watcher → quiet period → update → page served). Every file is
 * restored afterwards.
 */
async function edit(file: string): Promise<Record<string, unknown>> {
  const { startPreview } = await import("../../lib/editor/preview/server.ts");
  const abs = path.resolve(root, file);
  const original = await fs.readFile(abs);
  const stat = await fs.stat(abs);
  const columnsFile = path.join(root, "content", "_data", "columns.yaml");
  const columns = await fs.readFile(columnsFile, "utf8");
  const folder = path.relative(path.join(root, "content"), path.dirname(abs)).split(path.sep).join("/");
  const newFile = path.join(path.dirname(path.dirname(abs)), "bench-xin-wen", "index.md");
  // The URL's year is the date's: date the new article in the year of the folder it is put in.
  const newDate = /^\d{4}$/.test(path.basename(path.dirname(path.dirname(newFile)))) ? `${path.basename(path.dirname(path.dirname(newFile)))}-06-01` : BENCH_NOW.toFormat("yyyy-MM-dd");
  await fs.rm(out, { recursive: true, force: true });
  const t0 = performance.now();
  const server = await startPreview({ root, outputDir: out, port: 0, now: BENCH_NOW, log: () => undefined });
  const first = await server.settled();
  const firstMs = performance.now() - t0;
  // content/<column path>/<year>/<slug>/index.md → /<column path>/<year>/<slug>/
  const url = `${server.url}/${folder}/`;
  const columnUrl = `${server.url}/${folder.split("/").slice(0, -2).join("/")}/`;
  const newUrl = `${server.url}/${path.relative(path.join(root, "content"), path.dirname(newFile)).split(path.sep).join("/")}/`;
  type Change = { name: string; shownMs: number; buildMs: number; ok: boolean; fast: boolean };
  const changes: Change[] = [];
  /** Makes a change, then polls until `shown` holds for the page at `at` (or 2 minutes pass: then not ok). */
  const time = async (name: string, change: () => Promise<unknown>, at: string, shown: (status: number, body: string) => boolean) => {
    const before = server.state?.n ?? 0;
    const t = performance.now();
    await change();
    let ok = false;
    while (performance.now() - t < 120_000) {
      if ((server.state?.n ?? 0) > before) {
        const res = await fetch(at);
        if (shown(res.status, await res.text())) {
          ok = true;
          break;
        }
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const state = server.state;
    changes.push({ name, shownMs: performance.now() - t, buildMs: state?.ms ?? NaN, ok: ok && Boolean(state?.ok), fast: Boolean(state?.fast) });
  };
  const edited = (n: number) => Buffer.concat([original, Buffer.from(`\n${EDIT_MARK}${n}：本段为基准测试中对单篇文章的修改。\n`)]);
  try {
    for (let n = 1; n <= 2; n++)
      await time(
        `edit ${n}`,
        () => fs.writeFile(abs, edited(n)),
        url,
        (s, b) => s === 200 && b.includes(`${EDIT_MARK}${n}`),
      );
    // The Traditional edition of the same page: the mark converts to 基準測試編輯標記.
    await time(
      "edit, 繁體 page",
      () => fs.writeFile(abs, edited(3)),
      `${server.url}/zh-hant/${folder}/`,
      (s, b) => s === 200 && b.includes("基準測試編輯標記）3"),
    );
    await time(
      "new article",
      async () => {
        await fs.mkdir(path.dirname(newFile), { recursive: true });
        await fs.writeFile(newFile, `---\ntitle: 基准测试新增文章\ndate: ${newDate}\nsource: 办公室\n---\n新增文章的正文。\n`);
      },
      newUrl,
      (s, b) => s === 200 && b.includes("基准测试新增文章"),
    );
    await time(
      "deleted article",
      () => fs.rm(path.dirname(newFile), { recursive: true }),
      newUrl,
      (s) => s === 404,
    );
    await time(
      "column renamed",
      () => fs.writeFile(columnsFile, columns.replace("name: 教育动态", "name: 教育要闻")),
      columnUrl,
      (s, b) => s === 200 && b.includes("教育要闻"),
    );
  } finally {
    await fs.rm(path.dirname(newFile), { recursive: true, force: true });
    await fs.writeFile(columnsFile, columns);
    await fs.writeFile(abs, original);
    await fs.utimes(abs, stat.atime, stat.mtime);
    await server.close();
  }
  const edits = changes.filter((c) => c.name.startsWith("edit "));
  return { firstMs, firstOk: first.ok, edits, changes, visible: changes.every((e) => e.ok), url };
}

const t0 = performance.now();
let data: Record<string, unknown>;
switch (values.mode) {
  case "bare":
    data = await bare();
    break;
  case "bare-pagefind":
    data = await barePagefind();
    break;
  case "full":
    data = { ...(await full()) };
    break;
  case "edit":
    data = await edit(values.edit!);
    break;
  default:
    throw new Error(`unknown --mode ${values.mode}`);
}
const usage = process.resourceUsage();
/** CPU of waited-for child processes (Pagefind's indexer), from /proc/self/stat cutime + cstime. */
async function childrenCpuMs(): Promise<number | undefined> {
  try {
    const stat = await fs.readFile("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After the ")" field 3 (state) is index 0: cutime is field 16, cstime field 17 (1-based).
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return undefined;
  }
}
const mem = process.memoryUsage();
const result = {
  mode: values.mode,
  ...data,
  wallMs: performance.now() - t0,
  // maxRSS is in KiB: this Node process only (Pagefind's indexer is a separate process, sampled by the parent).
  peakRssMb: usage.maxRSS / 1024,
  heapUsedMb: mem.heapUsed / 1048576,
  cpuUserMs: usage.userCPUTime / 1000,
  cpuSystemMs: usage.systemCPUTime / 1000,
  childrenCpuMs: await childrenCpuMs(),
};
await fs.writeFile(values.result!, JSON.stringify(result));
