/**
 * Keyboard-only use in real Chromium: the skip link is the first stop and moves focus into
 * <main>; every Tab stop on every page type shows a visible focus indicator; the header tools
 * and the main navigation are reachable and operable from the keyboard; on the article, the
 * gallery opens in a modal <dialog> with Enter, → moves to the next photo, Esc closes it and
 * focus returns to the photo link; the header search box takes a query with Enter to
 * /search/?q=…, which finds the article. Same site and serving as a11y.test.ts.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Page } from "playwright-core";
import { PAGE_TYPES, pagesOf, QIANGJI, servedA11ySite } from "../helpers/a11y-site.ts";

const open = servedA11ySite();

interface Focused {
  /** A short description: tag, class or id, text. */
  what: string;
  inMain: boolean;
  /** The focus ring: an outline at least 2 px wide (our :focus-visible style), or none. */
  ring: boolean;
  /** The focused element is on screen (scrolled into view, not clipped off-screen like a hidden skip link). */
  onScreen: boolean;
}

function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body || e === document.documentElement) return null;
    const cs = getComputedStyle(e);
    const r = e.getBoundingClientRect();
    const text = (e.getAttribute("aria-label") || (e as HTMLElement).innerText || (e as HTMLInputElement).value || "").trim().replace(/\s+/g, " ").slice(0, 20);
    const cls = typeof e.className === "string" && e.className ? "." + e.className.split(" ")[0] : "";
    return {
      what: `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : cls} ${text}`.trim(),
      inMain: Boolean(e.closest("main")),
      ring: cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2,
      onScreen: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    };
  });
}

async function tab(page: Page, shift = false): Promise<Focused | null> {
  await page.keyboard.press(shift ? "Shift+Tab" : "Tab");
  return focused(page);
}

