/**
 * The 繁體 (Traditional Chinese) edition (lib/edition): every page is rendered by the layouts for the
 * edition, its text converted with opencc-js, under /zh-hant/ with lang="zh-Hant"; links move into
 * the edition while files (assets, photos, attachments, feeds, the search bundle) stay shared;
 * canonical, og:url and the printed address name the page itself, hreflang pairs the two editions;
 * every page's 简/繁 link leads to its counterpart and back; the one Pagefind index of the Simplified
 * articles serves the edition's search page, checked in Chromium.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { SiteConfig } from "../../lib/content/schema.ts";
import { createConverter } from "../../lib/edition/convert.ts";
import { SIMPLIFIED, traditionalEdition } from "../../lib/edition/edition.ts";
import { urlHelpers } from "../../layouts/context.ts";
import { a11ySite, QIANGJI } from "../helpers/a11y-site.ts";
import { launch, newPage, readHeaders, serve } from "../helpers/browser.ts";
import { article, fixture, FIXTURE_SITE, type Fixture } from "../helpers/fixture.ts";
import { checkLinks, extractHtmlRefs, listFiles, resolveRef, urlOfFile, type SiteInfo } from "../helpers/links.ts";

const BASE = "https://jyj.test.gov.cn";
// The 简体 link is marked translate="no": its label is Simplified on purpose.
const EDITION_LINK = /<a class="edition-link" data-edition-link href="([^"]*)" lang="(zh-Hans|zh-Hant)" hreflang="(?:zh-Hans|zh-Hant)"(?: translate="no")?>([^<]*)<\/a>/g;

let site: Fixture;
let info: SiteInfo;
let pages: string[];

before(async () => {
  site = await a11ySite();
  info = { dir: site.out, baseUrl: BASE, pathPrefix: "/" };
  pages = (await listFiles(site.out)).filter((f) => f.endsWith(".html"));
});
after(() => site?.cleanup());

describe("the 繁體 edition", () => {
  test("the 强基铸魂 article's counterpart is converted, titled in Traditional and lang zh-Hant", async () => {
    const hant = await site.read(`zh-hant/${QIANGJI.url}index.html`);
    assert.match(hant, /^<!doctype html>\n<html lang="zh-Hant">/);
    assert.match(hant, new RegExp(`<h1 class="article-title" data-pagefind-meta="title">${QIANGJI.titleHant}</h1>`));
    assert.match(hant, new RegExp(`<title>${QIANGJI.titleHant} - 教育動態 - 測試區教育局</title>`));
    assert.match(hant, /會議邀請華羅庚中學校長介紹經驗/);
  });

  test("every page of both editions has one 简/繁 link to its counterpart, which exists and links back", async () => {
    const simplified = pages.filter((f) => !f.startsWith("zh-hant/") && !f.startsWith("pagefind/"));
    const traditional = pages.filter((f) => f.startsWith("zh-hant/"));
    assert.ok(simplified.length >= 10);
    assert.equal(traditional.length, simplified.length, "every Simplified page has a Traditional counterpart");
    const editionLink = async (file: string) => {
      const links = [...(await site.read(file)).matchAll(EDITION_LINK)];
      assert.equal(links.length, 1, `${file}: one edition link`);
      const [, href, lang, text] = links[0]!;
      return { href: href!, lang: lang!, text: text! };
    };
    for (const file of [...simplified, ...traditional]) {
      const own = urlOfFile(info, file).slice(BASE.length);
      const link = await editionLink(file);
      const hant = file.startsWith("zh-hant/");
      assert.deepEqual([link.lang, link.text], hant ? ["zh-Hans", "简体"] : ["zh-Hant", "繁體"], file);
      assert.equal(link.href, hant ? own.replace(/^\/zh-hant\//, "/") : `/zh-hant${own}`, `${file}: the link names the same page`);
      const target = resolveRef(info, { from: file, kind: "href", url: link.href });
      assert.equal(target.kind, "file");
      assert.ok(await site.exists((target as { file: string }).file), `${file} → ${link.href} exists`);
      assert.equal((await editionLink((target as { file: string }).file)).href, own, `${link.href} links back to ${own}`);
    }
  });

  test("links stay inside the edition; files, feeds and the search bundle stay shared; nothing is broken", async () => {
    for (const file of pages.filter((f) => f.startsWith("zh-hant/"))) {
      const html = await site.read(file);
      for (const ref of extractHtmlRefs(html, file)) {
        if (!["href", "action"].includes(ref.kind) || !ref.url.startsWith("/")) continue;
        const isFile = /^\/(assets|img|pagefind)\//.test(ref.url) || /\.(?!html?$)[a-z0-9]+(\?.*)?$/i.test(ref.url.split("/").pop() ?? "");
        const isEditionLink = html.includes(`data-edition-link href="${ref.url}"`);
        if (isFile || isEditionLink) assert.ok(!ref.url.startsWith("/zh-hant/"), `${file}: ${ref.url} is shared`);
        else assert.ok(ref.url.startsWith("/zh-hant/"), `${file}: ${ref.kind} ${ref.url} stays in the edition`);
      }
    }
    const list = await site.read("zh-hant/news/jydt/index.html");
    assert.match(list, /<a href="\/zh-hant\/news\/jydt\/page\/2\/" rel="next">下一頁<\/a>/, "pagination");
    assert.match(list, /<form class="search-form" role="search" aria-label="站內搜索" action="\/zh-hant\/search\/" method="get">/, "the header search searches the edition");
    assert.match(list, /<link rel="alternate" type="application\/atom\+xml" title="[^"]*" href="\/news\/jydt\/feed\.xml">/, "column feed shared");
    assert.match(list, /href="\/feed\.xml"/, "site feed shared");
    assert.match(list, /href="\/assets\/css\/site\.css\?v=\d+"/);
    const art = await site.read(`zh-hant/${QIANGJI.url}index.html`);
    assert.match(art, /href="\/news\/jydt\/2024\/qiangji-zhuhun\/%E9%83%A8%E7%BD%B2%E6%96%B9%E6%A1%88\.pdf" download/, "attachment shared");
    assert.match(art, /<a class="gallery-link" href="\/img\/[^"]+\.jpg"/, "photos shared");
    assert.match(art, /<a href="\/zh-hant\/news\/tzgg\/2024\/shuqi-anquan\/">/, "a link in the article body moves into the edition");
    const search = await site.read("zh-hant/search/index.html");
    assert.match(search, /data-bundle="\/pagefind\/"/, "one Pagefind bundle for both editions");
    const notFound = await site.read("zh-hant/404.html");
    assert.match(notFound, /<html lang="zh-Hant">/);
    assert.match(notFound, /<h1>頁面不存在<\/h1>/);
    assert.match(notFound, /<a href="\/zh-hant\/">返回首頁<\/a>/);
    const { broken } = await checkLinks(info);
    assert.deepEqual(
      broken.map((b) => `${b.ref.from}: ${b.ref.kind} ${b.ref.url} — ${b.reason}`),
      [],
    );
  });

  test("canonical, og:url, Url, JSON-LD and the printed address name the page itself; hreflang pairs the editions", async () => {
    const hansUrl = `${BASE}/${QIANGJI.url}`;
    const hantUrl = `${BASE}/zh-hant/${QIANGJI.url}`;
    const hans = await site.read(`${QIANGJI.url}index.html`);
    const hant = await site.read(`zh-hant/${QIANGJI.url}index.html`);
    for (const [html, self] of [
      [hans, hansUrl],
      [hant, hantUrl],
    ] as const) {
      assert.match(html, new RegExp(`<link rel="canonical" href="${self}">`));
      assert.match(html, new RegExp(`<link rel="alternate" hreflang="zh-Hans" href="${hansUrl}">`));
      assert.match(html, new RegExp(`<link rel="alternate" hreflang="zh-Hant" href="${hantUrl}">`));
      assert.match(html, new RegExp(`<meta property="og:url" content="${self}">`));
      assert.match(html, new RegExp(`<meta name="Url" content="${self}">`));
      assert.match(html, new RegExp(`"mainEntityOfPage":"${self}"`));
      assert.match(html, new RegExp(`<p class="print-only print-source">[^<]*${self}`));
      assert.match(html, /<meta property="og:image" content="https:\/\/jyj\.test\.gov\.cn\/img\/[^"]+">/, "images shared");
    }
    assert.match(hans, /<meta property="og:locale" content="zh_CN">/);
    assert.match(hant, /<meta property="og:locale" content="zh_TW">/);
  });

  test("one Pagefind index, of the Simplified articles, serves both editions", async () => {
    const entry = JSON.parse(await site.read("pagefind/pagefind-entry.json")) as { languages: Record<string, { page_count: number }> };
    const articles = pages.filter((f) => /^news\/|^zwgk\//.test(f) && /\/\d{4}\/[^/]+\/index\.html$/.test(f)).length;
    assert.ok(articles >= 28);
    assert.deepEqual(entry.languages, { "zh-cn": { ...entry.languages["zh-cn"], page_count: articles } }, "zh-cn index: every article, no zh-hant index");
  });

  test("Chromium: searching the 繁體 edition for 強基鑄魂 finds the article in the edition", async () => {
    const served = await serve(site.out, { headers: await readHeaders(site.out) });
    const browser = await launch();
    try {
      const { page, problems } = await newPage(browser);
      // Through the search page (assets/js/search.js).
      await page.goto(`${served.url}zh-hant/search/?q=${encodeURIComponent("強基鑄魂")}`);
      const hit = page.locator(`[data-search-results] a[href="/zh-hant/${QIANGJI.url}"]`);
      await hit.first().waitFor();
      assert.equal((await hit.first().innerText()).trim(), QIANGJI.titleHant);
      // Pagefind's own JS API on a zh-Hant page falls back to the one (Simplified) index; the search
      // page is what moves results into the edition.
      await page.goto(`${served.url}zh-hant/`);
      const found = await page.evaluate(async (q) => {
        const bundle = "/pagefind/pagefind.js";
        const pagefind = await import(bundle);
        await pagefind.options({ baseUrl: "/" });
        await pagefind.init();
        const search = await pagefind.search(q);
        return Promise.all(search.results.slice(0, 5).map(async (r: { data(): Promise<{ url: string; meta: { title?: string } }> }) => (await r.data()).url));
      }, "强基铸魂");
      assert.equal(found[0], `/${QIANGJI.url}`);
      // 繁體 on a search results page keeps the query, and the edition's search converts it.
      await page.goto(`${served.url}search/?q=${encodeURIComponent("华罗庚")}`);
      await page.locator(`[data-search-results] a[href="/${QIANGJI.url}"]`).first().waitFor();
      await Promise.all([page.waitForURL(/\/zh-hant\/search\/\?q=/), page.locator("[data-edition-link]").click()]);
      assert.equal(new URL(page.url()).searchParams.get("q"), "华罗庚");
      await page.locator(`[data-search-results] a[href="/zh-hant/${QIANGJI.url}"]`).first().waitFor();
      assert.deepEqual(
        problems.filter((p) => !/net::ERR_ABORTED$/.test(p)),
        [],
      );
    } finally {
      await browser.close();
      await served.close();
    }
  });
});

describe("settings", () => {
  test("variant and path prefix: traditional.variant twp, under /jyj/", async () => {
    const f = await fixture(
      { "content/news/jydt/ruanjian/index.md": article({ title: "学校软件与网络安全培训", date: "2024-05-01", source: "办公室" }, "作为试点，全区学校开展软件安全培训。") },
      { site: FIXTURE_SITE.replace("baseUrl: https://jyj.test.gov.cn", "baseUrl: https://www.test.gov.cn\npathPrefix: /jyj/") + "traditional:\n  enabled: true\n  variant: twp\n" },
    );
    try {
      await f.build();
      if (f.error) throw f.error;
      const hant = await f.read("zh-hant/news/jydt/2024/ruanjian/index.html");
      assert.match(hant, /<h1 class="article-title" data-pagefind-meta="title">學校軟體與網路安全培訓<\/h1>/, "twp: Taiwan phrases");
      assert.match(hant, /作為試點/, "tw characters (為, not 爲)");
      assert.match(hant, /<a class="edition-link" data-edition-link href="\/jyj\/news\/jydt\/2024\/ruanjian\/" lang="zh-Hans" hreflang="zh-Hans" translate="no">简体<\/a>/);
      assert.match(hant, /<link rel="canonical" href="https:\/\/www\.test\.gov\.cn\/jyj\/zh-hant\/news\/jydt\/2024\/ruanjian\/">/);
      assert.match(hant, /<link rel="alternate" hreflang="zh-Hans" href="https:\/\/www\.test\.gov\.cn\/jyj\/news\/jydt\/2024\/ruanjian\/">/);
      assert.match(hant, /action="\/jyj\/zh-hant\/search\/"/);
      assert.match(hant, /href="\/jyj\/assets\/css\/site\.css/);
      const { broken } = await checkLinks({ dir: f.out, baseUrl: "https://www.test.gov.cn", pathPrefix: "/jyj/" }, [], { ignoreKinds: ["data-bundle"] }); // built without the search index
      assert.deepEqual(
        broken.map((b) => `${b.ref.from}: ${b.ref.url} — ${b.reason}`),
        [],
      );
    } finally {
      await f.cleanup();
    }
  });

  test("traditional.enabled false: no edition, no 繁體 link, no hreflang", async () => {
    const f = await fixture({ "content/news/jydt/a/index.md": article({ title: "一条动态", date: "2024-05-01", source: "办公室" }) }, { site: FIXTURE_SITE + "traditional:\n  enabled: false\n" });
    try {
      await f.build();
      if (f.error) throw f.error;
      assert.equal(await f.exists("zh-hant"), false);
      const html = await f.read("news/jydt/2024/a/index.html");
      assert.doesNotMatch(html, /data-edition-link|hreflang/);
    } finally {
      await f.cleanup();
    }
  });

  test('the converter changes text only: markup, other sites\' URLs and translate="no" elements stay as written', () => {
    const convert = createConverter("t");
    const page = `<html lang="zh-Hant"><a href="https://beian.miit.gov.cn/" translate="no">京ICP备12345678号</a><a href="mailto:a@a.gov.cn">邮件</a><a href="#main">跳到主要内容</a><span translate="no">京公网安备 1号</span><p>https://a.gov.cn/x/是本页</p>`;
    assert.equal(
      convert(page),
      `<html lang="zh-Hant"><a href="https://beian.miit.gov.cn/" translate="no">京ICP备12345678号</a><a href="mailto:a@a.gov.cn">郵件</a><a href="#main">跳到主要內容</a><span translate="no">京公网安备 1号</span><p>https://a.gov.cn/x/是本頁</p>`,
    );
  });

  test("edition URLs: pages move into /zh-hant/, files and other sites stay", () => {
    const site = { pathPrefix: "/jyj/", baseUrl: "https://a.gov.cn" } as SiteConfig;
    const hant = urlHelpers(site, traditionalEdition("t"));
    assert.equal(hant.url("/news/jydt/"), "/jyj/zh-hant/news/jydt/");
    assert.equal(hant.url("/404.html"), "/jyj/zh-hant/404.html");
    assert.equal(hant.url("/assets/css/site.css?v=2"), "/jyj/assets/css/site.css?v=2");
    assert.equal(hant.url("/img/abc-480.webp"), "/jyj/img/abc-480.webp");
    assert.equal(hant.url("/news/jydt/2024/a/%E9%80%9A%E7%9F%A5.pdf"), "/jyj/news/jydt/2024/a/%E9%80%9A%E7%9F%A5.pdf");
    assert.equal(hant.url("/feed.xml"), "/jyj/feed.xml");
    assert.equal(hant.url("https://beian.miit.gov.cn/"), "https://beian.miit.gov.cn/");
    assert.equal(hant.absoluteUrl("/news/"), "https://a.gov.cn/jyj/zh-hant/news/");
    assert.equal(hant.absoluteUrlIn(SIMPLIFIED, "/news/"), "https://a.gov.cn/jyj/news/");
  });

  test("registration numbers (ICP, 公安备案) are byte-identical in both editions", async () => {
    const f = await fixture(
      { "content/news/jydt/a/index.md": article({ title: "文章", date: "2024-07-01", source: "办公室" }) },
      { site: FIXTURE_SITE.replace("icp: 测ICP备12345678号-1", "icp: 京ICP备12345678号-1").replace("police: 测公网安备 00000000000000号", "police: 京公网安备 11010502000001号") },
    );
    try {
      await f.build();
      if (f.error) throw f.error;
      for (const page of ["index.html", "zh-hant/index.html", "zh-hant/news/jydt/2024/a/index.html"]) {
        const html = await f.read(page);
        assert.ok(html.includes(">京ICP备12345678号-1</a>"), `${page}: ICP number as issued`);
        assert.ok(html.includes(">京公网安备 11010502000001号</a>"), `${page}: 公安备案 number as issued`);
      }
    } finally {
      await f.cleanup();
    }
  });
});
