/**
 * 政务公开 on article pages (issue #14), on a fixture site written inline: the metadata table (a real
 * table, row headers, 320-px-safe markup), the validity banner in both editions with its successor's
 * link, JSON-LD and Atom marks of a document no longer in force, 索引号/文号 kept as written in 繁體.
 */
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { article, fixture, FIXTURE_COLUMNS, FIXTURE_SITE, type Fixture } from "../helpers/fixture.ts";

const GOV_SITE = `${FIXTURE_SITE}orgCode: "014127394"\n`;
const GOV_COLUMNS = FIXTURE_COLUMNS.replace("home: 首页\n", "home: 首页\ncategories: [基础教育, 卫生与安全, 人事任免]\n");

const OLD = "content/zwgk/zcwj/shitang-zanxing/index.md";
const NEW = "content/zwgk/zcwj/shitang-banfa/index.md";

describe("政务公开 article pages", () => {
  let site: Fixture;
  before(async () => {
    site = await fixture(
      {
        [OLD]: article({
          title: "测试区中小学校食堂管理暂行规定",
          date: "2023-02-15",
          source: "体卫艺科",
          索引号: "014127394/2023-00003",
          主题分类: "卫生与安全",
          成文日期: "2023-02-10",
          文号: "测教发〔2023〕3号",
          有效性: "废止",
          废止日期: "2025-04-01",
          // The successor by 文号 only: linked to the site's document carrying that 文号.
          替代文件: "测教发〔2025〕7号",
          主题词: ["学校食堂", "食品安全"],
        }),
        [NEW]: article({
          title: "测试区中小学校食堂管理办法",
          date: "2025-03-20",
          source: "体卫艺科",
          索引号: "014127394/2025-00009",
          主题分类: "卫生与安全",
          发布机构: "测试区教育局",
          成文日期: "2025-03-14",
          文号: "测教发〔2025〕7号",
          主题词: ["学校食堂", "食品安全", "陪餐制度"],
        }),
        "content/zwgk/zcwj/zuoye/index.md": article({
          title: "关于加强作业管理的意见",
          date: "2024-03-01",
          source: "基础教育科",
          索引号: "014127394/2024-00006",
          主题分类: "基础教育",
          有效性: "失效",
          失效日期: "2025-02-28",
        }),
      },
      { site: GOV_SITE, columns: GOV_COLUMNS },
    );
    await site.build();
    if (site.error) throw site.error;
  });
  after(() => site.cleanup());

  test("the metadata table: a real table, row header cells in the guidance's order, values", async () => {
    const page = await site.read("zwgk/zcwj/2025/shitang-banfa/index.html");
    const table = page.match(/<table class="gov-info" data-pagefind-ignore>[\s\S]*?<\/table>/)?.[0];
    assert.ok(table, "table present");
    assert.match(table, /<caption>政务公开信息<\/caption>/);
    const rows = [...table.matchAll(/<tr><th scope="row">([^<]+)<\/th><td( translate="no")?>([\s\S]*?)<\/td><\/tr>/g)].map((m) => [m[1], Boolean(m[2]), m[3]!.replace(/<[^>]+>/g, "")]);
    assert.deepEqual(rows, [
      ["索引号", true, "014127394/2025-00009"],
      ["信息分类", false, "卫生与安全"],
      ["发布机构", false, "测试区教育局"],
      ["成文日期", false, "2025-03-14"],
      ["发布日期", false, "2025-03-20"],
      ["文号", true, "测教发〔2025〕7号"],
      ["有效性", false, "有效"],
      ["主题词", false, "学校食堂　食品安全　陪餐制度"],
    ]);
    // Above the text, with its stylesheet.
    assert.ok(page.indexOf('<table class="gov-info" data-pagefind-ignore>') < page.indexOf('<div class="article-body">'));
    assert.match(page, /<link rel="stylesheet" href="\/assets\/css\/gov\.css\?v=[^"]+">/);
    // No banner on a document in force.
    assert.doesNotMatch(page, /gov-validity"/);
    assert.doesNotMatch(page, /class="gov-validity /);
  });

  test("320 px: no fixed widths in the markup; the stylesheet breaks long values and lays out two columns only from 48em, never in 关怀版", async () => {
    const page = await site.read("zwgk/zcwj/2025/shitang-banfa/index.html");
    const table = page.match(/<table class="gov-info" data-pagefind-ignore>[\s\S]*?<\/table>/)![0];
    assert.doesNotMatch(table, /\b(width|style|colspan|nowrap)=/);
    const css = (await fs.readFile(path.join(import.meta.dirname, "../../assets/css/gov.css"), "utf8")).replace(/\s+/g, " ");
    assert.match(css, /\.gov-info td \{ overflow-wrap: anywhere;/);
    assert.match(css, /@media \(min-width: 48em\) \{ html:not\(\.care\) \.gov-info tbody \{ display: grid; grid-template-columns: 1fr 1fr; \}/);
    // Outside that media query the table keeps its table layout (one pair per row).
    const outside = css.replace(/@media[^{]*\{(?:[^{}]*\{[^}]*\})*[^}]*\}/g, "");
    assert.doesNotMatch(outside, /display: grid/);
    const print = (await fs.readFile(path.join(import.meta.dirname, "../../assets/css/print.css"), "utf8")).replace(/\s+/g, " ");
    assert.match(print, /\.gov-info, \.gov-validity \{ break-inside: avoid;/);
  });

  test("the banner of a repealed document: a note (not an alert) at the top, since when, the successor linked", async () => {
    const page = await site.read("zwgk/zcwj/2023/shitang-zanxing/index.html");
    const banner = page.match(/<div class="gov-validity gov-validity-repealed"[\s\S]*?<\/div>/)?.[0];
    assert.ok(banner, "banner present");
    assert.match(banner, /role="note"/);
    assert.doesNotMatch(banner, /role="alert"|aria-live/);
    assert.match(banner, /<strong>本文件已废止<\/strong>/);
    assert.match(banner, /废止日期：<time datetime="2025-04-01">2025年4月1日<\/time>。/);
    assert.match(banner, /替代文件：<a href="\/zwgk\/zcwj\/2025\/shitang-banfa\/" translate="no">测教发〔2025〕7号<\/a>。/);
    assert.ok(page.indexOf("gov-validity-repealed") < page.indexOf('<div class="article-body">'));
    assert.match(page, /<span class="gov-validity-value gov-validity-value-repealed">废止<\/span>（废止于<time datetime="2025-04-01">2025-04-01<\/time>）/);
    // An expired one without successor.
    const expired = await site.read("zwgk/zcwj/2024/zuoye/index.html");
    assert.match(expired, /<strong>本文件已失效<\/strong><\/p>\n {2}<p>失效日期：<time datetime="2025-02-28">2025年2月28日<\/time>。本文仅供查阅，不再作为执行依据。<\/p>/);
  });

  test("the 繁體 edition: banner converted, its link into the edition, 索引号 and 文号 as written", async () => {
    const page = await site.read("zh-hant/zwgk/zcwj/2023/shitang-zanxing/index.html");
    assert.match(page, /<strong>本文件已廢止<\/strong>/);
    assert.match(page, /<a href="\/zh-hant\/zwgk\/zcwj\/2025\/shitang-banfa\/" translate="no">测教发〔2025〕7号<\/a>/);
    assert.match(page, /<th scope="row">文號<\/th><td translate="no">测教发〔2023〕3号<\/td>/);
    assert.match(page, /<th scope="row">索引號<\/th><td translate="no">014127394\/2023-00003<\/td>/);
    assert.match(page, /<th scope="row">主題詞<\/th><td>學校食堂　食品安全<\/td>/);
  });

  test("JSON-LD: identifiers, dateCreated, keywords; a repealed document has expires and its status", async () => {
    const ld = (page: string) => JSON.parse(page.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1]!) as Record<string, unknown>;
    const old = ld(await site.read("zwgk/zcwj/2023/shitang-zanxing/index.html"));
    assert.equal(old.expires, "2025-04-01");
    assert.equal(old.creativeWorkStatus, "本文件已废止");
    assert.deepEqual(old.identifier, [
      { "@type": "PropertyValue", propertyID: "索引号", value: "014127394/2023-00003" },
      { "@type": "PropertyValue", propertyID: "文号", value: "测教发〔2023〕3号" },
    ]);
    assert.equal(old.dateCreated, "2023-02-10");
    assert.equal(old.keywords, "学校食堂,食品安全");
    const fresh = ld(await site.read("zwgk/zcwj/2025/shitang-banfa/index.html"));
    assert.equal(fresh.expires, undefined);
    assert.equal(fresh.creativeWorkStatus, undefined);
  });

  test("Atom: the entry of a repealed document keeps its id, says so in title and summary, updated on the day it ended", async () => {
    const feed = await site.read("zwgk/zcwj/feed.xml");
    const entry = feed.match(/<entry>(?:(?!<\/entry>)[\s\S])*shitang-zanxing(?:(?!<\/entry>)[\s\S])*<\/entry>/)?.[0];
    assert.ok(entry, "entry present");
    assert.match(entry, /<id>https:\/\/jyj\.test\.gov\.cn\/zwgk\/zcwj\/2023\/shitang-zanxing\/<\/id>/);
    assert.match(entry, /<title>【已废止】测试区中小学校食堂管理暂行规定<\/title>/);
    assert.match(entry, /<published>2023-02-15T00:00:00\+08:00<\/published>\s*<updated>2025-04-01T00:00:00\+08:00<\/updated>/);
    assert.match(entry, /<summary>本文件已废止，废止日期：2025-04-01；替代文件：测教发〔2025〕7号。/);
    assert.match(entry, /<content type="html" xml:base="[^"]+">&lt;p&gt;&lt;strong&gt;本文件已废止&lt;\/strong&gt;，废止日期：2025-04-01；替代文件：测教发〔2025〕7号。&lt;\/p&gt;/);
    const fresh = feed.match(/<entry>(?:(?!<\/entry>)[\s\S])*shitang-banfa(?:(?!<\/entry>)[\s\S])*<\/entry>/)![0];
    assert.match(fresh, /<title>测试区中小学校食堂管理办法<\/title>/);
  });
});
