/**
 * 政府信息公开目录, 指南 and 年度报告 (issue #14) on a fixture site: every filter value's page lists
 * exactly the documents with that value, newest first, paginated; the oldest-first order; the
 * section's 目录 covers its columns; the table's markup; the guide and report columns; both editions.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { article, fixture, FIXTURE_SITE, type Fixture } from "../helpers/fixture.ts";

const COLUMNS = `home: 首页
categories: [综合政务, 基础教育, 卫生与安全]
columns:
  - key: jyj
    name: 教育局
    inPath: false
    children:
      - key: news
        name: 新闻中心
        children:
          - { key: jydt, name: 教育动态, type: news }
      - key: zwgk
        name: 政务公开
        children:
          - { key: zcwj, name: 政策文件, type: policy }
          - { key: ghjh, name: 规划计划, type: info }
          - { key: gkzn, name: 政府信息公开指南, type: guide }
          - { key: ndbg, name: 政府信息公开年度报告, type: report }
`;

interface Doc {
  folder: string;
  slug: string;
  title: string;
  date: string;
  category: string;
  publisher?: string;
  docNo?: string;
  validity?: string;
}

// 25 policy documents (two pages at the fixture's page size of 20) plus 3 plans.
const DOCS: Doc[] = [
  ...Array.from({ length: 25 }, (_, i): Doc => {
    const year = 2023 + (i % 3);
    return {
      folder: "zcwj",
      slug: `wenjian-${i + 1}`,
      title: `测试区政策文件第${i + 1}号`,
      date: `${year}-${String((i % 5) + 1).padStart(2, "0")}-${String((i % 27) + 1).padStart(2, "0")}`, // before the fixture clock (2025-06-01)
      category: ["综合政务", "基础教育", "卫生与安全"][i % 3]!,
      ...(i % 5 === 0 ? { publisher: "测试区人民政府教育督导室" } : {}),
      docNo: `测教发〔${year}〕${i + 1}号`,
      ...(i === 4 ? { validity: "废止" } : i === 7 ? { validity: "失效" } : {}),
    };
  }),
  { folder: "ghjh", slug: "guihua-1", title: "测试区教育发展规划", date: "2024-05-06", category: "综合政务" },
  { folder: "ghjh", slug: "guihua-2", title: "测试区学校布局规划", date: "2025-02-03", category: "基础教育" },
  { folder: "ghjh", slug: "guihua-3", title: "测试区年度工作要点", date: "2023-03-01", category: "综合政务" },
];

const indexNo = (d: Doc, i: number) => `014127394/${d.date.slice(0, 4)}-${String(i + 1).padStart(5, "0")}`;

describe("政府信息公开目录, 指南 and 年度报告", () => {
  let site: Fixture;
  before(async () => {
    const files: Record<string, string> = {
      "content/news/jydt/xinwen/index.md": article({ title: "一篇新闻", date: "2025-01-01", source: "办公室" }),
      "content/zwgk/gkzn/zhinan/index.md": article(
        { title: "测试区教育局政府信息公开指南", date: "2025-01-15", source: "办公室" },
        "## 一、主动公开\n\n本局主动公开……\n\n## 二、依申请公开\n\n受理机构：办公室。",
      ),
      "content/zwgk/ndbg/baogao-2024/index.md": article(
        { title: "测试区教育局2024年政府信息公开工作年度报告", date: "2025-01-20", source: "办公室", 主题分类: "综合政务", attachments: [{ file: "baogao.pdf", label: "年度报告全文（PDF）" }] },
        "报告全文见附件。",
      ),
    };
    DOCS.forEach((d, i) => {
      files[`content/zwgk/${d.folder}/${d.slug}/index.md`] = article({
        title: d.title,
        date: d.date,
        source: "办公室",
        索引号: indexNo(d, i),
        主题分类: d.category,
        ...(d.publisher ? { 发布机构: d.publisher } : {}),
        ...(d.docNo ? { 文号: d.docNo } : {}),
        ...(d.validity ? { 有效性: d.validity, [d.validity === "废止" ? "废止日期" : "失效日期"]: "2025-05-01" } : {}),
      });
    });
    site = await fixture(files, { site: `${FIXTURE_SITE}orgCode: "014127394"\n`, columns: COLUMNS });
    await site.write("content/zwgk/ndbg/baogao-2024/baogao.pdf", "%PDF-1.4\n%test\n");
    await site.build();
    if (site.error) throw site.error;
  });
  after(() => site?.cleanup());

  /** The document titles in a 目录 page's table, in order. */
  const titles = (html: string): string[] => [...html.matchAll(/<td class="catalog-title" data-label="标题"><a href="[^"]*">([^<]*)<\/a>/g)].map((m) => m[1]!);
  const byDateDesc = (docs: Doc[]) => [...docs].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0)).map((d) => d.title);
  const pageSize = async () => Number(/共 (\d+) 页/.exec(await site.read("zwgk/zcwj/ml/index.html"))?.[1] ?? 1);

  test("a column's 目录: every document once, newest first, across its pages; the oldest-first order reversed", async () => {
    const policy = DOCS.filter((d) => d.folder === "zcwj");
    const pages = await pageSize();
    assert.ok(pages >= 2, "25 documents need more than one page at the fixture's page size");
    const listed: string[] = [];
    const oldest: string[] = [];
    for (let n = 1; n <= pages; n++) {
      listed.push(...titles(await site.read(`zwgk/zcwj/ml/${n === 1 ? "" : `page/${n}/`}index.html`)));
      oldest.push(...titles(await site.read(`zwgk/zcwj/ml/oldest/${n === 1 ? "" : `page/${n}/`}index.html`)));
    }
    assert.deepEqual(listed, byDateDesc(policy));
    assert.deepEqual(oldest, [...byDateDesc(policy)].reverse());
    assert.equal(await site.exists(`zwgk/zcwj/ml/page/${pages + 1}/index.html`), false);
  });

  test("every filter value's page lists exactly the documents with that value (主题分类, 发布机构, 年份, 有效性)", async () => {
    const policy = DOCS.filter((d) => d.folder === "zcwj");
    const home = await site.read("zwgk/zcwj/ml/index.html");
    const links = [...home.matchAll(/<a href="(\/zwgk\/zcwj\/ml\/(category|publisher|year|validity)\/[a-z0-9-]+\/)"[^>]*>([^<]*)<span class="catalog-count">（(\d+)）<\/span>/g)];
    const seen = new Map<string, number>();
    for (const [, url, key, label, count] of links) {
      const want = policy.filter((d) =>
        key === "category" ? d.category === label : key === "publisher" ? (d.publisher ?? "测试区教育局") === label : key === "year" ? d.date.startsWith(label!) : (d.validity ?? "有效") === label,
      );
      assert.equal(Number(count), want.length, `${key} ${label}: the count in the filter bar`);
      const html = await site.read(`${url!.slice(1)}index.html`);
      assert.deepEqual(titles(html).slice(0, 20), byDateDesc(want).slice(0, 20), `${key} ${label}`);
      assert.match(html, new RegExp(`<a href="${url}" aria-current="true">`), "the active value is marked");
      assert.match(html, /<details class="catalog-fold" open>/, "a filtered page shows its filter bar open");
      seen.set(key!, (seen.get(key!) ?? 0) + want.length);
    }
    // Each filter partitions the documents: its values' counts add up to all of them.
    assert.deepEqual(Object.fromEntries(seen), { category: 25, publisher: 25, year: 25, validity: 25 });
    assert.match(home, /href="\/zwgk\/zcwj\/ml\/validity\/repealed\/"[^>]*>废止<span class="catalog-count">（1）/);
    assert.match(home, /href="\/zwgk\/zcwj\/ml\/validity\/expired\/"[^>]*>失效<span class="catalog-count">（1）/);
    assert.match(home, /href="\/zwgk\/zcwj\/ml\/year\/2025\/"/);
    assert.match(home, /href="\/zwgk\/zcwj\/ml\/category\/wei-sheng-yu-an-quan\/"[^>]*>卫生与安全/, "pinyin slugs for Chinese values");
  });

  test("the table: caption, column headers, identifiers kept as written, validity; a link from the column page", async () => {
    const html = await site.read("zwgk/zcwj/ml/index.html");
    assert.match(html, /<table class="catalog-table">\n<caption>共 25 件，第 1 页，共 2 页<\/caption>/);
    assert.match(html, /<thead><tr><th scope="col">索引号<\/th><th scope="col">标题<\/th><th scope="col">文号<\/th><th scope="col">发布日期<\/th><th scope="col">有效性<\/th><\/tr><\/thead>/);
    assert.match(html, /<td class="catalog-docno" data-label="文号" translate="no">测教发〔2025〕3号<\/td>/);
    assert.match(html, /<td class="catalog-index" data-label="索引号" translate="no">014127394\/2025-00003<\/td>/);
    assert.match(html, /<nav class="breadcrumb"[^]*?<a href="\/zwgk\/zcwj\/">政策文件<\/a><\/li><li><span aria-current="page">信息公开目录<\/span>/);
    assert.match(html, /<h1 class="column-title">政策文件信息公开目录<\/h1>/);
    assert.match(await site.read("zwgk/zcwj/index.html"), /<p class="catalog-link"><a href="\/zwgk\/zcwj\/ml\/">政策文件信息公开目录<\/a>/);
    // 繁體: the same page under /zh-hant/, its identifiers untouched.
    const hant = await site.read("zh-hant/zwgk/zcwj/ml/index.html");
    assert.match(hant, /<td class="catalog-docno" data-label="[^"]*" translate="no">测教发〔2025〕3号<\/td>/);
    assert.match(hant, /<h1 class="column-title">政策文件信息公開目錄<\/h1>/);
  });

  test("the 政务公开 section's 目录 covers its policy, info and report columns, not the 指南 or news", async () => {
    const html = await site.read("zwgk/ml/index.html");
    assert.match(html, /<caption>共 29 件/);
    assert.ok(titles(html).includes("测试区教育局2024年政府信息公开工作年度报告"));
    assert.match(await site.read("zwgk/index.html"), /<a href="\/zwgk\/ml\/">政务公开信息公开目录<\/a>/);
    assert.equal(await site.exists("ml/index.html"), false, "no 目录 for the root (it holds news)");
    assert.equal(await site.exists("news/ml/index.html"), false);
    assert.equal(await site.exists("zwgk/gkzn/ml/index.html"), false, "the 指南 is not a document list");
  });

  test("指南 and 年度报告 columns publish their articles like any other; the report has its attachment and metadata table", async () => {
    const guide = await site.read("zwgk/gkzn/2025/zhinan/index.html");
    assert.match(guide, /测试区教育局政府信息公开指南/);
    assert.doesNotMatch(guide, /class="gov-info"/, "the 指南 is not a 政务公开 document: no metadata table");
    assert.match(await site.read("zwgk/gkzn/index.html"), /href="\/zwgk\/gkzn\/2025\/zhinan\/"/);
    const report = await site.read("zwgk/ndbg/2025/baogao-2024/index.html");
    assert.match(report, /<table class="gov-info" data-pagefind-ignore>/);
    assert.match(report, /年度报告全文（PDF）/);
    assert.equal(await site.exists("zwgk/ndbg/2025/baogao-2024/baogao.pdf"), true);
  });

  test("search: the identifiers as one hidden sentence, 有效性 and 主题分类 as filters", async () => {
    const html = await site.read("zwgk/zcwj/2024/wenjian-5/index.html");
    assert.match(html, /<p hidden class="gov-search-line">索引号：014127394\/2024-00005，文号：测教发〔2024〕5号。<\/p>/);
    assert.match(html, /data-pagefind-filter="有效性:废止"/);
    assert.match(html, /data-pagefind-filter="主题分类:基础教育"/);
    assert.doesNotMatch(await site.read("news/jydt/2025/xinwen/index.html"), /有效性|gov-search-line/);
  });

  test("the sitemap lists the 目录 pages", async () => {
    const xml = await site.read("sitemap.xml");
    assert.match(xml, /\/zwgk\/zcwj\/ml\/<\/loc>/);
  });
});
