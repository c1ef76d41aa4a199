/**
 * 适老化 in real Chromium: 关怀版 (care mode) and 字号 大/中/小 are measured on every page type —
 * base text ≥ 18 px, line height ≥ 1.5, targets ≥ 44 px, one column (its 7:1 contrast is
 * axe's color-contrast-enhanced rule in tests/browser/a11y.test.ts) — both preferences must
 * survive navigation (localStorage), and no page may scroll sideways at 320 px or at 200 % zoom.
 * Same site and serving as a11y.test.ts (tests/helpers/a11y-site.ts, shipped headers, clean console).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { PAGE_TYPES, pagesOf, QIANGJI, servedA11ySite } from "../helpers/a11y-site.ts";

const open = servedA11ySite();

describe("关怀版 (care mode) and 字号", () => {
  // 关怀版 at its default size on a desktop, and at its smallest size (关怀版 + 小) on a phone.
  const cases = [
    { label: "关怀版 at 1280 px", viewport: { width: 1280, height: 900 } },
    { label: "关怀版 + 字号小 at 320 px", viewport: { width: 320, height: 640 }, fontSize: "small" as const },
  ];
  for (const c of cases) {
    test(`${c.label}: text ≥ 18 px, line height ≥ 1.5, targets ≥ 44 px, one column`, async () => {
      const s = await open({ care: true, viewport: c.viewport, ...(c.fontSize ? { fontSize: c.fontSize } : {}) });
      try {
        for (const [name, path] of pagesOf()) {
          await s.open(path);
          const m = await s.page.evaluate(() => {
            const visible = (e: Element) => {
              const r = e.getBoundingClientRect();
              return r.width > 1 && r.height > 1 && getComputedStyle(e).visibility !== "hidden" && !e.closest(".visually-hidden");
            };
            const label = (e: Element) => `${e.tagName.toLowerCase()}${e.className ? "." + String(e.className).split(" ")[0] : ""} “${(e.textContent ?? "").trim().slice(0, 16)}”`;
            const texts = [...document.body.querySelectorAll("*")].filter((e) => visible(e) && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()));
            const smallText = texts.filter((e) => parseFloat(getComputedStyle(e).fontSize) < 18).map(label);
            const tightText = texts
              .filter((e) => {
                const cs = getComputedStyle(e);
                const lh = cs.lineHeight === "normal" ? 1.2 * parseFloat(cs.fontSize) : parseFloat(cs.lineHeight);
                return lh / parseFloat(cs.fontSize) < 1.5 - 0.005; // computed values are rounded to 1/64 px
              })
              .map(label);
            // Links inside running text (the article body) are exempt, as in WCAG's target-size criteria.
            const smallTargets = [...document.querySelectorAll("a[href], button, input, select, summary")]
              .filter((e) => visible(e) && !e.closest(".article-body"))
              .filter((e) => {
                const r = e.getBoundingClientRect();
                return r.height < 44 - 0.5 || r.width < 44 - 0.5;
              })
              .map((e) => `${label(e)} ${Math.round(e.getBoundingClientRect().width)}×${Math.round(e.getBoundingClientRect().height)}`);
            const columns = [...document.querySelectorAll(".home-blocks, .section-blocks, .column-layout")].map((e) => getComputedStyle(e).gridTemplateColumns.split(" ").length);
            return { base: parseFloat(getComputedStyle(document.body).fontSize), smallText, tightText, smallTargets, columns };
          });
          const where = `${c.label}, ${name}`;
          assert.ok(m.base >= 18, `${where}: base text ${m.base}px`);
          assert.deepEqual(m.smallText, [], `${where}: text below 18px`);
          assert.deepEqual(m.tightText, [], `${where}: line height below 1.5`);
          assert.deepEqual(m.smallTargets, [], `${where}: targets below 44×44px`);
          assert.ok(
            m.columns.every((n) => n === 1),
            `${where}: 关怀版 lays out one column (${m.columns.join(",")})`,
          );
          s.assertClean(path);
        }
      } finally {
        await s.close();
      }
    });
  }

  test("default mode: header tools, main navigation, side navigation and pagination are ≥ 44 px targets", async () => {
    const s = await open();
    try {
      for (const path of [PAGE_TYPES.list, PAGE_TYPES.article]) {
        await s.open(path);
        const small = await s.page.evaluate(() =>
          [...document.querySelectorAll(".site-header a, .site-header button, .site-header input, .main-nav a, .pagination a[href], .side-nav a")]
            .filter((e) => {
              const r = e.getBoundingClientRect();
              return r.width > 0 && (r.height < 44 - 0.5 || r.width < 44 - 0.5);
            })
            .map((e) => `${e.tagName} ${(e.textContent ?? "").trim()} ${Math.round(e.getBoundingClientRect().width)}×${Math.round(e.getBoundingClientRect().height)}`),
        );
        assert.deepEqual(small, [], path);
      }
      s.assertClean("default targets");
    } finally {
      await s.close();
    }
  });

  test("关怀版 and 字号 are remembered across pages and editions, and switch back", async () => {
    const s = await open();
    const { page } = s;
    const state = () =>
      page.evaluate(() => ({
        care: document.documentElement.classList.contains("care"),
        large: document.documentElement.classList.contains("fs-large"),
        carePressed: document.querySelector("[data-care-toggle]")?.getAttribute("aria-pressed"),
        largePressed: document.querySelector('[data-font-size="large"]')?.getAttribute("aria-pressed"),
        base: parseFloat(getComputedStyle(document.body).fontSize),
      }));
    const off = { care: false, large: false, carePressed: "false", largePressed: "false", base: 16 };
    const on = { care: true, large: true, carePressed: "true", largePressed: "true", base: 24 };
    try {
      await s.open("");
      assert.deepEqual(await state(), off);
      await page.getByRole("button", { name: "大", exact: true }).click();
      assert.equal((await state()).base, 19, "字号 大 enlarges the text at once");
      await page.getByRole("button", { name: "关怀版" }).click();
      assert.deepEqual(await state(), on);
      // Follow links as a reader would: main navigation, a list item, then the 繁體 link.
      await Promise.all([page.waitForURL("**/news/"), page.locator(".main-nav a", { hasText: "新闻中心" }).click()]);
      assert.deepEqual(await state(), on, "after following the main navigation");
      await Promise.all([page.waitForURL(`**/${QIANGJI.url}`), page.locator(`main a[href="/${QIANGJI.url}"]`).first().click()]);
      assert.deepEqual(await state(), on, "on the article");
      await Promise.all([page.waitForURL(`**/zh-hant/${QIANGJI.url}`), page.locator("[data-edition-link]").click()]);
      assert.deepEqual(await state(), on, "the 繁體 edition shares the preferences");
      // Switched back off in the 繁體 edition (where the button reads 關懷版).
      await page.locator("[data-care-toggle]").click();
      await page.locator('[data-font-size="medium"]').click();
      assert.deepEqual(await state(), off);
      await Promise.all([page.waitForURL((url) => url.pathname === `/${QIANGJI.url}`), page.locator("[data-edition-link]").click()]);
      assert.deepEqual(await state(), off, "off is remembered too");
      s.assertClean("preference walk");
    } finally {
      await s.close();
    }
  });
});

