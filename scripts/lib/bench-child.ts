/**
 * One benchmark measurement in a fresh Node process (started by scripts/bench.ts), so every
 * contender starts with a cold JIT and its own peak RSS:
 *
 *   node --import tsx scripts/lib/bench-child.ts --mode bare|full|edit --root DIR --out DIR --result FILE
 *        [--search 0|1] [--edit content/…/index.md]
 *
 *   bare   bare Eleventy 3 (scripts/lib/bare-eleventy.ts) over <root>/content → --out
 *   full   the portal build (buildSite: every stage, atomic swap) → --out
 *   edit   the preview path as it exists today: the portal built in-process (inPlace, like the
 *          preview server), then one article edited and the site rebuilt in the SAME process
 *          (content parse cache, Eleventy and the JIT warm): once with everything, once with
 *          search off. Checks the edit is in the output, restores the file.
 *
 * Writes one JSON object to --result.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import { DateTime } from "luxon";
import { buildSite, type BuildResult } from "../../lib/portal/build.ts";
import { searchStats } from "../../lib/search/plugin.ts";

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
}

function summarise(result: BuildResult, ms: number): FullRun {
  const { store, stages } = result.handle;
  const s = searchStats.get(store);
  return {
    ms,
    timings: Object.fromEntries([...stages.timings].map(([k, v]) => [k, Math.round(v)])),
    articles: store.model.articles.length,
    images: store.imageStats,
    searchIndexBytes: s?.indexBytes,
    searchBundleBytes: s?.bytes,
    searchPages: s?.pages,
  };
}

async function full(options: { inPlace?: boolean; search?: boolean } = {}): Promise<FullRun> {
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

async function edit(file: string): Promise<Record<string, unknown>> {
  const abs = path.resolve(root, file);
  const original = await fs.readFile(abs);
  const stat = await fs.stat(abs);
  await fs.rm(out, { recursive: true, force: true });
  const first = await full({ inPlace: true });
  try {
    const edited = (n: number) => Buffer.concat([original, Buffer.from(`\n${EDIT_MARK}${n}：本段为基准测试中对单篇文章的修改。\n`)]);
    await fs.writeFile(abs, edited(1));
    const withAll = await full({ inPlace: true });
    const shown1 = await editVisible(file, `${EDIT_MARK}1`);
    await fs.writeFile(abs, edited(2));
    const noSearch = await full({ inPlace: true, search: false });
    const shown2 = await editVisible(file, `${EDIT_MARK}2`);
    return { first, edit: withAll, editNoSearch: noSearch, visible: shown1 && shown2 };
  } finally {
    await fs.writeFile(abs, original);
    await fs.utimes(abs, stat.atime, stat.mtime);
  }
}

/** Is the marker in the edited article's page (found through the output's folder layout)? */
async function editVisible(file: string, mark: string): Promise<boolean> {
  // content/<column path>/<year>/<slug>/index.md → /<column path>/<year>/<slug>/index.html
  const rel = path.relative(path.join(root, "content"), path.resolve(root, path.dirname(file)));
  try {
    return (await fs.readFile(path.join(out, rel, "index.html"), "utf8")).includes(mark);
  } catch {
    return false;
  }
}

const t0 = performance.now();
let data: Record<string, unknown>;
switch (values.mode) {
  case "bare":
    data = await bare();
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
};
await fs.writeFile(values.result!, JSON.stringify(result));
