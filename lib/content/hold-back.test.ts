/** restoreHeldBack: the previous version of a held-back article is put back in both editions, never over the new build. */
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { buildColumnTree } from "./columns.ts";
import { formatHoldBack, holdBackFailures, restoreHeldBack } from "./hold-back.ts";
import { ContentError, issue } from "./issues.ts";
import type { Article, ContentModel, HeldBack } from "./model.ts";
import { SiteSchema } from "./schema.ts";

let dir: string;
const put = async (p: string, text: string) => {
  await fs.mkdir(path.dirname(p), { recursive: true });
  await fs.writeFile(p, text);
};
const read = (p: string) => fs.readFile(p, "utf8").catch(() => undefined);
const held = (slug: string, year: number | undefined): HeldBack => ({
  file: `content/news/jydt/${slug}/index.md`,
  issues: [issue("error", `content/news/jydt/${slug}/index.md`, "photos[0].file", "missing-photo", "第 1 张照片：找不到图片文件 a.jpg", "photo 1: photo file a.jpg does not exist", "放进文件夹 / Put it there.", 6)],
  place: { columnPath: "news/jydt", slug, year },
});

before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "hold-back-"));
  const prev = path.join(dir, "prev");
  await put(path.join(prev, "news/jydt/2024/old/index.html"), '<img src="/img/ab/old-640.jpg" srcset="/img/ab/old-640.jpg 640w, /img/ab/old-1280.jpg 1280w">');
  await put(path.join(prev, "news/jydt/2024/old/通知.pdf"), "%PDF");
  await put(path.join(prev, "zh-hant/news/jydt/2024/old/index.html"), "<p>舊版</p>");
  await put(path.join(prev, "img/ab/old-640.jpg"), "jpg");
  await put(path.join(prev, "img/ab/old-1280.jpg"), "jpg");
  await put(path.join(prev, "news/jydt/2023/moved/index.html"), "<p>moved</p>");
  await put(path.join(prev, "news/jydt/2024/taken/index.html"), "<p>old taken</p>");
  await put(path.join(dir, "new/news/jydt/2024/taken/index.html"), "<p>new taken</p>");
});
after(() => fs.rm(dir, { recursive: true, force: true }));

test("previous pages, attachments and photo variants are put back; new pages are never overwritten", async () => {
  const carry = [{ dir: "img", remove: ["ab/old-1280.jpg", "cd/unused.jpg"] }];
  const out = path.join(dir, "new");
  const outcome = await restoreHeldBack([held("old", 2024), held("moved", undefined), held("taken", 2024), held("never", 2025)], { previousOutput: path.join(dir, "prev"), outputDir: out, carry });
  assert.deepEqual(outcome.articles.map((a) => a.restored), [["news/jydt/2024/old/", "zh-hant/news/jydt/2024/old/"], ["news/jydt/2023/moved/"], [], []]);
  assert.match((await read(path.join(out, "news/jydt/2024/old/index.html")))!, /old-640/);
  assert.equal(await read(path.join(out, "news/jydt/2024/old/通知.pdf")), "%PDF");
  assert.equal(await read(path.join(out, "zh-hant/news/jydt/2024/old/index.html")), "<p>舊版</p>");
  assert.equal(await read(path.join(out, "news/jydt/2024/taken/index.html")), "<p>new taken</p>");
  assert.deepEqual(carry[0]!.remove, ["cd/unused.jpg"], "variants of restored pages are no longer deleted");
  assert.equal(await read(path.join(out, "img/ab/old-640.jpg")), undefined, "carried, not copied");

  const out2 = path.join(dir, "new2");
  await restoreHeldBack([held("old", 2024)], { previousOutput: path.join(dir, "prev"), outputDir: out2 });
  assert.equal(await read(path.join(out2, "img/ab/old-1280.jpg")), "jpg", "no carried folder: copied");

  const text = formatHoldBack([held("old", 2024), held("never", 2025)], outcome);
  assert.match(text, /^有 2 篇文章因错误暂不发布/);
  assert.match(text, /content\/news\/jydt\/old\/index\.md：网站上保留上一次发布的版本 \/news\/jydt\/2024\/old\//);
  assert.match(text, /content\/news\/jydt\/never\/index\.md：以前没有发布过，暂不出现在网站上/);
  assert.match(text, /第 6 行 line 6: 第 1 张照片：找不到图片文件 a\.jpg/);
});

test("no previous output: nothing to put back", async () => {
  const outcome = await restoreHeldBack([held("old", 2024)], { previousOutput: path.join(dir, "nope"), outputDir: path.join(dir, "new3") });
  assert.deepEqual(outcome, { articles: [{ file: "content/news/jydt/old/index.md", restored: [] }], copied: 0 });
});

test("a step that refuses articles (the image stage): with hold-back they are held back and the step runs again", async () => {
  const { tree } = buildColumnTree("首页", [{ key: "jydt", name: "教育动态", segment: "jydt" }]);
  const column = tree.byKey.get("jydt")!;
  const art = (slug: string) => ({ file: `content/jydt/${slug}/index.md`, slug, year: 2025, column, url: `/jydt/2025/${slug}/` }) as unknown as Article;
  const articles = [art("good"), art("heic")];
  const model: ContentModel = { root: dir, contentDir: dir, site: SiteSchema.parse({ name: "x", baseUrl: "https://x.test/" }), columns: tree, articles, all: new Map(articles.map((a) => [a.file, a])), issues: [] };
  const refused = issue("error", "content/jydt/heic/index.md", "photos[0].file", "image-heic", "照片是 HEIC 格式", "HEIC", "另存为 JPG / Save as JPEG.");
  const step = async (m: ContentModel) => {
    if (m.all.has("content/jydt/heic/index.md")) throw new ContentError([refused]);
    return m.articles.map((a) => a.slug);
  };
  await assert.rejects(holdBackFailures(model, false, step), /HEIC/);
  const r = await holdBackFailures(model, true, step);
  assert.deepEqual(r.result, ["good"]);
  assert.deepEqual(r.model.heldBack, [{ file: "content/jydt/heic/index.md", issues: [refused], place: { columnPath: "jydt", slug: "heic", year: 2025 } }]);
  assert.deepEqual([...r.model.all.keys()], ["content/jydt/good/index.md"]);
  // An error outside the articles still stops the build.
  const elsewhere = async () => {
    throw new ContentError([issue("error", "content/_data/site.yaml", "x", "bad-site", "坏", "bad", "改 / fix")]);
  };
  await assert.rejects(holdBackFailures(model, true, elsewhere), /内容检查未通过/);
});
