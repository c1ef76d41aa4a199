/** loadContent with a previous model: only the changed files are read again, and the result equals a full load. */
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { article, fixture, FIXTURE_NOW, type Fixture } from "../../tests/helpers/fixture.ts";
import { loadContent, type Article, type ContentModel } from "./load.ts";

const A = "content/news/jydt/di-yi/index.md";
const B = "content/news/jydt/di-er/index.md";
const C = "content/news/tzgg/tong-zhi/index.md";

/** Comparable form: dates as ISO text, columns by key (luxon caches fields lazily, columns link their parents). */
const plain = (a: Article) => ({ ...a, date: a.date.toISO(), column: a.column.key, photos: a.photos.map((p) => ({ ...p })) });
const shape = (m: ContentModel) => ({
  articles: m.articles.map(plain),
  all: [...m.all.entries()].map(([k, a]) => [k, plain(a)]),
  issues: m.issues,
  site: m.site,
  columns: m.columns.all.map((c) => c.key),
});

describe("loadContent: incremental reload", () => {
  let f: Fixture;
  const options = () => ({ root: f.root, includeDrafts: true, now: FIXTURE_NOW });
  const abs = (rel: string) => path.join(f.root, rel);
  /** Writes, reloads incrementally from `prev`, and checks the result against a full load. */
  const edit = async (prev: ContentModel, rel: string, text: string): Promise<ContentModel> => {
    await f.write(rel, text);
    const quick = await loadContent(options(), { model: prev, changed: new Set([abs(rel)]) });
    assert.ok(quick, "reusable");
    assert.deepEqual(shape(quick), shape(await loadContent(options())));
    return quick;
  };

  before(async () => {
    f = await fixture({
      [A]: article({ title: "第一篇", date: "2025-05-01", source: "办公室" }),
      [B]: article({ title: "第二篇", date: "2025-05-02", source: "办公室", wrong: 1 }),
      [C]: article({ title: "通知", date: "2025-05-03", source: "办公室" }),
    });
  });
  after(() => f?.cleanup());

  test("title, date (order), error and fix, duplicate URL: each equals a full load", async () => {
    let m = await loadContent(options());
    assert.deepEqual(m.articles.map((a) => a.title), ["通知", "第二篇", "第一篇"]);
    m = await edit(m, A, article({ title: "第一篇（改）", date: "2025-05-01", source: "办公室" }, "新正文"));
    assert.equal(m.all.get(A)?.body.trim(), "新正文");
    m = await edit(m, A, article({ title: "第一篇（改）", date: "2025-05-09", source: "办公室" }));
    assert.deepEqual(m.articles.map((a) => a.title), ["第一篇（改）", "通知", "第二篇"]);
    m = await edit(m, B, article({ date: "2025-05-02", source: "办公室" }));
    assert.ok(m.issues.some((i) => i.file === B && i.code === "missing-field"));
    assert.equal(m.all.has(B), false);
    m = await edit(m, B, article({ title: "第二篇", date: "2025-05-02", source: "办公室", slug: "di-yi" }));
    assert.equal(m.issues.filter((i) => i.code === "duplicate-url").length, 2, "named on both files");
    m = await edit(m, B, article({ title: "第二篇", date: "2025-05-02", source: "办公室" }));
    assert.equal(m.issues.filter((i) => i.severity === "error").length, 0);
  });

  test("new and deleted files (a new folder, one beside others, one removed): each equals a full load", async () => {
    let m = await loadContent(options());
    const fresh = "content/news/jydt/a-xin/index.md";
    m = await edit(m, fresh, article({ title: "新", date: "2025-05-04", source: "办公室" }));
    assert.ok(m.all.has(fresh));
    await f.write("content/news/tzgg/b-xin/index.md", article({ title: "新通知", date: "2025-05-05", source: "办公室" }));
    const both = await loadContent(options(), { model: m, changed: new Set([abs("content/news/tzgg/b-xin/index.md"), abs(fresh)]) });
    assert.ok(both);
    assert.deepEqual(shape(both), shape(await loadContent(options())));
    await fs.rm(abs(fresh));
    await fs.rm(abs("content/news/tzgg/b-xin/index.md"));
    const gone = await loadContent(options(), { model: both, changed: new Set([abs(fresh), abs("content/news/tzgg/b-xin/index.md")]) });
    assert.ok(gone);
    assert.equal(gone.all.has(fresh), false);
    assert.deepEqual(shape(gone), shape(await loadContent(options())));
  });

  test("other options, or a file outside the articles (YAML, a skipped folder): not reusable", async () => {
    const m = await loadContent(options());
    assert.equal(await loadContent({ ...options(), includeDrafts: false }, { model: m, changed: new Set([abs(A)]) }), undefined);
    assert.equal(await loadContent(options(), { model: m, changed: new Set([abs("content/_data/columns.yaml")]) }), undefined);
    assert.equal(await loadContent(options(), { model: m, changed: new Set([abs("content/_drafts/x/index.md")]) }), undefined);
  });
});
