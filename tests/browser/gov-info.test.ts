/**
 * 政务公开 pages in Chromium (issue #14): a repealed policy document at 320 px (no sideways scroll, one
 * label/value pair per row), at 1280 px (two columns of pairs), in 关怀版 (one pair per row, text
 * at the base size), printed (table and banner shown, page chrome hidden), and axe (WCAG 2.1 AA)
 * with 0 violations in default and 关怀版, in both editions, served with the shipped headers (CSP).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { article, fixture, FIXTURE_COLUMNS, FIXTURE_SITE, type Fixture } from "../helpers/fixture.ts";
import { axe, formatViolations, launch, readHeaders, serve, type Served } from "../helpers/browser.ts";
import { session } from "../helpers/a11y-site.ts";

const OLD = "zwgk/zcwj/2023/shitang-zanxing/";

describe("政务公开 page in Chromium", () => {
  let site: Fixture;
  let server: Served;
  let browser: Browser;
  before(async () => {
    site = await fixture(
      {
        "content/zwgk/zcwj/shitang-zanxing/index.md": article(
          {
            title: "测试区中小学校食堂管理暂行规定",
            date: "2023-02-15",
            source: "体卫艺科",
            索引号: "014127394/2023-00003",
            主题分类: "卫生与安全",
            成文日期: "2023-02-10",
            文号: "测教发〔2023〕3号",
            有效性: "废止",
            废止日期: "2025-04-01",
            替代文件: "测教发〔2025〕7号",
            主题词: ["学校食堂", "食品安全", "校长负责制", "采购查验", "留样陪餐"],
          },
          "各街道（镇）中心校，区属各中小学：\n\n为加强学校食堂管理，现作如下暂行规定。",
        ),
        "content/zwgk/zcwj/shitang-banfa/index.md": article({
          title: "测试区中小学校食堂管理办法",
          date: "2025-03-20",
          source: "体卫艺科",
          索引号: "014127394/2025-00009",
          主题分类: "卫生与安全",
          文号: "测教发〔2025〕7号",
        }),
      },
      { site: `${FIXTURE_SITE}orgCode: "014127394"\n`, columns: FIXTURE_COLUMNS.replace("home: 首页\n", "home: 首页\ncategories: [卫生与安全]\n") },
    );
    await site.build();
    if (site.error) throw site.error;
    server = await serve(site.out, { headers: await readHeaders(site.out) });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await site?.cleanup();
  });

  /** Left edges of the table's header cells and the page's sideways overflow. */
  const measure = () => {
    const ths = [...document.querySelectorAll(".gov-info th")].map((th) => Math.round(th.getBoundingClientRect().left));
    const table = document.querySelector(".gov-info")!.getBoundingClientRect();
    return {
      lefts: [...new Set(ths)].length,
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      tableRight: Math.round(table.right),
      width: document.documentElement.clientWidth,
    };
  };

  for (const edition of ["", "zh-hant/"]) {
    test(`${edition || "简体"}: 320 px one pair per row without sideways scroll; 1280 px two columns; 关怀版 one; axe 0 violations in both`, async () => {
      for (const c of [
        { care: false, width: 320, columns: 1 },
        { care: false, width: 1280, columns: 2 },
        { care: true, width: 1280, columns: 1 },
        { care: true, width: 320, columns: 1 },
      ]) {
        const s = await session(browser, server, { care: c.care, viewport: { width: c.width, height: 800 } });
        try {
          await s.open(edition + OLD);
          const where = `${edition || "简体"} ${c.care ? "关怀版 " : ""}${c.width}px`;
          const m = await s.page.evaluate(measure);
          assert.equal(m.lefts, c.columns, `${where}: columns of label/value pairs`);
          assert.ok(m.overflow <= 0 && m.tableRight <= m.width, `${where}: no sideways scroll (${JSON.stringify(m)})`);
          if (c.care) {
            const small = await s.page.evaluate(
              () => [...document.querySelectorAll(".gov-info th, .gov-info td, .gov-validity p")].filter((e) => parseFloat(getComputedStyle(e).fontSize) < 18).length,
            );
            assert.equal(small, 0, `${where}: no text below 18 px`);
          }
          const banner = s.page.locator(".gov-validity");
          assert.ok(await banner.isVisible(), `${where}: banner visible`);
          const violations = await axe(s.page);
          assert.equal(violations.length, 0, `${where}:\n${formatViolations(violations)}`);
          s.assertClean(where);
        } finally {
          await s.close();
        }
      }
    });
  }

  test("打印本页: the table and the banner are printed, the page chrome is not", async () => {
    const s = await session(browser, server, { viewport: { width: 1280, height: 800 } });
    try {
      await s.open(OLD);
      await s.page.emulateMedia({ media: "print" });
      const shown = await s.page.evaluate(() => ({
        table: getComputedStyle(document.querySelector(".gov-info")!).display !== "none",
        banner: getComputedStyle(document.querySelector(".gov-validity")!).display !== "none",
        bannerBorder: getComputedStyle(document.querySelector(".gov-validity")!).borderTopColor,
        header: getComputedStyle(document.querySelector(".site-header")!).display,
      }));
      assert.deepEqual(shown, { table: true, banner: true, bannerBorder: "rgb(0, 0, 0)", header: "none" });
    } finally {
      await s.close();
    }
  });
});
