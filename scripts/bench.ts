/**
 * npm run bench -- [--articles 4000] [--photos-per-article 0] [--photo-share 1] [--photo-size 5472x3648]
 *                  [--seed 1] [--repeat 2] [--rebuilds 2] [--edits 2] [--corpus DIR] [--skip-lean] [--skip-edit] [--profile] [--only-preview]
 *
 * Builds the same generated corpus (scripts/lib/corpus.ts; reused when bench-corpus/<key>/ holds it)
 * side by side, every build in a FRESH Node process (scripts/lib/bench-child.ts) so JIT state and
 * peak memory are comparable, alternating contenders to spread the noise of a shared machine:
 *
 *   bare     bare Eleventy 3 on the same Markdown files, one tiny layout (scripts/lib/bare-eleventy.ts)
 *   bare+pf  the usual recipe: bare Eleventy, then the Pagefind CLI over its output (skipped with --no-search)
 *   full     the portal from scratch (.cache and output removed): layouts, lists, feeds, sitemap,
 *            images, attachments, 繁體 edition, Pagefind index — everything
 *   lean     the same with search and the 繁體 edition switched off (image cache kept)
 *   rebuild  full again with nothing changed: image cache warm, output folder present
 *   edit     one article edited, full rebuild in a fresh process (--edits times, each a new change to
 *            the same article; the best counts, like the other contenders)
 *   preview  the preview path that exists: see bench-child.ts "edit" (in-process second build)
 *
 * Times are the build inside the child (imports and Node start-up excluded; listed separately),
 * the minimum over repeats. Prints a table, stage timings and, last, one JSON line.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { CORPUS_DEFAULTS, existingCorpus, generateCorpus, type CorpusOptions, type CorpusSummary } from "./lib/corpus.ts";
import { formatSummary, summariseProfile } from "./lib/cpu-profile.ts";
import { runChild, treeSize, type ChildRun } from "./lib/proc.ts";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: String(CORPUS_DEFAULTS.articles) },
    "photos-per-article": { type: "string", default: "0" },
    "photo-share": { type: "string", default: "1" },
    "photo-size": { type: "string", default: `${CORPUS_DEFAULTS.photoWidth}x${CORPUS_DEFAULTS.photoHeight}` },
    "photo-quality": { type: "string", default: String(CORPUS_DEFAULTS.photoQuality) },
    seed: { type: "string", default: "1" },
    repeat: { type: "string", default: "2" },
    rebuilds: { type: "string", default: "2" },
    edits: { type: "string", default: "2" },
    corpus: { type: "string" },
    "skip-lean": { type: "boolean", default: false },
    "skip-edit": { type: "boolean", default: false },
    /** Skip the fresh-process rebuild after an edit (it does the same work as a no-change rebuild). */
    "skip-edit-build": { type: "boolean", default: false },
    "skip-bare": { type: "boolean", default: false },
    /** Rebuilds only, over the output and image cache a previous run left (e.g. 10,000 photos: the cold build takes minutes). */
    "skip-full": { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    /** Full/rebuild/edit builds without the Pagefind index (e.g. 20,000 articles on a small machine). */
    "no-search": { type: "boolean", default: false },
    /** Only the preview's edit → page served (no builds of _site/): the figure of the preview work. */
    "only-preview": { type: "boolean", default: false },
  },
});

const REPO = fileURLToPath(new URL("../", import.meta.url));
const CHILD = fileURLToPath(new URL("./lib/bench-child.ts", import.meta.url));
const sizeMatch = /^(\d+)[x×](\d+)$/i.exec(values["photo-size"]);
if (!sizeMatch) throw new Error(`--photo-size must look like 5472x3648, got ${values["photo-size"]}`);
const corpusOptions: Omit<CorpusOptions, "out" | "repoRoot" | "log"> = {
  articles: Number(values.articles),
  seed: Number(values.seed),
  photosPerArticle: Number(values["photos-per-article"]),
  photoShare: Number(values["photo-share"]),
  photoWidth: Number(sizeMatch[1]),
  photoHeight: Number(sizeMatch[2]),
  photoQuality: Number(values["photo-quality"]),
  firstYear: CORPUS_DEFAULTS.firstYear,
  lastYear: CORPUS_DEFAULTS.lastYear,
};
const photoKey = corpusOptions.photosPerArticle
  ? `-p${corpusOptions.photosPerArticle}${corpusOptions.photoShare < 1 ? `x${corpusOptions.photoShare}` : ""}-${values["photo-size"]}q${corpusOptions.photoQuality}`
  : "";
