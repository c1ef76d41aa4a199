/**
 * The Traditional Chinese edition (繁體): after rendering, every page is converted with opencc-js
 * and written under /zh-hant/ with lang="zh-Hant". Its pages keep data-pagefind-body but are not
 * indexed: the search stage reads only the Simplified articles' folders (lib/search/shards.ts), and
 * the edition's search page shows that index in 繁體. Runs after the files stages and before the
 * search index (see lib/portal/plugin.ts for the order).
 */
import fs from "node:fs/promises";
import path from "node:path";
import { mapLimit } from "../content/load.ts";
import type { StageList } from "../portal/stages.ts";
import type { EleventyConfig } from "../portal/eleventy.ts";
import { createConverter, HANT_DIR, toHantPage } from "./convert.ts";

async function htmlFiles(dir: string, skip: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await fs.readdir(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (p !== skip) await walk(p);
      } else if (e.name.endsWith(".html")) out.push(p);
    }
  };
  await walk(dir);
  return out.sort();
}

export function traditionalPlugin(_eleventyConfig: EleventyConfig, { stages }: { stages: StageList }): void {
  stages.after.push({
    name: "traditional",
    async run(store, event) {
      const settings = store.model.site.traditional;
      if (!settings.enabled) return;
      const out = event.directories.output;
      const target = path.join(out, HANT_DIR);
      const convert = createConverter(settings.variant);
      const prefix = store.model.site.pathPrefix;
      // The pages Eleventy just wrote are in its results, in memory: converting from there saves a
      // walk and a re-read of every page (4,600 files at 4,000 articles). The walk stays as the
      // fallback, e.g. when the stage runs without Eleventy's results.
      const written = event.results?.flatMap((r) => (typeof r.outputPath === "string" && r.outputPath.endsWith(".html") && typeof r.content === "string" ? [{ file: path.resolve(r.outputPath), html: r.content }] : []));
      const pages: { file: string; html?: string }[] = written ?? (await htmlFiles(out, target)).map((file) => ({ file }));
      // One mkdir per folder, not per page (the promise is shared so concurrent pages wait for it).
      const folders = new Map<string, Promise<unknown>>();
      await mapLimit(pages, 8, async ({ file, html: inMemory }) => {
        const html = inMemory ?? (await fs.readFile(file, "utf8"));
        const dest = path.join(target, path.relative(out, file));
        const folder = path.dirname(dest);
        if (!folders.has(folder)) folders.set(folder, fs.mkdir(folder, { recursive: true }));
        await folders.get(folder);
        await fs.writeFile(dest, toHantPage(convert(html), prefix, { baseUrl: store.model.site.baseUrl, variant: settings.variant }));
      });
    },
  });
}
