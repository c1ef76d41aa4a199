/**
 * What readers get around an article (issue #17), on a fixture site built in-process: tag pages
 * (the /tags/ index, a tag's paginated list, slugs that never collide), 相关阅读 in its documented
 * order, the 图片新闻 list with thumbnails kept on their subject, the 分享 QR code decoded back
 * to the canonical URL in both editions, and the error for a focus the build does not know.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { article, fixture, FIXTURE_SITE, jpeg, type Fixture } from "../helpers/fixture.ts";
import { readQr } from "../helpers/qr.ts";

/** Decodes the first inline QR code of a page. */
async function decodeQr(page: string): Promise<string | undefined> {
  const svg = page.match(/<svg class="qr-code"[\s\S]*?<\/svg>/)?.[0];
  assert.ok(svg, "the page has an inline QR code");
  assert.doesNotMatch(svg, /\sstyle=/, "no style attribute (the CSP has no 'unsafe-inline' styles)");
  return readQr(svg);
}

const linksIn = (html: string, cls: string) => [...(html.match(new RegExp(`<(?:section|ul) class="${cls}"[\\s\\S]*?</(?:section|ul)>`))?.[0] ?? "").matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]);

describe("reading: tags, 相关阅读, 图片新闻 list, 分享", () => {
  let site: Fixture;
  before(async () => {
    site = await fixture(
      {
        // A (the page under test) shares 党建 and 强基铸魂 with B, 党建 with C, F, G, H; D is in A's column without tags; E is elsewhere.
        "content/news/jydt/a/index.md": article({ title: "文章甲", date: "2024-07-12 09:30", source: "组织人事科", tags: ["党建", "强基铸魂"] }),
        "content/news/jydt/b/index.md": article({ title: "文章乙", date: "2024-03-01", source: "办公室", tags: ["强基铸魂", "党建"] }),
        "content/news/tzgg/c/index.md": article({ title: "文章丙", date: "2024-07-10", source: "办公室", tags: ["党建"] }),
        "content/news/jydt/d/index.md": article({ title: "文章丁", date: "2024-07-01", source: "办公室" }),
        "content/news/tzgg/e/index.md": article({ title: "文章戊", date: "2024-07-11", source: "办公室", tags: ["中意"] }),
        // Two tags with the same pinyin (zhong yi): two slugs.
        "content/news/tzgg/f/index.md": article({ title: "文章己", date: "2024-07-09", source: "办公室", tags: ["中医", "党建"] }),
        "content/news/jydt/g/index.md": article({ title: "文章庚", date: "2023-05-01", source: "办公室", tags: ["党建"] }),
        "content/news/tzgg/h/index.md": article({ title: "文章辛", date: "2023-04-01", source: "办公室", tags: ["党建"] }),
        "content/news/tpxw/p/index.md": article({ title: "人像照片新闻", date: "2024-05-01", source: "办公室", photos: [{ file: "ren.jpg", caption: "发言人", focus: "上" }] }),
        "content/news/tpxw/p/ren.jpg": await jpeg(600, 900, [90, 60, 40]),
        "content/news/tpxw/q/index.md": article({ title: "横幅照片新闻", date: "2024-04-01", source: "办公室", photos: [{ file: "heng.jpg", caption: "会场" }] }),
        "content/news/tpxw/q/heng.jpg": await jpeg(900, 600, [40, 90, 60]),
      },
      { site: FIXTURE_SITE.replace("pageSize: 20", "pageSize: 5") },
    );
    await site.build();
    assert.ifError(site.error);
  });
  after(() => site.cleanup());

  test("/tags/: every tag with its count, most used first, in both editions", async () => {
    const index = await site.read("tags/index.html");
    const tags = [...index.matchAll(/<a class="tag" href="\/tags\/([^/]+)\/">([^<]+)<span class="tag-count">（(\d+)）<\/span><\/a>/g)].map((m) => [m[2], m[1], Number(m[3])]);
    assert.deepEqual(tags[0], ["党建", "dang-jian", 6]);
    assert.deepEqual(tags[1], ["强基铸魂", "qiang-ji-zhu-hun", 2]);
    assert.equal(tags.length, 4);
    const zhongyi = tags.filter((t) => t[0] === "中医" || t[0] === "中意").map((t) => t[1]);
    assert.deepEqual(new Set(zhongyi), new Set(["zhong-yi", "zhong-yi-2"]), "same pinyin, two slugs");
    assert.match(index, /<span aria-current="page">标签<\/span>/);
    const hant = await site.read("zh-hant/tags/index.html");
    assert.match(hant, /<a class="tag" href="\/zh-hant\/tags\/dang-jian\/">黨建<span class="tag-count">（6）<\/span><\/a>/);
  });

  test("a tag's page: its articles newest first with their column, paginated, breadcrumb 首页 > 标签 > tag", async () => {
    const first = await site.read("tags/dang-jian/index.html");
    assert.match(first, /<h1 class="column-title">标签：党建<\/h1>/);
    assert.match(first, /<li><a href="\/">首页<\/a><\/li><li><a href="\/tags\/">标签<\/a><\/li><li><span aria-current="page">党建<\/span><\/li>/);
    assert.deepEqual(linksIn(first, "article-list"), ["/news/jydt/2024/a/", "/news/tzgg/2024/c/", "/news/tzgg/2024/f/", "/news/jydt/2024/b/", "/news/jydt/2023/g/"]);
    assert.match(first, /<span class="list-column">\[教育动态\]<\/span>/);
    assert.match(first, /href="\/tags\/dang-jian\/page\/2\/"/);
    const second = await site.read("tags/dang-jian/page/2/index.html");
    assert.deepEqual(linksIn(second, "article-list"), ["/news/tzgg/2023/h/"]);
    assert.match(second, /标签：党建（第 2 页）/);
  });

  test("an article's tags link to their pages", async () => {
    const a = await site.read("news/jydt/2024/a/index.html");
    assert.match(a, /<p class="article-tags">标签：<a class="tag" href="\/tags\/dang-jian\/">党建<\/a><a class="tag" href="\/tags\/qiang-ji-zhu-hun\/">强基铸魂<\/a><\/p>/);
  });

  test("相关阅读: shared tags first, then the same column, then nearness in time; never the page itself", async () => {
    const a = await site.read("news/jydt/2024/a/index.html");
    const related = linksIn(a, "related");
    // B shares two tags; G, C, F and H one — G in A's column first, then by nearness in time; five at most,
    // so D (A's column, no shared tag) and E (nothing in common) are left out.
    assert.deepEqual(related, ["/news/jydt/2024/b/", "/news/jydt/2023/g/", "/news/tzgg/2024/c/", "/news/tzgg/2024/f/", "/news/tzgg/2023/h/"]);
    assert.match(a, /<section class="related" aria-labelledby="related-title" data-pagefind-ignore>/);
    const hant = await site.read("zh-hant/news/jydt/2024/a/index.html");
    assert.deepEqual(
      linksIn(hant, "related"),
      related.map((u) => `/zh-hant${u}`),
      "the same list in 繁體",
    );
  });

  test("图片新闻 list: 3:2 thumbnails inside the title's link, kept on the subject", async () => {
    const list = await site.read("news/tpxw/index.html");
    assert.match(list, /<ul class="photo-list">/);
    const items = [...list.matchAll(/<li><a href="([^"]+)"><picture>[\s\S]*?<img ([^>]+)>[\s\S]*?<span class="photo-list-title">([^<]+)<\/span><\/a>/g)];
    assert.deepEqual(
      items.map((m) => [m[1], m[3]]),
      [
        ["/news/tpxw/2024/p/", "人像照片新闻"],
        ["/news/tpxw/2024/q/", "横幅照片新闻"],
      ],
    );
    assert.match(items[0]![2]!, /alt="" class="focus-y-0"/, "the editor's focus: 上 keeps the top of the portrait");
    assert.doesNotMatch(items[1]![2]!, /class="focus-/, "a 3:2 photo is shown whole: no focus needed");
  });

  test("分享: the QR code decodes to the page's canonical URL in both editions; 复制链接 carries it too", async () => {
    for (const [file, url] of [
      ["news/jydt/2024/a/index.html", "https://jyj.test.gov.cn/news/jydt/2024/a/"],
      ["zh-hant/news/jydt/2024/a/index.html", "https://jyj.test.gov.cn/zh-hant/news/jydt/2024/a/"],
    ] as const) {
      const page = await site.read(file);
      assert.equal(await decodeQr(page), url, file);
      assert.ok(page.includes(`<link rel="canonical" href="${url}">`), `${file}: the QR code's URL is the canonical one`);
      assert.ok(page.includes(`data-copy-link="${url}"`), `${file}: 复制链接`);
    }
    assert.match(await site.read("zh-hant/news/jydt/2024/a/index.html"), /<summary class="share-toggle">分享到微信<\/summary>/);
  });

  test("a focus the build does not know: a bilingual error naming the file and the field", async () => {
    const bad = await fixture({
      "content/news/tpxw/p/index.md": article({ title: "照片", date: "2024-05-01", source: "办公室", photos: [{ file: "ren.jpg", caption: "发言人", focus: "左上" }] }),
      "content/news/tpxw/p/ren.jpg": await jpeg(600, 900),
    });
    try {
      await bad.build();
      const issue = bad.error?.issues?.find((i) => i.code === "bad-focus");
      assert.ok(issue, String(bad.error));
      assert.equal(issue.field, "photos[0].focus");
      assert.match(issue.file, /news\/tpxw\/p\/index\.md$/);
      assert.equal(issue.zh, "第 1 张照片 ren.jpg 的焦点 “左上” 不认识");
      assert.equal(issue.en, 'photo 1 (ren.jpg): focus "左上" is not one of top, center, bottom');
      assert.match(issue.fix, /focus: 上/);
      assert.equal(await bad.exists("index.html"), false, "nothing published");
    } finally {
      await bad.cleanup();
    }
  });
});
