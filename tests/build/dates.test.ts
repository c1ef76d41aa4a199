/**
 * Every date the checks accept, the build accepts — for published, scheduled and draft articles
 * alike, with and without a time of day (issue #18: a scheduled or draft article with a time used to
 * break every build with Eleventy's "Data cascade value for `date` … is invalid").
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { checkSite } from "../../lib/editor/check.ts";
import { article, fixture, FIXTURE_NOW, type Fixture } from "../helpers/fixture.ts";

// FIXTURE_NOW is 2025-06-01 12:00 Beijing time.
const CASES = [
  { slug: "day", date: "2025-05-01", state: "published", iso: "2025-05-01T00:00:00+08:00" },
  { slug: "minute", date: "2025-05-31 09:30", state: "published", iso: "2025-05-31T09:30:00+08:00" },
  { slug: "second", date: "2025-06-01 11:59:59", state: "published", iso: "2025-06-01T11:59:59+08:00" },
  { slug: "dotted", date: "2025.5.20", state: "published", iso: "2025-05-20T00:00:00+08:00" },
  { slug: "dotted-time", date: "2025.05.21 08:05", state: "published", iso: "2025-05-21T08:05:00+08:00" },
  { slug: "slash-time", date: "2025/5/22 8:05", state: "published", iso: "2025-05-22T08:05:00+08:00" },
  { slug: "chinese-time", date: "2025年5月23日 10:00", state: "published", iso: "2025-05-23T10:00:00+08:00" },
  { slug: "later-today", date: "2025-06-01 15:08:03", state: "scheduled" },
  { slug: "tomorrow", date: "2025-06-02", state: "scheduled" },
  { slug: "draft-time", date: "2025-05-30 10:00", state: "draft" },
  { slug: "draft-day", date: "2025-05-29", state: "draft" },
  { slug: "draft-future-time", date: "2025-09-02 10:00", state: "draft" },
] as const;

describe("dates: published, scheduled and draft articles, with and without a time of day", () => {
  let f: Fixture;
  before(async () => {
    const files: Record<string, string> = {};
    for (const c of CASES) files[`content/news/jydt/${c.slug}/index.md`] = article({ title: `文章 ${c.slug}`, date: c.date, source: "办公室", ...(c.state === "draft" ? { draft: true } : {}) });
    f = await fixture(files);
  });
  after(() => f?.cleanup());

  test("the check accepts every one of them", async () => {
    const r = await checkSite({ root: f.root, now: FIXTURE_NOW });
    assert.deepEqual(
      r.issues.filter((i) => i.file.startsWith("content/news/")),
      [],
    );
  });

  test("the build accepts them and publishes exactly the published ones, at their time", async () => {
    await f.build();
    assert.equal(f.error, undefined, String(f.error?.stack ?? f.error));
    for (const c of CASES) {
      const page = `news/jydt/2025/${c.slug}/index.html`;
      assert.equal(await f.exists(page), c.state === "published", `${c.slug} (${c.date}, ${c.state})`);
      if (c.state === "published") assert.match(await f.read(page), new RegExp(`<time datetime="${c.iso.replace(/\+/g, "\\+")}">`), c.slug);
    }
    const feed = await f.read("feed.xml");
    for (const c of CASES) assert.equal(feed.includes(`文章 ${c.slug}<`), c.state === "published", `feed: ${c.slug}`);
  });

  test("a review build (--drafts) publishes all of them", async () => {
    await f.build({ includeDrafts: true });
    assert.equal(f.error, undefined, String(f.error?.stack ?? f.error));
    for (const c of CASES) assert.ok(await f.exists(`news/jydt/2025/${c.slug}/index.html`), c.slug);
  });
});