const root = path.resolve(values.corpus ?? path.join(REPO, "bench-corpus", `a${corpusOptions.articles}${photoKey}-s${corpusOptions.seed}`));
const R = Math.max(1, Number(values.repeat));
const REBUILDS = Math.max(1, Number(values.rebuilds));
const EDITS = Math.max(1, Number(values.edits));
const work = path.join(root, "_bench");
const siteOut = path.join(root, "_site");
const log = (line: string) => process.stderr.write(line + "\n");
const searchArg = values["no-search"] ? ["--search", "0"] : [];

interface FullResult {
  mode: string;
  ms: number;
  timings: Record<string, number>;
  articles: number;
  images?: { total: number; processed: number; cached: number; ms: number };
  searchIndexBytes?: number;
  searchBundleBytes?: number;
  searchPages?: number;
  searchShards?: number;
  searchReused?: number;
  searchCpuS?: number;
  pages?: { rendered: number; reused: number };
  kindPages?: { rendered: number; reused: number };
  searchPeakRssMb?: number;
  peakRssMb: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  childrenCpuMs?: number;
}
interface EditResult {
  firstMs: number;
  edits: { shownMs: number; buildMs: number; ok: boolean; fast?: boolean }[];
  /** Every change the preview was timed on (edits, 繁體 page, new and deleted article, column renamed). */
  changes: { name: string; shownMs: number; buildMs: number; ok: boolean; fast: boolean }[];
  visible: boolean;
  url: string;
  peakRssMb: number;
}
type Run = ChildRun<FullResult>;

const loadStart = os.loadavg();
await fs.mkdir(work, { recursive: true });

// ---- corpus
let corpus: CorpusSummary | undefined = await existingCorpus(root, corpusOptions);
if (corpus) log(`corpus: reusing ${path.relative(process.cwd(), root)}/ (${corpus.articles} articles, ${corpus.photos} photos)`);
else {
  log(
    `corpus: generating ${corpusOptions.articles} articles${corpusOptions.photosPerArticle ? ` with ${corpusOptions.photosPerArticle} photos (${values["photo-size"]})` : ""} into ${path.relative(process.cwd(), root)}/ …`,
  );
  // A regenerated corpus must not meet a stale image cache from other photos.
  await fs.rm(path.join(root, ".cache"), { recursive: true, force: true });
  corpus = await generateCorpus({ ...corpusOptions, out: root, repoRoot: REPO, log });
  log(`corpus: done in ${(corpus.ms / 1000).toFixed(0)} s`);
}

// ---- the edited article: deterministic, a recent news item
async function pickArticle(): Promise<string> {
  const base = path.join(root, "content", "news", "jydt");
  const years = (await fs.readdir(base).catch(() => [] as string[])).sort().reverse();
  for (const y of years) {
    const slugs = (await fs.readdir(path.join(base, y))).sort();
    if (slugs.length) return path.join("content", "news", "jydt", y, slugs[0]!, "index.md");
  }
  throw new Error("no article to edit");
}

let seq = 0;
async function child<T = FullResult>(label: string, args: string[], nodeArgs: string[] = []): Promise<ChildRun<T>> {
  // --expose-gc as `npm run build` runs the build (lib/pipeline/build.ts collects the render's garbage before Pagefind's last shards).
  const run = await runChild<T>({
    script: CHILD,
    args: ["--root", root, ...args],
    nodeArgs: ["--expose-gc", ...nodeArgs],
    resultFile: path.join(work, `result-${process.pid}-${seq++}.json`),
    cwd: REPO,
    label,
  });
  return run;
}
const fresh = async (...dirs: string[]) => {
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
};
const secs = (ms: number) => ms / 1000;
const describe = (label: string, r: Run) =>
  log(
    `  ${label.padEnd(9)} ${secs(r.result.ms).toFixed(2).padStart(7)} s  (process ${secs(r.processMs).toFixed(1)} s, cpu ${secs(r.result.cpuUserMs + r.result.cpuSystemMs + (r.result.childrenCpuMs ?? 0)).toFixed(1)} s, rss ${r.result.peakRssMb.toFixed(0)} MB, tree ${r.treePeakRssMb.toFixed(0)} MB${r.result.pages ? `, article pages ${r.result.pages.rendered} rendered / ${r.result.pages.reused} reused` : ""}${r.result.kindPages ? `, list pages ${r.result.kindPages.rendered} / ${r.result.kindPages.reused}` : ""})`,
  );

