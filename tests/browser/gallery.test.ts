/**
 * The 强基铸魂 gallery on a phone, in real Chromium under the shipped CSP: the first view's
 * image bytes stay within budget, and the lightbox opens by tap and moves by swipe.
 */
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { buildSite } from "../../lib/pipeline/build.ts";
import { launch, newPage, readHeaders, serve, type Served } from "../helpers/browser.ts";

const ARTICLE = "news/jydt/2024/qiangji-zhuhun/";
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
let out: string;
let server: Served;
let browser: Browser;

before(async () => {
  out = await fs.mkdtemp(path.join(os.tmpdir(), "portal-gallery-"));
  await buildSite({ root: process.cwd(), outputDir: path.join(out, "site"), quiet: true, search: false });
  server = await serve(path.join(out, "site"), { headers: await readHeaders(path.join(out, "site")) });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await fs.rm(out, { recursive: true, force: true });
});

test("first view of the 强基铸魂 article on a 390 px phone loads ≤ 300 KB of images", async (t) => {
  const { context, page, problems } = await newPage(browser, PHONE);
  let bytes = 0;
  const images: string[] = [];
  page.on("response", async (res) => {
    if (res.request().resourceType() !== "image") return;
    const body = await res.body().catch(() => Buffer.alloc(0));
    bytes += body.length;
    images.push(`${res.url().split("/").pop()} ${body.length}`);
  });
  await page.goto(server.url + ARTICLE, { waitUntil: "networkidle" });
  await page.waitForTimeout(500);
  t.diagnostic(`first view: ${images.length} images, ${(bytes / 1024).toFixed(0)} KB`);
  assert.ok(images.length > 0, "the first view shows photos");
  assert.ok(bytes <= 300 * 1024, `image bytes ${bytes} > 300 KB:\n${images.join("\n")}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("tap opens the lightbox; a swipe moves to the next photo; Esc closes it", async () => {
  const { context, page, problems } = await newPage(browser, PHONE);
  await page.goto(server.url + ARTICLE);
  const first = page.locator(".gallery-link").first();
  await first.scrollIntoViewIfNeeded();
  await first.tap();
  const dialog = page.locator("dialog.lightbox");
  await dialog.waitFor({ state: "visible" });
  const counter = page.locator(".lightbox-counter");
  assert.match((await counter.textContent()) ?? "", /1\D+9/);
  const box = (await page.locator(".lightbox-stage").boundingBox())!;
  const y = box.y + box.height / 2;
  const cdp = await context.newCDPSession(page);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: box.x + box.width * 0.8, y }] });
  for (let i = 1; i <= 5; i++) {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: box.x + box.width * (0.8 - i * 0.12), y }] });
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await page.waitForFunction(() => /2\D+9/.test(document.querySelector(".lightbox-counter")?.textContent ?? ""), undefined, { timeout: 5000 });
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  assert.deepEqual(problems, []);
  await context.close();
});

test("强基铸魂 (nine photos, one portrait): justified rows with no blank area wider than the gutter, no layout shift", async () => {
  for (const width of [1366, 700]) {
    const { context, page, problems } = await newPage(browser, { viewport: { width, height: 900 } });
    await context.addInitScript(() => {
      (window as unknown as { cls: number }).cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) (window as unknown as { cls: number }).cls += e.value;
      }).observe({ type: "layout-shift", buffered: true });
    });
    await page.goto(server.url + ARTICLE, { waitUntil: "networkidle" });
    // Scroll through so every lazy photo loads (a shift would show up now).
    for (let y = 0; y < 6000; y += 600) await page.evaluate((top) => scrollTo(0, top), y);
    await page.waitForLoadState("networkidle");
    const m = await page.evaluate(() => {
      const gallery = document.querySelector(".gallery")!.getBoundingClientRect();
      const gutter = parseFloat(getComputedStyle(document.querySelector(".gallery-row")!).columnGap);
      const rows = [...document.querySelectorAll(".gallery-row")].map((row) => ({
        photos: [...row.querySelectorAll(".gallery-link img")].map((img) => img.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right, top: r.top, height: r.height })),
        bottom: row.getBoundingClientRect().bottom,
        top: row.getBoundingClientRect().top,
      }));
      return { left: gallery.left, right: gallery.right, gutter, rows, cls: (window as unknown as { cls: number }).cls };
    });
    const where = `${width} px`;
    assert.equal(m.rows.flatMap((r) => r.photos).length, 9, `${where}: nine photos`);
    assert.ok(m.rows.length >= 3, `${where}: in rows (${m.rows.map((r) => r.photos.length).join("+")})`);
    m.rows.forEach((row, i) => {
      const first = row.photos[0]!;
      const last = row.photos[row.photos.length - 1]!;
      // Every row fills the column, the last one included: no hole at either end.
      assert.ok(Math.abs(first.left - m.left) <= 1, `${where} row ${i + 1}: starts at the column's left`);
      assert.ok(Math.abs(m.right - last.right) <= 1, `${where} row ${i + 1}: ends at the column's right (hole ${m.right - last.right}px)`);
      for (let k = 1; k < row.photos.length; k++) {
        const gap = row.photos[k]!.left - row.photos[k - 1]!.right;
        assert.ok(gap <= m.gutter + 1, `${where} row ${i + 1}: gap ${gap}px between photos`);
      }
      const heights = row.photos.map((p) => p.height);
      assert.ok(Math.max(...heights) - Math.min(...heights) <= 1, `${where} row ${i + 1}: one height (${heights.join(", ")})`);
      // No photo blown up: a row is at most the height of a 3:2 photo across half the column, plus a quarter.
      assert.ok(heights[0]! <= ((m.right - m.left) / 2 / 1.5) * 1.25, `${where} row ${i + 1}: height ${heights[0]}`);
      const next = m.rows[i + 1];
      if (next) assert.ok(next.top - row.bottom <= m.gutter + 1, `${where}: gap ${next.top - row.bottom}px below row ${i + 1}`);
    });
    assert.ok(m.cls < 0.001, `${where}: layout shift ${m.cls}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});
