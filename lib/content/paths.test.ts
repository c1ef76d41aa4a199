import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { resolveInside, slugFromFile, suggestSlug, SLUG } from "./paths.ts";

test("paths named in front matter cannot leave the article's folder", () => {
  const folder = path.resolve("/site/content/news/jydt/a");
  assert.equal(resolveInside(folder, "0J7A6917_副本.JPG"), path.join(folder, "0J7A6917_副本.JPG"));
  assert.equal(resolveInside(folder, "photos/1.jpg"), path.join(folder, "photos/1.jpg"));
  for (const bad of ["../b/1.jpg", "../../../../etc/passwd", "/etc/passwd", "C:\\Windows\\x.jpg", "..\\..\\x.jpg", "file:///etc/passwd", "https://evil.example/x.jpg", "a/../../x.jpg", "", "a\0b"]) {
    assert.equal(resolveInside(folder, bad), null, bad);
  }
});

test("slugs come from the folder or file name, never the title", () => {
  assert.equal(slugFromFile("content/news/jydt/qiangji-zhuhun/index.md"), "qiangji-zhuhun");
  assert.equal(slugFromFile("content/news/jydt/2024-07-12-kaixue.md"), "kaixue");
  assert.ok(SLUG.test("qiangji-zhuhun"));
  assert.ok(!SLUG.test("强基铸魂") && !SLUG.test("Upper") && !SLUG.test("a--b") && !SLUG.test("-a"));
});

test("slug suggestions are readable pinyin", () => {
  assert.equal(suggestSlug("强基铸魂"), "qiang-ji-zhu-hun");
  assert.equal(suggestSlug("2024年 开学"), "2024-nian-kai-xue");
  assert.ok(SLUG.test(suggestSlug("我区召开教育系统“强基铸魂”行动部署会")));
});