describe("keyboard only", () => {
  test("skip link: first Tab stop on every page type, visible when focused, Enter moves focus into <main>", async () => {
    const s = await open();
    try {
      for (const [name, path] of pagesOf()) {
        await s.open(path);
        const first = await tab(s.page);
        assert.ok(first, `${name}: Tab focuses something`);
        assert.match(first.what, /^a\.skip-link 跳到主要内容$/, `${name}: first stop`);
        assert.ok(first.onScreen && first.ring, `${name}: the skip link shows when focused`);
        await s.page.keyboard.press("Enter");
        assert.equal(await s.page.evaluate(() => document.activeElement?.id), "main", `${name}: focus is on <main>`);
        const next = await tab(s.page);
        assert.ok(next?.inMain, `${name}: the next Tab stays in the main content (${next?.what})`);
        s.assertClean(path);
      }
    } finally {
      await s.close();
    }
  });

  test("every Tab stop on every page type shows a focus ring and is scrolled into view", async () => {
    const s = await open();
    try {
      for (const [name, path] of pagesOf()) {
        await s.open(path);
        const seen: string[] = [];
        for (let i = 0; i < 150; i++) {
          const f = await tab(s.page);
          if (!f || (i > 0 && f.what.startsWith("a.skip-link"))) break; // wrapped around
          assert.ok(f.ring, `${name}: no focus ring on ${f.what}`);
          assert.ok(f.onScreen, `${name}: ${f.what} is focused off screen`);
          seen.push(f.what);
        }
        assert.ok(seen.length > 10, `${name}: ${seen.length} Tab stops`);
        s.assertClean(path);
      }
    } finally {
      await s.close();
    }
  });

  test("header tools and main navigation: reachable in order, operable with Space and Enter", async () => {
    const s = await open();
    const { page } = s;
    try {
      await s.open(PAGE_TYPES.home);
      const stops: string[] = [];
      for (let i = 0; i < 12; i++) stops.push((await tab(page))!.what);
      assert.deepEqual(stops, [
        "a.skip-link 跳到主要内容",
        "a.site-brand 测试区教育局",
        "input#site-search-q",
        "button 搜索",
        "a.edition-link 繁體",
        "button.tool-button 关怀版",
        "button.tool-button 大",
        "button.tool-button 中",
        "button.tool-button 小",
        "a 首页",
        "a 新闻中心",
        "a 政务公开",
      ]);
      // Back to 关怀版 and 大, operated from the keyboard.
      for (let i = 0; i < 6; i++) await tab(page, true);
      assert.equal((await focused(page))!.what, "button.tool-button 关怀版");
      await page.keyboard.press("Space");
      await tab(page);
      await page.keyboard.press("Enter");
      assert.deepEqual(await page.evaluate(() => [document.documentElement.className, document.querySelector("[data-care-toggle]")?.getAttribute("aria-pressed")]), ["care fs-large", "true"]);
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Space");
      await tab(page);
      await tab(page);
      await page.keyboard.press("Enter");
      assert.equal(await page.evaluate(() => document.documentElement.className), "");
      // Into the navigation: 新闻中心 with Enter.
      for (let i = 0; i < 3; i++) await tab(page);
      assert.equal((await focused(page))!.what, "a 新闻中心");
      await Promise.all([page.waitForURL("**/news/"), page.keyboard.press("Enter")]);
      assert.equal(await page.locator("h1").innerText(), "新闻中心");
      s.assertClean("header walk");
    } finally {
      await s.close();
    }
  });

  test("pagination: 下一页 by keyboard", async () => {
    const s = await open();
    const { page } = s;
    try {
      await s.open(PAGE_TYPES.list);
      let f: Focused | null = null;
      for (let i = 0; i < 80 && !f?.what.startsWith("a 下一页"); i++) f = await tab(page);
      assert.ok(f?.what.startsWith("a 下一页"), "下一页 is reachable");
      await Promise.all([page.waitForURL(`**/${PAGE_TYPES.listPage2}`), page.keyboard.press("Enter")]);
      assert.match(await page.locator("h1").innerText(), /第 2 页/);
      s.assertClean("pagination");
    } finally {
      await s.close();
    }
  });

  test("article: Tab to the first photo, Enter opens the lightbox, → next photo, Esc closes and returns focus; header search with Enter", async () => {
    const s = await open();
    const { page } = s;
    const counter = () => page.locator("dialog.lightbox .lightbox-counter").innerText();
    try {
      await s.open(PAGE_TYPES.article);
      let f: Focused | null = null;
      for (let i = 0; i < 80 && !f?.what.startsWith("a.gallery-link"); i++) f = await tab(page);
      assert.ok(f?.what.startsWith("a.gallery-link"), "the first photo link is reachable by Tab");
      assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.index), "0", "the first photo comes first");
      await page.keyboard.press("Enter");
      await page.locator("dialog.lightbox[open]").waitFor();
      assert.ok(await page.evaluate(() => Boolean(document.activeElement?.closest("dialog[open]"))), "focus moves into the dialog");
      assert.equal(await counter(), "1 / 3");
      await page.keyboard.press("ArrowRight");
      assert.equal(await counter(), "2 / 3");
      // Tab stays inside the modal dialog.
      for (let i = 0; i < 5; i++) {
        await page.keyboard.press("Tab");
        assert.ok(
          await page.evaluate(() => !document.activeElement || document.activeElement === document.body || Boolean(document.activeElement.closest("dialog[open]"))),
          "focus stays in the dialog",
        );
      }
      await page.keyboard.press("Escape");
      await page.waitForFunction(() => !document.querySelector("dialog.lightbox[open]"));
      await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.index === "0");
      assert.equal(new URL(page.url()).pathname, `/${QIANGJI.url}`, "closing the photo does not leave the page");

      // Back up to the header search box, then search with Enter.
      for (let i = 0; i < 80 && (await focused(page))?.what !== "input#site-search-q"; i++) await page.keyboard.press("Shift+Tab");
      assert.equal((await focused(page))?.what, "input#site-search-q");
      await page.keyboard.type("华罗庚");
      await Promise.all([page.waitForURL(/\/search\/\?q=/), page.keyboard.press("Enter")]);
      assert.equal(new URL(page.url()).pathname, "/search/");
      assert.equal(new URL(page.url()).searchParams.get("q"), "华罗庚");
      const result = page.locator(`[data-search-results] a[href="/${QIANGJI.url}"]`);
      await result.first().waitFor();
      s.assertClean("gallery and search walk");
    } finally {
      await s.close();
    }
  });
});
