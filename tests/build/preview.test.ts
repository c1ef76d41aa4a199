/**
 * The live preview (npm start): serves the built site with drafts, survives a broken article by
 * serving an error page that names the file, and recovers with the new content once it is fixed.
 * Runs the server in-process on a free port; polls with a deadline instead of sleeping.
 */
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { startPreview, type PreviewServer } from "../../lib/editor/preview/server.ts";
import { BODY_PLACEHOLDER } from "../../lib/content/body.ts";
import { buildSite } from "../../lib/pipeline/build.ts";
import { article, fixture, FIXTURE_NOW, jpeg, type Fixture } from "../helpers/fixture.ts";

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
    server = await previewOf(f, logs);
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

  test("an article still holding the new-article placeholder is shown with a 未完成 band (a build refuses it)", async () => {
    await f.write("content/news/jydt/ban-cheng/index.md", article({ title: "写了一半的文章", date: "2025-05-29", source: "办公室" }, BODY_PLACEHOLDER));
    const page = await until(server.url + "/news/jydt/2025/ban-cheng/", (s, b) => s === 200 && b.includes("写了一半的文章"));
    assert.match(page.body, /<p class="unfinished-band" role="note" data-pagefind-ignore><strong>未完成<\/strong>/);
    assert.doesNotMatch((await until(server.url + URL_PATH, (s) => s === 200)).body, /unfinished-band/, "finished articles have no band");
    await fs.rm(path.join(f.root, "content/news/jydt/ban-cheng"), { recursive: true });
    await until(server.url + "/news/jydt/2025/ban-cheng/", (s) => s === 404);
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
      assert.ok(
        logs.some((l) => l.includes(ARTICLE) && l.includes("title")),
        "the terminal names the file too",
      );
      const status = (await (await fetch(server.url + "/__preview/status")).json()) as { ok: boolean };
      assert.equal(status.ok, false);

      const t0 = performance.now();
      await f.write(ARTICLE, article({ title: "全区中小学开学工作检查（更新）", date: "2025-05-30", source: "办公室" }, "第二版正文。"));
      const fixed = await until(server.url + URL_PATH, (s, b) => s === 200 && b.includes("第二版正文。"));
      const ms = performance.now() - t0;
      assert.match(fixed.body, /全区中小学开学工作检查（更新）/);
      assert.doesNotMatch(fixed.body, /第一版正文/);
      // The event may trail the page now that an edit takes milliseconds.
      for (let i = 0; i < 100 && sse.events.filter((e) => e === "reload").length < 2; i++) await new Promise((r) => setTimeout(r, 20));
      assert.ok(sse.events.filter((e) => e === "reload").length >= 2, `reload events: ${sse.events.join(",")}`);
      logs.push(`edit → page served in ${Math.round(ms)} ms`);
    } finally {
      sse.close();
    }
  });
});

const RELOAD = `<script src="/__preview/reload.js"></script>`;
const JYDT = (slug: string) => `content/news/jydt/${slug}/index.md`;
const BODY = "# 小标题\n\n见[通知](/news/tzgg/)与 https://example.com 。\n\n| 项目 | 数量 |\n| --- | ---: |\n| 学校 | 12 |\n";

