/** Unit tests for feeds, sitemap, robots.txt and the headers file (no Eleventy build). */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { DateTime } from "luxon";
import { buildColumnTree } from "../content/columns.ts";
import type { Article, ContentModel } from "../content/load.ts";
import { SiteSchema } from "../content/schema.ts";
import { buildView } from "../site/view.ts";
import { urlHelpers } from "../../layouts/context.ts";
import { atomFeed, feedUpdated } from "./atom.ts";
import { entryRenderer } from "./content.ts";
import { CONTENT_SECURITY_POLICY, headersFile, SECURITY_HEADERS } from "./headers.ts";
import { chunk, partLastmod, robotsTxt, sitemapIndex, sitemapUrls, urlset } from "./sitemap.ts";
import { xmlEscape } from "./xml.ts";

const site = SiteSchema.parse({ name: "示范区教育局", description: "描述 & <说明>", baseUrl: "https://jyj.example.gov.cn", pathPrefix: "/jyj/", owner: "示范区教育局" });
const { tree } = buildColumnTree("首页", [
  {
    key: "news",
    name: "新闻中心",
    children: [
      { key: "jydt", name: "教育动态" },
      { key: "tzgg", name: "通知公告", type: "notice" },
    ],
  },
]);
const jydt = tree.byKey.get("jydt")!;

function art(slug: string, date: string, extra: Partial<Article> = {}): Article {
  const d = DateTime.fromISO(date, { zone: "Asia/Shanghai" });
  return {
    file: `content/news/jydt/${slug}/index.md`,
    folder: `/x/${slug}`,
    title: `标题 ${slug}`,
    date: d,
    day: d.toFormat("yyyy-MM-dd"),
    year: d.year,
    source: "办公室",
    column: jydt,
    slug,
    url: `/news/jydt/${d.year}/${slug}/`,
    summary: "",
    author: "",
    tags: [],
    photos: [],
    cover: undefined,
    attachments: [],
    draft: false,
    scheduled: false,
    body: "正文。",
    bodyLine: 5,
    ...extra,
  };
}

const articles = [
  art("b", "2024-07-12T23:30:00", {
    title: "A & B <script>\u0001",
    body: "见[通知](/news/tzgg/2024/x/)与[附件](file.pdf)。\n\n<b>raw</b>",
    tags: ["党建"],
    author: "张三",
    attachments: [{ file: "通知 1.pdf", source: "/x/b/通知 1.pdf", label: "通知", kind: "PDF", bytes: 2048, field: "attachments[0].file" }],
  }),
  art("a", "2024-07-01T09:00:00", { summary: "摘要" }),
];
const model: ContentModel = { root: "/x", contentDir: "/x/content", site, columns: tree, articles, all: new Map(articles.map((a) => [a.file, a])), issues: [] };
const ctx = { site, model, columns: tree, view: buildView(model), image: () => undefined, ...urlHelpers(site) };
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["entry", "link", "category", "url", "sitemap"].includes(name) });

describe("xmlEscape", () => {
  test("escapes markup characters and drops characters XML cannot carry", () => {
    assert.equal(xmlEscape(`a&b<c>"d'`), "a&amp;b&lt;c&gt;&quot;d&apos;");
    assert.equal(xmlEscape("x\u0000\u0008\u000b\u001fy\ufffe\ud800z"), "xyz");
    assert.equal(xmlEscape("tab\tnl\ncr\r😀"), "tab\tnl\ncr\r😀");
  });
});

