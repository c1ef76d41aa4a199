/**
 * The page shell: <head> with the title pattern and the government-site meta tags,
 * header, navigation, main content and footer. No inline script or style anywhere
 * (the shipped CSP forbids both).
 */
import type { Column } from "../lib/content/columns.ts";
import { SIMPLIFIED, traditionalEdition } from "../lib/edition/edition.ts";
import { html, raw, type SafeHtml } from "../lib/html.ts";
import { footer, header } from "./components/chrome.ts";
import type { RenderContext } from "./context.ts";
import { FAVICON_ICO, WEB_MANIFEST } from "../lib/images/identity-names.ts";

export interface PageMeta {
  /** Page title without the site name, or "" for the home page. */
  title: string;
  description?: string;
  /** Site-relative URL of this page (without prefix). */
  url: string;
  column?: Column;
  /** Government-site article tags (ArticleTitle, PubDate, ContentSource). */
  article?: { title: string; pubDate: string; source: string; keywords: string[]; image?: string; isoDate: string };
  /** Extra elements for <head> (feeds, JSON-LD). */
  head?: SafeHtml;
  /** Extra stylesheets (site-relative URLs), e.g. the gallery's on article pages. */
  styles?: string[];
  /** Extra scripts (site-relative URLs) loaded as modules. */
  scripts?: string[];
  /** Lets the search index skip this page (lists, home). */
  noindex?: boolean;
  bodyClass?: string;
}

export const CSS_VERSION = "2";

/** The favicon set made by lib/images/identity.ts (from `favicon`, else the emblem); else the older `logo`, else none. */
function icons(ctx: RenderContext): SafeHtml {
  const site = ctx.site;
  if (site.favicon || site.emblem) {
    return html`<link rel="icon" href="${ctx.url(`/${FAVICON_ICO}`)}" sizes="48x48">
<link rel="icon" href="${ctx.url("/favicon-32.png")}" sizes="32x32" type="image/png">
<link rel="apple-touch-icon" href="${ctx.url("/apple-touch-icon.png")}">
<link rel="manifest" href="${ctx.url(`/${WEB_MANIFEST}`)}">`;
  }
  return html`<link rel="icon" href="${site.logo ? ctx.url(site.logo) : "data:,"}">`;
}

export function basePage(ctx: RenderContext, meta: PageMeta, main: SafeHtml): string {
  const site = ctx.site;
  const fullTitle = [meta.title, meta.column && meta.title !== meta.column.name ? meta.column.name : "", site.name].filter(Boolean).join(" - ");
  const description = meta.description || site.description;
  const canonical = ctx.absoluteUrl(meta.url);
  const keywords = meta.article?.keywords.length ? meta.article.keywords : site.keywords;
  const columnType = meta.column ? meta.column.type : "home";
  const gov = (name: string, content: string) => (content ? html`\n<meta name="${name}" content="${content}">` : "");
  const og = (property: string, content: string | undefined) => (content ? html`\n<meta property="${property}" content="${content}">` : "");
  const alternates = site.traditional.enabled
    ? html`\n<link rel="alternate" hreflang="zh-Hans" href="${ctx.absoluteUrlIn(SIMPLIFIED, meta.url)}">\n<link rel="alternate" hreflang="zh-Hant" href="${ctx.absoluteUrlIn(traditionalEdition(site.traditional.variant), meta.url)}">`
    : "";
  return (
    "<!doctype html>\n" +
    html`<html lang="${ctx.edition.code}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<meta name="description" content="${description}">
<link rel="canonical" href="${canonical}">${alternates}${gov("SiteName", site.name)}${gov("SiteDomain", new URL(site.baseUrl).host)}${gov("SiteIDCode", site.siteCode)}${gov("ColumnName", meta.column?.name ?? ctx.columns.home)}${gov("ColumnType", columnType)}${gov("ColumnDescription", meta.column?.description ?? "")}${gov("ArticleTitle", meta.article?.title ?? "")}${gov("PubDate", meta.article?.pubDate ?? "")}${gov("ContentSource", meta.article?.source ?? "")}${gov("Keywords", keywords.join(","))}${gov("Description", description)}${gov("Url", canonical)}${og("og:type", meta.article ? "article" : "website")}${og("og:site_name", site.name)}${og("og:title", meta.article?.title ?? fullTitle)}${og("og:description", description)}${og("og:url", canonical)}${og("og:locale", ctx.edition.ogLocale)}${og("og:image", meta.article?.image)}${og("article:published_time", meta.article?.isoDate)}
<link rel="alternate" type="application/atom+xml" title="${site.name}" href="${ctx.url("/feed.xml")}">
${icons(ctx)}
<link rel="stylesheet" href="${ctx.url(`/assets/css/site.css?v=${CSS_VERSION}`)}">
<link rel="stylesheet" href="${ctx.url(`/assets/css/header.css?v=${CSS_VERSION}`)}">
${(meta.styles ?? []).map((s) => html`<link rel="stylesheet" href="${ctx.url(`${s}?v=${CSS_VERSION}`)}">\n`)}<link rel="stylesheet" href="${ctx.url(`/assets/css/print.css?v=${CSS_VERSION}`)}" media="print">
<script src="${ctx.url("/assets/js/prefs.js")}"></script>
<script type="module" src="${ctx.url("/assets/js/site.js")}"></script>${site.counter ? html`\n<script defer src="${ctx.url("/assets/js/counter.js")}" data-counter-url="${site.counter.url}"></script>` : ""}${(meta.scripts ?? []).map((s) => html`\n<script type="module" src="${ctx.url(s)}"></script>`)}${meta.head ?? ""}
</head>
<body${meta.bodyClass ? html` class="${meta.bodyClass}"` : ""}>
${header(ctx, meta.column, meta.url)}
<main id="main" tabindex="-1">
${main}
</main>
${footer(ctx)}
</body>
</html>
`.value
  );
}

export { raw };
