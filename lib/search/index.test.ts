import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { buildSearchIndex } from "./index.ts";

let dir: string;

const page = (lang: string, title: string, body: string, filters = "") =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title></head><body><nav>导航 首页</nav>` +
  `<article data-pagefind-body${filters}><h1 data-pagefind-meta="title">${title}</h1><p>${body}</p></article></body></html>`;

async function tree(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
  for (const e of entries.filter((x) => x.isFile())) {
    const p = path.join(e.parentPath, e.name);
    out[path.relative(root, p)] = createHash("sha256")
      .update(await fs.readFile(p))
      .digest("hex");
  }
  return out;
}

before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "search-index-"));
  const files: Record<string, string> = {
    "a/index.html": page("zh-CN", "强基铸魂 数学家华罗庚的故事进校园", "我区开展立德树人主题教育活动。", ' data-pagefind-filter="栏目[data-c], 年份[data-y]" data-c="教育动态" data-y="2024"'),
    "b/index.html": page("zh-CN", "关于做好2025年春季学期开学工作的通知", "各中小学：为落实立德树人根本任务，现就开学工作通知如下。"),
    "zh-hant/a/index.html": page("zh-Hant", "強基鑄魂 數學家華羅庚的故事進校園", "我區開展立德樹人主題教育活動。"),
    "list/index.html": '<!doctype html><html lang="zh-CN"><body><p>列表页不进索引</p></body></html>',
  };
  for (const [rel, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await fs.writeFile(path.join(dir, rel), text);
  }
});
after(() => fs.rm(dir, { recursive: true, force: true }));

test("indexes only data-pagefind-body pages of the Simplified edition (zh-hant/ is never read), without the unused UI files", async () => {
  const stats = await buildSearchIndex(dir);
  assert.deepEqual(stats.languages, { "zh-cn": 2 });
  assert.equal(stats.pages, 2);
  assert.equal(stats.shards, 1);
  assert.ok(stats.indexBytes > 0 && stats.runtimeBytes > stats.indexBytes);
  const names = await fs.readdir(path.join(dir, "pagefind"));
  assert.ok(names.includes("pagefind.js") && names.includes("pagefind-entry.json"));
  assert.ok(!names.some((n) => n.includes("-ui.")), names.join(" "));
  const entry = JSON.parse(await fs.readFile(path.join(dir, "pagefind", "pagefind-entry.json"), "utf8")) as { version: string };
  assert.equal(entry.version, "1.6.0");
});

test("the Pagefind binary is the extended build (jieba word segmentation for Chinese)", async () => {
  await buildSearchIndex(dir);
  const fragments = path.join(dir, "pagefind", "fragment");
  const texts = await Promise.all((await fs.readdir(fragments)).map(async (f) => (await import("node:zlib")).gunzipSync(await fs.readFile(path.join(fragments, f))).toString("utf8")));
  const a = texts.find((t) => t.includes('"url":"/a/"'));
  assert.ok(a, "fragment of /a/");
  // The extended build segments words with U+200B; the standard build would leave 开展立德树人 whole.
  assert.match(a, /立德\u200b/);
  assert.match(a, /"栏目":\["教育动态"\]/);
});

test("two runs over the same HTML give byte-identical bundles (deterministic output)", async () => {
  await buildSearchIndex(dir);
  const first = await tree(path.join(dir, "pagefind"));
  await buildSearchIndex(dir);
  const second = await tree(path.join(dir, "pagefind"));
  assert.deepEqual(second, first);
});

test("shards: one bundle per glob, the merged ones without a runtime of their own", async () => {
  const stats = await buildSearchIndex(dir, {
    shards: [
      { dir: "", glob: "a/index.html" },
      { dir: "shard-2/", glob: "b/index.html" },
    ],
  });
  assert.equal(stats.shards, 2);
  assert.deepEqual(stats.languages, { "zh-cn": 2 });
  const primary = await fs.readdir(path.join(dir, "pagefind"));
  const second = await fs.readdir(path.join(dir, "pagefind", "shard-2"));
  assert.ok(primary.includes("pagefind.js") && primary.includes("shard-2"));
  assert.ok(second.includes("pagefind-entry.json") && !second.includes("pagefind.js") && !second.some((n) => n.startsWith("wasm.")), second.join(" "));
});

test("stale bundle files from an earlier run are removed", async () => {
  await fs.writeFile(path.join(dir, "pagefind", "fragment", "stale.pf_fragment"), "old");
  await buildSearchIndex(dir);
  assert.ok(!(await fs.readdir(path.join(dir, "pagefind", "fragment"))).includes("stale.pf_fragment"));
});

test("bundle cache: unchanged shards are reused byte for byte, only a shard whose pages changed runs Pagefind again", async () => {
  const cacheDir = path.join(dir, ".cache-bundles");
  const shards = () => [
    { dir: "", glob: "a/index.html", pages: ["a/index.html"] },
    { dir: "shard-2/", glob: "b/index.html", pages: ["b/index.html"] },
  ];
  const first = await buildSearchIndex(dir, { shards: shards(), cacheDir });
  assert.equal(first.reused, 0);
  const fresh = await tree(path.join(dir, "pagefind"));
  const again = await buildSearchIndex(dir, { shards: shards(), cacheDir });
  assert.equal(again.reused, 2);
  assert.equal(again.cpuSeconds, 0, "no Pagefind process ran");
  assert.deepEqual(again.languages, { "zh-cn": 2 });
  assert.deepEqual(await tree(path.join(dir, "pagefind")), fresh, "the same bundle as a fresh run");

  const b = path.join(dir, "b/index.html");
  const original = await fs.readFile(b, "utf8");
  try {
    await fs.writeFile(b, original.replace("开学工作通知如下", "开学工作安排如下"));
    const edited = await buildSearchIndex(dir, { shards: shards(), cacheDir });
    assert.equal(edited.reused, 1, "shard a reused, shard b indexed again");
    const fragments = path.join(dir, "pagefind", "shard-2", "fragment");
    const texts = await Promise.all((await fs.readdir(fragments)).map(async (f) => (await import("node:zlib")).gunzipSync(await fs.readFile(path.join(fragments, f))).toString("utf8")));
    assert.ok(
      texts.some((t) => t.includes("安排")),
      "the edit is in the index",
    );
    // Only the bundles of the last run are kept.
    assert.equal((await fs.readdir(cacheDir)).length, 2);
  } finally {
    await fs.writeFile(b, original);
  }
});

test("a shard's input is made as soon as its pages are written, while the shard before it is indexed", async () => {
  const events: string[] = [];
  const input = (name: string) => async () => {
    events.push(`input ${name}`);
    return { site: dir, cleanup: async () => void events.push(`done ${name}`) };
  };
  const stats = await buildSearchIndex(dir, {
    shards: [
      { dir: "", glob: "a/index.html", input: input("a") },
      { dir: "shard-2/", glob: "b/index.html", input: input("b"), ready: Promise.resolve() },
    ],
  });
  assert.equal(stats.shards, 2);
  // Serially it would be: input a, done a, input b, done b.
  assert.deepEqual(events, ["input a", "input b", "done a", "done b"]);
});

test("a failed shard: the inputs made ahead for later shards are removed too", async () => {
  const made: string[] = [];
  const removed: string[] = [];
  const input = (name: string) => async () => {
    made.push(name);
    return { site: dir, cleanup: async () => void removed.push(name) };
  };
  const saved = process.env.PAGEFIND_EXTENDED_BINARY_PATH;
  process.env.PAGEFIND_EXTENDED_BINARY_PATH = "/bin/false";
  try {
    await assert.rejects(
      buildSearchIndex(dir, {
        shards: [
          { dir: "", glob: "a/index.html", input: input("a") },
          { dir: "shard-2/", glob: "b/index.html", input: input("b") },
        ],
      }),
      /pagefind_extended exited with 1|Pagefind search index failed/,
    );
  } finally {
    if (saved === undefined) delete process.env.PAGEFIND_EXTENDED_BINARY_PATH;
    else process.env.PAGEFIND_EXTENDED_BINARY_PATH = saved;
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(made, ["a", "b"]);
  assert.deepEqual(removed.sort(), ["a", "b"]);
});
