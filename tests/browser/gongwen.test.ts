/**
 * Issue #19 in real Chromium (Debian's, through playwright-core): a 公文 notice served with its
 * own `_headers`: the 落款 is right-aligned by computed style and geometry in both editions and in
 * print emulation, 主送 flush left; the inline photo is a <picture> with variants that opens in
 * the lightbox; axe finds 0 WCAG 2.1 AA violations on the notice, default and 关怀版. Then the
 * government widgets: two configured widgets served from two stand-in origins on 127.0.0.1 load
 * under the derived CSP with no violation and no layout shift; with none configured the CSP is today's.
 */
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { CONTENT_SECURITY_POLICY } from "../../lib/feeds/headers.ts";
import { axe, formatViolations, launch, newPage, readHeaders, serve, type Served } from "../helpers/browser.ts";
import { FIXTURE_SITE, jpeg, type Fixture } from "../helpers/fixture.ts";
import { gongwenSite, NOTICE_URL } from "../helpers/gongwen-site.ts";

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

/** Reports CSP violations to the console (the init script runs outside the page's CSP). */
async function openWatched(server: Served, rel: string, options: { care?: boolean } = {}) {
  const { context, page, problems } = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await context.addInitScript((care) => {
    if (care) localStorage.setItem("portal:care", "1");
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`));
    (window as unknown as { __shifts: number }).__shifts = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; sources?: { node?: Node }[] }[]) {
        // Only what the widgets could move: the footer (the header's tools appearing are site.js's, not ours).
        const inFooter = (e.sources ?? []).some((s) => s.node instanceof Element && s.node.closest(".site-footer"));
        if (e.hadRecentInput || !inFooter) continue;
        (window as unknown as { __shifts: number }).__shifts += e.value;
        console.log(`layout shift ${e.value}: ${(e.sources ?? []).map((s) => (s.node as Element | undefined)?.outerHTML?.slice(0, 120) ?? s.node?.nodeName).join(" | ")}`);
      }
    }).observe({ type: "layout-shift", buffered: true });
  }, options.care ?? false);
  const shifts: string[] = [];
  page.on("console", (m) => void (m.text().startsWith("layout shift") && shifts.push(m.text())));
  const response = await page.goto(server.url + rel, { waitUntil: "networkidle" });
  assert.equal(response?.status(), 200, rel);
  return { context, page, problems, shifts, csp: response?.headers()["content-security-policy"] };
}

/** Alignment of the 落款 block's lines against the article body. */
async function luokuanGeometry(page: Page) {
  return page.evaluate(() => {
    const block = document.querySelector(".gongwen-luokuan p")!;
    const body = document.querySelector(".article-body")!.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(block);
    // Text lines only (the <br> has a rect of its own, of no width).
    const lines = [...range.getClientRects()].filter((r) => r.width > 2).map((r) => ({ left: r.left, right: r.right }));
    const zhusong = document.querySelector(".gongwen-zhusong p")!;
    return {
      textAlign: getComputedStyle(block).textAlign,
      zhusongAlign: getComputedStyle(zhusong).textAlign,
      zhusongIndent: getComputedStyle(zhusong).textIndent,
      zhusongLeft: zhusong.getBoundingClientRect().left - body.left,
      bodyLeft: body.left,
      bodyRight: body.right,
      bodyMid: (body.left + body.right) / 2,
      lines,
    };
  });
}

describe("a 公文 notice in Chromium", () => {
  let site: Fixture;
  let server: Served;
  before(async () => {
    site = await gongwenSite();
    if (site.error) throw site.error;
    server = await serve(site.out, { headers: await readHeaders(site.out) });
  });
  after(async () => {
    await server?.close();
    await site?.cleanup();
  });

  for (const [edition, dir] of [
    ["Simplified", ""],
    ["繁體", "zh-hant/"],
  ] as const) {
    for (const media of ["screen", "print"] as const) {
      test(`the 落款 is right-aligned and stacked, 主送 flush left (${edition}, ${media})`, async () => {
        const { context, page, problems } = await openWatched(server, dir + NOTICE_URL);
        try {
          await page.emulateMedia({ media });
          const g = await luokuanGeometry(page);
          assert.equal(g.textAlign, "right");
          assert.equal(g.lines.length, 2, "organisation and date on two lines");
          for (const line of g.lines) assert.ok(line.left > g.bodyMid, `each 落款 line sits in the right half (${line.left} > ${g.bodyMid})`);
          assert.ok(Math.abs(g.lines[0]!.right - g.lines[1]!.right) < 1, "both lines end at the same right edge");
          assert.ok(g.bodyRight - g.lines[0]!.right < 80, "close to the right edge of the text");
          assert.equal(g.zhusongAlign, "left");
          assert.equal(g.zhusongIndent, "0px");
          assert.ok(Math.abs(g.zhusongLeft) < 1, "主送 starts at the left edge of the text");
          assert.deepEqual(problems, []);
        } finally {
          await context.close();
        }
      });
    }
  }

  test("the inline photo is a responsive <picture> with variants and opens in the lightbox", async () => {
    const { context, page, problems } = await openWatched(server, NOTICE_URL);
    try {
      const figure = page.locator(".article-body figure.inline-photo");
      assert.equal(await figure.count(), 1);
      const img = figure.locator("picture img");
      assert.equal(await figure.locator("picture source").count(), await figure.locator("picture source").count());
      assert.ok((await figure.locator("picture source[type='image/webp']").count()) >= 1, "a WebP source");
      const srcset = (await img.getAttribute("srcset")) ?? "";
      assert.ok(srcset.split(",").length >= 2, `several widths: ${srcset}`);
      assert.equal(await img.getAttribute("width"), "1200");
      assert.equal(await img.getAttribute("height"), "800");
      assert.equal(await img.getAttribute("loading"), "lazy");
      await figure.scrollIntoViewIfNeeded();
      await page.waitForFunction(() => {
        const i = document.querySelector<HTMLImageElement>(".inline-photo img");
        return i?.complete && i.naturalWidth > 0;
      });
      await figure.locator("a.gallery-link").click();
      const dialog = page.locator("dialog.lightbox");
      await dialog.waitFor({ state: "visible" });
      assert.match((await page.locator(".lightbox-caption").textContent()) ?? "", /防溺水专题教育/);
      assert.ok(await page.locator(".lightbox-prev").isHidden(), "one photo: no 上一张");
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "hidden" });
      assert.deepEqual(
        problems.filter((p) => !/ERR_ABORTED/.test(p)),
        [],
      );
    } finally {
      await context.close();
    }
  });

  for (const care of [false, true]) {
    for (const dir of ["", "zh-hant/"]) {
      test(`axe: 0 violations on the notice (${care ? "关怀版" : "default"}, ${dir || "Simplified"})`, async () => {
        const { context, page } = await openWatched(server, dir + NOTICE_URL, { care });
        try {
          assert.equal(await page.evaluate(() => document.documentElement.classList.contains("care")), care);
          const violations = await axe(page);
          assert.deepEqual(
            violations.map((v) => v.id),
            [],
            formatViolations(violations),
          );
        } finally {
          await context.close();
        }
      });
    }
  }
});

/** A stand-in for a widget provider: one script that draws an image from its own origin into a slot. */
async function standIn(script: (origin: string) => string): Promise<{ origin: string; hits: string[]; close(): Promise<void> }> {
  const png = await jpeg(110, 55, [200, 30, 30]);
  const hits: string[] = [];
  let origin = "";
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? "");
    if (req.url?.endsWith(".js")) {
      res.writeHead(200, { "content-type": "text/javascript" });
      res.end(`{ ${script(origin)} }`); // a block: the two stand-ins share the page's global scope
    } else if (req.url?.endsWith(".jpg")) {
      res.writeHead(200, { "content-type": "image/jpeg" });
      res.end(png);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe("government widgets under the derived CSP", () => {
  let badge: Awaited<ReturnType<typeof standIn>>;
  let jiucuo: Awaited<ReturnType<typeof standIn>>;
  before(async () => {
    badge = await standIn((o) => `const i = new Image(); i.alt = "党政机关"; i.src = "${o}/red.jpg"; document.getElementById("_ideConac").append(i); window.__badge = true;`);
    jiucuo = await standIn(
      (o) =>
        `const code = document.getElementById("_jiucuo_").getAttribute("sitecode"); const a = document.createElement("a"); a.href = "${o}/jiucuo?sitecode=" + code; const i = new Image(110, 55); i.alt = "我为政府网站找错"; i.src = "${o}/jiucuo.jpg"; a.append(i); document.getElementById("_span_jiucuo").append(a); window.__jiucuo = code;`,
    );
  });
  after(async () => {
    await badge?.close();
    await jiucuo?.close();
  });

  test("two widgets from two stand-in origins load with no CSP violation and no layout shift", async () => {
    const siteYaml = `${FIXTURE_SITE}widgets:\n  - kind: 党政机关标识\n    script: ${badge.origin}/js/badge.js\n  - kind: 找错\n    script: ${jiucuo.origin}/exposure/jiucuo.js\n`;
    const site = await gongwenSite({ site: siteYaml });
    if (site.error) throw site.error;
    const headers = await readHeaders(site.out);
    const csp = headers["Content-Security-Policy"]!;
    assert.match(csp, new RegExp(`script-src 'self' 'wasm-unsafe-eval' ${badge.origin} ${jiucuo.origin};`));
    assert.match(csp, new RegExp(`img-src 'self' data: ${badge.origin} ${jiucuo.origin};`));
    // Exactly those origins: removing them gives back today's policy.
    assert.equal(csp.replaceAll(` ${badge.origin}`, "").replaceAll(` ${jiucuo.origin}`, ""), CONTENT_SECURITY_POLICY);
    const server = await serve(site.out, { headers });
    try {
      for (const dir of ["", "zh-hant/"]) {
        const { context, page, problems, shifts, csp: sent } = await openWatched(server, dir + NOTICE_URL);
        try {
          assert.equal(sent, csp);
          await page
            .waitForFunction(() => (window as unknown as { __badge?: boolean }).__badge && (window as unknown as { __jiucuo?: string }).__jiucuo, undefined, { timeout: 10_000 })
            .catch((e: Error) => {
              throw new Error(`${e.message}\n${problems.join("\n")}`);
            });
          assert.equal(await page.evaluate(() => (window as unknown as { __jiucuo: string }).__jiucuo), "1234567890", "找错 reads the site's 标识码");
          await page.waitForFunction(() => [...document.querySelectorAll(".widget-slot img")].every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0));
          // The slots keep their reserved size whatever the scripts draw into them.
          const slots = await page.$$eval(".widget-slot", (els) => els.map((e) => [e.id, Math.round(e.getBoundingClientRect().width), Math.round(e.getBoundingClientRect().height)]));
          assert.deepEqual(slots, [
            ["_ideConac", 58, 70],
            ["_span_jiucuo", 110, 55],
          ]);
          const scripts = await page.$$eval(".widget-slot script", (s) => s.map((e) => ({ async: (e as HTMLScriptElement).async, src: (e as HTMLScriptElement).src })));
          assert.equal(scripts.length, 2);
          assert.ok(
            scripts.every((s) => s.async),
            "widget scripts never block rendering",
          );
          await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
          await page.waitForLoadState("networkidle");
          assert.equal(await page.evaluate(() => (window as unknown as { __shifts: number }).__shifts), 0, `no layout shift\n${shifts.join("\n")}`);
          assert.deepEqual(
            problems.filter((p) => !/ERR_ABORTED/.test(p)),
            [],
            "no CSP violation, clean console",
          );
        } finally {
          await context.close();
        }
      }
      assert.ok(badge.hits.some((h) => h.endsWith(".jpg")) && jiucuo.hits.some((h) => h.endsWith(".jpg")), "both stand-ins served their images");
    } finally {
      await server.close();
      await site.cleanup();
    }
  });

  test("with no widgets the CSP is today's policy and the footer has no widget markup", async () => {
    const site = await gongwenSite();
    try {
      const headers = await readHeaders(site.out);
      assert.equal(headers["Content-Security-Policy"], CONTENT_SECURITY_POLICY);
      const page = await site.read(`${NOTICE_URL}index.html`);
      assert.doesNotMatch(page, /widget-/);
    } finally {
      await site.cleanup();
    }
  });
});
