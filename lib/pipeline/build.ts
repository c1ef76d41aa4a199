/**
 * The whole build, in order — the one place that runs the pipeline:
 *
 *   content (read once, validate) → images → render (Eleventy: pages of both editions, feeds,
 *   assets; unchanged article pages reused) → files (resized photos, attachments) → search index
 *   → publish (atomic swap)
 *
 * The search index starts with the render and takes each shard's pages as the render reports
 * them written: data still flows one way (the render hands pages on, never asks the index).
 *
 * Each step is a function with typed input and output; the state is passed along, never looked
 * up. Everything is written into a temporary folder that replaces the output folder only when
 * every step succeeded: a failed build leaves the previous site as it was.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DateTime } from "luxon";
import { buildIssues, holdBackFailures, restoreHeldBack, type HoldBackOutcome } from "../content/hold-back.ts";
import { ContentError, formatIssues } from "../content/issues.ts";
import { COUNTER_PATHS_FILE, counterPathsJson } from "../counter/paths.ts";
import { kindPageUrls } from "../render/page-kinds.ts";
import { loadContent } from "../content/load.ts";
import type { Article, ContentModel } from "../content/model.ts";
import { editionsOf, SIMPLIFIED } from "../edition/edition.ts";
import { resolveImageOptions, type ImageOptionsInput } from "../images/options.ts";
import { processSiteImages, publishSiteImages } from "../images/stage.ts";
import type { ImageStats, ProcessedImage } from "../images/types.ts";
import { renderInput, type RenderInput } from "../render/context.ts";
import type { EleventyConfig } from "../render/eleventy-config.ts";
import { renderSite } from "../render/eleventy.ts";
import { codeKey, dropRecord, linkReused, planReuse, RENDER_RECORD_FILE, reusedNote, saveRecord } from "../render/reuse.ts";
import { pageSignature } from "../search/input.ts";
import type { SearchBuildStats } from "../search/plugin.ts";
import { indexSearch, sitePlan } from "../search/stage.ts";
import { linkOrCopy } from "../util/link-or-copy.ts";
import { discard, emptyTrash, swapIn, tempOutputFor, unwrap } from "./publish.ts";
import { loadQrCache, QR_CACHE_FILE, saveQrCache } from "../util/qr-svg.ts";

/** The generator's own folder: assets/ ship with it, not with each site. */
export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface BuildOptions {
  /** Site root: content/, .cache/ (and by default _site/) live here. */
  root: string;
  contentDir?: string;
  /** Final output folder (default <root>/_site). */
  outputDir?: string;
  /** Publish drafts and scheduled articles too (review builds, the preview). */
  includeDrafts?: boolean;
  /** Hold back articles with errors instead of failing; their previous pages stay online (lib/content/hold-back.ts). */
  holdBack?: boolean;
  /** Build time, for scheduled articles (default: now). */
  now?: DateTime;
  images?: ImageOptionsInput;
  /** Build the Pagefind index (off in fast test builds). */
  search?: boolean;
  quiet?: boolean;
  /** Where content warnings go (default stderr). */
  warn?: (text: string) => void;
  /** Write straight into outputDir instead of swapping a temporary folder in (the preview). */
  inPlace?: boolean;
  /** More Eleventy templates, registered after the portal's (other concerns; tests). */
  extend?: (eleventyConfig: EleventyConfig, input: RenderInput) => void;
  /**
   * More files written into the new site before it is published (e.g. the browser editor's
   * /admin/, lib/cms, which sits above the pipeline): part of the atomic build like every step.
   */
  addFiles?: (outputDir: string, model: ContentModel) => Promise<void>;
  /**
   * Take unchanged article pages from the previous build instead of rendering them (lib/render/reuse.ts;
   * default on; never with inPlace). `false` renders every page.
   */
  reuse?: boolean;
  /** Called after each step with the folder being written (tests use it to fail a build late). */
  afterStep?: (step: string, outputDir: string) => void | Promise<void>;
}

export interface BuildResult {
  outputDir: string;
  ms: number;
  model: ContentModel;
  /** What the pages were rendered from (the preview renders more pages from it). */
  input: RenderInput;
  images: ReadonlyMap<string, ProcessedImage>;
  imageStats: ImageStats;
  /** Milliseconds per step. */
  timings: Map<string, number>;
  search?: SearchBuildStats;
  /** With holdBack: the articles held back and what of their previous versions was put back. */
  heldBack?: HoldBackOutcome;
  /** Article pages rendered and taken unchanged from the previous build (both editions). */
  pages: { rendered: number; reused: number };
  /** The same for the pages of the reusable kinds: lists, tags, 目录 (lib/render/page-kinds.ts). */
  kindPages: { rendered: number; reused: number };
}

