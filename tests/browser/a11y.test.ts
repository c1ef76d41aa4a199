/**
 * Accessibility and 适老化 in real Chromium (Debian's, through playwright-core): every page type
 * of a small complete portal (tests/helpers/a11y-site.ts) is checked with axe-core's WCAG 2.1
 * A/AA rules — plus heading order and landmark rules — in the default mode, in 关怀版 (with the
 * AAA 7:1 contrast rule) and in the 繁體 edition; 关怀版's type size, line height, targets and
 * layout are measured; both preferences must survive navigation; no page may scroll sideways at
 * 320 px or at 200 % zoom; reading needs no JavaScript; print shows only the article and its
 * address. The site is served with the shipped headers (_headers: CSP included) and every page
 * must leave a clean console.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { a11ySite, PAGE_TYPES, QIANGJI } from "../helpers/a11y-site.ts";
import { axe, formatViolations, launch, newPage, readHeaders, serve, type Served } from "../helpers/browser.ts";
import type { Fixture } from "../helpers/fixture.ts";

/** Best-practice rules that matter here on top of WCAG 2.1 A/AA (heading order, named landmarks). */
const EXTRA_RULES = ["heading-order", "page-has-heading-one", "landmark-one-main", "landmark-unique", "landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo", "region", "empty-heading"];

let site: Fixture;
let server: Served;
let browser: Browser;

before(async () => {
  site = await a11ySite();
  const headers = await readHeaders(site.out);
  assert.ok(headers["Content-Security-Policy"], "the build ships _headers with a CSP");
  server = await serve(site.out, { headers });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await site?.cleanup();
});

type Mode = "default" | "care" | "hant";

interface Session {
  context: BrowserContext;
  page: Page;
  problems: string[];
  /** Opens a site path (no leading slash) and waits until it has loaded. */
  open(path: string): Promise<void>;
  close(): Promise<void>;
}

