/**
 * The image stage: camera photos (24–30 MP, 5–9 MB each, tens of thousands over the years)
 * become a small width ladder of WebP + JPEG (+ optional AVIF) variants.
 *
 * Two overlapping stages:
 *  1. scan (I/O, several at once): stat (or the content stage's) → sha256 from the index, or
 *     streamed from the file → cache key → in manifests.json (or its own manifest)? then done,
 *     without decoding — a no-change rebuild does no file I/O per photo at all;
 *  2. process (CPU, `concurrency` at once): sniff → header check (pixel limit) → ONE decode,
 *     using JPEG shrink-on-load, straight to the top rung as raw sRGB pixels → every variant
 *     encoded from that buffer → files renamed into place → manifest written last.
 * Problems become ContentIssues naming the article and the photo field; nothing throws for bad input.
 */
import fs from "node:fs/promises";
import path from "node:path";
import sharp, { type Metadata, type OutputInfo, type Sharp } from "sharp";
import type { ContentIssue } from "../content/issues.ts";
import { gitBlobIds } from "./git-ids.ts";
import { cacheKey, cleanTemp, GitIdIndex, hashFile, HashIndex, listCache, ManifestIndex, readHead, readManifest, RunSnapshot, TMP_DIR, tmpPath, variantName, writeManifest } from "./cache.ts";
import { problemFromError, problems, toIssues, type ImageProblem } from "./messages.ts";
import { ENCODERS, IMAGE_FORMATS, pixelFingerprint, resolveImageOptions, widthLadder, type ImageOptionsInput, type ResolvedImageOptions } from "./options.ts";
import { DECODABLE, sniff, SNIFF_BYTES } from "./sniff.ts";
import type { ImageFormat, ImageStats, ImageVariant, PhotoJob, ProcessedImage, Progress } from "./types.ts";

export type { ImageFormat, ImageStats, ImageVariant, PhotoJob, ProcessedImage, Progress } from "./types.ts";

const NO_PROBLEMS: ImageProblem[] = Object.freeze([]) as unknown as ImageProblem[];

export interface ProcessResult {
  /** Keyed by source path; photos with errors are absent. */
  images: Map<string, ProcessedImage>;
  issues: ContentIssue[];
  stats: ImageStats;
  /** Id of the cache's record of this run's results (last-run.json); equal ids, equal results. */
  runId: string;
}

/** Counts since the process started, for tests and the benchmark ("was anything decoded?"). */
export const imageCounters = { decoded: 0, hashed: 0 };

/** Photos narrower than this get a warning: they look blurry in the article column. */
export const SMALL_WIDTH = 800;
/** WebP cannot be taller than this. */
const WEBP_MAX = 16383;
const JPEG_MAX = 65500;
/** libvips raises errors from the whole decode on a damaged or truncated photo; warnings (common in camera files) pass. */
const FAIL_ON = "error" as const;