const bare: Run[] = [];
/** bare Eleventy + the Pagefind CLI over its output (the contender of the search figures). */
const barePf: Run[] = [];
const full: Run[] = [];
const lean: Run[] = [];
const rebuild: Run[] = [];
const best = (runs: Run[]) => runs.reduce((a, b) => (b.result.ms < a.result.ms ? b : a));
let editFull: Run | undefined;
const edits: Run[] = [];
let preview: ChildRun<EditResult> | undefined;
/** Best of the preview's edit → page-served times. */
const previewShown = () => Math.min(...(preview?.result.edits.map((e) => e.shownMs) ?? [NaN]));

if (values["only-preview"]) {
  const file = await pickArticle();
  await fresh(path.join(work, "preview"));
  const run = await child<EditResult>("preview", ["--mode", "edit", "--edit", file, "--out", path.join(work, "preview")]);
  const edits = run.result.edits;
  const r3 = (n: number) => Math.round(n * 1000) / 1000;
  for (const c of run.result.changes)
    log(`  preview   ${c.name.padEnd(16)} shown after ${secs(c.shownMs).toFixed(3)} s (update ${secs(c.buildMs).toFixed(3)} s${c.fast ? ", fast path" : ", full build"})${c.ok ? "" : " NOT SHOWN"}`);
  log(`  preview   first build ${secs(run.result.firstMs).toFixed(1)} s; peak RSS ${run.result.peakRssMb.toFixed(0)} MB`);
  console.log(
    JSON.stringify({
      articles: corpusOptions.articles,
      edit_file: file,
      edit_preview_s: r3(secs(Math.min(...edits.map((e) => e.shownMs)))),
      edit_preview_runs_s: edits.map((e) => r3(secs(e.shownMs))),
      edit_preview_fast: edits.map((e) => Boolean(e.fast)),
      preview_changes: Object.fromEntries(run.result.changes.map((c) => [c.name, { shown_s: r3(secs(c.shownMs)), fast: c.fast, ok: c.ok }])),
      edit_visible: run.result.visible,
      preview_first_build_s: r3(secs(run.result.firstMs)),
      preview_peak_rss_mb: Math.round(run.result.peakRssMb),
      loadavg: os.loadavg(),
    }),
  );
  process.exit(0);
}
log(`runs: ${R}× (bare, lean, full), ${REBUILDS}× rebuild${values["skip-edit"] ? "" : ", edit, preview"} — load average ${loadStart.map((l) => l.toFixed(1)).join(" ")}`);
for (let i = 0; i < R; i++) {
  if (!values["skip-bare"]) {
    await fresh(path.join(work, "bare"));
    bare.push(await child("bare", ["--mode", "bare", "--out", path.join(work, "bare")]));
    describe("bare", bare.at(-1)!);
    if (!values["no-search"]) {
      await fresh(path.join(work, "bare-pf"));
      barePf.push(await child("bare+pf", ["--mode", "bare-pagefind", "--out", path.join(work, "bare-pf")]));
      describe("bare+pf", barePf.at(-1)!);
    }
  }
  if (!values["skip-lean"]) {
    await fresh(path.join(work, "lean"));
    const lean0 = path.join(root, "content", "_data", "site.yaml");
    const siteYaml = await fs.readFile(lean0, "utf8");
    // 繁體 off for this run only: the corpus's own site.yaml is put back right after.
    await fs.writeFile(lean0, siteYaml.replace(/(traditional:\s*\n\s*enabled:\s*)true/, "$1false"));
    try {
      lean.push(await child("lean", ["--mode", "full", "--search", "0", "--out", path.join(work, "lean")]));
    } finally {
      await fs.writeFile(lean0, siteYaml);
    }
    describe("lean", lean.at(-1)!);
  }
  if (values["skip-full"]) continue;
  await fresh(siteOut, path.join(root, ".cache"));
  full.push(await child("full", ["--mode", "full", ...searchArg, "--out", siteOut]));
  describe("full", full.at(-1)!);
}
if (values["skip-full"] && !(await fs.stat(siteOut).catch(() => undefined))) throw new Error(`--skip-full needs the output of an earlier run in ${siteOut}`);
for (let i = 0; i < REBUILDS; i++) {
  rebuild.push(await child("rebuild", ["--mode", "full", ...searchArg, "--out", siteOut]));
  describe("rebuild", rebuild.at(-1)!);
}
const site = await treeSize(siteOut);

