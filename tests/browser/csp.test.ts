/**
 * The shipped security headers in a real browser: the demo site, built with its search index under
 * the path prefix /jyj/, is served with exactly the headers of its `_headers` file, and Debian's
 * Chromium opens the home page, an article with a gallery, a column list and a search. Every page
 * must work with a clean console: no CSP violation, no script error, no failed request.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { ContentModel } from "../../lib/content/load.ts";
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from "../../lib/feeds/headers.ts";
import { buildSite } from "../../lib/pipeline/build.ts";
import { launch, newPage, readHeaders, serve, type Served } from "../helpers/browser.ts";
import { demoCopy, type DemoCopy } from "../helpers/demo.ts";

const PREFIX = "/jyj/";

describe("the shipped Content-Security-Policy in Chromium", () => {
  let demo: DemoCopy;
  let model: ContentModel;
  let server: Served;
  let browser: Browser;

  before(async () => {
    demo = await demoCopy({ pathPrefix: PREFIX });
    const out = path.join(demo.root, "_site");
    const result = await buildSite({ root: demo.root, outputDir: out, quiet: true, search: true, images: demo.images, warn: () => {} });
    model = result.model;
    const headers = await readHeaders(out);
    assert.deepEqual(headers, { ...SECURITY_HEADERS }, "the site ships the headers of lib/feeds/headers.ts");
    server = await serve(out, { headers, prefix: PREFIX });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await demo?.cleanup();
  });

  /** Opens a page with CSP violations reported to the console, runs `check`, asserts a clean console. */
  async function visit(rel: string, check: (page: Page) => Promise<void>): Promise<void> {
    const { context, page, problems } = await newPage(browser);
    // Init scripts run through the automation channel, outside the page's CSP.
    await context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
    });
    try {
      const response = await page.goto(server.url + rel, { waitUntil: "networkidle" });
      assert.equal(response?.status(), 200, rel);
      assert.equal(response?.headers()["content-security-policy"], CONTENT_SECURITY_POLICY, "the page is served with the shipped CSP");
      // site.js shows its tools only when it runs: proof that our own scripts are allowed.
      await page.waitForSelector("[data-font-tools]:not([hidden])", { timeout: 10_000 });
      await check(page);
      // Lazy images and late requests: scroll through the page and let the network settle.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForLoadState("networkidle");
      const broken = await page.$$eval("img", (imgs) => imgs.filter((i) => i.complete && i.naturalWidth === 0).map((i) => i.currentSrc || i.src));
      assert.deepEqual(broken, [], "every image loads");
      assert.deepEqual(problems, [], `${rel}: console must be clean`);
    } finally {
      await context.close();
    }
  }

  test("home page", async () => {
    await visit("", async (page) => {
      assert.ok(await page.locator(".photo-news-list img").count(), "the photo news block shows photos");
    });
  });

  test("an article with a photo gallery", async () => {
    const a = model.articles.find((x) => x.photos.length > 1);
    assert.ok(a, "the demo has an article with several photos");
    await visit(a.url.slice(1), async (page) => {
      const scripts = await page.$$eval("script[src]", (s) => s.map((e) => (e as HTMLScriptElement).src));
      assert.ok(
        scripts.some((s) => s.endsWith("/assets/js/gallery.js")),
        "the gallery script is loaded",
      );
      assert.ok((await page.locator(".article img").count()) >= a.photos.length);
      const stylesheets = await page.evaluate(() => [...document.styleSheets].filter((s) => s.cssRules.length > 0).length);
      assert.ok(stylesheets >= 1, "stylesheets apply (style-src 'self')");
    });
  });

  test("a column list with pagination", async () => {
    const list = model.columns.leaves.map((c) => ({ c, n: model.articles.filter((a) => a.column === c).length })).sort((x, y) => y.n - x.n)[0]!;
    await visit(list.c.url.slice(1), async (page) => {
      assert.ok((await page.locator(".article-list li").count()) > 0);
      const next = page.locator('.pagination a[rel="next"]');
      if (await next.count()) {
        await Promise.all([page.waitForURL(/\/page\/2\/$/), next.click()]);
        assert.ok((await page.locator(".article-list li").count()) > 0);
      }
    });
  });

  test("an article with an aligned table (no inline style reaches the page)", async () => {
    // A delimiter row with an alignment colon, e.g. | --- | ---: |
    const aligned = (body: string) => body.split("\n").some((line) => /^\s*\|[\s:|-]+\|\s*$/.test(line) && /-\s*:/.test(line));
    const a = model.articles.find((x) => aligned(x.body)) ?? model.articles.find((x) => /^\s*\|.*\|\s*$/m.test(x.body));
    assert.ok(a, "the demo has an article with a table");
    await visit(a.url.slice(1), async (page) => {
      assert.ok(await page.locator(".article-body table").count());
      // markdown-it would write style="text-align:…" (blocked by the CSP); we write classes.
      assert.equal(await page.locator(".article-body [style]").count(), 0, "no style attribute in the rendered Markdown");
    });
  });

  test("search: /search/?q=华罗庚 shows results (Pagefind WebAssembly under the CSP)", async () => {
    await visit(`search/?q=${encodeURIComponent("华罗庚")}`, async (page) => {
      await page.waitForSelector("[data-search-results] li", { timeout: 20_000 });
      const results = await page.$$eval("[data-search-results] li", (items) => items.map((li) => ({ text: li.textContent ?? "", href: li.querySelector("a")?.getAttribute("href") ?? "" })));
      assert.ok(results.length > 0);
      assert.ok(
        results.some((r) => r.text.includes("华罗庚")),
        "a result mentions the query",
      );
      for (const r of results) assert.ok(r.href.startsWith(PREFIX), `result link ${r.href} carries the prefix`);
    });
  });

  test("search on the 繁體 edition: the same index, results linked into the edition under the prefix", async () => {
    await visit(`zh-hant/search/?q=${encodeURIComponent("華羅庚")}`, async (page) => {
      await page.waitForSelector("[data-search-results] li", { timeout: 20_000 });
      const results = await page.$$eval("[data-search-results] li", (items) => items.map((li) => ({ text: li.textContent ?? "", href: li.querySelector("a")?.getAttribute("href") ?? "" })));
      assert.ok(
        results.some((r) => r.text.includes("華羅庚")),
        "results are shown in 繁體",
      );
      for (const r of results) assert.ok(r.href.startsWith(`${PREFIX}zh-hant/`), `result link ${r.href} is in the edition, under the prefix`);
    });
  });
});