/** Whether this libvips can decode HEVC-coded HEIF (the prebuilt one only decodes AVIF). */
export function heicDecodable(): boolean {
  const suffixes = (sharp.format as unknown as Record<string, { input?: { fileSuffix?: string[] } } | undefined>).heif?.input?.fileSuffix ?? [];
  return suffixes.includes(".heic");
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
  // The index, the manifests and the cache listing are needed only for photos the last run did
  // not leave unchanged: each loaded at most once, when first needed.
  let indexes: Promise<[HashIndex, ManifestIndex]> | undefined;
  const loadIndexes = () => (indexes ??= Promise.all([HashIndex.load(cacheDir), ManifestIndex.load(cacheDir)]));
  let listing: Promise<Set<string>> | undefined;
  const present = () => (listing ??= listCache(cacheDir));
  // Git's ids of the photos (a fresh checkout has new mtimes): asked once, only if a photo misses the index.
  let git: Promise<[Map<string, string> | undefined, GitIdIndex]> | undefined;
  const gitIds = (source: string) => (git ??= Promise.all([gitBlobIds(path.dirname(source)), GitIdIndex.load(cacheDir)]));

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
    if (onProgress) for (const source of unchanged.keys()) onProgress({ total, done: ++done, cached: done, processed: 0, failed: 0, toProcess: 0, scanned: done, elapsedMs: performance.now() - t0, source, outcome: "cached" });
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
    onProgress?.({ total: bySource.size, done: n.done, cached: n.cached, processed: n.processed, failed: n.failed, toProcess: n.toProcess, scanned: n.scanned, elapsedMs: performance.now() - t0, source, outcome });
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
    const [index, manifests] = await loadIndexes();
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
    let sourceHash = index.lookup(source, stat.size, stat.mtimeMs);
    let head: Buffer | undefined;
    let blob: string | undefined;
    if (!sourceHash) {
      const [blobs, known] = await gitIds(source);
      blob = blobs?.get(source);
      sourceHash = blob ? known.get(blob) : undefined;
      if (sourceHash) index.set(source, stat.size, stat.mtimeMs, sourceHash);
    }
    if (!sourceHash) {
      try {
        const hashed = await hashFile(source, SNIFF_BYTES);
        sourceHash = hashed.hash;
        head = hashed.head;
      } catch (error) {
        n.scanned++;
        return finish(source, "failed", undefined, [problemFromError(source, error, opts.maxInputPixels)]);
      }
      index.set(source, stat.size, stat.mtimeMs, sourceHash);
      if (blob) (await gitIds(source))[1].set(blob, sourceHash);
      n.hashed++;
      imageCounters.hashed++;
    }
    const key = cacheKey(sourceHash, fingerprint);
    let cached = manifests.get(key);
    if (!cached) {
      cached = await readManifest(cacheDir, key, await present());
      if (cached) manifests.add(cached);
    }
    n.scanned++;
    if (cached) return finish(source, "cached", cached, warningsFor(source, cached));
    n.toProcess++;
    await queue.push({ source, key, sourceHash, head });
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
      (await loadIndexes())[1].add(result.image);
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
  if (indexes) {
    const [index, manifests] = await indexes;
    await Promise.all([index.save(cacheDir), manifests.save(cacheDir), git?.then(([, known]) => known.save(cacheDir))]);
  }
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

interface Produced {
  image?: ProcessedImage;
  problems: ImageProblem[];
}

/** Decode once, encode every variant, rename into place, then record the manifest. */
async function produce(source: string, key: string, sourceHash: string, knownHead: Buffer | undefined, opts: ResolvedImageOptions): Promise<Produced> {
  const fail = (p: ImageProblem): Produced => ({ problems: [p] });
  let head: Buffer;
  try {
    head = knownHead ?? (await readHead(source, SNIFF_BYTES));
  } catch (error) {
    return fail(problemFromError(source, error, opts.maxInputPixels));
  }
  const kind = sniff(head);
  if (kind === "heic" && !heicDecodable()) return fail(problems.heic(source));
  if (!DECODABLE.has(kind) && kind !== "heic") return fail(problems.notAnImage(source, kind));

  const input = { failOn: FAIL_ON, limitInputPixels: opts.maxInputPixels, sequentialRead: true } as const;
  // Header only: refuse bombs with their real size before any pixel is decoded.
  let meta: Metadata;
  try {
    meta = await sharp(source, { ...input, limitInputPixels: false }).metadata();
  } catch (error) {
    return fail(problemFromError(source, error, opts.maxInputPixels));
  }
  const stored = { width: meta.width ?? 0, height: meta.height ?? 0 };
  const width = meta.autoOrient?.width ?? stored.width;
  const height = meta.autoOrient?.height ?? stored.height;
  if (!width || !height) return fail(problems.unreadable(source, "no dimensions in the header"));
  if (stored.width * stored.height > opts.maxInputPixels) return fail(problems.tooLarge(source, width, height, opts.maxInputPixels));

  const ladder = widthLadder(width, opts.widths);
  const top = ladder[ladder.length - 1]!;
  const topHeight = Math.round((height * top) / width);
  if (topHeight > (opts.formats.includes("webp") || opts.formats.includes("avif") ? WEBP_MAX : JPEG_MAX) || topHeight < 1) {
    return fail(problems.tooLong(source, width, height));
  }

  let decoded: { data: Buffer; info: OutputInfo };
  try {
    imageCounters.decoded++;
    let pipeline = sharp(source, { ...input, autoOrient: true });
    // A width well below the original lets libjpeg decode at 1/2, 1/4 or 1/8 scale (shrink-on-load).
    if (top < width) pipeline = pipeline.resize({ width: top });
    decoded = await pipeline.toColourspace("srgb").raw({ depth: "uchar" }).toBuffer({ resolveWithObject: true });
  } catch (error) {
    return fail(problemFromError(source, error, opts.maxInputPixels, { width, height }));
  }

  const { data, info } = decoded;
  const raw = { width: info.width, height: info.height, channels: info.channels };
  const alpha = info.channels === 4 || info.channels === 2;
  const variants: ImageVariant[] = [];
  const temps: string[] = [];
  try {
    for (const w of [...ladder].reverse()) {
      for (const format of opts.formats) {
        let p = sharp(data, { raw });
        if (w !== info.width) p = p.resize({ width: w });
        // JPEG has no alpha: flatten on white. WebP and AVIF keep it.
        if (format === "jpeg" && alpha) p = p.flatten({ background: "#ffffff" });
        p = encode(p, format, opts.quality[format]);
        const name = variantName(key, w, format);
        const tmp = tmpPath(opts.cacheDir, name);
        temps.push(tmp);
        const out = await p.toFile(tmp);
        await fs.rename(tmp, path.join(opts.cacheDir, name));
        variants.push({ width: out.width, height: out.height, format, name, bytes: out.size });
      }
    }
    variants.sort((a, b) => IMAGE_FORMATS.indexOf(a.format) - IMAGE_FORMATS.indexOf(b.format) || a.width - b.width);
    const image: ProcessedImage = { hash: key, width, height, variants };
    await writeManifest(opts.cacheDir, image, sourceHash);
    return { image, problems: [] };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const detail = error instanceof Error ? error.message : String(error);
    return fail(code ? problems.writeFailed(source, detail) : problemFromError(source, error, opts.maxInputPixels, { width, height }));
  } finally {
    await Promise.all(temps.map((t) => fs.rm(t, { force: true })));
  }
}

function encode(p: Sharp, format: ImageFormat, quality: number): Sharp {
  switch (format) {
    case "jpeg":
      return p.jpeg({ quality, ...ENCODERS.jpeg });
    case "webp":
      return p.webp({ quality, ...ENCODERS.webp });
    case "avif":
      return p.avif({ quality, ...ENCODERS.avif });
  }
}

export interface PublishOptions {
  /**
   * The previous build's img/ folder. Variants are content-addressed and immutable, so instead of
   * linking every one again into a fresh output, only the missing ones are linked into this folder
   * (extra files never disturb the live site) and the build moves it into the new output when it
   * swaps that in (lib/portal/build.ts). `unused` lists what the new site no longer references.
   */
  reuse?: string;
}

export interface PublishResult {
  /** The folder the variants are in: outDir, or `reuse`. */
  dir: string;
  linked: number;
  copied: number;
  /** Already there (published by an earlier build). */
  existing: number;
  /** Files in the reused folder that no image references any more (variant names only). */
  unused: string[];
}

/** Variants the cache should have but does not (deleted by hand): the caller forgets and reprocesses those photos. */
export class MissingVariantsError extends Error {
  override name = "MissingVariantsError";
  constructor(readonly names: string[], cacheDir: string) {
    super(`图片缓存中缺少 ${names.slice(0, 3).join(", ")}${names.length > 3 ? " …" : ""}，请重新构建（必要时删除 ${cacheDir}） / image cache is missing ${names.length} variant(s); build again (delete the cache folder if it persists)`);
  }
}

const VARIANT_FILE = /^[0-9a-f]{16}-\d+\.(?:jpg|webp|avif)$/;

/**
 * Hard-links every variant from the cache into `outDir` (a copy where links are impossible,
 * e.g. another file system), or only the missing ones into `options.reuse`. Idempotent: names
 * are content-addressed, so an existing file of that name is the same file.
 */
export async function publishImages(images: Iterable<ProcessedImage>, cacheDir: string, outDir: string, options: PublishOptions = {}): Promise<PublishResult> {
  const names = new Set<string>();
  for (const img of images) for (const v of img.variants) names.add(v.name);
  let dir = outDir;
  let have = new Set<string>();
  if (options.reuse) {
    const listed = await fs.readdir(options.reuse).catch(() => undefined);
    if (listed) {
      dir = options.reuse;
      have = new Set(listed);
    }
  }
  await fs.mkdir(dir, { recursive: true });
  const result: PublishResult = { dir, linked: 0, copied: 0, existing: 0, unused: [] };
  for (const name of have) if (!names.has(name) && VARIANT_FILE.test(name)) result.unused.push(name);
  const missing: string[] = [];
  let copies = 0;
  const copy = async (from: string, to: string): Promise<void> => {
    const tmp = `${to}.tmp-${process.pid}-${copies++}`;
    try {
      await fs.copyFile(from, tmp, fs.constants.COPYFILE_FICLONE);
      await fs.rename(tmp, to);
    } catch (error) {
      await fs.rm(tmp, { force: true });
      throw error;
    }
    result.copied++;
  };
  const todo: string[] = [];
  for (const name of names) {
    if (have.has(name)) result.existing++;
    else todo.push(name);
  }
  await forEachLimit(todo, 16, async (name) => {
    const from = path.join(cacheDir, name);
    const to = path.join(dir, name);
    try {
      await fs.link(from, to);
      result.linked++;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EEXIST") {
        const [a, b] = await Promise.all([fs.stat(from).catch(() => undefined), fs.stat(to)]);
        if (!a) return void missing.push(name);
        if ((a.ino === b.ino && a.dev === b.dev) || a.size === b.size) {
          result.existing++;
          return;
        }
        return copy(from, to);
      }
      if (code === "ENOENT") return void missing.push(name);
      // EXDEV (another file system), EPERM/ENOTSUP (no hard links), EMLINK (too many links).
      return copy(from, to);
    }
  });
  if (missing.length) throw new MissingVariantsError(missing.sort(), cacheDir);
  return result;
}