/** Edits that only touch existing articles take the fast path; it must serve exactly what a full build writes. */
describe("live preview: fast path for edited articles", () => {
  let f: Fixture;
  let server: PreviewServer;
  const logs: string[] = [];
  const get = async (p: string) => {
    const res = await fetch(server.url + p);
    return { status: res.status, body: await res.text() };
  };
  before(async () => {
    f = await fixture({
      [JYDT("di-yi")]: article({ title: "第一篇动态", date: "2025-05-01", source: "办公室" }, BODY),
      [JYDT("di-er")]: article({ title: "第二篇动态", date: "2025-05-02", source: "办公室" }, "第二篇正文。"),
      [JYDT("di-san")]: article({ title: "第三篇动态", date: "2025-05-03", source: "办公室", tags: ["开学"] }, "第三篇正文。"),
      "content/news/tpxw/tu-pian/index.md": `---\ntitle: 图片新闻一则\ndate: 2025-05-04\nsource: 宣传科\nphotos:\n  - file: a.jpg\n    caption: 校园一角\n---\n图片新闻正文。\n`,
      "content/news/tpxw/tu-pian/a.jpg": await jpeg(),
      "content/zwgk/zcwj/wen-jian/index.md": `---\ntitle: 政策文件一则\ndate: 2025-04-01\nsource: 办公室\nattachments:\n  - file: fu-jian.pdf\n    label: 附件一\n---\n文件正文。\n`,
      "content/zwgk/zcwj/wen-jian/fu-jian.pdf": "%PDF-1.4\n%%EOF\n",
      [JYDT("cao-gao")]: article({ title: "草稿一则", date: "2025-05-05", source: "办公室", draft: true }),
      // Saved by Windows Notepad: BOM and CRLF (Eleventy reads the body itself; the preview renders ours).
      "content/news/tzgg/tong-zhi/index.md": "\uFEFF" + article({ title: "通知一则", date: "2025-04-20", source: "办公室" }, "第一段。\n\n第二段  \n换行。").replaceAll("\n", "\r\n"),
    });
    server = await previewOf(f, logs);
    const state = await server.settled();
    assert.ok(state.ok && !state.fast, JSON.stringify(state));
  });
  after(async () => {
    await server?.close();
    await f?.cleanup();
  });

  test("body edit: the article shows it, without a full rebuild", async () => {
    await f.write(JYDT("di-er"), article({ title: "第二篇动态", date: "2025-05-02", source: "办公室" }, "第二篇正文（修改）。"));
    const page = await until(server.url + "/news/jydt/2025/di-er/", (s, b) => s === 200 && b.includes("第二篇正文（修改）。"));
    assert.ok(page.body.includes(RELOAD));
    assert.equal(server.state?.fast, true, JSON.stringify(server.state));
  });

  test("title edit: list, home and both neighbours show the new title", async () => {
    await f.write(JYDT("di-er"), article({ title: "第二篇动态（新标题）", date: "2025-05-02", source: "办公室" }, "第二篇正文（修改）。"));
    await until(server.url + "/news/jydt/2025/di-er/", (s, b) => s === 200 && b.includes("第二篇动态（新标题）"));
    assert.equal(server.state?.fast, true);
    for (const p of ["/news/jydt/", "/", "/news/", "/news/jydt/2025/di-yi/", "/news/jydt/2025/di-san/"]) {
      assert.match((await get(p)).body, /第二篇动态（新标题）/, p);
    }
  });

  test("date edit: the order changes", async () => {
    const order = (body: string) => ["第一篇动态", "第二篇动态", "第三篇动态"].sort((a, b) => body.indexOf(a) - body.indexOf(b));
    assert.deepEqual(order((await get("/news/jydt/")).body), ["第三篇动态", "第二篇动态", "第一篇动态"]);
    await f.write(JYDT("di-yi"), article({ title: "第一篇动态", date: "2025-05-10", source: "办公室" }, BODY));
    await until(server.url + "/news/jydt/2025/di-yi/", (s, b) => s === 200 && b.includes("2025-05-10"));
    assert.equal(server.state?.fast, true);
    assert.deepEqual(order((await get("/news/jydt/")).body), ["第一篇动态", "第三篇动态", "第二篇动态"]);
    // 上一篇 of the newest article is now none; 下一篇 is the draft (drafts are previewed).
    assert.match((await get("/news/jydt/2025/di-yi/")).body, /上一篇：没有了[\s\S]*下一篇：<a href="\/news\/jydt\/2025\/cao-gao\/"/);
  });

  test("every HTML page equals what a full build writes for the same files", async () => {
    await server.settled();
    assert.equal(server.state?.fast, true);
    const full = path.join(f.root, "_full");
    // Same process as the preview, and Eleventy never reads an article: nothing to forget between builds.
    await buildSite({ root: f.root, outputDir: full, quiet: true, now: FIXTURE_NOW, search: false, includeDrafts: true, warn: () => {}, images: { cacheDir: path.join(f.root, ".cache", "images") } });
    const files = (await fs.readdir(full, { recursive: true })).filter((p) => p.endsWith(".html"));
    assert.ok(files.length >= 15, files.join(", "));
    for (const rel of files.sort()) {
      const want = await fs.readFile(path.join(full, rel), "utf8");
      const urlPath =
        "/" +
        rel
          .split(path.sep)
          .join("/")
          .replace(/index\.html$/, "");
      const got = await get(urlPath);
      assert.equal(got.status, 200, rel);
      assert.equal(got.body.replace(RELOAD, ""), want, `${rel} differs from the full build`);
    }
  });

  test("an error in the fast path: error page (500) naming the file; fixed: the page", async () => {
    await f.write(JYDT("di-san"), article({ date: "2025-05-03", source: "办公室" }, "第三篇正文。"));
    const broken = await until(server.url + "/news/jydt/2025/di-san/", (s) => s === 500);
    assert.equal(server.state?.fast, true);
    assert.match(broken.body, /缺少必填字段 title（标题）/);
    assert.match(broken.body, /content\/news\/jydt\/di-san\/index\.md/);
    assert.equal((await get("/")).status, 500);
    await f.write(JYDT("di-san"), article({ title: "第三篇动态（修好）", date: "2025-05-03", source: "办公室" }, "第三篇正文。"));
    await until(server.url + "/news/jydt/2025/di-san/", (s, b) => s === 200 && b.includes("第三篇动态（修好）"));
    assert.equal(server.state?.fast, true);
    assert.match((await get("/news/jydt/")).body, /第三篇动态（修好）/);
  });

  test("a feed after a fast edit: the full build runs first, so it is current", async () => {
    const feed = await get("/news/jydt/feed.xml");
    assert.equal(feed.status, 200);
    assert.match(feed.body, /第三篇动态（修好）/);
    assert.ok(!server.state?.fast);
  });

  test("a new article, a deleted one and a column change take the fast path too", async () => {
    await f.write(JYDT("xin-wen"), article({ title: "新增的一篇", date: "2025-05-20", source: "办公室" }, "新文章正文。"));
    await until(server.url + "/news/jydt/2025/xin-wen/", (s, b) => s === 200 && b.includes("新文章正文。"));
    assert.ok(server.state?.ok && server.state.fast, JSON.stringify(server.state));
    assert.match((await get("/news/jydt/")).body, /新增的一篇/);
    assert.match((await get("/zh-hant/news/jydt/2025/xin-wen/")).body, /新增的一篇/);

    await fs.rm(path.join(f.root, JYDT("xin-wen")));
    await until(server.url + "/news/jydt/2025/xin-wen/", (s) => s === 404);
    assert.equal(server.state?.fast, true);
    assert.doesNotMatch((await get("/news/jydt/")).body, /新增的一篇/);

    const columns = path.join(f.root, "content/_data/columns.yaml");
    const before = await fs.readFile(columns, "utf8");
    await fs.writeFile(columns, before.replace("name: 教育动态", "name: 教育要闻"));
    try {
      await until(server.url + "/news/jydt/", (s, b) => s === 200 && b.includes("教育要闻"));
      assert.equal(server.state?.fast, true);
    } finally {
      await fs.writeFile(columns, before);
      await until(server.url + "/news/jydt/", (s, b) => s === 200 && b.includes("教育动态"));
    }
  });
});

/** The preview server over a fixture, as the tests use it: any free port, fixed build time, quick debounce. */
function previewOf(f: Fixture, logs: string[]): Promise<PreviewServer> {
  return startPreview({
    root: f.root,
    port: 0,
    outputDir: path.join(f.root, "_preview"),
    now: FIXTURE_NOW,
    images: { cacheDir: path.join(f.root, ".cache", "images") },
    debounceMs: 20,
    log: (t) => logs.push(t),
  });
}
