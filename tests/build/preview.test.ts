/**
 * The live preview (npm start): serves the built site with drafts, survives a broken article by
 * serving an error page that names the file, and recovers with the new content once it is fixed.
 * Runs the server in-process on a free port; polls with a deadline instead of sleeping.
 */
import assert from "node:assert/strict";
import http from "node:http";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { startPreview, type PreviewServer } from "../../lib/editor/preview.ts";
import { article, fixture, FIXTURE_NOW, type Fixture } from "../helpers/fixture.ts";

const ARTICLE = "content/news/jydt/kai-xue/index.md";
const URL_PATH = "/news/jydt/2025/kai-xue/";

/** Fetches until `ok(response)` holds, or fails after `ms`. */
async function until(url: string, ok: (status: number, body: string) => boolean, ms = 15000): Promise<{ status: number; body: string }> {
  const deadline = Date.now() + ms;
  let last = { status: 0, body: "" };
  while (Date.now() < deadline) {
    const res = await fetch(url);
    last = { status: res.status, body: await res.text() };
    if (ok(last.status, last.body)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out waiting for ${url}; last status ${last.status}: ${last.body.slice(0, 300)}`);
}

/** Collects Server-Sent Events from the preview's reload channel. */
function listen(url: string): { events: string[]; close(): void } {
  const events: string[] = [];
  const req = http.get(url, (res) => res.on("data", (d) => events.push(...[...String(d).matchAll(/^event: (\w+)/gm)].map((m) => m[1]!))));
  req.on("error", () => {});
  return { events, close: () => req.destroy() };
}

describe("live preview", () => {
  let f: Fixture;
  let server: PreviewServer;
  const logs: string[] = [];
  before(async () => {
    f = await fixture({
      [ARTICLE]: article({ title: "全区中小学开学工作检查", date: "2025-05-30", source: "办公室" }, "第一版正文。"),
      "content/news/jydt/cao-gao/index.md": article({ title: "尚未发布的草稿", date: "2025-05-31", source: "办公室", draft: true }),
    });
    server = await startPreview({
      root: f.root,
      port: 0,
      outputDir: path.join(f.root, "_preview"),
      now: FIXTURE_NOW,
      images: { cacheDir: path.join(f.root, ".cache", "images") },
      debounceMs: 20,
      log: (t) => logs.push(t),
    });
  });
  after(async () => {
    await server?.close();
    await f?.cleanup();
  });

  test("serves the site, drafts included, with the live-reload script", async () => {
    const state = await server.settled();
    assert.ok(state.ok, JSON.stringify(state));
    const page = await until(server.url + URL_PATH, (s) => s === 200);
    assert.match(page.body, /全区中小学开学工作检查/);
    assert.match(page.body, /第一版正文。/);
    assert.match(page.body, /<script src="\/__preview\/reload\.js"><\/script>\s*<\/body>/);
    assert.match((await until(server.url + "/news/jydt/2025/cao-gao/", (s) => s === 200)).body, /尚未发布的草稿/);
    const missing = await fetch(server.url + "/news/jydt/2025/nope/");
    assert.equal(missing.status, 404);
    assert.equal((await fetch(server.url + "/news/jydt", { redirect: "manual" })).headers.get("location"), "/news/jydt/");
    assert.equal(await f.exists("index.html"), false, "nothing is written to _site/");
  });

  test("a broken article: the server stays up and every page is an error page naming the file; fixed: new content", async () => {
    const sse = listen(server.url + "/__preview/events");
    try {
      await f.write(ARTICLE, article({ date: "2025-05-30", source: "办公室" }, "第一版正文。"));
      const broken = await until(server.url + URL_PATH, (s) => s === 500);
      assert.match(broken.body, /内容有 1 个错误/);
      assert.match(broken.body, new RegExp(ARTICLE.replaceAll("/", "\\/")));
      assert.match(broken.body, /缺少必填字段 title（标题）/);
      assert.match(broken.body, /修改方法/);
      assert.equal((await fetch(server.url + "/")).status, 500, "every page shows the errors");
      assert.ok(logs.some((l) => l.includes(ARTICLE) && l.includes("title")), "the terminal names the file too");
      const status = (await (await fetch(server.url + "/__preview/status")).json()) as { ok: boolean };
      assert.equal(status.ok, false);

      const t0 = performance.now();
      await f.write(ARTICLE, article({ title: "全区中小学开学工作检查（更新）", date: "2025-05-30", source: "办公室" }, "第二版正文。"));
      const fixed = await until(server.url + URL_PATH, (s, b) => s === 200 && b.includes("第二版正文。"));
      const ms = performance.now() - t0;
      assert.match(fixed.body, /全区中小学开学工作检查（更新）/);
      assert.doesNotMatch(fixed.body, /第一版正文/);
      assert.ok(sse.events.filter((e) => e === "reload").length >= 2, `reload events: ${sse.events.join(",")}`);
      logs.push(`edit → page served in ${Math.round(ms)} ms`);
    } finally {
      sse.close();
    }
  });
});
