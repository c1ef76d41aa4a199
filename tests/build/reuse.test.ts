/**
 * Page reuse (lib/render/reuse.ts, issue #15): a rebuild takes unchanged article pages from the
 * previous site instead of rendering them. Whatever changes — an article's body or title, a new
 * or deleted article, a photo, a tag, the site settings, a column, a file changed by hand in the
 * output — the rebuild must write exactly the bytes a build from scratch writes, and render no
 * more article pages than the change reaches.
 */
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { article, fixture, FIXTURE_COLUMNS, FIXTURE_NOW, FIXTURE_SITE, jpeg, type Fixture } from "../helpers/fixture.ts";
import { buildSite } from "../../lib/pipeline/build.ts";
import { hashTree } from "../helpers/links.ts";

/** Builds the site again with reuse, and the same files from scratch in another folder: they must be equal. Returns the reuse build's article page counts. */
async function rebuildEqualsScratch(site: Fixture, what: string): Promise<{ rendered: number; reused: number }> {
  const clean = path.join(site.root, "clean");
  await site.build();
  assert.ifError(site.error);
  // The same files from scratch: a copy of the content (no .cache, no record), every page rendered.
  await fs.rm(clean, { recursive: true, force: true });
  await fs.cp(path.join(site.root, "content"), path.join(clean, "content"), { recursive: true });
  await buildSite({ root: clean, outputDir: path.join(clean, "_site"), quiet: true, now: FIXTURE_NOW, search: false, reuse: false, warn: () => {} });
  const [got, want] = await Promise.all([hashTree(site.out), hashTree(path.join(clean, "_site"))]);
  const differ = [...new Set([...got.keys(), ...want.keys()])].filter((f) => got.get(f) !== want.get(f));
  assert.deepEqual(differ, [], `${what}: the rebuild differs from a build from scratch`);
  return site.result!.pages;
}

const POLICY = [
  "---",
  "title: 关于做好暑期安全工作的通知",
  "date: 2024-07-01",
  "source: 安全科",
  "indexNo: 014127394/2024-00012",
  "docNo: 测教发〔2024〕12号",
  "category: 教育",
  "---",
  "各学校：",
  "",
].join("\n");

