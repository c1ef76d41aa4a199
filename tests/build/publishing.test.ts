/**
 * Output you can trust: the real demo site is built once (plus once more for determinism and
 * once under a path prefix) and checked as a whole — valid HTML, no broken link, valid feeds and
 * sitemap, shipped headers equal to deploy/nginx.conf, byte-identical rebuilds, nothing written
 * outside the output folder — and a build that fails late leaves the previous site untouched.
 */
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { HtmlValidate, StaticConfigLoader, type ConfigData, type ResolvedConfig } from "html-validate";
import { buildSite, type BuildResult } from "../../lib/pipeline/build.ts";
import type { ContentModel } from "../../lib/content/load.ts";
import { COLUMN_FEED_SIZE, entryTitle, entryUpdated, SITE_FEED_SIZE } from "../../lib/feeds/atom.ts";
import { isoDateTime } from "../../lib/content/dates.ts";
import { CACHE_RULES, SECURITY_HEADERS } from "../../lib/feeds/headers.ts";
import { readHeaders } from "../helpers/browser.ts";
import { demoCopy, type DemoCopy } from "../helpers/demo.ts";
import { article, fixture, jpeg, type Fixture } from "../helpers/fixture.ts";
import { brokenReport, checkLinks, decodeEntities, extractHtmlRefs, hashTree, listFiles, type Ref, type SiteInfo } from "../helpers/links.ts";

const ROOT = process.cwd();
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["entry", "link", "url", "category"].includes(name) });

type Entry = {
  id: string;
  title: string;
  link: { "@rel": string; "@href": string }[];
  published: string;
  updated: string;
  author: { name: string };
  summary?: string;
  content: { "@type": string; "#text": string };
};
type Feed = { id: string; title: string; updated: string; link: { "@rel": string; "@href": string }[]; author: { name: string }; entry?: Entry[] };

function parseXml(text: string, file: string): Record<string, unknown> {
  const valid = XMLValidator.validate(text);
  assert.equal(valid, true, `${file} is not well-formed XML: ${JSON.stringify(valid)}`);
  return parser.parse(text) as Record<string, unknown>;
}

/** Every URL a feed points at (entry links and the links/images inside entry content). */
function feedRefs(feed: Feed, from: string): Ref[] {
  const refs: Ref[] = feed.link.map((l) => ({ from, kind: `feed link ${l["@rel"]}`, url: l["@href"] }));
  for (const e of feed.entry ?? []) {
    refs.push({ from, kind: "feed entry id", url: e.id }, ...e.link.map((l) => ({ from, kind: "feed entry link", url: l["@href"] })));
    refs.push(...extractHtmlRefs(e.content["#text"], from).map((r) => ({ ...r, kind: `feed content ${r.kind}` })));
  }
  return refs;
}

/**
 * html-validate resolves its configuration (element metadata for all of HTML) again for every
 * string it validates; ours is the same for every page, so resolve it once (halves the time).
 */
