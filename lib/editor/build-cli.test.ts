/** npm run build's command line with a stand-in build: exit codes, the hold-back report, one-line failures. */
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { after, before, test } from "node:test";
import { buildColumnTree } from "../content/columns.ts";
import { ContentError, issue } from "../content/issues.ts";
import type { ContentModel, HeldBack } from "../content/model.ts";
import { SiteSchema } from "../content/schema.ts";
import { BUILD_EXIT, runBuildCli, type BuildRequest, type BuildRun } from "./build-cli.ts";

let root: string;
before(async () => void (root = await fs.mkdtemp(path.join(os.tmpdir(), "build-cli-"))));
after(() => fs.rm(root, { recursive: true, force: true }));

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d) => (out += String(d)));
  stderr.on("data", (d) => (err += String(d)));
  return {
    stdout,
    stderr,
    cwd: root,
    get out() {
      return out;
    },
    get err() {
      return err;
    },
  };
}

const held: HeldBack = {
  file: "content/news/jydt/broken/index.md",
  issues: [
    issue(
      "error",
      "content/news/jydt/broken/index.md",
      "photos[1].file",
      "missing-photo",
      "第 2 张照片：找不到图片文件 IMG_5180.JPG；文件夹里有 IMG_5108.JPG，是不是这个？",
      "photo 2: …",
      "把 IMG_5180.JPG 改成 IMG_5108.JPG / …",
      8,
    ),
  ],
  place: { columnPath: "news/jydt", slug: "broken", year: 2024 },
};
const model = (heldBack?: HeldBack[]): ContentModel => ({
  root,
  contentDir: path.join(root, "content"),
  site: SiteSchema.parse({ name: "测试", baseUrl: "https://x.test/" }),
  columns: buildColumnTree("首页", []).tree,
  articles: [],
  all: new Map(),
  issues: heldBack?.flatMap((h) => h.issues) ?? [],
  ...(heldBack ? { heldBack } : {}),
});
const run =
  (m: ContentModel, extra: Partial<BuildRun> = {}) =>
  async (r: BuildRequest): Promise<BuildRun> => ({ model: m, outputDir: r.outputDir, ms: 1200, timings: new Map([["content", 100]]), ...extra });

test("a clean build exits 0", async () => {
  const cli = io();
  assert.equal(await runBuildCli(["--hold-back"], cli, run(model([]))), BUILD_EXIT.ok);
  assert.match(cli.out, /^构建完成 Built 0 articles into _site\/ in 1\.2s \(content 0\.10s\)\n$/);
  assert.equal(cli.err, "");
});

test("--hold-back with a held-back article: listed with its errors, report written, exit 3", async () => {
  const cli = io();
  let request: BuildRequest | undefined;
  const code = await runBuildCli(["--hold-back"], cli, async (r) => {
    request = r;
    return run(model([held]), { heldBack: { articles: [{ file: held.file, restored: ["news/jydt/2024/broken/", "zh-hant/news/jydt/2024/broken/"] }], copied: 2 } })(r);
  });
  assert.equal(code, 3);
  assert.equal(request?.holdBack, true);
  assert.match(cli.err, /content\/news\/jydt\/broken\/index\.md：网站上保留上一次发布的版本 \/news\/jydt\/2024\/broken\//);
  assert.match(cli.err, /第 8 行 line 8: 第 2 张照片：找不到图片文件 IMG_5180\.JPG/);
  assert.match(cli.err, /✗ 1 篇文章暂不发布，详见 \.cache\/held-back\.txt/);
  assert.match(await fs.readFile(path.join(root, ".cache/held-back.txt"), "utf8"), /找不到图片文件 IMG_5180\.JPG/);
  // The next clean build removes the stale report.
  assert.equal(await runBuildCli(["--hold-back"], io(), run(model([]))), 0);
  await assert.rejects(fs.stat(path.join(root, ".cache/held-back.txt")));
});

test("content errors without --hold-back: every problem, exit 1, site untouched", async () => {
  const cli = io();
  const code = await runBuildCli([], cli, async () => {
    throw new ContentError(held.issues);
  });
  assert.equal(code, BUILD_EXIT.failed);
  assert.match(cli.err, /内容检查未通过/);
  assert.match(cli.err, /上一次成功构建的网站未被改动/);
});

test("an unexpected failure: one bilingual line with the cause and the file, the full trace in a log", async () => {
  const cli = io();
  const inner = Object.assign(new Error("Data cascade value for `date` (2025-09-02 10:00) is invalid for ./content/news/jydt/x/index.md\n    at frame 1"), {});
  const outer = Object.assign(new Error("Having trouble rendering 11ty.js template"), { originalError: inner });
  assert.equal(
    await runBuildCli([], cli, async () => {
      throw outer;
    }),
    1,
  );
  const lines = cli.err.trim().split("\n");
  assert.deepEqual(lines, [
    "构建失败 Build failed: Data cascade value for `date` (2025-09-02 10:00) is invalid for ./content/news/jydt/x/index.md（文件 file: content/news/jydt/x/index.md）；完整错误信息 full trace: .cache/build-error.log",
    "上一次成功构建的网站未被改动 (the previous site is untouched).",
  ]);
  const log = await fs.readFile(path.join(root, ".cache/build-error.log"), "utf8");
  assert.match(log, /Having trouble rendering/);
  assert.match(log, /Caused by: Error: Data cascade value/);
});

test("invalid arguments exit 2 with the usage", async () => {
  const cli = io();
  assert.equal(await runBuildCli(["--nope"], cli, run(model())), BUILD_EXIT.usage);
  assert.match(cli.err, /--hold-back/);
});

test("--no-reuse asks for every page to be rendered; the summary says how many pages were rendered and reused", async () => {
  const requests: BuildRequest[] = [];
  const pages = { rendered: 2, reused: 7998 };
  const kindPages = { rendered: 44, reused: 1566 };
  const cli = io();
  const build = async (r: BuildRequest) => (requests.push(r), run(model([]), { pages, kindPages })(r));
  assert.equal(await runBuildCli([], cli, build), BUILD_EXIT.ok);
  assert.equal(await runBuildCli(["--no-reuse"], io(), build), BUILD_EXIT.ok);
  assert.deepEqual(
    requests.map((r) => r.reuse),
    [true, false],
  );
  assert.match(cli.out, /文章页 article pages: 2 rendered, 7998 unchanged from the last build; 列表页 list pages: 44 rendered, 1566 unchanged\)\n$/);
});
