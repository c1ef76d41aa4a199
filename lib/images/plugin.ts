/**
 * Eleventy plugin for the image stage: before rendering, every photo named in front matter is
 * turned into its variants (content-addressed cache, so unchanged photos are never decoded
 * again); after rendering, the variants are hard-linked into <output>/img/ — or, when a previous
 * build's img/ exists, only the new ones are linked into it and the build carries it over.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { ContentError, formatIssues } from "../content/issues.ts";
import type { EleventyConfig } from "../portal/eleventy.ts";
import type { StageList } from "../portal/stages.ts";
import type { PortalStore } from "../portal/store.ts";
import { resolveImageOptions, type ImageOptions } from "./options.ts";
import { forgetImages, publishedUnchanged, writePublished } from "./cache.ts";
import { MissingVariantsError, processImages, publishImages, type PhotoJob, type PublishResult } from "./process.ts";
import { terminalProgress } from "./progress.ts";

export interface ImagesPluginOptions {
  store: PortalStore;
  stages: StageList;
  images?: Partial<ImageOptions>;
  quiet?: boolean;
}

export function imagesPlugin(_eleventyConfig: EleventyConfig, { store, stages, images, quiet }: ImagesPluginOptions): void {
  const options = resolveImageOptions({ cacheDir: path.join(store.root, ".cache", "images"), ...images });
  let jobs: PhotoJob[] = [];
  let runId = "";
  stages.before.push({
    name: "images",
    async run(s) {
      // Every use of a photo is a job (processImages decodes each source once), so a bad photo
      // shared by two articles is reported for both.
      jobs = [];
      for (const a of s.model.articles) {
        for (const p of a.cover && !a.photos.includes(a.cover) ? [...a.photos, a.cover] : a.photos) {
          jobs.push({ source: p.source, file: a.file, field: p.field, ...(p.stat ? { stat: p.stat } : {}) });
        }
      }
      const result = await processImages(jobs, options, quiet ? undefined : terminalProgress());
      if (result.issues.some((i) => i.severity === "error")) throw new ContentError(result.issues);
      if (result.issues.length && !quiet) process.stderr.write(formatIssues(result.issues) + "\n");
      s.images = result.images;
      s.imageStats = result.stats;
      runId = result.runId;
    },
  });
  stages.after.push({
    name: "publish-images",
    async run(s, event) {
      const out = path.join(event.directories.output, "img");
      const previous = s.previousOutput ? path.join(s.previousOutput, "img") : undefined;
      // Reuse only into an output that has no img/ of its own yet (a fresh temporary folder).
      const reuse = previous && !(await fs.stat(out).catch(() => undefined)) ? previous : undefined;
      // The same photos as the run whose variants the untouched previous img/ holds: nothing to link.
      const published =
        reuse && (await publishedUnchanged(options.cacheDir, reuse, runId))
          ? { dir: reuse, unused: [] }
          : await publishRepairing(s, () => publishImages(s.images.values(), options.cacheDir, out, reuse ? { reuse } : {}));
      if (published.dir !== out) s.carryOver.push({ dir: "img", remove: published.unused });
      // Recorded after the swap (and the removals), so the folder's mtime is final.
      s.afterPublish.push((final) => writePublished(options.cacheDir, path.join(final, "img"), runId));
    },
  });

  /** Publishes; variants deleted from the cache by hand are made again (same names) and published. */
  async function publishRepairing(s: PortalStore, publish: () => Promise<PublishResult>): Promise<PublishResult> {
    try {
      return await publish();
    } catch (error) {
      if (!(error instanceof MissingVariantsError)) throw error;
      const lost = new Set(error.names);
      const broken = [...s.images].filter(([, img]) => img.variants.some((v) => lost.has(v.name)));
      await forgetImages(options.cacheDir, broken.map(([, img]) => img.hash));
      // All jobs, not just the broken ones: the others are cache hits, and last-run.json is then
      // rewritten for the whole site rather than for the few photos made again.
      const redo = await processImages(jobs, options);
      if (redo.issues.some((i) => i.severity === "error")) throw new ContentError(redo.issues);
      s.images = redo.images;
      runId = redo.runId;
      if (s.imageStats) {
        const { processed, cached, ms } = s.imageStats;
        s.imageStats = { ...s.imageStats, processed: processed + redo.stats.processed, cached: cached - redo.stats.processed, ms: ms + redo.stats.ms };
      }
      return publish();
    }
  }
}
