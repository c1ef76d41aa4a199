/**
 * Accessibility in real Chromium (Debian's, through playwright-core): every page type of a small
 * complete portal (tests/helpers/a11y-site.ts: home, column list and its page 2, section overview,
 * article with gallery, search with results, 404) is checked with axe-core's WCAG 2.1 A/AA rules,
 * plus heading order and landmark rules, in the default mode, in 关怀版 (adding the AAA 7:1
 * contrast rule) and in the 繁體 edition, with the lightbox open too. Reading needs no
 * JavaScript; print shows only the article with its address and date. Served with the shipped
 * headers (_headers, CSP included); every page must leave a clean console.
 *
 * 关怀版 measurements, remembered preferences and reflow: tests/browser/care.test.ts.
 * Keyboard-only walks: tests/browser/keyboard.test.ts.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { PAGE_TYPES, pagesOf, QIANGJI, servedA11ySite } from "../helpers/a11y-site.ts";
import { axe, formatViolations } from "../helpers/browser.ts";

/** Best-practice rules that matter here on top of WCAG 2.1 A/AA (heading order, named landmarks). */
const EXTRA_RULES = ["heading-order", "page-has-heading-one", "landmark-one-main", "landmark-unique", "landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo", "region", "empty-heading"];

const open = servedA11ySite();

describe("axe-core: 0 WCAG 2.1 A/AA violations on every page type", { concurrency: 3 }, () => {
  for (const mode of ["default", "care", "hant"] as const) {
    test(`${mode} mode`, async () => {
      const s = await open({ care: mode === "care", axe: true });
      // 关怀版 promises AAA contrast (7:1 for text): axe's color-contrast-enhanced rule checks it.
      const rules = mode === "care" ? [...EXTRA_RULES, "color-contrast-enhanced"] : EXTRA_RULES;
      const pages = pagesOf(mode === "hant" ? "zh-hant" : "zh-hans");
      try {
        for (const [name, path] of pages) {
          await s.open(path);
          const lang = await s.page.evaluate(() => document.documentElement.lang);
          assert.equal(lang, mode === "hant" ? "zh-Hant" : "zh-CN", `${name}: lang`);
          if (mode === "care") assert.ok(await s.page.evaluate(() => document.documentElement.classList.contains("care")), `${name}: 关怀版 is on`);
          const violations = await axe(s.page, { rules });
          assert.equal(violations.length, 0, `${mode} ${name} (${path}):\n${formatViolations(violations)}`);
          s.assertClean(path);
        }
        // The article's lightbox, open.
        await s.open(pages.find(([n]) => n === "article")![1]);
        await s.page.locator("a.gallery-link").first().click();
        await s.page.locator("dialog.lightbox[open]").waitFor();
        const violations = await axe(s.page, { rules });
        assert.equal(violations.length, 0, `${mode} lightbox:\n${formatViolations(violations)}`);
        s.assertClean("lightbox");
      } finally {
        await s.close();
      }
    });
  }
});

describe("reading needs no JavaScript", () => {
  test("without scripts: content readable, enhancement buttons absent, photos are plain links, search form works", async () => {
    const s = await open({ javaScriptEnabled: false });
    try {
      await s.open(PAGE_TYPES.article);
      const r = await s.page.evaluate(() => ({
        title: document.querySelector("h1")?.textContent,
        body: (document.querySelector(".article-body") as HTMLElement | null)?.innerText.length ?? 0,
        hiddenTools: [...document.querySelectorAll("[data-care-toggle], [data-font-tools], [data-print]")].map((e) => (e as HTMLElement).offsetParent === null),
        edition: (document.querySelector("[data-edition-link]") as HTMLElement | null)?.offsetParent !== null,
        photos: [...document.querySelectorAll("a.gallery-link")].map((a) => (a as HTMLAnchorElement).getAttribute("href")),
      }));
      assert.equal(r.title, QIANGJI.title);
      assert.ok(r.body > 40);
      assert.deepEqual(r.hiddenTools, [true, true, true], "字号/关怀版/打印 stay hidden until JavaScript enables them");
      assert.ok(r.edition, "the 繁體 link is a plain link");
      assert.equal(r.photos.length, 3);
      for (const href of r.photos) assert.match(href ?? "", /^\/img\/.+\.jpe?g$/);
      // The header search is a plain GET form: it reaches the search page without any script.
      await s.page.fill("#site-search-q", "华罗庚");
      await Promise.all([s.page.waitForURL(/\/search\/\?q=/), s.page.press("#site-search-q", "Enter")]);
      assert.equal(new URL(s.page.url()).searchParams.get("q"), "华罗庚");
      s.assertClean("no-JS walk");
    } finally {
      await s.close();
    }
  });

  test("with scripts: the tools appear; nothing animates or advances by itself", async () => {
    const s = await open();
    try {
      await s.open(PAGE_TYPES.article);
      const shown = await s.page.evaluate(() => [...document.querySelectorAll("[data-care-toggle], [data-font-tools], [data-print]")].map((e) => (e as HTMLElement).offsetParent !== null));
      assert.deepEqual(shown, [true, true, true]);
      for (const path of [PAGE_TYPES.home, PAGE_TYPES.article]) {
        await s.open(path);
        await s.page.waitForTimeout(300);
        const moving = await s.page.evaluate(() => ({ animations: document.getAnimations().length, autoplay: document.querySelectorAll("[autoplay], marquee").length }));
        assert.deepEqual(moving, { animations: 0, autoplay: 0 }, path);
      }
      s.assertClean("tools");
    } finally {
      await s.close();
    }
  });
});

describe("打印本页 (print)", () => {
  for (const mode of ["default", "hant"] as const) {
    test(`${mode}: print shows the article, its address and date, and hides navigation, footer and search`, async () => {
      const s = await open();
      try {
        const path = (mode === "hant" ? "zh-hant/" : "") + PAGE_TYPES.article;
        await s.open(path);
        // The print button calls window.print() (replaced here: headless Chromium has no dialog).
        await s.page.evaluate(() => {
          const w = window as unknown as { printed: number };
          w.printed = 0;
          window.print = () => void (w.printed += 1);
        });
        await s.page.locator("[data-print]").click();
        assert.equal(await s.page.evaluate(() => (window as unknown as { printed: number }).printed), 1);
        const shown = (selector: string) => s.page.evaluate((sel) => [...document.querySelectorAll(sel)].map((e) => getComputedStyle(e).display !== "none" && e.getClientRects().length > 0), selector);
        assert.deepEqual(await shown(".print-source"), [false], "the address line is print-only");
        await s.page.emulateMedia({ media: "print" });
        for (const selector of [".site-header", ".main-nav", ".site-footer", ".search-form", ".breadcrumb", ".article-tools", ".article-nav", ".skip-link"]) {
          const states = await shown(selector);
          assert.ok(states.length > 0 && states.every((v) => v === false), `${selector} is hidden in print`);
        }
        assert.deepEqual(await shown(".article-title"), [true]);
        assert.deepEqual(await shown(".article-body"), [true]);
        assert.deepEqual(await shown(".gallery"), [true], "the photos print");
        assert.deepEqual(await shown(".print-source"), [true], "the address line prints");
        const line = await s.page.locator(".print-source").innerText();
        const expected = `https://jyj.test.gov.cn/${mode === "hant" ? "zh-hant/" : ""}${QIANGJI.url}`;
        assert.ok(line.includes(expected), `printed address: ${line}`);
        assert.match(line, /2024-07-12/);
        s.assertClean(path);
      } finally {
        await s.close();
      }
    });
  }
});
