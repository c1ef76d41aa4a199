/**
 * Publishes the files articles link to (attachments) and the site's own assets.
 * Photos are NOT copied: only their resized variants are published, by the image stage.
 * Hard links keep this cheap; a copy is the fallback across file systems.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { EleventyConfig } from "../portal/eleventy.ts";
import type { StageList } from "../portal/stages.ts";
import type { PortalStore } from "../portal/store.ts";

export async function linkOrCopy(from: string, to: string): Promise<void> {
  await fs.mkdir(path.dirname(to), { recursive: true });
  try {
    await fs.link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") {
      const [a, b] = await Promise.all([fs.stat(from), fs.stat(to)]);
      if (a.ino === b.ino && a.dev === b.dev) return;
      await fs.rm(to);
      return linkOrCopy(from, to);
    }
    await fs.copyFile(from, to);
  }
}

export function filesPlugin(eleventyConfig: EleventyConfig, { store, stages, assetsDir }: { store: PortalStore; stages: StageList; assetsDir: string }): void {
  eleventyConfig.addPassthroughCopy({ [assetsDir]: "assets" });
  stages.after.push({
    name: "attachments",
    async run(s, event) {
      const out = event.directories.output;
      const jobs = s.model.articles.flatMap((a) => a.attachments.map((f) => ({ from: f.source, to: path.join(out, ...a.url.split("/"), ...f.file.split("/")) })));
      for (const job of jobs) await linkOrCopy(job.from, job.to);
    },
  });
  void store;
}