class OnceConfigLoader extends StaticConfigLoader {
  #resolved: ResolvedConfig | Promise<ResolvedConfig> | undefined;
  override getConfigFor(handle: string, override?: ConfigData): ResolvedConfig | Promise<ResolvedConfig> {
    return (this.#resolved ??= super.getConfigFor(handle, override));
  }
}

/** The messages of an error and of every error it wraps (Eleventy wraps render errors). */
function messages(error: unknown): string {
  const out: string[] = [];
  let e = error as { message?: string; originalError?: unknown; cause?: unknown } | undefined;
  for (let i = 0; i < 8 && e; i++) {
    out.push(String(e.message));
    e = (e.originalError ?? e.cause) as typeof e;
  }
  return out.join(" <- ");
}

/** Snapshot of what a build could touch outside its output: the project's top level and content/. */
async function outsideSnapshot(): Promise<{ top: string[]; content: string }> {
  const top = (await fs.readdir(ROOT)).filter((e) => e !== ".cache").sort();
  const hash = crypto.createHash("sha256");
  for (const f of await listFiles(path.join(ROOT, "content"))) {
    const s = await fs.stat(path.join(ROOT, "content", f));
    hash.update(`${f} ${s.size} ${s.mtimeMs}\n`);
  }
  return { top, content: hash.digest("hex") };
}

describe("publishing the demo site", () => {
  let tmp: string;
  let out: string;
  let result: BuildResult;
  let model: ContentModel;
  let site: SiteInfo;
  let snapshot: Awaited<ReturnType<typeof outsideSnapshot>>;

  before(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), "portal-publish-"));
    out = path.join(tmp, "a");
    snapshot = await outsideSnapshot();
    result = await buildSite({ root: ROOT, outputDir: out, quiet: true, search: false, warn: () => {} });
    model = result.model;
    site = { dir: out, baseUrl: model.site.baseUrl, pathPrefix: model.site.pathPrefix };
  });
  after(() => fs.rm(tmp, { recursive: true, force: true }));

  test("the demo site is big enough to mean something", () => {
    assert.ok(model.articles.length >= 10, `only ${model.articles.length} published articles`);
    assert.ok(
      model.articles.some((a) => a.photos.length > 1),
      "an article with a gallery",
    );
    assert.ok(
      model.articles.some((a) => a.attachments.length),
      "an article with attachments",
    );
  });

  test("html-validate finds no error on any page", async () => {
    const config = JSON.parse(await fs.readFile(path.join(ROOT, ".htmlvalidate.json"), "utf8")) as ConfigData;
    const validator = new HtmlValidate(new OnceConfigLoader(config));
    const pages = (await listFiles(out)).filter((f) => f.endsWith(".html"));
    assert.ok(pages.length > model.articles.length, "every article and list page is checked");
    const errors: string[] = [];
    for (const page of pages) {
      const report = await validator.validateString(await fs.readFile(path.join(out, page), "utf8"), page);
      for (const r of report.results) for (const m of r.messages) errors.push(`${page}:${m.line}:${m.column} ${m.ruleId} ${m.message}${m.selector ? ` (${m.selector})` : ""}`);
    }
    assert.equal(errors.length, 0, `${errors.length} html-validate errors:\n${errors.slice(0, 40).join("\n")}`);
  });

  test("the Atom feeds are valid, complete and dated by their content", async () => {
    const check = async (rel: string, expected: typeof model.articles, title: string, alternate: string) => {
      const feed = parseXml(await fs.readFile(path.join(out, rel), "utf8"), rel).feed as Feed;
      const self = `${model.site.baseUrl.replace(/\/$/, "")}${model.site.pathPrefix}${rel}`;
      assert.equal(feed.id, self, rel);
      assert.equal(feed.title, title);
      assert.deepEqual(
        feed.link.map((l) => `${l["@rel"]} ${l["@href"]}`),
        [`self ${self}`, `alternate ${model.site.baseUrl.replace(/\/$/, "")}${model.site.pathPrefix}${alternate.slice(1)}`],
      );
      assert.ok(feed.author.name);
      const entries = feed.entry ?? [];
      assert.deepEqual(
        entries.map((e) => e.id),
        expected.map((a) => `${model.site.baseUrl.replace(/\/$/, "")}${model.site.pathPrefix}${a.url.slice(1)}`),
        `${rel}: newest first, cut to size`,
      );
      const latest = [...entries.map((e) => e.updated)].sort().pop();
      if (entries.length) assert.equal(feed.updated, latest, `${rel}: updated is the newest entry's date`);
      assert.match(feed.updated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
      entries.forEach((e, i) => {
        const a = expected[i]!;
        assert.equal(e.title, entryTitle(a)); // 【已废止】 prefix on a repealed 政务公开 document
        assert.equal(e.author.name, a.source, "author is the source department");
        assert.equal(e.updated, isoDateTime(entryUpdated(a)), "updated is the date, or the day a 政务公开 document stopped being in force");
        assert.equal(e.link[0]!["@href"], e.id);
        assert.equal(e.content["@type"], "html");
        assert.ok(e.content["#text"].length > 0, `${a.url} has content`);
        assert.equal(typeof e.summary, "string");
      });
      return feed;
    };
    await check("feed.xml", model.articles.slice(0, SITE_FEED_SIZE), model.site.name, "/");
    for (const column of model.columns.leaves) {
      const list = result.input.view.byColumn.get(column.key) ?? [];
      await check(`${column.path}/feed.xml`, list.slice(0, COLUMN_FEED_SIZE), `${column.name} - ${model.site.name}`, column.url);
    }
    // Section columns have no feed: their page lists sub-columns.
    for (const column of model.columns.all.filter((c) => !c.isLeaf)) assert.ok(!(await listFiles(out)).includes(`${column.path}/feed.xml`));
  });

  test("sitemap.xml lists home, every column, every 目录 and every article with lastmod; robots.txt points to it", async () => {
    const urlset = parseXml(await fs.readFile(path.join(out, "sitemap.xml"), "utf8"), "sitemap.xml").urlset as { url: { loc: string; lastmod?: string }[] };
    const abs = (p: string) => `${model.site.baseUrl.replace(/\/$/, "")}${model.site.pathPrefix}${p.slice(1)}`;
    const locs = new Map(urlset.url.map((u) => [u.loc, u.lastmod]));
    assert.equal(locs.size, urlset.url.length, "no duplicates");
    assert.ok(locs.has(abs("/")));
    for (const c of model.columns.all) assert.ok(locs.has(abs(c.url)), c.url);
    for (const a of model.articles) assert.match(locs.get(abs(a.url)) ?? "", /^\d{4}-\d\d-\d\dT/, a.url);
    // …and the 信息公开目录 of each 政务公开 column and of the 政务公开 section (issue #14).
    const catalogs = [...locs.keys()].filter((l) => l.endsWith("/ml/"));
    assert.deepEqual(catalogs.sort(), ["/zwgk/ml/", "/zwgk/zcwj/ml/", "/zwgk/ghjh/ml/", "/zwgk/rsxx/ml/", "/zwgk/ndbg/ml/"].map(abs).sort());
    assert.equal(urlset.url.length, 1 + model.columns.all.length + catalogs.length + model.articles.length);
    const robots = await fs.readFile(path.join(out, "robots.txt"), "utf8");
    assert.match(robots, new RegExp(`^Sitemap: ${abs("/sitemap.xml").replace(/[.?]/g, "\\$&")}$`, "m"));
  });

  test("no broken internal link, image, srcset, attachment, stylesheet url(), feed or sitemap entry", async () => {
    const extra: Ref[] = [];
    for (const f of (await listFiles(out)).filter((f) => f.endsWith("feed.xml"))) {
      extra.push(...feedRefs(parseXml(await fs.readFile(path.join(out, f), "utf8"), f).feed as Feed, f));
    }
    const sitemap = await fs.readFile(path.join(out, "sitemap.xml"), "utf8");
    for (const m of sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)) extra.push({ from: "sitemap.xml", kind: "sitemap loc", url: decodeEntities(m[1]!) });
    const robots = await fs.readFile(path.join(out, "robots.txt"), "utf8");
    extra.push({ from: "robots.txt", kind: "robots sitemap", url: robots.match(/^Sitemap: (.+)$/m)![1]! });
    // search: false here — the Pagefind bundle is checked in the path-prefix build below.
    const { checked, broken } = await checkLinks(site, extra, { ignoreKinds: ["data-bundle"] });
    assert.ok(checked > 1000, `only ${checked} references checked`);
    assert.equal(broken.length, 0, brokenReport(broken));
  });

  test("_headers carries lib/feeds/headers.ts, and deploy/nginx.conf sends the same headers", async () => {
    assert.deepEqual(await readHeaders(out), { ...SECURITY_HEADERS });
    const conf = await fs.readFile(path.join(ROOT, "deploy", "nginx.conf"), "utf8");
    const nginx: Record<string, string> = {};
    for (const m of conf.matchAll(/^\s*add_header\s+(\S+)\s+(?:"([^"]*)"|(\S+))\s+always;/gm)) nginx[m[1]!] = m[2] ?? m[3]!;
    const { "Cache-Control": cache, ...security } = nginx;
    assert.deepEqual(security, { ...SECURITY_HEADERS });
    assert.equal(cache, "$jyj_cache_control");
    for (const rule of CACHE_RULES) assert.match(conf, new RegExp(`~\\^/${rule.folder.replace("/", "\\/")}\\s+"${rule.value}";`), rule.folder);
    assert.doesNotMatch(conf.replace(/^\s*#.*$/gm, ""), /location[^{]*\{[^}]*add_header/, "no location re-declares add_header (it would drop the security headers)");
    assert.match(conf, /error_page 404 \/404\.html;/);
    assert.match(conf, /default_type application\/wasm;/);
  });

  test("nothing is written outside the output folder", async () => {
    assert.deepEqual(await outsideSnapshot(), snapshot, "the project folder and content/ are unchanged");
    assert.deepEqual(await fs.readdir(tmp), ["a"], "no temporary or old output beside the output folder");
  });

  test("two builds of the same input are byte-identical", async () => {
    const second = path.join(tmp, "b");
    await buildSite({ root: ROOT, outputDir: second, quiet: true, search: false, warn: () => {} });
    const [a, b] = await Promise.all([hashTree(out), hashTree(second)]);
    assert.deepEqual([...b.keys()], [...a.keys()], "the same files");
    const differing = [...a].filter(([f, h]) => b.get(f) !== h).map(([f]) => f);
    assert.deepEqual(differing, [], "the same bytes");
  });
});

describe("the demo site under a path prefix", () => {
  const PREFIX = "/sub/";
  let demo: DemoCopy;
  let out: string;
  let site: SiteInfo;

  before(async () => {
    demo = await demoCopy({ pathPrefix: PREFIX });
    out = path.join(demo.root, "_site");
    const result = await buildSite({ root: demo.root, outputDir: out, quiet: true, search: true, images: demo.images, warn: () => {} });
    site = { dir: out, baseUrl: result.model.site.baseUrl, pathPrefix: PREFIX };
  });
  after(() => demo.cleanup());

  test("a rebuild reuses the cached search bundle (no Pagefind run) and publishes the same files; an edit indexes again", async () => {
    const again = path.join(demo.root, "_site2");
    const second = await buildSite({ root: demo.root, outputDir: again, quiet: true, search: true, images: demo.images, warn: () => {} });
    const stats = second.search!;
    assert.equal(stats.reused, 1);
    assert.equal(stats.cpuSeconds, 0);
    const [a, b] = await Promise.all([hashTree(path.join(out, "pagefind")), hashTree(path.join(again, "pagefind"))]);
    assert.deepEqual([...b], [...a]);

    const model = second.model;
    const file = path.join(demo.root, model.articles[0]!.file);
    const text = await fs.readFile(file, "utf8");
    try {
      await fs.writeFile(file, `${text}\n新增一段文字：编辑测试。\n`);
      const third = await buildSite({ root: demo.root, outputDir: again, quiet: true, search: true, images: demo.images, warn: () => {} });
      assert.equal(third.search!.reused, 0, "the edited article's bundle is indexed again");
    } finally {
      await fs.writeFile(file, text);
      await fs.rm(again, { recursive: true, force: true });
    }
  });

  test("every href, src, srcset, form action and search bundle starts with the prefix (or is external)", async () => {
    const bad: string[] = [];
    for (const page of (await listFiles(out)).filter((f) => f.endsWith(".html"))) {
      for (const ref of extractHtmlRefs(await fs.readFile(path.join(out, page), "utf8"), page)) {
        if (!["href", "src", "srcset", "imagesrcset", "action", "poster", "data-bundle"].includes(ref.kind)) continue;
        if (ref.url.startsWith(PREFIX) || ref.url.startsWith("#") || /^[a-z][a-z0-9+.-]*:/i.test(ref.url)) continue;
        bad.push(`${page} ${ref.kind}=${ref.url}`);
      }
    }
    assert.equal(bad.length, 0, `${bad.length} URLs without the prefix:\n${bad.slice(0, 30).join("\n")}`);
  });

  test("all of it resolves under the prefix: pages, images, assets, stylesheet url(), search bundle, feeds, canonical and Open Graph URLs", async () => {
    const extra: Ref[] = [];
    for (const f of (await listFiles(out)).filter((f) => f.endsWith("feed.xml"))) {
      const text = await fs.readFile(path.join(out, f), "utf8");
      const feed = parseXml(text, f).feed as Feed;
      const own = new URL(site.baseUrl).origin;
      for (const ref of feedRefs(feed, f)) {
        // Readers have no page to resolve against: every URL of our own site is absolute, with the prefix.
        if (!/^[a-z]+:/i.test(ref.url) || new URL(ref.url).origin === own) {
          assert.ok(ref.url.startsWith(`${own}${PREFIX}`), `${f}: ${ref.kind} ${ref.url} is absolute with the prefix`);
        }
        extra.push(ref);
      }
    }
    const { checked, broken } = await checkLinks(site, extra);
    assert.ok(checked > 1000);
    assert.equal(broken.length, 0, brokenReport(broken));
  });

  test("sitemap and robots.txt use absolute URLs with the prefix", async () => {
    const sitemap = await fs.readFile(path.join(out, "sitemap.xml"), "utf8");
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    assert.ok(locs.length > 10);
    for (const loc of locs) assert.ok(loc.startsWith(`${site.baseUrl.replace(/\/$/, "")}${PREFIX}`), loc);
    assert.match(await fs.readFile(path.join(out, "robots.txt"), "utf8"), /^Sitemap: https:\/\/[^/]+\/sub\/sitemap\.xml$/m);
    assert.match(await fs.readFile(path.join(out, "_headers"), "utf8"), /^\/sub\/img\/\*$/m);
  });
});

describe("a build that fails late leaves the previous site untouched", () => {
  let site: Fixture;
  let previous: Map<string, string>;

  before(async () => {
    site = await fixture({
      "content/news/jydt/huiyi/index.md": article({ title: "会议", date: "2024-07-12", source: "办公室", photos: [{ file: "a.jpg", caption: "现场" }] }),
      "content/news/jydt/huiyi/a.jpg": await jpeg(800, 600),
      "content/news/tzgg/tongzhi/index.md": article({ title: "通知", date: "2024-07-01", source: "办公室", attachments: [{ file: "通知.pdf", label: "通知全文" }] }),
      "content/news/tzgg/tongzhi/通知.pdf": "%PDF-1.4\n%\n",
    });
    await site.build();
    if (site.error) throw site.error;
    previous = await hashTree(site.out);
  });
  after(() => site.cleanup());

  const leftovers = async () => (await fs.readdir(site.root)).filter((e) => e.startsWith("_site."));

  test("a failing last step (every page already written) changes nothing", async () => {
    await site.write("content/news/jydt/xin/index.md", article({ title: "新文章", date: "2024-07-20", source: "办公室" }));
    await site.build({
      async afterStep(step, dir) {
        if (step !== "attachments") return;
        // The new build is complete in its temporary folder at this point.
        assert.ok(await fs.stat(path.join(dir, "news/jydt/2024/xin/index.html")));
        throw new Error("late step failure (deliberate)");
      },
    });
    assert.match(messages(site.error), /late step failure \(deliberate\)/);
    assert.deepEqual(await hashTree(site.out), previous, "the previous output is byte-for-byte unchanged");
    assert.deepEqual(await leftovers(), [], "no temporary folder left behind");
  });

  test("a render error half-way through the pages changes nothing", async () => {
    let calls = 0;
    await site.build({
      // One more paginated template, failing on its second page while the portal's pages are being written.
      extend: (eleventyConfig) => {
        eleventyConfig.addGlobalData("explodeItems", [1, 2, 3]);
        eleventyConfig.addTemplate("_test/explode.11ty.js", {
          data: { pagination: { data: "explodeItems", size: 1, alias: "n" }, permalink: (d: { n: number }) => `/explode-${d.n}.html` },
          render: () => {
            if (++calls > 1) throw new Error("render failure (deliberate)");
            return "ok";
          },
        });
      },
    });
    assert.ok(calls > 1, "a page rendered before the failure");
    assert.match(messages(site.error), /render failure \(deliberate\)/);
    assert.deepEqual(await hashTree(site.out), previous);
    assert.deepEqual(await leftovers(), []);
  });

  test("with the search index on: a render failure stops the indexer waiting for its pages; a Pagefind failure stops the build", async () => {
    // The indexer starts with the render and waits for each shard's pages: it must not wait forever.
    await site.build({
      search: true,
      extend: (eleventyConfig) => {
        eleventyConfig.addTemplate("_test/explode.11ty.js", {
          data: { permalink: "/explode.html" },
          render: () => {
            throw new Error("render failure (deliberate)");
          },
        });
      },
    });
    assert.match(messages(site.error), /render failure \(deliberate\)/);
    assert.deepEqual(await hashTree(site.out), previous);
    assert.deepEqual(await leftovers(), []);

    const saved = process.env.PAGEFIND_EXTENDED_BINARY_PATH;
    process.env.PAGEFIND_EXTENDED_BINARY_PATH = "/bin/false";
    try {
      await site.build({ search: true });
    } finally {
      if (saved === undefined) delete process.env.PAGEFIND_EXTENDED_BINARY_PATH;
      else process.env.PAGEFIND_EXTENDED_BINARY_PATH = saved;
    }
    assert.match(messages(site.error), /pagefind_extended exited with 1/);
    assert.deepEqual(await hashTree(site.out), previous);
    assert.deepEqual(await leftovers(), []);
  });

  test("the next good build replaces the site and cleans up", async () => {
    await site.build();
    assert.ifError(site.error);
    assert.ok(await site.exists("news/jydt/2024/xin/index.html"));
    assert.deepEqual(await leftovers(), []);
    assert.deepEqual((await fs.readdir(site.root)).sort(), [".cache", "_site", "content"]);
  });

  test("the replaced site waits in .cache/trash, and the next build removes it while it reads the content", async () => {
    const trash = path.join(site.root, ".cache", "trash");
    const waiting = await fs.readdir(trash);
    assert.equal(waiting.length, 1, "the site the last build replaced");
    assert.ok(await fs.stat(path.join(trash, waiting[0]!, "index.html")), "a whole site, not a part of one");
    await site.write("content/news/jydt/xin2/index.md", article({ title: "又一篇新文章", date: "2024-07-21", source: "办公室" }));
    await site.build();
    assert.ifError(site.error);
    const now = await fs.readdir(trash);
    assert.equal(now.length, 1, "the earlier one removed, the one just replaced waiting");
    assert.notEqual(now[0], waiting[0]);
    assert.ok(await site.exists("news/jydt/2024/xin2/index.html"));
    assert.ok(await fs.stat(path.join(trash, now[0]!, "news/jydt/2024/xin/index.html")), "the replaced site had the article before");
    assert.deepEqual(await leftovers(), []);
  });
});
