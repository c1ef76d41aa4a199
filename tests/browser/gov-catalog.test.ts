/**
 * 政务公开 in Chromium (issue #14): search by 文号 (whole, or just "12号") and by 索引号 puts the
 * document first, in both editions (the 繁體 page converts the query first), with a real Pagefind
 * index; the 信息公开目录 without JavaScript (filters are links), at 320 px (cards, no sideways
 * scroll) and with axe (0 violations) in default and 关怀版, both editions.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { article, fixture, FIXTURE_SITE, type Fixture } from "../helpers/fixture.ts";
import { axe, formatViolations, launch, readHeaders, serve, type Served } from "../helpers/browser.ts";
import { session } from "../helpers/a11y-site.ts";

const COLUMNS = `home: 首页
categories: [综合政务, 基础教育, 卫生与安全]
columns:
  - key: jyj
    name: 教育局
    inPath: false
    children:
      - key: news
        name: 新闻中心
        children:
          - { key: jydt, name: 教育动态, type: news }
      - key: zwgk
        name: 政务公开
        children:
          - { key: zcwj, name: 政策文件, type: policy }
          - { key: ghjh, name: 规划计划, type: info }
`;

const TARGET = { url: "zwgk/zcwj/2024/zuoye-guanli/", title: "关于加强中小学作业管理的实施意见", docNo: "测教发〔2024〕12号", indexNo: "014127394/2024-00012" };

describe("政务公开 search and 信息公开目录 in Chromium", () => {
  let site: Fixture;
  let server: Served;
  let browser: Browser;
  before(async () => {
    const files: Record<string, string> = {
      "content/zwgk/zcwj/zuoye-guanli/index.md": article(
        { title: TARGET.title, date: "2024-03-12", source: "基础教育科", 索引号: TARGET.indexNo, 主题分类: "基础教育", 成文日期: "2024-03-08", 文号: TARGET.docNo },
        "各中小学：为减轻学生过重作业负担，现提出如下意见。",
      ),
      "content/zwgk/zcwj/shitang/index.md": article(
        { title: "测试区中小学校食堂管理办法", date: "2025-03-20", source: "体卫艺科", 索引号: "014127394/2025-00009", 主题分类: "卫生与安全", 文号: "测教发〔2025〕7号" },
        "第一条　为加强学校食堂管理，制定本办法。本办法自2025年4月1日起施行，原第12号文件同时废止。",
      ),
      "content/zwgk/zcwj/shitang-old/index.md": article(
        {
          title: "测试区中小学校食堂管理暂行规定",
          date: "2023-02-15",
          source: "体卫艺科",
          索引号: "014127394/2023-00003",
          主题分类: "卫生与安全",
          文号: "测教发〔2023〕3号",
          有效性: "废止",
          废止日期: "2025-04-01",
          替代文件: "测教发〔2025〕7号",
        },
        "为加强学校食堂管理，作如下暂行规定。",
      ),
      "content/zwgk/ghjh/yaodian/index.md": article(
        { title: "测试区教育局2024年工作要点", date: "2024-02-28", source: "办公室", 索引号: "014127394/2024-00004", 主题分类: "综合政务" },
        "2024年，全区教育系统要以12项重点工作为抓手，号召全体教职工……",
      ),
    };
    // News that mentions 12, 号 and 2024 separately (never "12号" or the 索引号 as a whole).
    for (let i = 1; i <= 8; i++) {
      files[`content/news/jydt/xinwen-${i}/index.md`] = article(
        { title: `测试区第${i}期教师培训班开班`, date: `2024-0${i}-12`, source: "教研室" },
        `2024年${i}月12日，第${i}期培训班在区教师发展中心开班。12名骨干教师授课，学员们积极响应号召，共${i * 12}人参加。`,
      );
    }
    site = await fixture(files, { site: `${FIXTURE_SITE}orgCode: "014127394"\n`, columns: COLUMNS });
    await site.build({ search: true });
    if (site.error) throw site.error;
    server = await serve(site.out, { headers: await readHeaders(site.out) });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await site?.cleanup();
  });

  for (const edition of ["", "zh-hant/"]) {
    const where = edition ? "繁體" : "简体";
    for (const query of [TARGET.docNo, "12号", TARGET.indexNo, "2024-00012"]) {
      test(`${where}: searching ${query} finds the document first`, async () => {
        const s = await session(browser, server);
        try {
          // The 繁體 reader types in 繁體 (號, 發); the page converts the query before searching.
          const typed = edition ? query.replace("测", "測").replace("发", "發").replace("号", "號") : query;
          await s.open(`${edition}search/?q=${encodeURIComponent(typed)}`);
          const first = s.page.locator("[data-search-results] li a").first();
          assert.equal(await first.getAttribute("href"), `/${edition}${TARGET.url}`, `${where} ${query}: first result`);
          const excerpt = await s.page.locator("[data-search-results] li").first().innerText();
          assert.doesNotMatch(excerpt, /信息分类|發佈機構|发布机构/, "the excerpt is not the metadata table run together");
          s.assertClean(`${where} search ${query}`);
        } finally {
          await s.close();
        }
      });
    }
  }

  test("有效性 and 主题分类 are search filters: 废止 narrows to the repealed document", async () => {
    const s = await session(browser, server);
    try {
      await s.open(`search/?q=${encodeURIComponent("食堂")}&validity=${encodeURIComponent("废止")}`);
      const hrefs = await s.page.locator("[data-search-results] li a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      assert.deepEqual(hrefs, ["/zwgk/zcwj/2023/shitang-old/"]);
      assert.ok(await s.page.locator("#search-filter-category").count(), "a 主题分类 select");
      s.assertClean("search filters");
    } finally {
      await s.close();
    }
  });

  test("目录 without JavaScript: the filter links lead to filtered lists", async () => {
    const s = await session(browser, server, { javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    try {
      await s.open("zwgk/ml/");
      assert.equal(await s.page.locator(".catalog-table tbody tr").count(), 4);
      await s.page.getByRole("link", { name: /^废止/ }).click();
      await s.page.waitForURL(/\/zwgk\/ml\/validity\/repealed\/$/);
      const rows = await s.page.locator(".catalog-table tbody tr .catalog-title").allInnerTexts();
      assert.deepEqual(rows, ["测试区中小学校食堂管理暂行规定"]);
      await s.page.getByRole("link", { name: /^全部文件/ }).click();
      await s.page.getByRole("link", { name: "最早发布在前" }).click();
      assert.deepEqual((await s.page.locator(".catalog-table tbody tr .catalog-date").allInnerTexts())[0], "2023-02-15");
    } finally {
      await s.close();
    }
  });

  for (const edition of ["", "zh-hant/"]) {
    test(`${edition || "简体"} 目录: axe 0 violations in default and 关怀版; 320 px cards without sideways scroll; 筛选 folded on phones, open on desktop`, async () => {
      for (const c of [
        { care: false, width: 1280 },
        { care: false, width: 320 },
        { care: true, width: 1280 },
        { care: true, width: 320 },
      ]) {
        const label = `${edition || "简体"} ${c.care ? "关怀版 " : ""}${c.width}px`;
        const s = await session(browser, server, { care: c.care, viewport: { width: c.width, height: 800 } });
        try {
          await s.open(`${edition}zwgk/zcwj/ml/`);
          const m = await s.page.evaluate(() => ({
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            filtersShown: (document.querySelector(".catalog-filters") as HTMLElement).checkVisibility({ contentVisibilityAuto: true }),
            thead: getComputedStyle(document.querySelector(".catalog-table thead")!).position,
          }));
          assert.ok(m.overflow <= 0, `${label}: no sideways scroll (${m.overflow})`);
          const phone = c.width < 768 || (c.care && c.width < 1024);
          assert.equal(m.filtersShown, c.width >= 768, `${label}: filters shown unfolded only on wide screens`);
          assert.equal(m.thead === "absolute", phone, `${label}: cards (${m.thead})`);
          if (!m.filtersShown) {
            await s.page.locator(".catalog-fold-toggle").click();
            assert.ok(await s.page.locator(".catalog-filters").isVisible(), `${label}: 筛选 opens the filters`);
          }
          const violations = await axe(s.page);
          assert.equal(violations.length, 0, `${label}:\n${formatViolations(violations)}`);
          s.assertClean(label);
        } finally {
          await s.close();
        }
      }
    });
  }
});
