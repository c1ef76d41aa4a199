/**
 * The portal's identity and footer (issue #17): the emblem, favicon set and 党政机关标识 badge made
 * by sharp from site.yaml (lib/images/identity.ts), the footer's 网站地图 / 联系我们 / 网站声明 /
 * 我为政府网站找错 links and their pages in both editions, registration numbers as issued, and
 * the bilingual errors for a missing or broken image.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import sharp from "sharp";
import { indexCopy } from "../../lib/search/input.ts";
import { article, fixture, FIXTURE_SITE, type Fixture } from "../helpers/fixture.ts";

const EMBLEM = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><rect width="200" height="100" fill="#a8071a"/><circle cx="100" cy="50" r="40" fill="#fff"/></svg>`;
const SITE = `${FIXTURE_SITE.replace("icp: 测ICP备12345678号-1", "icp: 京ICP备12345678号-1").replace("police: 测公网安备 00000000000000号", "police: 京公网安备 11010502000001号")}
emblem:
  file: emblem.svg
  alt: 测试区教育局徽标
badge:
  file: badge.svg
  href: https://bszs.conac.cn/sitename?method=show&id=TEST
  alt: 党政机关标识（测试）
jiucuoUrl: https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=1234567890
statement: |
  本网站由测试区教育局主办。

  转载请注明来源。
`;

describe("identity: emblem, favicon set, badge, footer pages", () => {
  let site: Fixture;
  before(async () => {
    site = await fixture(
      {
        "content/_data/emblem.svg": EMBLEM,
        "content/_data/badge.svg": `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 58 70"><rect width="58" height="70" fill="#eee"/></svg>`,
        "content/news/jydt/a/index.md": article({ title: "教育动态测试文章", date: "2024-07-12 09:30", source: "组织人事科" }, "正文第一段。"),
      },
      { site: SITE },
    );
    await site.build();
    if (site.error) throw site.error;
  });
  after(() => site.cleanup());

  test("the emblem: three squares made by sharp, linked beside the site's name with its alt text", async () => {
    for (const size of [48, 96, 144]) {
      const meta = await sharp(path.join(site.out, "identity", `emblem-${size}.png`)).metadata();
      assert.deepEqual([meta.format, meta.width, meta.height, meta.hasAlpha], ["png", size, size, true], `emblem-${size}.png`);
    }
    const home = await site.read("index.html");
    assert.match(
      home,
      /<a class="site-brand" href="\/"><img class="site-logo" src="\/identity\/emblem-48.png" srcset="\/identity\/emblem-96.png 2x, \/identity\/emblem-144.png 3x" alt="测试区教育局徽标" width="48" height="48"><span class="site-name">测试区教育局<\/span><\/a>/,
    );
  });

  test("the favicon set: .ico with 16/32/48 PNGs, 32/180/192/512 PNGs and a web manifest, linked from <head>", async () => {
    const ico = await import("node:fs/promises").then((fs) => fs.readFile(path.join(site.out, "favicon.ico")));
    assert.deepEqual([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)], [0, 1, 3], "ICO header with three images");
    assert.deepEqual([ico[6], ico[22], ico[38]], [16, 32, 48]);
    for (const [name, size] of [
      ["favicon-32.png", 32],
      ["apple-touch-icon.png", 180],
      ["icon-192.png", 192],
      ["icon-512.png", 512],
    ] as const) {
      const meta = await sharp(path.join(site.out, name)).metadata();
      assert.deepEqual([meta.width, meta.height], [size, size], name);
    }
    // iOS draws transparency black: the touch icon is on white.
    assert.equal((await sharp(path.join(site.out, "apple-touch-icon.png")).metadata()).hasAlpha, false);
    const manifest = JSON.parse(await site.read("site.webmanifest")) as { name: string; icons: { src: string }[] };
    assert.equal(manifest.name, "测试区教育局");
    assert.deepEqual(
      manifest.icons.map((i) => i.src),
      ["/icon-192.png", "/icon-512.png"],
    );
    for (const page of ["index.html", "zh-hant/index.html", "news/jydt/2024/a/index.html"]) {
      const html = await site.read(page);
      assert.ok(html.includes('<link rel="icon" href="/favicon.ico" sizes="48x48">'), page);
      assert.ok(html.includes('<link rel="apple-touch-icon" href="/apple-touch-icon.png">'), page);
      assert.ok(html.includes('<link rel="manifest" href="/site.webmanifest">'), page);
    }
  });

  test("footer: 网站地图, 联系我们, 网站声明, 我为政府网站找错 and the badge linked to its registration, in both editions", async () => {
    const zh = await site.read("index.html");
    assert.match(
      zh,
      /<nav class="footer-links" aria-label="网站服务"><ul><li><a href="\/site-map\/">网站地图<\/a><\/li><li><a href="\/contact\/">联系我们<\/a><\/li><li><a href="\/statement\/">网站声明<\/a><\/li><li><a href="https:\/\/zfwzgl.www.gov.cn\/exposure\/jiucuo.html\?site_code=1234567890" rel="noopener">我为政府网站找错<\/a><\/li><\/ul><\/nav>/,
    );
    assert.match(
      zh,
      /<a href="https:\/\/bszs.conac.cn\/sitename\?method=show&amp;id=TEST" rel="noopener"><img src="\/identity\/badge-58.png" srcset="\/identity\/badge-116.png 2x" width="58" height="70" alt="党政机关标识（测试）"/,
    );
    const badge = await sharp(path.join(site.out, "identity", "badge-116.png")).metadata();
    assert.deepEqual([badge.width, badge.height], [116, 140]);
    const hant = await site.read("zh-hant/index.html");
    assert.ok(hant.includes('<a href="/zh-hant/site-map/">網站地圖</a>'), "繁體 footer links to the 繁體 pages");
    assert.ok(hant.includes('<a href="/zh-hant/contact/">聯繫我們</a>'));
  });

  test("网站地图: every column as a link, in both editions; 联系我们 and 网站声明 from site.yaml", async () => {
    const map = await site.read("site-map/index.html");
    assert.match(map, /<h1 class="column-title">网站地图<\/h1>/);
    for (const [url, name] of [
      ["/", "首页"],
      ["/news/", "新闻中心"],
      ["/news/jydt/", "教育动态"],
      ["/news/tzgg/", "通知公告"],
      ["/news/tpxw/", "图片新闻"],
    ]) {
      assert.ok(map.includes(`<a href="${url}">${name}</a>`), `${name} in the site map`);
    }
    const hant = await site.read("zh-hant/site-map/index.html");
    assert.ok(hant.includes('<a href="/zh-hant/news/jydt/">教育動態</a>'));
    const contact = await site.read("contact/index.html");
    assert.ok(contact.includes("<dt>通信地址</dt><dd>测试路 1 号</dd>"));
    assert.ok(contact.includes('<a href="tel:01000000000">010\u201100000000</a>'));
    const statement = await site.read("statement/index.html");
    assert.ok(statement.includes("<p>本网站由测试区教育局主办。</p><p>转载请注明来源。</p>"));
  });

  test("registration numbers (ICP, 公安备案, 网站标识码) are byte-identical in both editions", async () => {
    for (const page of ["index.html", "zh-hant/index.html", "zh-hant/site-map/index.html"]) {
      const html = await site.read(page);
      assert.ok(html.includes('translate="no">京ICP备12345678号-1</a>'), `${page}: ICP`);
      assert.ok(html.includes('translate="no">京公网安备 11010502000001号</a>'), `${page}: 公安备案`);
      assert.ok(html.includes('<span translate="no">1234567890</span>'), `${page}: 网站标识码`);
    }
    assert.ok((await site.read("zh-hant/index.html")).includes("主辦單位"), "the rest of the footer is converted");
  });

  test("search excerpts: the index copy ends the title and the meta line with 。, no English full stop", async () => {
    const copy = indexCopy(await site.read("news/jydt/2024/a/index.html"))!.replace(/\u200b/g, "");
    assert.match(copy, /教育动态测试文章。<\/h1>/);
    assert.match(copy, /<span>信息来源：组织人事科<\/span>，<span>发布时间：<time[^>]*>2024-07-12<\/time><\/span>。<\/p>/);
  });
});

describe("identity: bilingual errors", () => {
  for (const [label, files, code, zh] of [
    ["a missing emblem file", {}, "identity-missing", "找不到 emblem.file 的图片文件 “emblem.svg”"],
    ["an emblem that is not an image", { "content/_data/emblem.svg": "这不是图片" }, "identity-not-image", "emblem.file 的文件 “emblem.svg” 不是图片"],
  ] as const) {
    test(`${label}: the build stops naming site.yaml, the field and the fix`, async () => {
      const site = await fixture({ ...files, "content/_data/badge.svg": `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 58 70"><rect width="58" height="70"/></svg>` }, { site: SITE });
      try {
        await site.build();
        const issues = (site.error as { issues?: { file: string; field: string; code: string; zh: string; en: string; fix: string }[] } | undefined)?.issues ?? [];
        const found = issues.find((i) => i.code === code);
        assert.ok(found, `an ${code} issue (got ${String(site.error)})`);
        assert.equal(found.file, "content/_data/site.yaml");
        assert.equal(found.field, "emblem.file");
        assert.equal(found.zh, zh);
        assert.match(found.en, /emblem\.file/);
        assert.match(found.fix, /content\/_data/);
      } finally {
        await site.cleanup();
      }
    });
  }
});
