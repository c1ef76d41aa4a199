import assert from "node:assert/strict";
import { test } from "node:test";
import { buildColumnTree, columnForFolder } from "./columns.ts";

const { tree, problems } = buildColumnTree("首页", [
  {
    key: "jyj",
    name: "教育局",
    inPath: false,
    children: [
      { key: "news", name: "新闻中心", children: [{ key: "jydt", name: "教育动态" }, { key: "tzgg", name: "通知公告", type: "notice" }] },
    ],
  },
]);

test("paths skip pathless levels; trails include them", () => {
  assert.deepEqual(problems, []);
  const jydt = tree.byKey.get("jydt")!;
  assert.equal(jydt.url, "/news/jydt/");
  assert.deepEqual(jydt.trail.map((c) => c.name), ["教育局", "新闻中心", "教育动态"]);
  assert.equal(tree.byKey.get("jyj")!.url, "/jyj/");
  assert.equal(tree.byKey.get("news")!.type, "section");
  assert.deepEqual(tree.leaves.map((c) => c.key), ["jydt", "tzgg"]);
});

test("an article's column is the longest column path above its folder", () => {
  assert.equal(columnForFolder(tree, ["news", "jydt", "2024", "x"])?.key, "jydt");
  assert.equal(columnForFolder(tree, ["news", "x"])?.key, "news");
  assert.equal(columnForFolder(tree, ["other"]), undefined);
});

test("duplicate keys are reported", () => {
  const { problems: p } = buildColumnTree("首页", [{ key: "a", name: "A" }, { key: "a", name: "B", segment: "b" }]);
  assert.equal(p.length, 1);
});