describe("reflow: no horizontal scrolling", () => {
  // 320 CSS px is WCAG 1.4.10's width (a 1280 px window at 400 %). 200 % zoom of a 1280 px window
  // is a 640 CSS px layout viewport at 2 device pixels per CSS pixel: browser zoom changes exactly
  // these two numbers, so media queries, rem, vw and font rasterisation resolve as when zoomed.
  const cases = [
    { label: "320 px", viewport: { width: 320, height: 640 }, deviceScaleFactor: 1, editions: ["zh-hans", "zh-hant"] as const },
    { label: "200 % zoom (640 px @2x)", viewport: { width: 640, height: 450 }, deviceScaleFactor: 2, editions: ["zh-hans"] as const },
  ];
  for (const c of cases) {
    test(`${c.label}, default and 关怀版 + 字号大, every page type`, async () => {
      for (const prefs of [{}, { care: true, fontSize: "large" as const }]) {
        const s = await open({ viewport: c.viewport, deviceScaleFactor: c.deviceScaleFactor, ...prefs });
        try {
          for (const edition of "care" in prefs ? (["zh-hans"] as const) : c.editions) {
            for (const [name, path] of pagesOf(edition)) {
              await s.open(path);
              const r = await s.page.evaluate(() => {
                const d = document.documentElement;
                // The phone's 图片新闻 strip scrolls sideways by design (its own scroll container with
                // 上一张/下一张; the page does not): photos beyond its edge are not page overflow.
                const wide = [...document.body.querySelectorAll("*")]
                  .filter((e) => e.getBoundingClientRect().right > d.clientWidth + 0.5 && !e.closest(".visually-hidden") && !e.parentElement?.closest("[data-strip]"))
                  .slice(0, 5)
                  .map((e) => `${e.tagName.toLowerCase()}.${e.className} → ${Math.round(e.getBoundingClientRect().right)}`);
                return { scrollWidth: d.scrollWidth, clientWidth: d.clientWidth, wide };
              });
              const where = `${c.label} ${"care" in prefs ? "关怀版+大" : "default"} ${edition} ${name}`;
              assert.ok(r.scrollWidth <= r.clientWidth, `${where}: scrollWidth ${r.scrollWidth} > ${r.clientWidth}: ${r.wide.join("; ")}`);
              s.assertClean(path);
            }
          }
        } finally {
          await s.close();
        }
      }
    });
  }
});
