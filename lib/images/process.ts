/**
 * The image stage's work: camera photos (24–30 MP, 5–9 MB each, tens of thousands over the years)
 * become a small width ladder of WebP + JPEG (+ optional AVIF) variants.
 *
 * Two overlapping stages:
 *  1. scan (I/O, several at once): stat (or the content stage's) → sha256 from the index, or
 *     streamed from the file → cache key → in manifests.json (or its own manifest)? then done,
 *     without decoding (lookup.ts) — a no-change rebuild does no file I/O per photo at all
 *     (last-run.ts);
 *  2. process (CPU, `concurrency` at once): sniff → header check (pixel limit) → ONE decode,
 *     using JPEG shrink-on-load, straight to the top rung as raw sRGB pixels → every variant
 *     encoded from that buffer → files renamed into place → manifest written last (produce.ts).
 * Problems become ContentIssues naming the article and the photo field; nothing throws for bad input.
 */
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import type { ContentIssue } from "../content/issues.ts";
import { Channel } from "../util/channel.ts";
import { forEachLimit } from "../util/pool.ts";
import { cacheKey, TMP_DIR } from "./cache-names.ts";
import { cleanTemp } from "./cache-temp.ts";
import { RunSnapshot } from "./last-run.ts";
import { CacheLookup } from "./lookup.ts";
import { problemFromError, problems, SMALL_WIDTH, toIssues, type ImageProblem } from "./messages.ts";
import { pixelFingerprint, resolveImageOptions, type ImageOptionsInput } from "./options.ts";
import { produce, type Produced } from "./produce.ts";
import type { PhotoJob, ProcessedImage, Progress, ImageStats } from "./types.ts";

// What the rest of the repo imports from here.
export type { PhotoJob } from "./types.ts";
export { imageCounters } from "./counters.ts";
export { heicDecodable } from "./decode.ts";
export { SMALL_WIDTH } from "./messages.ts";
export { MissingVariantsError, publishImages, type PublishResult } from "./publish.ts";

const NO_PROBLEMS: ImageProblem[] = Object.freeze([]) as unknown as ImageProblem[];

export interface ProcessResult {
  /** Keyed by source path; photos with errors are absent. */
  images: Map<string, ProcessedImage>;
  issues: ContentIssue[];
  stats: ImageStats;
  /** Id of the cache's record of this run's results (last-run.json); equal ids, equal results. */
  runId: string;
}

