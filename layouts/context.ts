/**
 * What every layout receives: the validated content, derived views, the edition being rendered
 * and URL helpers. Layouts are pure functions of this context (no file reads, no global state).
 */
import type { ColumnTree } from "../lib/content/columns.ts";
import type { Article, ContentModel } from "../lib/content/load.ts";
import type { SiteConfig } from "../lib/content/schema.ts";
import { editionPath, SIMPLIFIED, type Edition } from "../lib/edition/edition.ts";
import type { ProcessedImage } from "../lib/images/types.ts";
import type { SiteView } from "../lib/site/view.ts";

/** One bundle of the search index: its folder under /pagefind/ and the years it holds. */
export interface SearchBundle {
  dir: string;
  years: readonly number[];
}

export interface RenderContext {
  site: SiteConfig;
  columns: ColumnTree;
  model: ContentModel;
  view: SiteView;
  /** The edition this page belongs to: Simplified at the root, Traditional under /zh-hant/. */
  edition: Edition;
  /** The search index's bundles (more than one on large sites), as the search stage will build them. */
  searchBundles: readonly SearchBundle[];
  /** Processed photo for a source path, when the image stage produced one. */
  image(source: string): ProcessedImage | undefined;
  /**
   * Site-relative URL with the path prefix, in this edition for pages: url("/news/") →
   * "/jyj/news/" (Simplified) or "/jyj/zh-hant/news/" (Traditional); files stay shared.
   */
  url(path: string): string;
  /** Absolute URL (feeds, canonical links, Open Graph), in this edition like url(). */
  absoluteUrl(path: string): string;
  /** Site-relative URL of a page in the given edition (the 简/繁 switch). */
  urlIn(edition: Edition, path: string): string;
  /** Absolute URL of a page in the given edition (hreflang alternates). */
  absoluteUrlIn(edition: Edition, path: string): string;
}

export type UrlHelpers = Pick<RenderContext, "url" | "absoluteUrl" | "urlIn" | "absoluteUrlIn">;

export function urlHelpers(site: SiteConfig, edition: Edition = SIMPLIFIED): UrlHelpers {
  const prefix = site.pathPrefix;
  const base = site.baseUrl.replace(/\/+$/, "");
  const external = (p: string) => /^[a-z]+:|^#/i.test(p);
  const urlIn = (e: Edition, p: string) => (external(p) ? p : prefix + editionPath(e, p).replace(/^\/+/, ""));
  const absoluteUrlIn = (e: Edition, p: string) => (/^[a-z]+:/i.test(p) ? p : base + urlIn(e, p));
  return { url: (p) => urlIn(edition, p), absoluteUrl: (p) => absoluteUrlIn(edition, p), urlIn, absoluteUrlIn };
}

export type { Article, Edition };