/** Runs `fn` over `items` with at most `limit` running at once. */
export async function forEachLimit<T>(items: Iterable<T>, limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  const it = items[Symbol.iterator]();
  let failed = false;
  const worker = async (): Promise<void> => {
    for (let next = it.next(); !next.done && !failed; next = it.next()) {
      try {
        await fn(next.value);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
}

/** A bounded async hand-over between the scan and the workers. */
class Channel<T> {
  #items: T[] = [];
  #takers: ((item: T | undefined) => void)[] = [];
  #givers: (() => void)[] = [];
  #closed = false;

  constructor(readonly capacity: number) {}

  async push(item: T): Promise<void> {
    const taker = this.#takers.shift();
    if (taker) return taker(item);
    while (this.#items.length >= this.capacity) await new Promise<void>((resolve) => this.#givers.push(resolve));
    this.#items.push(item);
  }

  next(): Promise<T | undefined> {
    if (this.#items.length) {
      const item = this.#items.shift();
      this.#givers.shift()?.();
      return Promise.resolve(item);
    }
    if (this.#closed) return Promise.resolve(undefined);
    return new Promise((resolve) => this.#takers.push(resolve));
  }

  close(): void {
    this.#closed = true;
    for (const taker of this.#takers.splice(0)) taker(undefined);
  }
}
