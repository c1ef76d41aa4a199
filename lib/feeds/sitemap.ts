/**
 * sitemap.xml (sitemaps.org 0.9) and robots.txt. The sitemap lists the home page, every column
 * page, every 信息公开目录 and every published article, each with the date of its newest content as lastmod — never
 * the build time. Past 50,000 URLs (the protocol's limit) sitemap.xml becomes an index of parts.
 */
import type { DateTime } from "luxon";
import { isoDateTime } from "../content/dates.ts";
import type { RenderContext } from "../../layouts/context.ts";
import { element, textElement, XML_DECLARATION } from "./xml.ts";
import { catalogUrlOf } from "../site/catalog.ts";

export const SITEMAP_LIMIT = 50_000;
const NS = "http://www.sitemaps.org/schemas/sitemap/0.9";

export interface SitemapUrl {
  loc: string;
  lastmod?: string | undefined;
}

export type SitemapContext = Pick<RenderContext, "model" | "view" | "absoluteUrl">;

const newest = (list: readonly { date: DateTime }[] | undefined): string | undefined => (list?.[0] ? isoDateTime(list[0].date) : undefined);

/** Home, column pages (first page of each list), 目录, articles — in that order, deterministic. */
export function sitemapUrls(ctx: SitemapContext): SitemapUrl[] {
  const { model, view } = ctx;
  return [
    { loc: ctx.absoluteUrl("/"), lastmod: newest(model.articles) },
    ...model.columns.all.map((c) => ({ loc: ctx.absoluteUrl(c.url), lastmod: newest(view.byColumn.get(c.key)) })),
    // 信息公开目录 (first page, newest first; its filtered lists are the same documents again).
    ...model.columns.all.flatMap((c) => {
      const url = catalogUrlOf(c, view);
      return url ? [{ loc: ctx.absoluteUrl(url), lastmod: newest(view.byColumn.get(c.key)) }] : [];
    }),
    ...model.articles.map((a) => ({ loc: ctx.absoluteUrl(a.url), lastmod: isoDateTime(a.date) })),
  ];
}

export function urlset(urls: readonly SitemapUrl[]): string {
  const items = urls.map((u) => element("url", {}, [textElement("loc", u.loc), ...(u.lastmod ? [textElement("lastmod", u.lastmod)] : [])]));
  return XML_DECLARATION + element("urlset", { xmlns: NS }, items) + "\n";
}

export function sitemapIndex(parts: readonly SitemapUrl[]): string {
  const items = parts.map((u) => element("sitemap", {}, [textElement("loc", u.loc), ...(u.lastmod ? [textElement("lastmod", u.lastmod)] : [])]));
  return XML_DECLARATION + element("sitemapindex", { xmlns: NS }, items) + "\n";
}

/** Splits the URL list into protocol-sized parts (one part when it fits). */
export function chunk<T>(items: readonly T[], size = SITEMAP_LIMIT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length ? out : [[]];
}

/** Newest lastmod of a part (ISO strings with the same offset compare as text). */
export const partLastmod = (urls: readonly SitemapUrl[]): string | undefined => urls.reduce<string | undefined>((max, u) => (u.lastmod && (!max || u.lastmod > max) ? u.lastmod : max), undefined);

/**
 * robots.txt. Crawlers read it only at the host root: under a path prefix the host's own
 * robots.txt must carry the Sitemap line (docs/publishing.md). Search result pages are thin,
 * endless duplicates of the lists, so they are kept out of crawls.
 */
export function robotsTxt(ctx: Pick<RenderContext, "absoluteUrl" | "url">): string {
  return ["User-agent: *", `Disallow: ${ctx.url("/search/")}`, "", `Sitemap: ${ctx.absoluteUrl("/sitemap.xml")}`, ""].join("\n");
}
