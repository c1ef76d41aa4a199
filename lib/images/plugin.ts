/**
 * Eleventy plugin for the image stage: before rendering, every photo named in front matter is
 * turned into its variants (content-addressed cache, so unchanged photos are never decoded
 * again); after rendering, the variants are hard-linked into <output>/img/.
 */
import path from "node:path";
import { ContentError, formatIssues } from "../content/issues.ts";
import type { EleventyConfig } from "../portal/eleventy.ts";
import type { StageList } from "../portal/stages.ts";
import type { PortalStore } from "../portal/store.ts";
import { resolveImageOptions, type ImageOptions } from "./options.ts";
import { processImages, publishImages, type PhotoJob } from "./process.ts";
import { terminalProgress } from "./progress.ts";

export interface ImagesPluginOptions {
  store: PortalStore;
  stages: StageList;
  images?: Partial<ImageOptions>;
  quiet?: boolean;
}

export function imagesPlugin(_eleventyConfig: EleventyConfig, { store, stages, images, quiet }: ImagesPluginOptions): void {
  const options = resolveImageOptions({ cacheDir: path.join(store.root, ".cache", "images"), ...images });
  stages.before.push({
    name: "images",
    async run(s) {
      // Every use of a photo is a job (processImages decodes each source once), so a bad photo
      // shared by two articles is reported for both.
      const jobs: PhotoJob[] = [];
      for (const a of s.model.articles) {
        for (const p of a.cover && !a.photos.includes(a.cover) ? [...a.photos, a.cover] : a.photos) {
          jobs.push({ source: p.source, file: a.file, field: p.field });
        }
      }
      const result = await processImages(jobs, options, quiet ? undefined : terminalProgress());
      if (result.issues.some((i) => i.severity === "error")) throw new ContentError(result.issues);
      if (result.issues.length && !quiet) process.stderr.write(formatIssues(result.issues) + "\n");
      s.images = result.images;
      s.imageStats = result.stats;
    },
  });
  stages.after.push({
    name: "publish-images",
    async run(s, event) {
      await publishImages(s.images.values(), options.cacheDir, path.join(event.directories.output, "img"));
    },
  });
}
