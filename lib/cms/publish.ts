/**
 * The build's hook for the browser editor: when content/_data/cms.yaml exists, write /admin/
 * into the output (writeAdmin) and append its header block to the output's _headers.
 * Registered with one line where the pipeline runs its after-render stages.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { ContentModel } from "../content/load.ts";
import { writeAdmin, loadCmsSettings, type WriteAdminResult } from "./admin.ts";
import { articleColumns, knownSources } from "./config.ts";
import { adminHeadersBlock } from "./headers.ts";

/** Writes /admin/ for a built site; returns undefined (and writes nothing) without cms.yaml. */
export async function publishAdmin(outputDir: string, model: Pick<ContentModel, "root" | "contentDir" | "site" | "columns" | "articles">): Promise<WriteAdminResult | undefined> {
  const contentDir = model.contentDir;
  const settings = await loadCmsSettings(contentDir);
  if (!settings?.enabled || !model.site || !model.columns) return undefined;
  const { defaultSourceFor, editorContext } = await import("../editor/new-article/context.ts");
  const ctx = await editorContext(model.root, contentDir);
  const defaults = new Map<string, string>();
  for (const c of articleColumns(model.columns)) {
    const s = defaultSourceFor(ctx, c.key);
    if (s) defaults.set(c.key, s);
  }
  const result = await writeAdmin(outputDir, {
    site: model.site,
    columns: model.columns,
    sources: knownSources(
      model.articles.map((a) => a.source),
      [...settings.sources, ...defaults.values(), model.site.owner],
    ),
    defaultSources: defaults,
    backend: settings.backend,
    contentDir: path.relative(model.root, contentDir).split(path.sep).join("/") || "content",
  });
  const headers = path.join(outputDir, "_headers");
  const existing = await fs.readFile(headers, "utf8").catch(() => undefined);
  if (existing !== undefined && !existing.includes(`${model.site.pathPrefix}admin/*`)) {
    await fs.writeFile(headers, `${existing.replace(/\n*$/, "\n")}${adminHeadersBlock(model.site.pathPrefix, new URL(settings.backend.base_url).origin)}`);
  }
  return result;
}