describe("page reuse: a rebuild equals a build from scratch", () => {
  let site: Fixture;
  /** Builds the site again with reuse, and the same files from scratch in another folder; returns the reuse build's page counts. */
  let check: (what: string) => Promise<{ rendered: number; reused: number }>;

  before(async () => {
    site = await fixture({
      "content/news/jydt/a/index.md": article({ title: "文章甲", date: "2024-07-12 09:30", source: "组织人事科", tags: ["党建"] }, "甲的正文。"),
      "content/news/jydt/b/index.md": article({ title: "文章乙", date: "2024-07-10", source: "办公室", tags: ["党建"] }, "乙的正文。"),
      "content/news/jydt/c/index.md": article({ title: "文章丙", date: "2024-07-01", source: "办公室" }, "丙的正文。"),
      "content/news/jydt/d/index.md": article({ title: "文章丁", date: "2023-03-01", source: "办公室" }, "丁的正文。"),
      "content/news/tzgg/e/index.md": article({ title: "文章戊", date: "2024-06-11", source: "办公室", tags: ["中意"] }, "戊的正文。"),
      "content/news/tpxw/p/index.md": article({ title: "照片新闻", date: "2024-05-01", source: "办公室", photos: [{ file: "p.jpg", caption: "会场" }] }),
      "content/news/tpxw/p/p.jpg": await jpeg(900, 600, [40, 90, 60]),
      "content/zwgk/zcwj/f/index.md": POLICY,
    });
    check = (what) => rebuildEqualsScratch(site, what);
    await site.build();
    assert.ifError(site.error);
  });
  after(() => site.cleanup());

  // 7 articles × 2 editions.
  const ALL = 14;

  test("nothing changed: every article page is reused, and every list, tag and 目录 page", async () => {
    assert.deepEqual(await check("no change"), { rendered: 0, reused: ALL });
    const kinds = site.result!.kindPages;
    assert.equal(kinds.rendered, 0);
    assert.ok(kinds.reused >= 20, `list pages reused: ${kinds.reused}`);
  });

  test("an edited body renders that article only (both editions), and the lists that hold it", async () => {
    await site.write("content/news/jydt/c/index.md", article({ title: "文章丙", date: "2024-07-01", source: "办公室" }, "丙的正文，改了一句。"));
    assert.deepEqual(await check("body edited"), { rendered: 2, reused: ALL - 2 });
    assert.match(await site.read("news/jydt/2024/c/index.html"), /改了一句/);
    // 教育动态, and the sections whose blocks list it (新闻中心, 教育局), in both editions; no tag or 目录 holds 文章丙.
    assert.equal(site.result!.kindPages.rendered, 6);
  });

  test("a new title reaches the neighbours' 上一篇/下一篇 and the 相关阅读 that list it", async () => {
    await site.write("content/news/jydt/b/index.md", article({ title: "文章乙（更正）", date: "2024-07-10", source: "办公室", tags: ["党建"] }, "乙的正文。"));
    const pages = await check("title changed");
    // b itself, its neighbours a and c, and a's 相关阅读 — in both editions; d, e, p, f untouched.
    assert.ok(pages.rendered >= 6 && pages.rendered < ALL, `rendered ${pages.rendered}`);
    assert.match(await site.read("news/jydt/2024/a/index.html"), /文章乙（更正）/);
  });

  test("a new article and a deleted one", async () => {
    await site.write("content/news/jydt/g/index.md", article({ title: "文章庚", date: "2024-07-05", source: "办公室" }, "庚的正文。"));
    const added = await check("article added");
    assert.ok(added.rendered < ALL + 2, `rendered ${added.rendered}`);
    await fs.rm(path.join(site.root, "content/news/jydt/g"), { recursive: true });
    await check("article deleted");
    assert.equal(await site.exists("news/jydt/2024/g/index.html"), false);
  });

  test("a replaced photo, a new tag whose pinyin takes another's slug, a 政务公开 field", async () => {
    await site.write("content/news/tpxw/p/p.jpg", await jpeg(900, 600, [200, 30, 30]));
    await check("photo replaced");
    // 中医 sorts before 中意: the slug zhong-yi moves to it, and 文章戊's tag link changes.
    await site.write("content/news/jydt/d/index.md", article({ title: "文章丁", date: "2023-03-01", source: "办公室", tags: ["中医", "中医"] }, "丁的正文。"));
    await check("tag added");
    await site.write("content/zwgk/zcwj/f/index.md", POLICY.replace("12号", "13号"));
    await check("文号 changed");
  });

  test("site settings and columns render everything again", async () => {
    await site.write("content/_data/site.yaml", FIXTURE_SITE.replace("测试区教育局\n", "测试区教育局（新）\n"));
    assert.deepEqual(await check("site name changed"), { rendered: ALL, reused: 0 });
    await site.write("content/_data/columns.yaml", FIXTURE_COLUMNS.replace("name: 教育动态", "name: 教育新闻"));
    assert.equal((await check("column renamed")).reused, 0);
  });

  test("a page changed by hand in the output is rendered again; a failed build keeps the record", async () => {
    const file = path.join(site.out, "news/jydt/2024/a/index.html");
    const before = await fs.readFile(file, "utf8");
    await fs.writeFile(file, before.replace("甲的正文", "被人改过"));
    assert.deepEqual(await check("output edited by hand"), { rendered: 1, reused: ALL - 1 });
    assert.equal(await fs.readFile(file, "utf8"), before);

    await site.write("content/news/jydt/c/index.md", "---\ntitle: 文章丙\n---\n缺少日期和来源。\n");
    await site.build();
    assert.ok(site.error, "the build fails");
    await site.write("content/news/jydt/c/index.md", article({ title: "文章丙", date: "2024-07-01", source: "办公室" }, "丙的正文，改了一句。"));
    assert.deepEqual(await check("after a failed build"), { rendered: 0, reused: ALL });
  });

  test("reuse: false renders every page", async () => {
    await site.build({ reuse: false });
    assert.ifError(site.error);
    assert.deepEqual(site.result!.pages, { rendered: ALL, reused: 0 });
  });
});

