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