export async function processImages(jobs: readonly PhotoJob[], input: ImageOptionsInput = {}, onProgress?: (p: Progress) => void): Promise<ProcessResult> {
  const t0 = performance.now();
  const opts = resolveImageOptions(input);
  const { cacheDir } = opts;
  const fingerprint = pixelFingerprint(opts);
  // sharp's operation cache only helps repeated operations on one input; it would hold decoded
  // tiles of photos we never see again.
  sharp.cache(false);

  await fs.mkdir(path.join(cacheDir, TMP_DIR), { recursive: true });
  await cleanTemp(cacheDir);
  const snapshot = await RunSnapshot.load(cacheDir, fingerprint);
  // The index, the manifests, the cache listing and git's ids are needed only for photos the last
  // run did not leave unchanged: each loaded at most once, when first needed.
  const lookup = new CacheLookup(cacheDir);

  // Photos unchanged since the last run (same path, size and mtime as in last-run.json, the size
  // and mtime from the content stage): no I/O, no promise. When that is every photo and none needs
  // a warning — the common rebuild — the stage ends here, without grouping the jobs.
  const unchanged = new Map<string, ProcessedImage>();
  let allUnchanged = true;
  let anySmall = false;
  for (const job of jobs) {
    if (unchanged.has(job.source)) continue;
    const st = job.stat;
    const image = st && st.size > 0 ? snapshot.lookup(job.source, st.size, st.mtimeMs) : undefined;
    if (!image) allUnchanged = false;
    else {
      unchanged.set(job.source, image);
      if (image.width < SMALL_WIDTH) anySmall = true;
    }
  }
  if (allUnchanged && !anySmall && unchanged.size === snapshot.size) {
    let done = 0;
    const total = unchanged.size;
    if (onProgress)
      for (const source of unchanged.keys())
        onProgress({ total, done: ++done, cached: done, processed: 0, failed: 0, toProcess: 0, scanned: done, elapsedMs: performance.now() - t0, source, outcome: "cached" });
    return { images: unchanged, issues: [], runId: snapshot.id, stats: { total, processed: 0, cached: total, failed: 0, hashed: 0, ms: performance.now() - t0 } };
  }

  const bySource = new Map<string, PhotoJob[]>();
  const stats = new Map<string, NonNullable<PhotoJob["stat"]>>();
  for (const job of jobs) {
    const list = bySource.get(job.source);
    if (list) list.push(job);
    else bySource.set(job.source, [job]);
    if (job.stat) stats.set(job.source, job.stat);
  }

  const results = new Map<string, { image: ProcessedImage | undefined; found: ImageProblem[] }>();
  const n = { done: 0, cached: 0, processed: 0, failed: 0, toProcess: 0, scanned: 0, hashed: 0 };

  const finish = (source: string, outcome: Progress["outcome"], image: ProcessedImage | undefined, found: ImageProblem[]): void => {
    results.set(source, { image, found });
    n[outcome]++;
    n.done++;
    onProgress?.({
      total: bySource.size,
      done: n.done,
      cached: n.cached,
      processed: n.processed,
      failed: n.failed,
      toProcess: n.toProcess,
      scanned: n.scanned,
      elapsedMs: performance.now() - t0,
      source,
      outcome,
    });
  };
  const warningsFor = (source: string, image: ProcessedImage): ImageProblem[] =>
    image.width < SMALL_WIDTH ? [problems.small(source, image.width, image.height, opts.widths[opts.widths.length - 1]!)] : NO_PROBLEMS;

  interface Miss {
    source: string;
    key: string;
    sourceHash: string;
    head: Buffer | undefined;
  }
  // Bounded hand-over: the scan runs a little ahead of decoding (so the photo it just hashed is
  // still in the page cache when it is decoded), never far ahead.
  const queue = new Channel<Miss>(opts.concurrency * 2 + 2);

  const scanOne = async (source: string): Promise<void> => {
    await lookup.indexes();
    let stat: { size: number; mtimeMs: number } | undefined = stats.get(source);
    if (!stat) {
      try {
        const s = await fs.stat(source);
        if (!s.isFile()) {
          n.scanned++;
          return finish(source, "failed", undefined, [problems.missing(source)]);
        }
        stat = { size: s.size, mtimeMs: s.mtimeMs };
        stats.set(source, stat);
      } catch (error) {
        n.scanned++;
        return finish(source, "failed", undefined, [problemFromError(source, error, opts.maxInputPixels)]);
      }
    }
    if (stat.size === 0) {
      n.scanned++;
      return finish(source, "failed", undefined, [problems.notAnImage(source, "empty")]);
    }
    let hashed;
    try {
      hashed = await lookup.sourceHash(source, stat);
    } catch (error) {
      n.scanned++;
      return finish(source, "failed", undefined, [problemFromError(source, error, opts.maxInputPixels)]);
    }
    if (hashed.hashed) n.hashed++;
    const key = cacheKey(hashed.hash, fingerprint);
    const cached = await lookup.cached(key);
    n.scanned++;
    if (cached) return finish(source, "cached", cached, warningsFor(source, cached));
    n.toProcess++;
    await queue.push({ source, key, sourceHash: hashed.hash, head: hashed.head });
  };

  // Two photos with identical bytes (copied into two articles) share one key: process once.
  const inflight = new Map<string, Promise<Produced>>();
  const processOne = async (miss: Miss): Promise<void> => {
    let run = inflight.get(miss.key);
    if (!run) {
      run = produce(miss.source, miss.key, miss.sourceHash, miss.head, opts);
      inflight.set(miss.key, run);
    }
    const result = await run;
    if (result.image) {
      await lookup.remember(result.image);
      finish(miss.source, "processed", result.image, warningsFor(miss.source, result.image));
    } else finish(miss.source, "failed", undefined, result.problems);
  };

  // The unchanged photos are finished now; the rest go through the async scan.
  const toScan: string[] = [];
  for (const source of bySource.keys()) {
    const cached = unchanged.get(source);
    if (!cached) {
      toScan.push(source);
      continue;
    }
    n.scanned++;
    finish(source, "cached", cached, warningsFor(source, cached));
  }

  const scanning = forEachLimit(toScan, Math.max(8, opts.concurrency * 4), scanOne).finally(() => queue.close());
  const workers = Array.from({ length: opts.concurrency }, async () => {
    for (let miss = await queue.next(); miss; miss = await queue.next()) await processOne(miss);
  });
  await Promise.all([scanning, ...workers]);
  await lookup.save();
  // Rewritten only when this run differs from the last one (a photo added, changed or removed).
  const done = [...results].filter((e): e is [string, { image: ProcessedImage; found: ImageProblem[] }] => !!e[1].image && stats.has(e[0]));
  if (toScan.length || done.length !== snapshot.size) await snapshot.save(done.map(([source, r]) => [source, stats.get(source)!, r.image]));

  // Results in the order of the jobs, whatever order the photos finished in.
  const images = new Map<string, ProcessedImage>();
  const issues: ContentIssue[] = [];
  for (const [source, uses] of bySource) {
    const r = results.get(source);
    if (r?.image) images.set(source, r.image);
    for (const p of r?.found ?? []) issues.push(...toIssues(p, uses));
  }
  return { images, issues, runId: snapshot.id, stats: { total: bySource.size, processed: n.processed, cached: n.cached, failed: n.failed, hashed: n.hashed, ms: performance.now() - t0 } };
}
