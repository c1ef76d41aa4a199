/**
 * Issue #19 on built fixture sites: the 公文 containers and heading levels in both editions (and
 * the print stylesheet that keeps them), inline photos through the image pipeline (responsive
 * <picture> with variants, a one-photo lightbox figure, not repeated in the gallery) and their
 * validation (missing file → missing-photo with the near name; remote images never an <img>).
 */
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { article, fixture, jpeg, type Fixture } from "../helpers/fixture.ts";
import { gongwenSite, NOTICE_URL } from "../helpers/gongwen-site.ts";

let site: Fixture;
before(async () => {
  site = await gongwenSite();
  if (site.error) throw site.error;
});
after(() => site?.cleanup());

describe("公文 layout in Markdown", () => {
  for (const [edition, dir, org] of [
    ["Simplified", "", "示范区教育局"],
    ["繁體", "zh-hant/", "示範區教育局"],
  ] as const) {
    test(`containers and levels in the ${edition} edition`, async () => {
      const page = await site.read(`${dir}${NOTICE_URL}index.html`);
      assert.match(page, /<div class="gongwen gongwen-zhusong">\n<p>各街道（鎮?）?/);
      assert.match(page, new RegExp(`<div class="gongwen gongwen-luokuan">\\n<p>${org}<br>\\n2024年7月1日</p>\\n</div>`));
      assert.match(page, /<div class="gongwen gongwen-fujian">\n<p>附件：1\. [^<]+<br>\n2\. [^<]+<\/p>\n<\/div>/);
      assert.match(page, /<h2 class="gongwen-level gongwen-level-1">一、/);
      assert.match(page, /<h3 class="gongwen-level gongwen-level-2">（一）/);
      assert.match(page, /<h4 class="gongwen-level gongwen-level-3">1\. /);
      assert.match(page, /<h5 class="gongwen-level gongwen-level-4">（1）/);
      assert.doesNotMatch(page, /:::/, "no container fence is left as text");
    });
  }

  test("the stylesheets right-align the 落款 on screen and in print, and keep 主送 flush left", async () => {
    // Whitespace folded, so the rules are found however the stylesheet is formatted.
    const css = (await site.read("assets/css/site.css")).replace(/\s+/g, " ");
    assert.match(css, /\.gongwen-luokuan \{[^}]*text-align: right/);
    assert.match(css, /\.gongwen p \{ text-indent: 0; \}/);
    const print = (await site.read("assets/css/print.css")).replace(/\s+/g, " ");
    assert.match(print, /\.gongwen-luokuan \{[^}]*text-align: right/);
  });
});

describe("inline photos", () => {
  test("![说明](文件名) renders the responsive <picture> with variants, in a lightbox figure, and not again in the gallery", async () => {
    for (const dir of ["", "zh-hant/"]) {
      const page = await site.read(`${dir}${NOTICE_URL}index.html`);
      const figure = /<figure class="inline-photo"[^>]*data-text-dialog="[^"]+"[^>]*><a class="gallery-link" href="([^"]+\.jpg)"><picture>(.*?)<\/picture>/s.exec(page);
      assert.ok(figure, `inline figure in ${dir || "the Simplified edition"}`);
      assert.match(figure[2]!, /<source type="image\/webp" srcset="\/img\/[^"]+ \d+w/);
      assert.match(
        figure[2]!,
        /<img src="\/img\/[^"]+" srcset="[^"]+ \d+w, [^"]+ \d+w[^"]*" sizes="[^"]+" width="1200" height="800" alt="学生在操场上参加防溺水专题教育|學生在操場上參加防溺水專題教育" loading="lazy"/,
      );
      assert.match(page, /<figcaption class="gallery-caption">(学生在操场上参加防溺水专题教育|學生在操場上參加防溺水專題教育)<\/figcaption><\/figure>/);
      assert.doesNotMatch(page, /<section class="gallery"/, "the inline photo is not repeated in the gallery");
      assert.match(page, /<script type="module" src="\/assets\/js\/gallery\.js">/);
      assert.ok(await site.exists(figure[1]!.slice(1)), "the large JPEG is published");
    }
  });

  test("an inline photo counts as listed: it is in the article's photos and resized", () => {
    const a = site.result!.model.articles.find((x) => x.url === `/${NOTICE_URL}`)!;
    assert.deepEqual(
      a.photos.map((p) => [p.file, p.inline, p.caption]),
      [["IMG_2290.JPG", true, "学生在操场上参加防溺水专题教育"]],
    );
    assert.ok(site.result!.images.get(a.photos[0]!.source), "processed by the image stage");
    assert.equal(a.cover?.file, "IMG_2290.JPG", "with body photos only, the first is the cover (图片新闻 lists)");
  });

  test("a listed photo used inline takes its caption from the photos list", async () => {
    const f = await fixture({
      "content/news/tpxw/a/index.md": article(
        {
          title: "图片新闻",
          date: "2024-07-01",
          source: "办公室",
          photos: [
            { file: "a.jpg", caption: "列表中的说明" },
            { file: "b.jpg", caption: "第二张" },
          ],
        },
        "正文。\n\n![正文中的说明](a.jpg)\n",
      ),
      "content/news/tpxw/a/a.jpg": await jpeg(),
      "content/news/tpxw/a/b.jpg": await jpeg(),
    });
    try {
      await f.build();
      assert.ifError(f.error);
      const page = await f.read("news/tpxw/2024/a/index.html");
      assert.match(page, /<figure class="inline-photo"[^]*?<figcaption class="gallery-caption">列表中的说明<\/figcaption>/);
      assert.match(page, /<section class="gallery"[^>]*data-count="1"/, "only the photo not shown inline is in the gallery");
    } finally {
      await f.cleanup();
    }
  });

  test("a missing inline photo is the missing-photo error with the near name; a remote image is never an <img>", async () => {
    const f = await fixture({
      "content/news/jydt/a/index.md": article({ title: "缺图", date: "2024-07-01", source: "办公室" }, "第一段。\n\n![现场](IMG_229O.JPG)\n"),
      "content/news/jydt/a/IMG_2290.JPG": await jpeg(),
      "content/news/jydt/b/index.md": article({ title: "远程图", date: "2024-07-02", source: "办公室" }, "第一段。\n\n![外站图片](https://example.com/x.png)\n"),
    });
    try {
      await f.build();
      const e = f.error?.issues?.find((i) => i.code === "missing-photo");
      assert.ok(e, "missing-photo error");
      assert.equal(e.file, "content/news/jydt/a/index.md");
      assert.equal(e.field, "body");
      assert.equal(e.line, 8);
      assert.match(e.zh, /找不到图片文件 IMG_229O\.JPG；文件夹里有 IMG_2290\.JPG，是不是这个？/);
      assert.match(e.fix, /把 IMG_229O\.JPG 改成 IMG_2290\.JPG/);
      await fs.rm(path.join(f.root, "content/news/jydt/a"), { recursive: true });
      await f.build();
      assert.ifError(f.error);
      const page = await f.read("news/jydt/2024/b/index.html");
      assert.doesNotMatch(page, /example\.com/);
      assert.match(page, /<span class="image-alt">外站图片<\/span>/);
    } finally {
      await f.cleanup();
    }
  });
});
