/**
 * 浏览量 and 访问统计 in Chromium: a fixture build with `counter.url` on another origin (so the CSP's
 * connect-src and the service's CORS are exercised), the real service on 127.0.0.1 over SQLite with
 * the old CMS's counts imported. The 强基铸魂 page shows its count and the site's five figures, +1 for a
 * new visitor, not on a reload; the 繁體 page shares the count; CLS stays 0 (layout-shift observer);
 * with the service stopped the page shows no counter, no placeholder and throws nothing; without
 * `counter.url` the page has neither the script nor the slots.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { readConfig } from "../../lib/counter/config.ts";
import { startCounter, type RunningCounter } from "../../lib/counter/server.ts";
import { freePort } from "../../lib/counter/testkit.ts";
import { launch, newPage, readHeaders, serve, type Served } from "../helpers/browser.ts";
import { article, fixture, FIXTURE_SITE, type Fixture } from "../helpers/fixture.ts";

const ARTICLE = "news/jydt/2024/qiangji-zhuhun/";
const TITLE = "我区召开教育系统“强基铸魂”行动部署会";
const ua = (n: number) => `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.${n}.0 Safari/537.36`;

const files = {
  "content/news/jydt/qiangji-zhuhun/index.md": article({ title: TITLE, date: "2024-07-12", source: "组织人事科" }, "为深入推进“强基铸魂”行动，7 月 12 日，我区召开部署会。"),
  "content/news/jydt/keji-jie/index.md": article({ title: "我区举行中小学科技节", date: "2024-05-20", source: "基础教育科" }),
};

/**
 * Layout shifts (buffered, without those right after input, as CLS adds them) of anything in <main>
 * or the footer — what filling the counter slots could move — with the nodes that moved.
 */
async function observeShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __shifts: number[] };
    w.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; sources: { node?: Node | null }[] }[]) {
        if (e.hadRecentInput) continue;
        const moved = e.sources.map((x) => (x.node instanceof Element ? x.node : x.node?.parentElement)).filter((el) => el?.closest("main, footer"));
        if (moved.length) w.__shifts.push(`${e.value.toFixed(4)} ${moved.map((el) => el!.outerHTML.slice(0, 100)).join(" + ")}` as unknown as number);
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
}
const shifts = (page: Page) => page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts);

