/**
 * What every layout receives: the validated content, derived views and URL helpers.
 * Layouts are pure functions of this context (no file reads, no global state).
 */
import type { ColumnTree } from "../lib/content/columns.ts";
import type { Article, ContentModel } from "../lib/content/load.ts";
import type { SiteConfig } from "../lib/content/schema.ts";
import type { SiteView } from "../lib/site/view.ts";
import type { ProcessedImage } from "../lib/images/types.ts";

export interface RenderContext {
  site: SiteConfig;
  columns: ColumnTree;
  model: ContentModel;
  view: SiteView;
  /** Processed photo for a source path, when the image stage produced one. */
  image(source: string): ProcessedImage | undefined;
  /** Site-relative URL with the path prefix: url("/news/") → "/jyj/news/". */
  url(path: string): string;
  /** Absolute URL for feeds, canonical links and Open Graph. */
  absoluteUrl(path: string): string;
}

export function urlHelpers(site: SiteConfig): Pick<RenderContext, "url" | "absoluteUrl"> {
  const prefix = site.pathPrefix;
  const base = site.baseUrl.replace(/\/+$/, "");
  const url = (p: string) => (/^[a-z]+:|^#/i.test(p) ? p : prefix + p.replace(/^\/+/, ""));
  return { url, absoluteUrl: (p: string) => (/^[a-z]+:/i.test(p) ? p : base + url(p)) };
}

export type { Article };