let editFile: string | undefined;
if (!values["skip-edit"]) {
  editFile = await pickArticle();
  const abs = path.join(root, editFile);
  const original = await fs.readFile(abs);
  const stat = await fs.stat(abs);
  if (!values["skip-edit-build"]) {
    try {
      for (let i = 0; i < EDITS; i++) {
        // Each run a different sentence: every edit build has one changed article to render and index.
        await fs.writeFile(abs, Buffer.concat([original, Buffer.from(`\n（基准测试）本文在基准测试中被修改了一句（第 ${i + 1} 次）。\n`)]));
        edits.push(await child("edit", ["--mode", "full", ...searchArg, "--out", siteOut]));
        describe("edit", edits.at(-1)!);
      }
    } finally {
      await fs.writeFile(abs, original);
      await fs.utimes(abs, stat.atime, stat.mtime);
    }
    editFull = best(edits);
  }
  await fresh(path.join(work, "preview"));
  preview = await child<EditResult>("preview", ["--mode", "edit", "--edit", editFile, "--out", path.join(work, "preview")]);
  log(
    `  preview   ${secs(previewShown()).toFixed(2).padStart(7)} s  save → edited page served by the preview (${preview.result.edits.map((e) => `${secs(e.shownMs).toFixed(2)} s, rebuild ${secs(e.buildMs).toFixed(2)} s`).join("; ")}; first build ${secs(preview.result.firstMs).toFixed(1)} s; visible: ${preview.result.visible})`,
  );
}

