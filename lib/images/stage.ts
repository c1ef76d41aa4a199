/**
 * The image stage as two plain functions the pipeline calls: `processSiteImages` before
 * rendering (every photo named in front matter → its variants, content-addressed cache, so
 * unchanged photos are never decoded again) and `publishSiteImages` after it (variants
 * hard-linked into <output>/img/ — or, when a previous build's img/ exists, only the new ones
 * are linked into it and the publish step carries that folder over).
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { ContentModel } from "../content/load.ts";
import { ContentError, formatIssues } from "../content/issues.ts";
import { forgetImages, publishedUnchanged, writePublished } from "./cache.ts";
import type { ResolvedImageOptions } from "./options.ts";
import { MissingVariantsError, processImages, publishImages, type PhotoJob, type PublishResult } from "./process.ts";
import { terminalProgress } from "./progress.ts";
import type { ImageStats, ProcessedImage } from "./types.ts";
import { makeIdentity, writeIdentity, type SiteIdentity } from "./identity.ts";
import { addCoverFocus } from "./focus.ts";

export interface SiteImages {
  images: Map<string, ProcessedImage>;
  stats: ImageStats;
  /** Identifies this run's photo set (last-run.json), recorded with the published img/ folder. */
  runId: string;
  jobs: readonly PhotoJob[];
  /** The emblem, favicon set and badge from site.yaml (./identity.ts), when the model has a site. */
  identity?: SiteIdentity;
}

/** Every use of a photo is a job (processImages decodes each source once), so a bad photo shared by two articles is reported for both. */
function photoJobs(model: Pick<ContentModel, "articles">): PhotoJob[] {
  const jobs: PhotoJob[] = [];
  for (const a of model.articles) {
    for (const p of a.cover && !a.photos.includes(a.cover) ? [...a.photos, a.cover] : a.photos) {
      jobs.push({ source: p.source, file: a.file, field: p.field, ...(p.stat ? { stat: p.stat } : {}) });
    }
  }
  return jobs;
}

async function run(jobs: readonly PhotoJob[], options: ResolvedImageOptions, quiet: boolean): Promise<SiteImages> {
  const result = await processImages(jobs, options, quiet ? undefined : terminalProgress());
  if (result.issues.some((i) => i.severity === "error")) throw new ContentError(result.issues);
  if (result.issues.length && !quiet) process.stderr.write(formatIssues(result.issues) + "\n");
  return { images: result.images, stats: result.stats, runId: result.runId, jobs };
}

export async function processSiteImages(
  model: Pick<ContentModel, "articles"> & Partial<Pick<ContentModel, "site" | "contentDir" | "root">>,
  options: ResolvedImageOptions,
  quiet = false,
): Promise<SiteImages> {
  const { site, contentDir, root } = model;
  const made = site && contentDir && root ? await makeIdentity({ site, contentDir, root }, options.cacheDir) : undefined;
  if (made?.issues.length) throw new ContentError(made.issues);
  const images = await run(photoJobs(model), options, quiet);
  // Thumbnails crop covers to 3:2: where to keep each one (./focus.ts).
  await addCoverFocus(images.images, new Map(model.articles.flatMap((a) => (a.cover ? [[a.cover.source, a.cover.focus] as const] : []))), options.cacheDir);
  return made ? { ...images, identity: made.identity } : images;
}

/** What the publish step must do with the image folder. */
export interface ImagePublish {
  /** The previous output's img/ was completed in place: move it into the new output, then delete `remove`. */
  carryOver?: { dir: "img"; remove: string[] };
  /** Bookkeeping after the swap (the folder's final inode and mtime). */
  afterPublish: (finalOutputDir: string) => Promise<void>;
  /** The results, made again if variants had been deleted from the cache by hand. */
  images: SiteImages;
}

export async function publishSiteImages(images: SiteImages, options: ResolvedImageOptions, outputDir: string, previousOutput: string | undefined): Promise<ImagePublish> {
  await writeIdentity(images.identity, outputDir);
  const out = path.join(outputDir, "img");
  const previous = previousOutput ? path.join(previousOutput, "img") : undefined;
  // Reuse only into an output that has no img/ of its own yet (a fresh temporary folder).
  const reuse = previous && !(await fs.stat(out).catch(() => undefined)) ? previous : undefined;
  let current = images;
  const publish = () => publishImages(current.images.values(), options.cacheDir, out, reuse ? { reuse } : {});
  /** Variants deleted from the cache by hand are made again (same names) and published. */
  const publishRepairing = async (): Promise<PublishResult> => {
    try {
      return await publish();
    } catch (error) {
      if (!(error instanceof MissingVariantsError)) throw error;
      const lost = new Set(error.names);
      const broken = [...current.images.values()].filter((img) => img.variants.some((v) => lost.has(v.name)));
      await forgetImages(
        options.cacheDir,
        broken.map((img) => img.hash),
      );
      // All jobs, not just the broken ones: the others are cache hits, and last-run.json is then
      // rewritten for the whole site rather than for the few photos made again.
      const redo = await run(current.jobs, options, true);
      const { processed, cached, ms } = current.stats;
      current = {
        ...redo,
        ...(current.identity ? { identity: current.identity } : {}),
        stats: { ...current.stats, processed: processed + redo.stats.processed, cached: cached - redo.stats.processed, ms: ms + redo.stats.ms },
      };
      return publish();
    }
  };
  // The same photos as the run whose variants the untouched previous img/ holds: nothing to link.
  const published = reuse && (await publishedUnchanged(options.cacheDir, reuse, images.runId)) ? { dir: reuse, unused: [] } : await publishRepairing();
  const runId = current.runId;
  return {
    ...(published.dir !== out ? { carryOver: { dir: "img" as const, remove: published.unused } } : {}),
    // Recorded after the swap (and the removals), so the folder's mtime is final.
    afterPublish: (final) => writePublished(options.cacheDir, path.join(final, "img"), runId),
    images: current,
  };
}