async function session(options: { care?: boolean; fontSize?: "large" | "small"; viewport?: { width: number; height: number }; deviceScaleFactor?: number; javaScriptEnabled?: boolean } = {}): Promise<Session> {
  const { context, page, problems } = await newPage(browser, {
    viewport: options.viewport ?? { width: 1280, height: 900 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  if (options.care || options.fontSize) {
    await context.addInitScript(
      ({ care, size }) => {
        if (care) localStorage.setItem("portal:care", "1");
        if (size) localStorage.setItem("portal:font-size", size);
      },
      { care: options.care ?? false, size: options.fontSize ?? "" },
    );
  }
  return {
    context,
    page,
    problems,
    async open(path) {
      const response = await page.goto(server.url + path);
      assert.ok(response, path);
      assert.equal(response.status(), path.endsWith("404.html") ? 200 : 200, `${path} is served`);
      if (path.startsWith("search/") || path.startsWith("zh-hant/search/")) {
        // Results are rendered by assets/js/search.js after the index loads.
        await page.waitForFunction(() => !document.querySelector("[data-search-results]")?.hasAttribute("aria-busy") && (document.querySelector("[data-search-results] a") || !new URLSearchParams(location.search).get("q")));
      }
    },
    close: () => context.close(),
  };
}

/** One page of every type, in the edition the mode reads. Search pages carry a query so results are checked too. */
function pagesFor(mode: Mode): Array<[string, string]> {
  const prefix = mode === "hant" ? "zh-hant/" : "";
  const query = mode === "hant" ? "強基鑄魂" : "强基铸魂";
  return Object.entries(PAGE_TYPES).map(([name, path]) => [name, prefix + path + (name === "search" ? `?q=${encodeURIComponent(query)}` : "")]);
}

const assertClean = (s: Session, where: string) => {
  assert.deepEqual(s.problems, [], `clean console on ${where}`);
  s.problems.length = 0;
};

describe("axe-core: 0 WCAG 2.1 A/AA violations on every page type", () => {
  for (const mode of ["default", "care", "hant"] as const) {
    test(`${mode} mode`, async () => {
      const s = await session({ care: mode === "care" });
      try {
        for (const [name, path] of pagesFor(mode)) {
          await s.open(path);
          const lang = await s.page.evaluate(() => document.documentElement.lang);
          assert.equal(lang, mode === "hant" ? "zh-Hant" : "zh-CN", `${name}: lang`);
          if (mode === "care") assert.ok(await s.page.evaluate(() => document.documentElement.classList.contains("care")), `${name}: 关怀版 is on`);
          // 关怀版 promises AAA contrast (7:1 for text): axe's color-contrast-enhanced rule checks it.
          const rules = mode === "care" ? [...EXTRA_RULES, "color-contrast-enhanced"] : EXTRA_RULES;
          const violations = await axe(s.page, { rules });
          assert.equal(violations.length, 0, `${mode} ${name} (${path}):\n${formatViolations(violations)}`);
          assertClean(s, path);
        }
        // The article's lightbox, open.
        await s.open(pagesFor(mode).find(([n]) => n === "article")![1]);
        await s.page.locator("a.gallery-link").first().click();
        await s.page.locator("dialog.lightbox[open]").waitFor();
        const violations = await axe(s.page, { rules: mode === "care" ? [...EXTRA_RULES, "color-contrast-enhanced"] : EXTRA_RULES });
        assert.equal(violations.length, 0, `${mode} lightbox:\n${formatViolations(violations)}`);
        assertClean(s, "lightbox");
      } finally {
        await s.close();
      }
    });
  }
});

describe("关怀版 (care mode) and 字号", () => {
  test("base text ≥ 18 px, line height ≥ 1.5, targets ≥ 44 px, one column — at 1280 and 320 px", async () => {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 320, height: 640 }]) {
      for (const fontSize of [undefined, "small"] as const) {
        const s = await session({ care: true, viewport, ...(fontSize ? { fontSize } : {}) });
        try {
          for (const [name, path] of pagesFor("default")) {
            await s.open(path);
            const m = await s.page.evaluate(() => {
              const visible = (e: Element) => {
                const r = e.getBoundingClientRect();
                return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== "hidden";
              };
              const describe = (e: Element) => `${e.tagName.toLowerCase()}${e.className ? "." + String(e.className).split(" ")[0] : ""} “${(e.textContent ?? "").trim().slice(0, 16)}”`;
              const texts = [...document.body.querySelectorAll("*")].filter((e) => visible(e) && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()));
              const smallText = texts.filter((e) => parseFloat(getComputedStyle(e).fontSize) < 18).map(describe);
              const tightText = texts
                .filter((e) => {
                  const cs = getComputedStyle(e);
                  const lh = cs.lineHeight === "normal" ? 1.2 * parseFloat(cs.fontSize) : parseFloat(cs.lineHeight);
                  return lh / parseFloat(cs.fontSize) < 1.5 - 1e-6;
                })
                .map(describe);
              // Links in running text (article body) are exempt, as WCAG's target-size rules exempt inline targets.
              const targets = [...document.querySelectorAll("a[href], button, input, select, summary")].filter((e) => visible(e) && !e.closest(".article-body"));
              const smallTargets = targets
                .filter((e) => {
                  const r = e.getBoundingClientRect();
                  return r.height < 44 - 0.5 || r.width < 44 - 0.5;
                })
                .map((e) => `${describe(e)} ${Math.round(e.getBoundingClientRect().width)}×${Math.round(e.getBoundingClientRect().height)}`);
              const grids = [...document.querySelectorAll(".home-blocks, .section-blocks, .column-layout")].map((e) => getComputedStyle(e).gridTemplateColumns.split(" ").length);
              return { base: parseFloat(getComputedStyle(document.body).fontSize), smallText, tightText, smallTargets, grids };
            });
            const where = `${name} at ${viewport.width}px${fontSize ? " 字号小" : ""}`;
            assert.ok(m.base >= 18, `${where}: base text ${m.base}px`);
            assert.deepEqual(m.smallText, [], `${where}: text below 18px`);
            assert.deepEqual(m.tightText, [], `${where}: line height below 1.5`);
            assert.deepEqual(m.smallTargets, [], `${where}: targets below 44×44px`);
            assert.ok(m.grids.every((n) => n === 1), `${where}: 关怀版 lays out one column (${m.grids.join(",")})`);
            assertClean(s, path);
          }
        } finally {
          await s.close();
        }
      }
    }
  });

  test("default mode: header tools and main navigation are ≥ 44 px targets", async () => {
    const s = await session();
    try {
      await s.open(PAGE_TYPES.article);
      const small = await s.page.evaluate(() =>
        [...document.querySelectorAll(".site-header a, .site-header button, .site-header input, .pagination a, .side-nav a")]
          .filter((e) => {
            const r = e.getBoundingClientRect();
            return r.width > 0 && (r.height < 44 - 0.5 || r.width < 44 - 0.5);
          })
          .map((e) => `${e.tagName} ${(e.textContent ?? "").trim()} ${Math.round(e.getBoundingClientRect().width)}×${Math.round(e.getBoundingClientRect().height)}`),
      );
      assert.deepEqual(small, []);
    } finally {
      await s.close();
    }
  });

  test("关怀版 and 字号 are remembered across pages and editions, and switch back", async () => {
    const s = await session();
    const { page } = s;
    const state = () =>
      page.evaluate(() => ({
        care: document.documentElement.classList.contains("care"),
        large: document.documentElement.classList.contains("fs-large"),
        carePressed: document.querySelector("[data-care-toggle]")?.getAttribute("aria-pressed"),
        largePressed: document.querySelector('[data-font-size="large"]')?.getAttribute("aria-pressed"),
        base: parseFloat(getComputedStyle(document.body).fontSize),
      }));
    try {
      await s.open("");
      assert.deepEqual(await state(), { care: false, large: false, carePressed: "false", largePressed: "false", base: 16 });
      await page.getByRole("button", { name: "大" }).click();
      assert.equal((await state()).base, 19, "字号 大 enlarges the text at once");
      await page.getByRole("button", { name: "关怀版" }).click();
      assert.deepEqual(await state(), { care: true, large: true, carePressed: "true", largePressed: "true", base: 24 });
      // Follow links as a reader would: main navigation, then a list item, then the 繁體 link.
      await Promise.all([page.waitForURL("**/news/"), page.locator(".main-nav a", { hasText: "新闻中心" }).click()]);
      assert.deepEqual(await state(), { care: true, large: true, carePressed: "true", largePressed: "true", base: 24 });
      await Promise.all([page.waitForURL(`**/${QIANGJI.url}`), page.locator(`a[href="/${QIANGJI.url}"]`).first().click()]);
      assert.deepEqual(await state(), { care: true, large: true, carePressed: "true", largePressed: "true", base: 24 });
      await Promise.all([page.waitForURL(`**/zh-hant/${QIANGJI.url}`), page.locator("[data-edition-link]").click()]);
      assert.deepEqual(await state(), { care: true, large: true, carePressed: "true", largePressed: "true", base: 24 }, "the 繁體 edition shares the preferences");
      await page.getByRole("button", { name: "关怀版" }).click();
      await page.getByRole("button", { name: "中" }).click();
      await page.reload();
      assert.deepEqual(await state(), { care: false, large: false, carePressed: "false", largePressed: "false", base: 16 });
      assertClean(s, "preference walk");
    } finally {
      await s.close();
    }
  });
});

