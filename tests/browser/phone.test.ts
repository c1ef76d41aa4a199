/**
 * The phone's first screen (issue #17), in Chromium at 390×844 under the shipped CSP: the home
 * shows the identity, the 菜单 control and three text headlines; an article's title starts above
 * 250 px; after a search the first result is visible, the filters folded behind 筛选. The 菜单
 * disclosure opens by touch and by keyboard and Esc closes it, focus back on the button; without
 * JavaScript the navigation stays on the page. Plus the details: breadcrumb on one baseline,
 * 关怀版 keeps the two-character indent, the 404 footer reaches the window's bottom, axe on the
 * phone with the menu open. Site: tests/helpers/a11y-site.ts.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Page } from "playwright-core";
import { axe } from "../helpers/browser.ts";
import { PAGE_TYPES, servedA11ySite } from "../helpers/a11y-site.ts";

const open = servedA11ySite();
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true };

const box = (page: Page, selector: string) => page.locator(selector).first().boundingBox();
const shown = (page: Page, selector: string) => page.locator(selector).first().isVisible();

describe("phone 390×844: the first screen", () => {
  test("home: identity, 搜索 and 菜单 in the header, three text headlines fully on the first screen", async () => {
    const s = await open(PHONE);
    try {
      await s.open(PAGE_TYPES.home);
      const { page } = s;
      for (const selector of [".site-brand", ".header-quick a", "[data-menu-toggle]"]) assert.ok(await shown(page, selector), `${selector} visible`);
      assert.equal(await shown(page, ".main-nav"), false, "the navigation is behind 菜单");
      const header = (await box(page, ".site-header"))!;
      assert.ok(header.height <= 80, `header ${header.height}px tall`);
      const inView = await page.evaluate(
        () =>
          [...document.querySelectorAll(".home-blocks .article-list a")].filter((a) => {
            const r = a.getBoundingClientRect();
            return r.top >= 0 && r.bottom <= innerHeight && r.width > 0;
          }).length,
      );
      assert.ok(inView >= 3, `${inView} text headlines inside the first screen`);
      // 图片新闻: a strip with 上一张/下一张, which scroll it by one photo.
      assert.ok(await shown(page, "[data-strip-controls]"), "上一张/下一张 shown while the strip scrolls");
      assert.equal(await page.locator('[data-strip-step="-1"]').isDisabled(), true, "上一张 disabled at the start");
      await page.locator('[data-strip-step="1"]').tap();
      await page.waitForFunction(() => document.querySelector("[data-strip]")!.scrollLeft > 50);
      s.assertClean("home");
    } finally {
      await s.close();
    }
  });

  test("article: the title starts above 250 px (default; 关怀版 measured too)", async () => {
    for (const care of [false, true]) {
      const s = await open({ ...PHONE, care });
      try {
        await s.open(PAGE_TYPES.article);
        const h1 = (await box(s.page, "h1"))!;
        if (!care) assert.ok(h1.y < 250, `h1 at ${h1.y}px`);
        else assert.ok(h1.y < 330, `关怀版 h1 at ${h1.y}px`);
        s.assertClean("article");
      } finally {
        await s.close();
      }
    }
  });

  test("search: the first result is on the first screen; the filters open behind 筛选", async () => {
    const s = await open(PHONE);
    try {
      const { page } = s;
      // The filter values (Pagefind's filter chunks) are fetched only when 筛选 is opened.
      const filterChunks: string[] = [];
      page.on("response", (r) => {
        if (r.url().endsWith(".pf_filter")) filterChunks.push(r.url());
      });
      await s.open(`${PAGE_TYPES.search}?q=${encodeURIComponent("强基铸魂")}`);
      await page.waitForSelector(".filter-toggle", { state: "visible" });
      await page.waitForSelector('[data-search-status][data-state="results"]');
      const first = (await box(page, "[data-search-results] a"))!;
      assert.ok(first.y + first.height <= 844, `first result ends at ${first.y + first.height}px`);
      assert.equal(await shown(page, ".search-filter-set"), false, "filters folded");
      assert.deepEqual(filterChunks, [], "no filter chunk before 筛选 is opened");
      const toggle = page.locator(".filter-toggle");
      await toggle.tap();
      assert.equal(await toggle.getAttribute("aria-expanded"), "true");
      await page.waitForSelector("#search-filter-column", { state: "visible" });
      assert.ok(await shown(page, "#search-sort"), "sort shown");
      assert.ok(filterChunks.length > 0, "filter chunks fetched once 筛选 is opened");
      // The counts are those of the query shown, not of the whole site.
      const counts = await page.$$eval("#search-filter-column option", (os) => os.slice(1).map((o) => Number(/（(\d+)）$/.exec(o.textContent ?? "")?.[1] ?? -1)));
      const found = Number(/(\d+)/.exec((await page.textContent("[data-search-status]")) ?? "")?.[1]);
      assert.equal(
        counts.reduce((a, b) => a + b, 0),
        found,
        `column counts ${counts} add up to the ${found} results`,
      );
      await toggle.tap();
      assert.equal(await shown(page, ".search-filter-set"), false);
      s.assertClean("search");
      // A filtered search's address opens the filters, so the reader sees what narrows the results.
      await s.open(`${PAGE_TYPES.search}?q=${encodeURIComponent("强基铸魂")}&sort=date`);
      await page.waitForSelector(".search-filter-set select", { state: "visible" });
      assert.equal(await toggle.getAttribute("aria-expanded"), "true");
      s.assertClean("filtered search");
    } finally {
      await s.close();
    }
  });
});

describe("phone: the 菜单 disclosure", () => {
  test("by touch: tap opens it (tools and navigation), tap closes it", async () => {
    const s = await open(PHONE);
    try {
      await s.open(PAGE_TYPES.article);
      const { page } = s;
      const menu = page.locator("[data-menu-toggle]");
      assert.equal(await menu.getAttribute("aria-expanded"), "false");
      assert.equal(await menu.getAttribute("aria-controls"), "site-tools site-nav");
      await menu.tap();
      assert.equal(await menu.getAttribute("aria-expanded"), "true");
      for (const selector of ["#site-nav a", "#site-search-q", "[data-care-toggle]", "[data-font-size='large']", ".edition-link"])
        assert.ok(await shown(page, selector), `${selector} in the open menu`);
      const nav = (await box(page, "#site-nav a"))!;
      assert.ok(nav.height >= 44, "nav targets ≥ 44 px");
      await menu.tap();
      assert.equal(await shown(page, "#site-nav"), false);
      s.assertClean("menu by touch");
    } finally {
      await s.close();
    }
  });

  test("by keyboard: Tab to 菜单, Enter opens, Tab goes into it, Esc closes and returns focus", async () => {
    const s = await open(PHONE);
    try {
      await s.open(PAGE_TYPES.home);
      const { page } = s;
      const focused = () => page.evaluate(() => `${document.activeElement?.tagName.toLowerCase()} ${(document.activeElement?.textContent ?? "").trim()}`);
      const stops: string[] = [];
      for (let i = 0; i < 4; i++) {
        await page.keyboard.press("Tab");
        stops.push(await focused());
      }
      assert.deepEqual(stops, ["a 跳到主要内容", "a 测试区教育局", "a 搜索", "button 菜单"]);
      await page.keyboard.press("Enter");
      assert.equal(await page.locator("[data-menu-toggle]").getAttribute("aria-expanded"), "true");
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement?.id), "site-search-q", "Tab goes into the menu");
      await page.keyboard.press("Escape");
      assert.equal(await page.locator("[data-menu-toggle]").getAttribute("aria-expanded"), "false");
      assert.equal(await focused(), "button 菜单", "focus back on 菜单");
      assert.equal(await shown(page, "#site-nav"), false);
      s.assertClean("menu by keyboard");
    } finally {
      await s.close();
    }
  });

  test("without JavaScript the navigation and search stay on the page (no 菜单 button)", async () => {
    const s = await open({ ...PHONE, javaScriptEnabled: false });
    try {
      await s.open(PAGE_TYPES.article);
      const { page } = s;
      assert.equal(await shown(page, "[data-menu-toggle]"), false);
      assert.ok(await shown(page, "#site-nav a"), "nav visible");
      assert.ok(await shown(page, "#site-search-q"), "search box visible");
    } finally {
      await s.close();
    }
  });

  test("axe: 0 violations on the phone with the menu open, default and 关怀版", async () => {
    for (const care of [false, true]) {
      const s = await open({ ...PHONE, care, axe: true });
      try {
        for (const path of [PAGE_TYPES.home, PAGE_TYPES.article, PAGE_TYPES.siteMap]) {
          await s.open(path);
          await s.page.locator("[data-menu-toggle]").tap();
          const violations = await axe(s.page);
          assert.deepEqual(violations, [], `${care ? "关怀版" : "default"} ${path || "home"}`);
        }
        await s.open(`${PAGE_TYPES.search}?q=${encodeURIComponent("强基铸魂")}`);
        await s.page.locator(".filter-toggle").tap();
        assert.deepEqual(await axe(s.page), [], `${care ? "关怀版" : "default"} search, filters open`);
      } finally {
        await s.close();
      }
    }
  });
});

describe("details", () => {
  test("desktop 1366×900 keeps the header: no 搜索/菜单 controls, navigation and tools shown", async () => {
    const s = await open({ viewport: { width: 1366, height: 900 } });
    try {
      await s.open(PAGE_TYPES.home);
      assert.equal(await shown(s.page, ".header-quick"), false);
      assert.ok(await shown(s.page, "#site-nav"));
      assert.ok(await shown(s.page, "#site-search-q"));
      assert.equal(await shown(s.page, "[data-strip-controls]"), false, "the 图片新闻 grid does not scroll");
    } finally {
      await s.close();
    }
  });

  test("breadcrumb: 您现在的位置, the links and 正文 on one baseline (default and 关怀版)", async () => {
    for (const care of [false, true]) {
      const s = await open({ viewport: { width: 1366, height: 900 }, care });
      try {
        await s.open(PAGE_TYPES.article);
        const bottoms = await s.page.evaluate(() => {
          const textBottom = (e: Element) => {
            const r = document.createRange();
            r.selectNodeContents(e);
            return r.getBoundingClientRect().bottom;
          };
          const parts = [document.querySelector(".breadcrumb-label")!, ...document.querySelectorAll(".breadcrumb li > a, .breadcrumb li > span")];
          return parts.map((e) => [(e.textContent ?? "").trim(), Math.round(textBottom(e) * 10) / 10] as const);
        });
        const first = bottoms[0]![1];
        for (const [name, bottom] of bottoms) assert.ok(Math.abs(bottom - first) <= 0.5, `${care ? "关怀版" : "default"}: ${name} text bottom ${bottom} vs label ${first}`);
      } finally {
        await s.close();
      }
    }
  });

  test("关怀版 keeps the two-character paragraph indent", async () => {
    const s = await open({ viewport: { width: 1366, height: 900 }, care: true });
    try {
      await s.open(PAGE_TYPES.article);
      const [indent, size] = await s.page.evaluate(() => {
        const cs = getComputedStyle(document.querySelector(".article-body p")!);
        return [parseFloat(cs.textIndent), parseFloat(cs.fontSize)];
      });
      assert.ok(Math.abs(indent - 2 * size) < 0.5, `indent ${indent}px for ${size}px text`);
    } finally {
      await s.close();
    }
  });

  test("404: the footer reaches the window's bottom (1366×900, default and 关怀版)", async () => {
    for (const care of [false, true]) {
      const s = await open({ viewport: { width: 1366, height: 900 }, care });
      try {
        await s.open(PAGE_TYPES.notFound);
        const [bottom, height] = await s.page.evaluate(() => [document.querySelector(".site-footer")!.getBoundingClientRect().bottom, document.documentElement.scrollHeight]);
        assert.ok(bottom >= 900 - 0.5, `footer ends at ${bottom}px`);
        assert.equal(height, Math.max(900, Math.round(bottom)), "no gap below the footer");
      } finally {
        await s.close();
      }
    }
  });
});