describe("list pages reused: a section's page shows its sub-columns' newest articles, beyond its own first page", () => {
  let site: Fixture;
  before(async () => {
    // Five to a page: 新闻中心's own page holds the five newest (all 教育动态); its 通知公告 block the two older notices.
    const files: Record<string, string> = { "content/_data/site.yaml": FIXTURE_SITE.replace("pageSize: 20", "pageSize: 5") };
    for (let i = 1; i <= 6; i++) files[`content/news/jydt/n${i}/index.md`] = article({ title: `动态${i}`, date: `2024-07-0${i}`, source: "办公室" }, `正文${i}。`);
    files["content/news/tzgg/t1/index.md"] = article({ title: "通知一", date: "2024-01-05", source: "办公室" }, "通知正文。");
    files["content/news/tzgg/t2/index.md"] = article({ title: "通知二", date: "2024-01-06", source: "办公室" }, "通知正文。");
    site = await fixture(files);
    await site.build();
    assert.ifError(site.error);
  });
  after(() => site.cleanup());

  test("an older notice's new title reaches the section's 通知公告 block", async () => {
    await site.write("content/news/tzgg/t1/index.md", article({ title: "通知一（更正）", date: "2024-01-05", source: "办公室" }, "通知正文。"));
    await rebuildEqualsScratch(site, "notice retitled");
    assert.match(await site.read("news/index.html"), /通知一（更正）/);
    assert.ok(site.result!.kindPages.reused > 0, "the pages that do not show it are reused");
  });
});

describe("page reuse with the search index: an edit reindexes its shard from cached copies, and the index equals one built from scratch", () => {
  let site: Fixture;
  const limits = { PORTAL_SEARCH_SINGLE_MAX: "3", PORTAL_SEARCH_SHARD_MAX: "3" };
  const saved = Object.fromEntries(Object.keys(limits).map((k) => [k, process.env[k]]));
  before(async () => {
    // Shards on a small site: three years, one bundle each.
    Object.assign(process.env, limits);
    const files: Record<string, string> = {};
    for (const [i, year] of [2025, 2025, 2024, 2024, 2023, 2023].entries()) {
      files[`content/news/jydt/a${i}/index.md`] = article({ title: `立德树人第${i}篇`, date: `${year}-0${i + 1}-01`, source: "办公室" }, `课后服务的正文，第${i}篇。`);
    }
    site = await fixture(files);
    await site.build({ search: true });
    assert.ifError(site.error);
  });
  after(async () => {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    await site.cleanup();
  });

  test("edit → one shard reindexed, the others reused; bundles byte-identical to a build from scratch", async () => {
    await site.write("content/news/jydt/a0/index.md", article({ title: "立德树人第0篇", date: "2025-01-01", source: "办公室" }, "课后服务的正文，第0篇，改过。"));
    // What an interrupted build of another process leaves: Pagefind's input folder inside the copy cache.
    await site.write(".cache/search/copies/.input-0-interrupted/news/x/index.html", "<!doctype html>");
    await site.build({ search: true });
    assert.ifError(site.error);
    const stats = site.result!.search!;
    assert.equal(stats.shards, 3);
    assert.equal(stats.reused, 2, "the two archive shards come from the bundle cache");
    assert.deepEqual(site.result!.pages, { rendered: 2, reused: 10 });
    const copies = await fs.readdir(path.join(site.root, ".cache/search/copies"));
    assert.equal(copies.filter((f) => f.endsWith(".html")).length, 6, "one cached index copy per article, the old copy of the edited one pruned");
    assert.deepEqual(
      copies.filter((f) => f.startsWith(".")),
      [],
      "no input folder left, another process's leftover removed",
    );

    const clean = path.join(site.root, "clean");
    await fs.cp(path.join(site.root, "content"), path.join(clean, "content"), { recursive: true });
    await buildSite({ root: clean, outputDir: path.join(clean, "_site"), quiet: true, now: FIXTURE_NOW, search: true, reuse: false, warn: () => {} });
    const [got, want] = await Promise.all([hashTree(site.out), hashTree(path.join(clean, "_site"))]);
    const differ = [...new Set([...got.keys(), ...want.keys()])].filter((f) => got.get(f) !== want.get(f));
    assert.deepEqual(differ, [], "the site, search bundles included, equals a build from scratch");
  });

  test("without cached index copies, the shard reads its unchanged pages from the previous site (they are linked into the new one only after the render)", async () => {
    await fs.rm(path.join(site.root, ".cache/search/copies"), { recursive: true, force: true });
    await fs.rm(path.join(site.root, ".cache/search/bundles"), { recursive: true, force: true });
    await site.write("content/news/jydt/a1/index.md", article({ title: "立德树人第1篇", date: "2025-02-01", source: "办公室" }, "课后服务的正文，第1篇，改过。"));
    await site.build({ search: true });
    assert.ifError(site.error);
    assert.deepEqual(site.result!.pages, { rendered: 2, reused: 10 });
    assert.equal(site.result!.search!.pages, 6, "every article indexed, the ten reused pages read before they were linked");
    const copies = await fs.readdir(path.join(site.root, ".cache/search/copies"));
    assert.equal(copies.filter((f) => f.endsWith(".html")).length, 6, "the copies made again");
  });
});