describe("reflow: no horizontal scrolling", () => {
  // 320 CSS px is WCAG 1.4.10's width (a 1280 px window at 400 %). 200 % zoom of that window is a
  // 640 CSS px layout viewport with 2 device pixels per CSS pixel: Chromium's zoom changes exactly
  // these two numbers, so media queries, rem, vw and the fonts resolve as they do when zoomed.
  const cases = [
    { label: "320 px", viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 },
    { label: "200 % zoom (640 px @2x)", viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 },
  ];
  for (const c of cases) {
    test(c.label, async () => {
      for (const prefs of [{}, { care: true, fontSize: "large" as const }]) {
        const s = await session({ viewport: c.viewport, deviceScaleFactor: c.deviceScaleFactor, ...prefs });
        try {
          for (const mode of ["default", "hant"] as const) {
            for (const [name, path] of pagesFor(mode)) {
              await s.open(path);
              const r = await s.page.evaluate(() => {
                const d = document.documentElement;
                const wide = [...document.body.querySelectorAll("*")]
                  .filter((e) => e.getBoundingClientRect().right > d.clientWidth + 0.5 && !e.closest(".visually-hidden, .table-wrap"))
                  .slice(0, 5)
                  .map((e) => `${e.tagName.toLowerCase()}.${e.className} → ${Math.round(e.getBoundingClientRect().right)}`);
                return { scrollWidth: d.scrollWidth, clientWidth: d.clientWidth, wide };
              });
              const where = `${c.label} ${"care" in prefs ? "关怀版+大" : "default"} ${mode} ${name}`;
              assert.ok(r.scrollWidth <= r.clientWidth, `${where}: scrollWidth ${r.scrollWidth} > ${r.clientWidth}: ${r.wide.join("; ")}`);
              assertClean(s, path);
            }
          }
        } finally {
          await s.close();
        }
      }
    });
  }
});