describe("Atom feed", () => {
  const xml = atomFeed(ctx, { path: "/feed.xml", title: site.name, subtitle: site.description, alternate: "/", articles }, entryRenderer(ctx));
  const feed = parser.parse(xml).feed;

  test("is well-formed XML in the Atom namespace", () => {
    assert.equal(XMLValidator.validate(xml), true);
    assert.equal(feed["@xmlns"], "http://www.w3.org/2005/Atom");
  });

  test("feed metadata: id, title, updated = newest entry, self and alternate links with the prefix", () => {
    assert.equal(feed.id, "https://jyj.example.gov.cn/jyj/feed.xml");
    assert.equal(feed.title, "示范区教育局");
    assert.equal(feed.subtitle, "描述 & <说明>");
    assert.equal(feed.updated, "2024-07-12T23:30:00+08:00");
    assert.deepEqual(
      feed.link.map((l: Record<string, string>) => `${l["@rel"]} ${l["@href"]}`),
      ["self https://jyj.example.gov.cn/jyj/feed.xml", "alternate https://jyj.example.gov.cn/jyj/"],
    );
    assert.equal(feed.author.name, "示范区教育局");
  });

  test("entries: id, link, dates, author = source, summary, escaped html content with absolute links", () => {
    assert.equal(feed.entry.length, 2);
    const [e] = feed.entry;
    assert.equal(e.id, "https://jyj.example.gov.cn/jyj/news/jydt/2024/b/");
    assert.equal(e.title, "A & B <script>");
    assert.equal(e.link[0]["@href"], e.id);
    assert.equal(e.published, "2024-07-12T23:30:00+08:00");
    assert.equal(e.updated, e.published);
    assert.equal(e.author.name, "办公室");
    assert.equal(e.contributor.name, "张三");
    assert.deepEqual(
      e.category.map((c: Record<string, string>) => c["@term"]),
      ["jydt", "党建"],
    );
    assert.equal(e.content["@type"], "html");
    assert.equal(e.content["@xml:base"], e.id);
    const content = e.content["#text"] as string;
    assert.match(content, /<a href="https:\/\/jyj.example.gov.cn\/jyj\/news\/tzgg\/2024\/x\/">通知<\/a>/);
    assert.match(content, /&lt;b&gt;raw&lt;\/b&gt;/, "raw HTML in Markdown stays text");
    assert.match(content, /<a href="https:\/\/jyj.example.gov.cn\/jyj\/news\/jydt\/2024\/b\/%E9%80%9A%E7%9F%A5%201.pdf">通知<\/a>（PDF，2.0 KB）/);
    assert.ok(!xml.includes("<script>"), "nothing unescaped reaches the XML");
    assert.equal(feed.entry[1].summary, "摘要");
    assert.equal(typeof e.summary, "string");
  });

  test("is deterministic and dated by content, not by the clock", () => {
    const again = atomFeed(ctx, { path: "/feed.xml", title: site.name, subtitle: site.description, alternate: "/", articles }, entryRenderer(ctx));
    assert.equal(again, xml);
    assert.equal(feedUpdated(ctx, { articles: [] }), "2000-01-01T00:00:00+08:00");
    assert.equal(feedUpdated(ctx, { articles: [], emptyUpdated: articles[1]!.date }), "2024-07-01T09:00:00+08:00");
  });

  test("an empty feed is still valid Atom", () => {
    const empty = atomFeed(ctx, { path: "/news/tzgg/feed.xml", title: "通知公告", alternate: "/news/tzgg/", articles: [], emptyUpdated: articles[0]!.date }, entryRenderer(ctx));
    assert.equal(XMLValidator.validate(empty), true);
    const f = parser.parse(empty).feed;
    assert.equal(f.updated, "2024-07-12T23:30:00+08:00");
    assert.equal(f.entry, undefined);
  });
});

describe("sitemap and robots.txt", () => {
  test("home, every column, every article, with content dates as lastmod", () => {
    const urls = sitemapUrls(ctx);
    assert.deepEqual(
      urls.map((u) => `${u.loc} ${u.lastmod ?? "-"}`),
      [
        "https://jyj.example.gov.cn/jyj/ 2024-07-12T23:30:00+08:00",
        "https://jyj.example.gov.cn/jyj/news/ 2024-07-12T23:30:00+08:00",
        "https://jyj.example.gov.cn/jyj/news/jydt/ 2024-07-12T23:30:00+08:00",
        "https://jyj.example.gov.cn/jyj/news/tzgg/ -",
        "https://jyj.example.gov.cn/jyj/news/jydt/2024/b/ 2024-07-12T23:30:00+08:00",
        "https://jyj.example.gov.cn/jyj/news/jydt/2024/a/ 2024-07-01T09:00:00+08:00",
      ],
    );
    const xml = urlset(urls);
    assert.equal(XMLValidator.validate(xml), true);
    const parsed = parser.parse(xml).urlset;
    assert.equal(parsed["@xmlns"], "http://www.sitemaps.org/schemas/sitemap/0.9");
    assert.equal(parsed.url.length, 6);
  });

  test("large sites split into parts under an index", () => {
    assert.deepEqual(chunk([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
    assert.deepEqual(chunk([], 2), [[]]);
    assert.equal(partLastmod([{ loc: "a", lastmod: "2024-01-01T00:00:00+08:00" }, { loc: "b", lastmod: "2024-03-01T00:00:00+08:00" }, { loc: "c" }]), "2024-03-01T00:00:00+08:00");
    const index = sitemapIndex([{ loc: "https://x/sitemap-1.xml", lastmod: "2024-01-01T00:00:00+08:00" }]);
    assert.equal(XMLValidator.validate(index), true);
    assert.equal(parser.parse(index).sitemapindex.sitemap[0].loc, "https://x/sitemap-1.xml");
  });

  test("robots.txt names the absolute sitemap URL", () => {
    assert.equal(robotsTxt(ctx), "User-agent: *\nDisallow: /jyj/search/\n\nSitemap: https://jyj.example.gov.cn/jyj/sitemap.xml\n");
  });
});

describe("_headers", () => {
  test("the /* block carries every security header; cache blocks carry the prefix", () => {
    const text = headersFile("/jyj/");
    const lines = text.split("\n");
    const start = lines.indexOf("/*");
    assert.ok(start > 0);
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) assert.ok(lines.includes(`  ${k}: ${v}`), k);
    assert.ok(lines.includes("/jyj/img/*"));
    assert.ok(lines.includes("  Cache-Control: public, max-age=31536000, immutable"));
  });

  test("the CSP is strict: nothing inline, no eval beyond WebAssembly", () => {
    assert.equal(
      CONTENT_SECURITY_POLICY,
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests",
    );
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /'unsafe-inline'|[ ;]'unsafe-eval'|'unsafe-hashes'/);
  });
});