describe("浏览量 and 访问统计 in Chromium", () => {
  let site: Fixture;
  let plain: Fixture;
  let server: Served;
  let counter: RunningCounter | undefined;
  let browser: Browser;
  let counterPort: number;
  let headers: Record<string, string>;

  const startService = async () => {
    counter = await startCounter(
      readConfig({ PORT: String(counterPort), COUNTER_SITE: site.out, COUNTER_DB: path.join(site.root, ".data", "counter.sqlite"), COUNTER_ALLOW_ORIGIN: new URL(server.url).origin }),
      { log: () => {} },
    );
  };

  before(async () => {
    counterPort = await freePort();
    site = await fixture(files, { site: `${FIXTURE_SITE}counter:\n  url: http://127.0.0.1:${counterPort}/\n` });
    await site.build();
    assert.equal(site.error, undefined, String(site.error?.message));
    headers = await readHeaders(site.out);
    server = await serve(site.out, { headers });
    await startService();
    await counter!.store.importCounts({ pages: new Map([[`/${ARTICLE}`, 1887]]), total: 213650160, days: new Map([["2000-01-01", 1]]), months: new Map() });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await counter?.close();
    await server?.close();
    await site?.cleanup();
    await plain?.cleanup();
  });

  /** Opens the page as visitor n; resolves when the page slot is filled (or the time is up). */
  async function visit(n: number, rel = ARTICLE, options: { width?: number; care?: boolean; expectFilled?: boolean } = {}) {
    const { context, page, problems } = await newPage(browser, { userAgent: ua(n), viewport: { width: options.width ?? 1280, height: 900 } });
    if (options.care) await context.addInitScript(() => localStorage.setItem("portal:care", "1"));
    await observeShifts(page);
    // The counter's answer is held until the page has settled (site.js shows the header tools after
    // first paint, a shift of its own); shifts are counted from then on, so they are the counter's.
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    await page.route(`http://127.0.0.1:${counterPort}/v1/stats**`, async (route) => {
      await gate;
      await route.continue().catch(() => {});
    });
    const response = await page.goto(server.url + rel, { waitUntil: "load" });
    assert.equal(response?.status(), 200);
    // Attached, not visible: on a phone the tools are behind 菜单.
    await page.waitForSelector("[data-font-tools]:not([hidden])", { state: "attached", timeout: 10_000 });
    await page.waitForTimeout(200);
    await page.evaluate(() => ((window as unknown as { __shifts: unknown[] }).__shifts = []));
    release();
    if (options.expectFilled !== false) {
      await page.waitForSelector("[data-counter-page].counter-filled", { timeout: 10_000 });
      await page.waitForSelector("[data-counter-site]:not([hidden])", { timeout: 10_000 });
    }
    return { context, page, problems };
  }
  const pageText = (page: Page) => page.$eval("[data-counter-page]", (e) => (e as HTMLElement).innerText.trim());
  const siteText = (page: Page) => page.$eval("[data-counter-site]", (e) => (e as HTMLElement).innerText.replace(/\s+/g, " ").trim());
  /** Waits until the service has stored `n` counted views in all. */
  async function counted(n: number) {
    for (let i = 0; i < 100 && counter!.service.stats.counted < n; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(counter!.service.stats.counted, n, "views stored by the service");
  }

  test("the build lists the countable pages and the CSP allows exactly the counter's origin", async () => {
    const list = JSON.parse(await site.read("counter-paths.json")) as { paths: string[]; editions: string[] };
    assert.ok(list.paths.includes(`/${ARTICLE}`) && list.paths.includes("/") && list.paths.includes("/news/jydt/"));
    assert.deepEqual(list.editions, ["zh-hant/"]);
    assert.match(headers["Content-Security-Policy"]!, new RegExp(`connect-src 'self' http://127\\.0\\.0\\.1:${counterPort};`));
    const html = await site.read(`${ARTICLE}index.html`);
    assert.match(html, new RegExp(`<script defer src="/assets/js/counter\\.js" data-counter-url="http://127\\.0\\.0\\.1:${counterPort}/"></script>`));
  });

  test("the 强基铸魂 page shows 浏览量 (imported 1887 + this visit) and the five site figures, without layout shift", async () => {
    const { context, page, problems } = await visit(1);
    assert.equal(await pageText(page), "浏览量：1888次");
    assert.match(await siteText(page), /^昨天访问 0 \| 今天访问 1 \| 本月访问 1 \| 上月访问 0 \| 访问总数 213,650,161$/);
    await counted(1);
    assert.deepEqual(await shifts(page), [], "CLS 0");
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("+1 for a new visitor, not on a reload by the same one", async () => {
    const a = await visit(1);
    assert.equal(await pageText(a.page), "浏览量：1888次", "the same visitor again: not counted");
    await a.page.reload({ waitUntil: "load" });
    await a.page.waitForSelector("[data-counter-page].counter-filled");
    assert.equal(await pageText(a.page), "浏览量：1888次");
    await a.context.close();
    const b = await visit(2);
    assert.equal(await pageText(b.page), "浏览量：1889次");
    await counted(2);
    await b.context.close();
    const b2 = await visit(2);
    assert.equal(await pageText(b2.page), "浏览量：1889次");
    assert.deepEqual(b2.problems, []);
    await b2.context.close();
  });

  test("繁體 edition and 关怀版 at 320 px: the same count, in the edition's script, CLS 0", async () => {
    const { context, page, problems } = await visit(2, `zh-hant/${ARTICLE}`, { width: 320, care: true });
    assert.equal(await pageText(page), "瀏覽量：1889次");
    assert.match(await siteText(page), /^昨天訪問 0 \| 今天訪問 2 \| 本月訪問 2 \| 上月訪問 0 \| 訪問總數 213,650,162$/);
    assert.deepEqual(await shifts(page), [], "CLS 0");
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), true, "no horizontal scroll");
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("list pages count too; the home page shows the site figures", async () => {
    const { context, page } = await visit(3, "", { expectFilled: false });
    await page.waitForSelector("[data-counter-site]:not([hidden])", { timeout: 10_000 });
    assert.equal(await page.$("[data-counter-page]"), null, "no 浏览量 slot outside articles");
    await counted(3);
    await context.close();
  });

  test("service stopped: nothing shown, no placeholder, no uncaught exception, CLS 0", async () => {
    await counter!.close();
    counter = undefined;
    const { context, page, problems } = await visit(4, ARTICLE, { expectFilled: false });
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(300);
    assert.equal(await page.$eval("[data-counter-page]", (e) => getComputedStyle(e).visibility), "hidden");
    assert.equal(await page.$eval("[data-counter-site]", (e) => (e as HTMLElement).hidden && getComputedStyle(e).visibility === "hidden"), true);
    const visible = await page.evaluate(() => document.body.innerText);
    assert.doesNotMatch(visible, /浏览量|访问总数|昨天访问/, "no label, no 0, no placeholder");
    assert.deepEqual(await shifts(page), []);
    assert.deepEqual(
      // Chromium itself logs the refused connection ("Failed to load resource"); the script throws nothing.
      problems.filter((p) => !p.includes(`127.0.0.1:${counterPort}`) && p !== "console.error: Failed to load resource: net::ERR_CONNECTION_REFUSED"),
      [],
      "only the refused connection to the counter is reported, nothing thrown",
    );
    assert.ok(!problems.some((p) => p.startsWith("pageerror")));
    await context.close();
  });

  test("without counter.url: no script, no slot", async () => {
    plain = await fixture(files);
    await plain.build();
    const html = await plain.read(`${ARTICLE}index.html`);
    assert.doesNotMatch(html, /counter/);
    assert.equal(await plain.exists("counter-paths.json"), false);
    assert.doesNotMatch(await plain.read("_headers"), /connect-src 'self' http/);
  });
});
