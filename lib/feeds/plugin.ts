/**
 * Eleventy plugin for what the portal publishes besides pages: Atom feeds (site-wide and per
 * leaf column), sitemap.xml, robots.txt and the `_headers` file. All are virtual templates, so
 * they are written into the same (temporary) output folder as the pages and are swapped in with
 * them, or not at all.
 */
import type { Column } from "../content/columns.ts";
import type { EleventyConfig, TemplateData } from "../portal/eleventy.ts";
import type { StageList } from "../portal/stages.ts";
import type { PortalStore } from "../portal/store.ts";
import { atomFeed, COLUMN_FEED_SIZE, SITE_FEED_SIZE } from "./atom.ts";
import { entryRenderer } from "./content.ts";
import { headersFile } from "./headers.ts";
import { chunk, partLastmod, robotsTxt, sitemapIndex, sitemapUrls, urlset, type SitemapUrl } from "./sitemap.ts";

export interface FeedsPluginOptions {
  store: PortalStore;
  stages?: StageList;
}

/** Site-relative path of a column's feed ("/news/jydt/feed.xml"). */
export const columnFeedPath = (column: Column): string => `${column.url}feed.xml`;

/**
 * Per-build derived data, read lazily by the templates (after the content stage has run).
 * A class instance, like the store: Eleventy keeps it by reference instead of merging it.
 */
class PublishData {
  #model: unknown;
  #renderer: ReturnType<typeof entryRenderer> | undefined;
  #sitemap: SitemapUrl[][] | undefined;

  constructor(private readonly store: PortalStore) {}

  #fresh(): void {
    if (this.#model === this.store.model) return;
    this.#model = this.store.model;
    this.#renderer = undefined;
    this.#sitemap = undefined;
  }

  /** Entry bodies, rendered once per article per build. */
  get entries(): ReturnType<typeof entryRenderer> {
    this.#fresh();
    return (this.#renderer ??= entryRenderer(this.store.context()));
  }

  get sitemapChunks(): SitemapUrl[][] {
    this.#fresh();
    return (this.#sitemap ??= chunk(sitemapUrls(this.store.context())));
  }

  /** Numbered parts: only when the site outgrows one sitemap file. */
  get sitemapParts(): { n: number; urls: SitemapUrl[] }[] {
    const chunks = this.sitemapChunks;
    return chunks.length > 1 ? chunks.map((urls, i) => ({ n: i + 1, urls })) : [];
  }
}

export function feedsPlugin(eleventyConfig: EleventyConfig, { store }: FeedsPluginOptions): void {
  const publish = new PublishData(store);
  eleventyConfig.addGlobalData("portalPublish", publish);
  const common = { layout: false, eleventyExcludeFromCollections: true };

  eleventyConfig.addTemplate("_portal/feed.11ty.js", {
    data: { ...common, permalink: "/feed.xml" },
    render: () => {
      const ctx = store.context();
      return atomFeed(
        ctx,
        { path: "/feed.xml", title: ctx.site.name, subtitle: ctx.site.description, alternate: "/", articles: ctx.model.articles.slice(0, SITE_FEED_SIZE) },
        publish.entries,
      );
    },
  });

  eleventyConfig.addTemplate("_portal/column-feeds.11ty.js", {
    data: {
      ...common,
      pagination: { data: "portal.model.columns.leaves", size: 1, alias: "feedColumn", addAllPagesToCollections: false },
      permalink: (data: TemplateData) => columnFeedPath(data.feedColumn as Column),
    },
    render: (data: TemplateData) => {
      const ctx = store.context();
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
        publish.entries,
      );
    },
  });

  eleventyConfig.addTemplate("_portal/sitemap.11ty.js", {
    data: { ...common, permalink: "/sitemap.xml" },
    render: () => {
      const chunks = publish.sitemapChunks;
      if (chunks.length === 1) return urlset(chunks[0]!);
      const ctx = store.context();
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
    render: () => robotsTxt(store.context()),
  });

  eleventyConfig.addTemplate("_portal/headers.11ty.js", {
    data: { ...common, permalink: "/_headers" },
    render: () => headersFile(store.model.site.pathPrefix),
  });
}
