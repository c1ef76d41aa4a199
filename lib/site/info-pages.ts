/**
 * The site's fixed information pages linked from every footer: 网站地图 (the column tree, for
 * people; /sitemap.xml is the one for search engines), 联系我们 (from site.yaml's identity
 * fields) and 网站声明 (site.yaml `statement`, only when written). One PAGE_KINDS entry
 * (lib/render/page-kinds.ts) publishes them in both editions; layouts/pages/info.ts lays them out.
 */
import type { SiteConfig } from "../content/schema.ts";

type InfoPageKey = "sitemap" | "contact" | "statement";

export interface InfoPage {
  key: InfoPageKey;
  /** Site URL without the edition folder. */
  url: string;
  /** Title and footer link text. */
  name: string;
  /** Whether the site publishes this page. */
  available(site: SiteConfig): boolean;
}

export const INFO_PAGES: readonly InfoPage[] = [
  { key: "sitemap", url: "/site-map/", name: "网站地图", available: () => true },
  { key: "contact", url: "/contact/", name: "联系我们", available: (s) => Boolean(s.address || s.phone || s.email) },
  { key: "statement", url: "/statement/", name: "网站声明", available: (s) => Boolean(s.statement) },
];

/** The information pages this site publishes. */
export const infoPages = (site: SiteConfig): InfoPage[] => INFO_PAGES.filter((p) => p.available(site));