let profileText: string | undefined;
if (values.profile) {
  const dir = path.join(work, "profile");
  await fresh(dir);
  await child("profile", ["--mode", "full", ...searchArg, "--out", siteOut], ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
  const file = (await fs.readdir(dir)).find((f) => f.endsWith(".cpuprofile"));
  if (file) profileText = formatSummary(summariseProfile(JSON.parse(await fs.readFile(path.join(dir, file), "utf8")), 40));
}

// ---- report
const min = (runs: Run[]) => (runs.length ? Math.min(...runs.map((r) => r.result.ms)) : NaN);
/** CPU seconds of the build process plus its waited-for children (Pagefind's indexer). */
const cpu = (r: Run) => secs(r.result.cpuUserMs + r.result.cpuSystemMs + (r.result.childrenCpuMs ?? 0));
const r3 = (n: number) => (Number.isFinite(n) ? Math.round(n * 1000) / 1000 : null);
// With --skip-full the full-build fields describe the best rebuild (and say so: full_s is null).
const fullBest = best(full.length ? full : rebuild);
const rebuildBest = best(rebuild);
const stagesOf = (r: Run): Record<string, number> => {
  const t = r.result.timings;
  const sum = Object.values(t).reduce((a, b) => a + b, 0);
  // Whatever is not a portal stage is Eleventy itself: reading templates, the data cascade, rendering, writing.
  return { ...t, eleventy: Math.max(0, r.result.ms - sum) };
};
const imagesMs = (r: Run) => (r.result.timings["images"] ?? 0) + (r.result.timings["publish-images"] ?? 0);
const coldImages = full[0]?.result.images;
const photos = corpus.photos;
const allFull = [...full, ...rebuild, ...edits];

const rows: [string, Run[] | undefined, string][] = [
  ["bare Eleventy", bare, "same .md files, one tiny layout"],
  ["bare + Pagefind CLI", barePf, "bare Eleventy, then pagefind_extended --site over its output"],
  ["portal lean", lean, "no search index, no 繁體 edition"],
  ["portal full", full, `everything${values["no-search"] ? " but the search index (--no-search)" : ""}, from scratch (.cache removed)`],
  ["rebuild", rebuild, "no change, caches warm"],
  ["edit + rebuild", edits.length ? edits : undefined, "one article changed, fresh process"],
];
console.log(
  `\n${corpus.articles} articles, ${photos} photos${photos ? ` (${corpusOptions.photoWidth}×${corpusOptions.photoHeight} q${corpusOptions.photoQuality})` : ""} — ${os.availableParallelism()} CPUs, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.versions.node}\n`,
);
console.log("| build | best s | all runs s | CPU s | peak RSS MB (node / tree) | |");
console.log("| --- | ---: | --- | ---: | --- | --- |");
for (const [name, runs, note] of rows) {
  if (!runs?.length) continue;
  const b = best(runs);
  console.log(
    `| ${name} | ${secs(b.result.ms).toFixed(2)} | ${runs.map((r) => secs(r.result.ms).toFixed(2)).join(", ")} | ${cpu(b).toFixed(1)} | ${Math.max(...runs.map((r) => r.result.peakRssMb)).toFixed(0)} / ${Math.max(...runs.map((r) => r.treePeakRssMb)).toFixed(0)} | ${note} |`,
  );
}
if (preview) {
  console.log(
    `| preview: save → page shows | ${secs(previewShown()).toFixed(2)} | ${preview.result.edits.map((e) => secs(e.shownMs).toFixed(2)).join(", ")} | | ${preview.result.peakRssMb.toFixed(0)} / ${preview.treePeakRssMb.toFixed(0)} | npm start's server (no search, no 繁體), ${editFile} edited; visible: ${preview.result.visible} |`,
  );
}
const stageNames = [...new Set([...Object.keys(stagesOf(fullBest)), ...Object.keys(stagesOf(rebuildBest))])];
console.log("\n| stage | full ms | rebuild ms |" + (lean.length ? " lean ms |" : ""));
console.log("| --- | ---: | ---: |" + (lean.length ? " ---: |" : ""));
for (const s of stageNames) console.log(`| ${s} | ${stagesOf(fullBest)[s] ?? 0} | ${stagesOf(rebuildBest)[s] ?? 0} |${lean.length ? ` ${stagesOf(best(lean))[s] ?? ""} |` : ""}`);
console.log(
  `\nsite: ${(site.bytes / 1e6).toFixed(1)} MB in ${site.files} files (${site.htmlFiles} HTML); ${Object.entries(site.byTop)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([k, v]) => `${k} ${(v / 1e6).toFixed(1)} MB`)
    .join(", ")}`,
);
if (profileText) console.log("\n" + profileText);

const json = {
  articles: corpus.articles,
  photos,
  photo_size: photos ? `${corpusOptions.photoWidth}x${corpusOptions.photoHeight}` : null,
  photo_bytes: corpus.photoBytes,
  seed: corpusOptions.seed,
  repeat: R,
  search: !values["no-search"],
  bare_s: r3(secs(min(bare))),
  full_s: r3(secs(min(full))),
  lean_s: r3(secs(min(lean))),
  ratio_full_vs_bare: r3(min(full) / min(bare)),
  ratio_rebuild_vs_bare_cpu: bare.length ? r3(cpu(rebuildBest) / cpu(best(bare))) : null,
  ratio_lean_vs_bare: r3(min(lean) / min(bare)),
  bare_cpu_s: bare.length ? r3(cpu(best(bare))) : null,
  full_cpu_s: r3(cpu(fullBest)),
  ratio_full_vs_bare_cpu: bare.length ? r3(cpu(fullBest) / cpu(best(bare))) : null,
  lean_cpu_s: lean.length ? r3(cpu(best(lean))) : null,
  ratio_lean_vs_bare_cpu: bare.length && lean.length ? r3(cpu(best(lean)) / cpu(best(bare))) : null,
  rebuild_s: r3(secs(min(rebuild))),
  rebuild_cpu_s: r3(cpu(rebuildBest)),
  rebuild_images_s: r3(secs(imagesMs(rebuildBest))),
  rebuild_images_share: r3(imagesMs(rebuildBest) / rebuildBest.result.ms),
  edit_s: editFull ? r3(secs(editFull.result.ms)) : null,
  edit_preview_s: preview ? r3(secs(previewShown())) : null,
  edit_preview_runs_s: preview ? preview.result.edits.map((e) => r3(secs(e.shownMs))) : null,
  edit_preview_rebuild_s: preview ? preview.result.edits.map((e) => r3(secs(e.buildMs))) : null,
  edit_preview_kind: preview
    ? `lib/editor/preview/ (npm start): file saved → watcher → ${preview.result.edits.every((e) => e.fast) ? "changed files reloaded, pages of both editions rendered per request" : "full in-process rebuild"} (drafts on, no search) → edited page fetched over HTTP contains the edit`
    : null,
  edit_visible: preview ? preview.result.visible : null,
  peak_rss_mb: r3(Math.max(...allFull.map((r) => r.result.peakRssMb))),
  peak_tree_rss_mb: r3(Math.max(...allFull.map((r) => r.treePeakRssMb))),
  bare_peak_rss_mb: bare.length ? r3(Math.max(...bare.map((r) => r.result.peakRssMb))) : null,
  process_overhead_s: r3(secs(fullBest.processMs - fullBest.result.ms)),
  site_bytes: site.bytes,
  site_files: site.files,
  html_files: site.htmlFiles,
  zh_hant_bytes: site.byTop["zh-hant"] ?? 0,
  search_index_bytes: fullBest.result.searchIndexBytes ?? null,
  search_bundle_bytes: fullBest.result.searchBundleBytes ?? null,
  search_pages: fullBest.result.searchPages ?? null,
  // Search figures (issue #15): the usual recipe as the yardstick, the search stage in each build.
  bare_pagefind_s: barePf.length ? r3(secs(min(barePf))) : null,
  bare_pagefind_peak_tree_rss_mb: barePf.length ? r3(Math.max(...barePf.map((r) => r.treePeakRssMb))) : null,
  ratio_full_vs_bare_pagefind: barePf.length && full.length ? r3(min(full) / min(barePf)) : null,
  ratio_rebuild_vs_bare_pagefind: barePf.length ? r3(min(rebuild) / min(barePf)) : null,
  ratio_edit_vs_full: editFull && full.length ? r3(editFull.result.ms / min(full)) : null,
  // The same ratios in CPU seconds (build process + Pagefind): steadier than wall time on a shared machine.
  bare_pagefind_cpu_s: barePf.length ? r3(cpu(best(barePf))) : null,
  ratio_full_vs_bare_pagefind_cpu: barePf.length && full.length ? r3(cpu(best(full)) / cpu(best(barePf))) : null,
  ratio_rebuild_vs_bare_pagefind_cpu: barePf.length ? r3(cpu(rebuildBest) / cpu(best(barePf))) : null,
  ratio_edit_vs_full_cpu: editFull && full.length ? r3(cpu(editFull) / cpu(best(full))) : null,
  search_shards: fullBest.result.searchShards ?? null,
  search_stage_full_s: full.length ? r3(secs(best(full).result.timings["search-index"] ?? NaN)) : null,
  search_stage_rebuild_s: r3(secs(rebuildBest.result.timings["search-index"] ?? NaN)),
  search_stage_edit_s: editFull ? r3(secs(editFull.result.timings["search-index"] ?? NaN)) : null,
  search_edit_reused: editFull ? (editFull.result.searchReused ?? null) : null,
  rebuild_pages: rebuild.length ? (rebuildBest.result.pages ?? null) : null,
  edit_pages: editFull ? (editFull.result.pages ?? null) : null,
  search_cpu_full_s: full.length ? r3(best(full).result.searchCpuS ?? NaN) : null,
  search_peak_rss_mb: r3(Math.max(...allFull.map((r) => r.result.searchPeakRssMb ?? 0))),
  edit_peak_tree_rss_mb: editFull ? r3(editFull.treePeakRssMb) : null,
  images_cold_s: coldImages ? r3(secs(full[0]!.result.timings["images"] ?? 0)) : null,
  images_per_s: photos && coldImages?.processed ? r3(coldImages.processed / secs(full[0]!.result.timings["images"] ?? 1)) : null,
  image_stats_cold: coldImages ?? null,
  image_stats_rebuild: rebuildBest.result.images ?? null,
  stages_full_ms: stagesOf(fullBest),
  stages_rebuild_ms: stagesOf(rebuildBest),
  stages_lean_ms: lean.length ? stagesOf(best(lean)) : null,
  runs_s: {
    bare: bare.map((r) => r3(secs(r.result.ms))),
    bare_pagefind: barePf.map((r) => r3(secs(r.result.ms))),
    lean: lean.map((r) => r3(secs(r.result.ms))),
    full: full.map((r) => r3(secs(r.result.ms))),
    rebuild: rebuild.map((r) => r3(secs(r.result.ms))),
    edit: edits.map((r) => r3(secs(r.result.ms))),
  },
  machine: {
    nproc: os.availableParallelism(),
    mem_gb: Math.round(os.totalmem() / 2 ** 30),
    node: process.versions.node,
    loadavg_start: loadStart.map((l) => Math.round(l * 10) / 10),
    loadavg_end: os.loadavg().map((l) => Math.round(l * 10) / 10),
  },
};
console.log("\n" + JSON.stringify(json));