describe("reading needs no JavaScript", () => {
  test("without scripts: content readable, enhancement buttons absent, photos are plain links", async () => {
    const s = await session({ javaScriptEnabled: false });
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
      // The form is a plain GET: the header search lands on the search page without any script.
      await s.page.fill("#site-search-q", "华罗庚");
      await Promise.all([s.page.waitForURL(/\/search\/\?q=/), s.page.press("#site-search-q", "Enter")]);
      assert.equal(new URL(s.page.url()).searchParams.get("q"), "华罗庚");
      assertClean(s, "no-JS walk");
    } finally {
      await s.close();
    }
  });

  test("with scripts: the tools appear; nothing animates or auto-advances", async () => {
    const s = await session();
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
      assertClean(s, "tools");
    } finally {
      await s.close();
    }
  });
});

describe("打印本页 (print)", () => {
  for (const mode of ["default", "hant"] as const) {
    test(`${mode}: print shows the article, its address and date, and hides navigation, footer and search`, async () => {
      const s = await session();
      try {
        const path = (mode === "hant" ? "zh-hant/" : "") + PAGE_TYPES.article;
        await s.open(path);
        // The print button calls window.print().
        await s.page.evaluate(() => {
          (window as unknown as { printed: number }).printed = 0;
          window.print = () => void ((window as unknown as { printed: number }).printed += 1);
        });
        await s.page.locator("[data-print]").click();
        assert.equal(await s.page.evaluate(() => (window as unknown as { printed: number }).printed), 1);
        const shown = (selector: string) =>
          s.page.evaluate((sel) => [...document.querySelectorAll(sel)].map((e) => getComputedStyle(e).display !== "none" && (e as HTMLElement).getClientRects().length > 0), selector);
        assert.deepEqual(await shown(".print-source"), [false], "the address line is print-only");
        await s.page.emulateMedia({ media: "print" });
        for (const selector of [".site-header", ".main-nav", ".site-footer", ".search-form", ".breadcrumb", ".article-tools", ".article-nav", ".skip-link"]) {
          const states = await shown(selector);
          assert.ok(states.length > 0 && states.every((v) => v === false), `${selector} is hidden in print`);
        }
        assert.deepEqual(await shown(".article-title"), [true]);
        assert.deepEqual(await shown(".article-body"), [true]);
        assert.deepEqual(await shown(".print-source"), [true], "the address line prints");
        const line = await s.page.locator(".print-source").innerText();
        const expected = `https://jyj.test.gov.cn/${mode === "hant" ? "zh-hant/" : ""}${QIANGJI.url}`;
        assert.ok(line.includes(expected), `printed address: ${line}`);
        assert.match(line, /2024-07-12/);
        assertClean(s, path);
      } finally {
        await s.close();
      }
    });
  }
});