/** Step 1: every content file read once and validated; any error stops the build with all of them. */
export async function loadValidContent(options: BuildOptions): Promise<ContentModel> {
  const model = await loadContent({
    root: path.resolve(options.root),
    ...(options.contentDir ? { contentDir: options.contentDir } : {}),
    ...(options.includeDrafts ? { includeDrafts: true } : {}),
    ...(options.holdBack ? { holdBack: true } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const { fatal, shown } = buildIssues(model);
  if (fatal.length) throw new ContentError(model.issues);
  if (shown.length) (options.warn ?? ((t) => process.stderr.write(t + "\n")))(formatIssues(shown));
  return model;
}

/** Attachments are published beside their article's pages; hard links keep this cheap. */
async function publishAttachments(model: ContentModel, outputDir: string): Promise<void> {
  for (const a of model.articles) {
    for (const f of a.attachments) await linkOrCopy(f.source, path.join(outputDir, ...a.url.split("/"), ...f.file.split("/")));
  }
}

/** Steps 1–2 and the render input: what any render of the site (build, CLI, preview) starts from. */
export async function prepareSite(options: BuildOptions, timed: Timed = (_n, run) => run()) {
  const root = path.resolve(options.root);
  const loaded = await timed("content", () => loadValidContent(options));
  const imageOptions = resolveImageOptions({ cacheDir: path.join(root, ".cache", "images"), ...options.images });
  // With hold-back, articles whose photos the image stage refuses are held back too.
  const { model, result: images } = await timed("images", () => holdBackFailures(loaded, options.holdBack, (m) => processSiteImages(m, imageOptions, options.quiet ?? false)));
  return { root, model, imageOptions, images, input: renderInput(model, images.images, sitePlan(model)) };
}

type Timed = <T>(name: string, run: () => Promise<T>, dir?: string) => Promise<T>;
export type PreparedSite = Awaited<ReturnType<typeof prepareSite>>;

/** The view counter's list of countable pages (lib/counter/paths.ts), written only when a counter is configured. */
function counterPaths(eleventyConfig: EleventyConfig, input: RenderInput): void {
  if (!input.model.site.counter) return;
  // Every generated listing counts (lists, and any later PAGE_KINDS kind), not only column lists.
  const site = { site: input.model.site, model: input.model, view: { listPages: kindPageUrls(input).map((url) => ({ url })) } };
  eleventyConfig.addTemplate("_portal/counter-paths.11ty.js", { data: { permalink: `/${COUNTER_PATHS_FILE}` }, render: () => counterPathsJson(site) });
}

/** The render options of a prepared site (shared with .eleventy.ts, which hands them to Eleventy's CLI). */
export const renderOptionsFor = (site: PreparedSite, options: BuildOptions, outputDir: string) => ({
  input: site.input,
  editions: editionsOf(site.model.site),
  outputDir,
  assetsDir: path.join(PACKAGE_ROOT, "assets"),
  workDir: path.join(site.root, ".cache", "eleventy"),
  quiet: options.quiet ?? false,
  extend: (eleventyConfig: EleventyConfig, input: RenderInput) => {
    counterPaths(eleventyConfig, input);
    options.extend?.(eleventyConfig, input);
  },
});

/**
 * The search index over the Simplified article pages. It needs nothing else of the site, so the
 * build starts it with the render: it indexes each shard as soon as that shard's pages are written
 * (`ready`), Pagefind (its own process) on one core while the render goes on on the other.
 */
export function startSearch(
  site: PreparedSite,
  options: BuildOptions,
  outputDir: string,
  timed: Timed = (_n, run) => run(),
  pages: { signatures?: (file: string) => string | undefined; ready?: (shard: number) => Promise<void>; pagePath?: (file: string) => string } = {},
): Promise<SearchBuildStats | undefined> {
  if (options.search === false) return Promise.resolve(undefined);
  return timed("search-index", () => indexSearch({ outputDir, model: site.model, root: site.root, quiet: options.quiet ?? false, ...pages }), outputDir);
}

/**
 * An edition's articles to render, one batch per search shard in the plan's order (the primary
 * bundle, the newest years, first): Pagefind indexes a shard as soon as its Simplified batch is written.
 */
function shardBatches(site: PreparedSite, articles: readonly Article[]): Article[][] {
  const batchOf = new Map<number, number>();
  site.input.searchBundles.forEach((bundle, i) => bundle.years.forEach((y) => batchOf.set(y, i)));
  const batches = site.input.searchBundles.map((): Article[] => []);
  for (const a of articles) batches[batchOf.get(a.year) ?? 0]?.push(a);
  return batches.length ? batches : [[...articles]];
}

/** A promise settled from outside (a shard's pages are written, or the build failed). */
function deferred(): { promise: Promise<void>; resolve(): void; reject(error: unknown): void } {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** Steps after the render: the files pages link to, then the search index over the finished pages (unless already started). */
export async function completeOutput(
  site: PreparedSite,
  options: BuildOptions,
  outputDir: string,
  previousOutput: string | undefined,
  timed: Timed = (_n, run) => run(),
  started?: Promise<SearchBuildStats | undefined>,
) {
  const published = await timed("publish-images", () => publishSiteImages(site.images, site.imageOptions, outputDir, previousOutput), outputDir);
  await timed("attachments", () => publishAttachments(site.model, outputDir), outputDir);
  if (options.addFiles) await timed("more-files", () => options.addFiles!(outputDir, site.model), outputDir);
  const search = await (started ?? startSearch(site, options, outputDir, timed));
  return { published, search };
}

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const t0 = performance.now();
  const outputDir = path.resolve(options.outputDir ?? path.join(path.resolve(options.root), "_site"));
  const timings = new Map<string, number>();
  const timed: Timed = async (name, run, dir) => {
    const t = performance.now();
    const result = await run();
    timings.set(name, performance.now() - t);
    if (dir) await options.afterStep?.(name, dir);
    return result;
  };

  // Earlier builds' replaced sites go while this one reads its content (lib/pipeline/publish.ts).
  const trash = path.join(path.resolve(options.root), ".cache", "trash");
  const emptying = options.inPlace ? Promise.resolve() : emptyTrash(trash);
  let site: PreparedSite;
  try {
    site = await prepareSite(options, timed);
  } catch (error) {
    await emptying;
    throw error;
  }
  const temp = options.inPlace ? outputDir : tempOutputFor(outputDir);
  const recordFile = path.join(site.root, ".cache", "render", RENDER_RECORD_FILE);
  const editions = editionsOf(site.model.site);
  const plan = await timed("plan-reuse", async () =>
    planReuse({ input: site.input, editions, code: await generatorCode(), recordFile, previousOutput: !options.inPlace && options.reuse !== false ? outputDir : undefined }),
  );
  // The search index's signature of each Simplified article page, taken as the page is rendered (lib/search/input.ts).
  const signatures = new Map<string, string>();
  let done: Awaited<ReturnType<typeof completeOutput>>;
  let heldBack: HoldBackOutcome | undefined;
  let searching: Promise<SearchBuildStats | undefined> | undefined;
  // One batch of articles per search shard: the search stage waits for each shard's Simplified batch.
  // The other editions are rendered in the same batches, with a collection after each, so the build
  // does not grow by a whole edition's garbage while Pagefind indexes beside it (4,000 articles:
  // build peak 610–630 → 510–520 MB, whole build 1.06–1.19 → 1.03–1.06 GB; no measurable time with the shards prepared ahead, lib/search/index.ts).
  const searchOn = options.search !== false;
  const batches = new Map<string, Article[][]>([...plan.render].map(([code, list]) => [code, searchOn ? shardBatches(site, list) : [list]]));
  const shardsReady = searchOn ? site.input.searchBundles.map(() => deferred()) : [];
  const rendered = [...plan.render.values()].reduce((n, list) => n + list.length, 0);
  const reusedKindPages = [...plan.reuse.keys()].filter((file) => plan.kindFiles.has(file)).length;
  try {
    if (searchOn) {
      // A page the build takes unchanged is read (if the search must read it) where it is now, in
      // the previous site: it is linked into the new one after the render, off the index's path.
      const pagePath = (file: string) => (plan.reuse.has(file) ? path.join(plan.previousOutput!, file) : path.join(temp, file));
      searching = startSearch(site, options, temp, timed, {
        signatures: (file) => signatures.get(file) ?? reusedNote(plan, file),
        ready: (i) => shardsReady[i]?.promise ?? Promise.resolve(),
        pagePath,
      });
      // Awaited below; a failure meanwhile must not be an unhandled rejection.
      searching.catch(() => undefined);
    }
    // Share QR codes of unchanged URLs come from the last build (lib/util/qr-svg.ts).
    const qrCache = path.join(site.root, ".cache", QR_CACHE_FILE);
    await timed(
      "render",
      async () => {
        await loadQrCache(qrCache);
        await renderSite({
          ...renderOptionsFor(site, options, temp),
          batches,
          reused: (file) => plan.reuse.has(file),
          onArticlePage: (edition, file, html) => {
            if (edition.code === SIMPLIFIED.code) signatures.set(file, pageSignature(html));
          },
          afterBatch: (edition, batch) => {
            if (edition.code === SIMPLIFIED.code) shardsReady[batch]?.resolve();
            // Pagefind (≈ 0.3 MB a page) runs beside the render: return the finished runs' garbage first.
            if (searchOn && (batches.get(edition.code)?.[batch]?.length ?? 0) >= COLLECT_AFTER) collectGarbage();
          },
        });
        // Every page is written: no shard may wait any longer (a no-op for those already announced).
        for (const shard of shardsReady) shard.resolve();
        await saveQrCache(qrCache).catch(() => undefined);
      },
      temp,
    );
    // Unchanged article and list pages (synchronous links): after the render, while Pagefind indexes the shards.
    await timed("reuse-pages", () => linkReused(plan, temp), temp);
    // The render's garbage would otherwise keep the process at its peak while Pagefind's last shards run.
    if (searching && rendered >= COLLECT_AFTER) collectGarbage();
    done = await completeOutput(site, options, temp, options.inPlace ? undefined : outputDir, timed, searching);
    const held = site.model.heldBack;
    if (held)
      heldBack = await timed("hold-back", () =>
        restoreHeldBack(held, { previousOutput: options.inPlace ? undefined : outputDir, outputDir: temp, carry: done.published.carryOver ? [done.published.carryOver] : [] }),
      );
  } catch (error) {
    // Pagefind may still be writing into the folder: stop it waiting for pages, let it finish before the folder goes.
    for (const shard of shardsReady) shard.reject(error);
    await searching?.catch(() => undefined);
    await emptying;
    if (!options.inPlace) await discard(temp);
    throw unwrap(error);
  }
  const { published, search } = done;
  await timed("empty-trash", () => emptying);
  if (!options.inPlace) await timed("publish", () => swapIn(temp, outputDir, published.carryOver ? [published.carryOver] : [], trash));
  // The record describes the site now online; a build written in place leaves none (it rewrote files the record describes).
  if (!options.inPlace) await saveRecord(recordFile, outputDir, plan, signatures).catch(() => dropRecord(recordFile).catch(() => undefined));
  else await dropRecord(recordFile, outputDir).catch(() => undefined);
  // Bookkeeping only (e.g. what img/ now holds): a failure here costs a later build some work, nothing else.
  await published.afterPublish(outputDir).catch(() => undefined);
  const images = published.images;
  return {
    outputDir,
    ms: performance.now() - t0,
    model: site.model,
    input: images === site.images ? site.input : { ...site.input, images: images.images },
    images: images.images,
    imageStats: images.stats,
    timings,
    ...(search ? { search } : {}),
    ...(heldBack ? { heldBack } : {}),
    pages: { rendered, reused: plan.reuse.size - reusedKindPages },
    kindPages: { rendered: plan.kindFiles.size - reusedKindPages, reused: reusedKindPages },
  };
}

/**
 * A full garbage collection, when the runtime offers one (`npm run build` starts Node with
 * --expose-gc; elsewhere a no-op). V8 keeps a finished Eleventy run's pages until its heap is
 * under pressure, so the process would sit at its peak while Pagefind indexes beside it. At 4,000
 * articles, one after each batch and one after the render keep the build and the indexer within
 * 1.2 GB (whole-build peak 1,235 → 1,159–1,183 MB measured), at ~0.1–0.3 s each.
 */
const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

/**
 * A batch of fewer article pages leaves too little garbage to be worth a collection: an edit renders
 * one article per edition and announces the other batches empty, and its seven collections cost
 * 0.5–0.7 s of the main thread and of V8's helper threads beside Pagefind (measured at 4,000 articles).
 */
const COLLECT_AFTER = 100;

/** The generator's code key (lib/render/reuse.ts), once per process. */
let codeKeyOnce: Promise<string> | undefined;
const generatorCode = () => (codeKeyOnce ??= codeKey(PACKAGE_ROOT));
