/**
 * What the portal publishes besides pages: Atom feeds (site-wide and per leaf column),
 * sitemap.xml, robots.txt and the `_headers` file. All are Eleventy virtual templates over the
 * render input, so they are written into the same (temporary) output folder as the pages and are
 * swapped in with them, or not at all.
 */
import type { Column } from "../content/columns.ts";
import { SIMPLIFIED } from "../edition/edition.ts";
import { renderContext, type RenderInput } from "./context.ts";
import type { EleventyConfig, TemplateData } from "./eleventy-config.ts";
import { atomFeed, COLUMN_FEED_SIZE, SITE_FEED_SIZE } from "../feeds/atom.ts";
import { entryRenderer } from "../feeds/content.ts";
import { headersFile } from "../feeds/headers.ts";
import { chunk, partLastmod, robotsTxt, sitemapIndex, sitemapUrls, urlset, type SitemapUrl } from "../feeds/sitemap.ts";

/** Site-relative path of a column's feed ("/news/jydt/feed.xml"). */
export const columnFeedPath = (column: Column): string => `${column.url}feed.xml`;

/** Per-build data the paginated templates read (a class instance: Eleventy keeps it by reference). */
class PublishData {
  constructor(
    readonly leaves: readonly Column[],
    readonly sitemapParts: readonly { n: number; urls: SitemapUrl[] }[],
  ) {}
}

export function feedsPlugin(eleventyConfig: EleventyConfig, { input }: { input: RenderInput }): void {
  // Feeds, sitemap and robots.txt are shared by both editions and speak Simplified.
  const ctx = renderContext(input, SIMPLIFIED);
  // Entry bodies are rendered once per article per build, however many feeds list it.
  const entries = entryRenderer(ctx);
  const chunks = chunk(sitemapUrls(ctx));
  // Numbered parts only when the site outgrows one sitemap file.
  const publish = new PublishData(ctx.model.columns.leaves, chunks.length > 1 ? chunks.map((urls, i) => ({ n: i + 1, urls })) : []);
  eleventyConfig.addGlobalData("portalPublish", publish);
  const common = { layout: false, eleventyExcludeFromCollections: true };

  eleventyConfig.addTemplate("_portal/feed.11ty.js", {
    data: { ...common, permalink: "/feed.xml" },
    render: () => {
      return atomFeed(ctx, { path: "/feed.xml", title: ctx.site.name, subtitle: ctx.site.description, alternate: "/", articles: ctx.model.articles.slice(0, SITE_FEED_SIZE) }, entries);
    },
  });

  eleventyConfig.addTemplate("_portal/column-feeds.11ty.js", {
    data: {
      ...common,
      pagination: { data: "portalPublish.leaves", size: 1, alias: "feedColumn", addAllPagesToCollections: false },
      permalink: (data: TemplateData) => columnFeedPath(data.feedColumn as Column),
    },
    render: (data: TemplateData) => {
      const column = data.feedColumn as Column;
      const list = ctx.view.byColumn.get(column.key) ?? [];
      return atomFeed(
        ctx,
        {
          path: columnFeedPath(column),
          title: `${column.name} - ${ctx.site.name}`,
          subtitle: column.description || `${ctx.site.name}${column.name}`,
          alternate: column.url,
          articles: list.slice(0, COLUMN_FEED_SIZE),
          // An empty column's feed is still valid and stable: dated by the site's newest article.
          emptyUpdated: ctx.model.articles[0]?.date,
        },
        entries,
      );
    },
  });

  eleventyConfig.addTemplate("_portal/sitemap.11ty.js", {
    data: { ...common, permalink: "/sitemap.xml" },
    render: () => {
      if (chunks.length === 1) return urlset(chunks[0]!);
      return sitemapIndex(chunks.map((urls, i) => ({ loc: ctx.absoluteUrl(`/sitemap-${i + 1}.xml`), lastmod: partLastmod(urls) })));
    },
  });

  eleventyConfig.addTemplate("_portal/sitemap-parts.11ty.js", {
    data: {
      ...common,
      pagination: { data: "portalPublish.sitemapParts", size: 1, alias: "sitemapPart", addAllPagesToCollections: false },
      permalink: (data: TemplateData) => `/sitemap-${(data.sitemapPart as { n: number }).n}.xml`,
    },
    render: (data: TemplateData) => urlset((data.sitemapPart as { urls: SitemapUrl[] }).urls),
  });

  eleventyConfig.addTemplate("_portal/robots.11ty.js", {
    data: { ...common, permalink: "/robots.txt" },
    render: () => robotsTxt(ctx),
  });

  eleventyConfig.addTemplate("_portal/headers.11ty.js", {
    data: { ...common, permalink: "/_headers" },
    render: () => headersFile(ctx.site.pathPrefix, ctx.site),
  });
}
