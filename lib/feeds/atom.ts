/**
 * Atom 1.0 (RFC 4287) feeds: the whole site's latest articles and each leaf column's.
 * Everything in a feed comes from the content, never from the clock: `updated` is the newest
 * entry's date, so an unchanged site produces a byte-identical feed.
 */
import type { DateTime } from "luxon";
import type { Article } from "../content/load.ts";
import { isoDateTime } from "../content/dates.ts";
import type { RenderContext } from "../../layouts/context.ts";
import { element, emptyElement, textElement, XML_DECLARATION } from "./xml.ts";
import { VALIDITY_ZH } from "../content/gov-info.ts";

export const SITE_FEED_SIZE = 50;
export const COLUMN_FEED_SIZE = 30;

export type FeedContext = Pick<RenderContext, "site" | "absoluteUrl">;

export interface FeedSpec {
  /** Site-relative path of the feed itself, e.g. "/feed.xml" or "/news/jydt/feed.xml". */
  path: string;
  title: string;
  subtitle?: string;
  /** Site-relative URL of the HTML page the feed mirrors ("/" or a column page). */
  alternate: string;
  /** Newest first, already cut to size. */
  articles: readonly Article[];
  /** `updated` when there are no entries: the newest article of the whole site (still content-derived). */
  emptyUpdated?: DateTime | undefined;
}

export interface EntryParts {
  /** Plain-text summary. */
  summary: string;
  /** Full entry body as HTML (relative links allowed: xml:base is the article URL). */
  html: string;
}

/**
 * 政务公开 (issue #14): a document no longer in force keeps its entry (same id: readers do not see a
 * new item) with the 【已废止】/【已失效】 title prefix Chinese government lists use, and `updated`
 * moved to the day it stopped being in force, so readers show the entry as changed. The summary and
 * content open with the same sentence as the page's banner (lib/feeds/content.ts).
 */
const ended = (a: Article) => (a.gov && a.gov.validity !== "valid" ? a.gov : undefined);

/** An entry's title: the article's, prefixed 【已废止】/【已失效】 when the document is no longer in force. */
export const entryTitle = (a: Article): string => {
  const gov = ended(a);
  return gov ? `【已${VALIDITY_ZH[gov.validity]}】${a.title}` : a.title;
};

/** An entry's last change: its date, or the day it stopped being in force when that is later. */
export const entryUpdated = (a: Article): DateTime => {
  const since = ended(a)?.validitySince;
  return since && since > a.date ? since : a.date;
};

/** The feed's `updated`: newest entry, else the fallback, else the start of the site's first year. */
export function feedUpdated(ctx: FeedContext, spec: Pick<FeedSpec, "articles" | "emptyUpdated">): string {
  const newest = spec.articles.reduce<DateTime | undefined>((max, a) => (!max || entryUpdated(a) > max ? entryUpdated(a) : max), undefined);
  const d = newest ?? spec.emptyUpdated;
  return d ? isoDateTime(d) : `${ctx.site.firstYear ?? 2000}-01-01T00:00:00+08:00`;
}

export function atomFeed(ctx: FeedContext, spec: FeedSpec, parts: (a: Article) => EntryParts): string {
  const site = ctx.site;
  const self = ctx.absoluteUrl(spec.path);
  const head = [
    textElement("id", self),
    textElement("title", spec.title),
    ...(spec.subtitle ? [textElement("subtitle", spec.subtitle)] : []),
    textElement("updated", feedUpdated(ctx, spec)),
    emptyElement("link", { rel: "self", type: "application/atom+xml", href: self }),
    emptyElement("link", { rel: "alternate", type: "text/html", href: ctx.absoluteUrl(spec.alternate) }),
    element("author", {}, [textElement("name", site.owner || site.name), textElement("uri", ctx.absoluteUrl("/"))]),
    ...(site.logo ? [textElement("logo", ctx.absoluteUrl(site.logo))] : []),
    textElement("rights", `版权所有 © ${site.owner || site.name}`),
    textElement("generator", "jyj-portal"),
  ];
  const entries = spec.articles.map((a) => {
    const url = ctx.absoluteUrl(a.url);
    const date = isoDateTime(a.date);
    const { summary, html } = parts(a);
    return element("entry", {}, [
      textElement("id", url),
      textElement("title", entryTitle(a)),
      emptyElement("link", { rel: "alternate", type: "text/html", href: url }),
      textElement("published", date),
      textElement("updated", isoDateTime(entryUpdated(a))),
      element("author", {}, [textElement("name", a.source)]),
      ...(a.author ? [element("contributor", {}, [textElement("name", a.author)])] : []),
      emptyElement("category", { term: a.column.key, label: a.column.name, scheme: ctx.absoluteUrl(a.column.url) }),
      ...a.tags.map((t) => emptyElement("category", { term: t })),
      ...(summary ? [textElement("summary", summary)] : []),
      textElement("content", html, { type: "html", "xml:base": url }),
    ]);
  });
  return XML_DECLARATION + element("feed", { xmlns: "http://www.w3.org/2005/Atom", "xml:lang": "zh-CN" }, [...head, ...entries]) + "\n";
}
