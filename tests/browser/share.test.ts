/**
 * 分享 and 相关阅读 on an article in Chromium under the shipped CSP (issue #17): 分享到微信 opens by
 * keyboard, its QR code — read from a screenshot, as a phone camera would — decodes to the page's
 * canonical URL in both editions; 复制链接 puts that URL on the clipboard and says so; without
 * JavaScript the URL is there to select; neither the share tools nor 相关阅读 are printed; axe
 * finds nothing with the panel open, in default and 关怀版.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { PAGE_TYPES, servedA11ySite } from "../helpers/a11y-site.ts";
import { axe, formatViolations } from "../helpers/browser.ts";
import { readQr } from "../helpers/qr.ts";

const open = servedA11ySite();

// One test at a time: the browser's clipboard is shared by its contexts, so two 复制链接 tests at once
// would read each other's URL.
describe("分享 and 相关阅读", { concurrency: 1 }, () => {
  for (const edition of ["zh-hans", "zh-hant"] as const) {
    test(`${edition}: 分享到微信 by keyboard, the QR code decodes to the canonical URL; 复制链接 copies it`, async () => {
      const s = await open({ viewport: { width: 1366, height: 900 } });
      try {
        await s.context.grantPermissions(["clipboard-read", "clipboard-write"]);
        await s.open((edition === "zh-hant" ? "zh-hant/" : "") + PAGE_TYPES.article);
        const canonical = await s.page.getAttribute('link[rel="canonical"]', "href");
        assert.ok(canonical);
        assert.equal(await s.page.isVisible(".qr-code"), false, "closed until asked for");
        await s.page.focus(".share-toggle");
        await s.page.keyboard.press("Enter");
        await s.page.locator(".qr-code").waitFor({ state: "visible" });
        assert.equal(await readQr(await s.page.locator(".qr-code").screenshot()), canonical, "the QR code as shown on screen");

        await s.page.click("[data-copy-link]");
        await s.page.waitForFunction(() => document.querySelector("[data-copy-status]")?.textContent);
        assert.equal(await s.page.textContent("[data-copy-status]"), edition === "zh-hant" ? "已複製本頁鏈接" : "已复制本页链接");
        assert.equal(await s.page.evaluate(() => navigator.clipboard.readText()), canonical);
        s.assertClean(`${edition} article`);
      } finally {
        await s.close();
      }
    });
  }

  test("without JavaScript: no 复制链接 button, the URL is in the 分享到微信 panel to select", async () => {
    const s = await open({ javaScriptEnabled: false });
    try {
      await s.open(PAGE_TYPES.article);
      assert.equal(await s.page.isVisible("[data-copy-link]"), false);
      await s.page.click(".share-toggle");
      assert.equal(await s.page.textContent("[data-share-url]"), await s.page.getAttribute('link[rel="canonical"]', "href"));
      assert.ok(await s.page.isVisible(".qr-code"));
    } finally {
      await s.close();
    }
  });

  test("print: neither the share tools nor 相关阅读 are printed", async () => {
    const s = await open();
    try {
      await s.open(PAGE_TYPES.article);
      assert.ok(await s.page.isVisible(".share"));
      assert.ok(await s.page.isVisible(".related"), "the article has 相关阅读");
      await s.page.emulateMedia({ media: "print" });
      assert.equal(await s.page.isVisible(".share"), false);
      assert.equal(await s.page.isVisible(".related"), false);
    } finally {
      await s.close();
    }
  });

  for (const care of [false, true]) {
    test(`axe with the 分享到微信 panel open (${care ? "关怀版" : "default"}, 390 px)`, async () => {
      const s = await open({ care, axe: true, viewport: { width: 390, height: 844 } });
      try {
        await s.open(PAGE_TYPES.article);
        await s.page.click(".share-toggle");
        const violations = await axe(s.page);
        assert.equal(violations.length, 0, formatViolations(violations));
        const box = await s.page.locator(".share-panel").boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `the panel fits the phone: ${JSON.stringify(box)}`);
      } finally {
        await s.close();
      }
    });
  }
});
