/**
 * `npm run check` on 政务公开 documents (issue #14): every refusal and warning of lib/content/gov-info.ts
 * (and the 替代文件 link check), with its exact message, over a fixture site; and the demo site's
 * documents pass with no 政务公开 issue at all.
 */
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { ContentIssue } from "../../lib/content/issues.ts";
import { checkSite } from "../../lib/editor/check/site.ts";
import { article, fixture, FIXTURE_COLUMNS, FIXTURE_NOW, FIXTURE_SITE, type Fixture } from "../helpers/fixture.ts";

const GOV_SITE = `${FIXTURE_SITE}orgCode: "014127394"\n`;
const GOV_COLUMNS = FIXTURE_COLUMNS.replace("home: 首页\n", "home: 首页\ncategories: [基础教育, 卫生与安全, 人事任免]\n");

/** A valid 2024 document of 政策文件 with `extra` fields added (null removes one). */
const doc = (extra: Record<string, unknown>, body = "正文内容。"): string => {
  const fields: Record<string, unknown> = { title: "关于加强作业管理的意见", date: "2024-03-05", source: "基础教育科", 主题分类: "基础教育", ...extra };
  for (const [k, v] of Object.entries(fields)) if (v === null) delete fields[k];
  return article(fields, body);
};
const Z = "content/zwgk/zcwj";

const GOV_CHECK_FILES: Record<string, string> = {
  [`${Z}/ok-a/index.md`]: doc({ 索引号: "014127394/2024-00001", 文号: "测教发〔2024〕1号", 成文日期: "2024-03-01", 主题词: ["作业管理"] }),
  [`${Z}/dup-b/index.md`]: doc({ 索引号: "014127394/2024-00002", date: "2024-04-01" }),
  [`${Z}/dup-c/index.md`]: doc({ 索引号: "014127394/2024-00002", date: "2024-05-01" }),
  [`${Z}/short-serial/index.md`]: doc({ 索引号: "014127394/2024-7" }),
  [`${Z}/garbage/index.md`]: doc({ 索引号: "2024-15" }),
  [`${Z}/other-org/index.md`]: doc({ 索引号: "123456789/2024-00005" }),
  [`${Z}/wrong-year/index.md`]: doc({ 索引号: "014127394/2023-00001", date: "2024-06-01" }),
  [`${Z}/missing-no/index.md`]: doc({}),
  [`${Z}/draft-no/index.md`]: doc({ draft: true, 主题分类: null }),
  // Per-document checks (each also has a good 索引号 of 2025, so only the one problem shows).
  [`${Z}/docno-brackets/index.md`]: doc({ date: "2025-01-10", 索引号: "014127394/2025-00001", 文号: "测教发[2025]3号" }),
  [`${Z}/docno-paren/index.md`]: doc({ date: "2025-01-10", 索引号: "014127394/2025-00002", 文号: "测教发（2025）第03号" }),
  [`${Z}/docno-no-hao/index.md`]: doc({ date: "2025-01-10", 索引号: "014127394/2025-00003", 文号: "测教发〔2025〕4" }),
  [`${Z}/docno-odd/index.md`]: doc({ date: "2025-01-10", 索引号: "014127394/2025-00004", 文号: "第三号公告" }),
  [`${Z}/docno-year/index.md`]: doc({ date: "2025-01-10", 索引号: "014127394/2025-00005", 文号: "测教发〔2025〕5号", 成文日期: "2024-12-30" }),
  [`${Z}/written-late/index.md`]: doc({ date: "2025-01-10", 索引号: "014127394/2025-00006", 成文日期: "2025-01-12" }),
  [`${Z}/written-bad/index.md`]: doc({ date: "2025-01-10", 索引号: "014127394/2025-00007", 成文日期: "2025-13-40" }),
  [`${Z}/category-near/index.md`]: doc({ date: "2025-01-10", 索引号: "014127394/2025-00008", 主题分类: "基础教学" }),
  [`${Z}/category-missing/index.md`]: doc({ date: "2025-01-10", 索引号: "014127394/2025-00009", 主题分类: null }),
  [`${Z}/keywords-long/index.md`]: doc({ date: "2025-01-10", 索引号: "014127394/2025-00010", 主题词: ["关于进一步加强和改进中小学生作业管理工作的若干意见"] }),
  [`${Z}/keywords-bad/index.md`]: doc({ date: "2025-01-10", 索引号: "014127394/2025-00011", 主题词: { a: 1 } }),
  [`${Z}/validity-bad/index.md`]: doc({ date: "2025-01-10", 索引号: "014127394/2025-00012", 有效性: "作废" }),
  [`${Z}/validity-no-date/index.md`]: doc({ date: "2025-01-10", 索引号: "014127394/2025-00013", 有效性: "废止" }),
  [`${Z}/validity-early/index.md`]: doc({ date: "2025-01-10", 索引号: "014127394/2025-00014", 有效性: "失效", 失效日期: "2024-12-31" }),
  [`${Z}/validity-unused/index.md`]: doc({ date: "2025-01-10", 索引号: "014127394/2025-00015", 废止日期: "2025-03-01" }),
  [`${Z}/replaced-valid/index.md`]: doc({ date: "2025-01-10", 索引号: "014127394/2025-00016", 替代文件: "测教发〔2025〕9号" }),
  [`${Z}/replaced-broken/index.md`]: doc({
    date: "2025-01-10",
    索引号: "014127394/2025-00017",
    有效性: "废止",
    废止日期: "2025-02-01",
    替代文件: { 文号: "测教发〔2025〕9号", 链接: "/zwgk/zcwj/2025/no-such-page/" },
  }),
  [`${Z}/replaced-odd/index.md`]: doc({ date: "2025-01-10", 索引号: "014127394/2025-00018", 有效性: "废止", 废止日期: "2025-02-01", 替代文件: { 名称: "新办法" } }),
  [`${Z}/publisher-long/index.md`]: doc({ date: "2025-01-10", 索引号: "014127394/2025-00019", 发布机构: "测".repeat(101) }),
  // An error of its own does not hide the site-wide check of its 索引号: both in one run.
  [`${Z}/two-errors/index.md`]: doc({ date: "2025-01-10", 成文日期: "2025-02-30" }),
  "content/news/jydt/stray/index.md": article({ title: "教育动态", date: "2025-01-10", source: "办公室", 文号: "测教发〔2025〕1号" }),
};

const EXPECTED: Record<string, string[]> = {
  "two-errors": [
    'error written gov-bad-written\n成文日期 “2025-02-30” 不是有效日期\n成文日期 (written) "2025-02-30" is not a valid date\n写成 2024-07-12（也可写 2024.7.12、2024/7/12、2024年7月12日） / Use YYYY-MM-DD.',
    "error indexNo gov-missing-index-no\n缺少索引号：政务公开文件须有索引号（发布后不再改变）\n索引号 (indexNo) is missing: every published 政务公开 document needs one, and it never changes\n加一行 索引号: 014127394/2025-00020（2025 年下一个未用的编号） / Add `索引号: 014127394/2025-00020` (the next free number for 2025).",
  ],
  "content/news/jydt/stray/index.md": [
    'warning docNo gov-field-ignored\n文号 是政务公开字段，栏目“教育动态”不是政务公开栏目，这些字段不会显示\ndocNo: 政务公开 fields are ignored in the column "jydt" (not a policy/info/report column)\n文章若属政务公开，请放到政务公开栏目的文件夹中；否则删除这些行 / Move the article into a 政务公开 column, or remove these lines.',
  ],
  "category-missing": [
    "error category gov-missing-category\n缺少主题分类：政务公开文件须写主题分类（信息公开目录按它分类）\n主题分类 (category) is missing: every 政务公开 document needs one\n加一行 主题分类: 基础教育，可选：基础教育、卫生与安全、人事任免 / Add `主题分类: …` with one of these.",
  ],
  "category-near": [
    'error category gov-bad-category\n主题分类 “基础教学” 不在分类列表中；你是不是想写 “基础教育”？\n主题分类 (category) "基础教学" is not in the list; did you mean "基础教育"?\n可选：基础教育、卫生与安全、人事任免（列表在 content/_data/columns.yaml 的 categories 中） / Use one of these (categories in content/_data/columns.yaml).',
  ],
  "docno-brackets": [
    'warning docNo gov-doc-no-form\n文号 “测教发[2025]3号” 写法不规范，应为 “测教发〔2025〕3号”（年份用六角括号〔〕，序号后加“号”，序号不加“第”、不编虚位）\n文号 (docNo) "测教发[2025]3号" is not in the official form; write "测教发〔2025〕3号" (year in hexagonal brackets 〔〕, "号" after the number)\n把文号改成 测教发〔2025〕3号（可从本提示中复制六角括号） / Replace it with 测教发〔2025〕3号.',
  ],
  "docno-no-hao": [
    'warning docNo gov-doc-no-form\n文号 “测教发〔2025〕4” 写法不规范，应为 “测教发〔2025〕4号”（年份用六角括号〔〕，序号后加“号”，序号不加“第”、不编虚位）\n文号 (docNo) "测教发〔2025〕4" is not in the official form; write "测教发〔2025〕4号" (year in hexagonal brackets 〔〕, "号" after the number)\n把文号改成 测教发〔2025〕4号（可从本提示中复制六角括号） / Replace it with 测教发〔2025〕4号.',
  ],
  "docno-odd": [
    'warning docNo gov-doc-no-form\n文号 “第三号公告” 不是“机关代字〔年份〕序号号”的形式，如 坛教发〔2024〕12号\n文号 (docNo) "第三号公告" is not in the form 机关代字〔year〕number号, e.g. 坛教发〔2024〕12号\n照公文首页的发文字号抄写，年份用六角括号〔〕 / Copy the number from the document\'s first page; the year goes in 〔〕.',
  ],
  "docno-paren": [
    'warning docNo gov-doc-no-form\n文号 “测教发（2025）第03号” 写法不规范，应为 “测教发〔2025〕3号”（年份用六角括号〔〕，序号后加“号”，序号不加“第”、不编虚位）\n文号 (docNo) "测教发（2025）第03号" is not in the official form; write "测教发〔2025〕3号" (year in hexagonal brackets 〔〕, "号" after the number)\n把文号改成 测教发〔2025〕3号（可从本提示中复制六角括号） / Replace it with 测教发〔2025〕3号.',
  ],
  "docno-year": [
    "warning docNo gov-doc-no-year\n文号 测教发〔2025〕5号 的年份 2025 与成文日期 2024-12-30（2024 年）不一致\n文号 (docNo) 测教发〔2025〕5号 has the year 2025, but the document was written (成文日期) in 2024\n核对公文上的文号和成文日期：文号的年份一般就是成文的年份 / Check both on the document: the year in the 文号 is normally the year it was written.",
  ],
  "keywords-bad": [
    "error keywords gov-bad-keywords\n主题词须写成一组词，如 [义务教育, 作业管理]\n主题词 (keywords) must be a list of words such as [义务教育, 作业管理]\n改成 主题词: [词一, 词二] / Write a list: [a, b].",
  ],
  "keywords-long": [
    'error keywords gov-long-keyword\n主题词 “关于进一步加强和改进中小学生作业管理工作的若干意见” 超过 20 字：主题词是简短的词，不是句子\n主题词 (keywords): "关于进一步加强和改进中小学生作业管理工作的若干意见" is longer than 20 characters; keywords are short words, not sentences\n拆成几个简短的词，用逗号分开，如 [义务教育, 作业管理] / Split it into short words.',
  ],
  "publisher-long": [
    "error publisher gov-bad-publisher\n发布机构须写成一行文字（不超过 100 字），写单位全称\n发布机构 (publisher) must be one line of at most 100 characters: the full name of the body\n写发布机构全称，如 示范区教育局 / Write the full name, e.g. 示范区教育局.",
  ],
  "replaced-odd": [
    "error replacedBy gov-bad-replaced-by\n替代文件只能写 文号 和 链接 两项（不认识：名称）\n替代文件 (replacedBy) takes 文号 (docNo) and/or 链接 (url); unknown: 名称\n写成两行缩进的 文号: 坛教发〔2025〕3号 和 链接: /zwgk/zcwj/2025/xin-banfa/，或只写文号 / Write `文号:` and/or `链接:` under it.",
  ],
  "replaced-valid": [
    "warning replacedBy gov-replaced-but-valid\n写了替代文件，但有效性是“有效”：被替代的文件应标为废止或失效\n替代文件 (replacedBy) is given, but 有效性 (validity) is 有效 (valid): a replaced document is no longer in force\n加一行 有效性: 废止 和 废止日期: …（或 失效 和 失效日期）；否则删除替代文件 / Set 有效性 and its date, or remove 替代文件.",
  ],
  "validity-bad": [
    'error validity gov-bad-validity\n有效性 “作废” 不认识，只能写 有效、失效 或 废止\n有效性 (validity) "作废" is not one of 有效 (valid), 失效 (expired), 废止 (repealed)\n改成 有效、失效 或 废止（不写即为有效） / Use 有效, 失效 or 废止 (default 有效).',
  ],
  "validity-early": [
    "error validitySince gov-validity-before-date\n失效日期 2024-12-31 早于发布时间 2025-01-10：文件发布之后才能失效\n失效日期 (validitySince) 2024-12-31 is before the publication date 2025-01-10\n改正失效日期或发布时间 / Correct either date.",
  ],
  "validity-no-date": [
    "error validity gov-missing-validity-date\n有效性为“废止”，但缺少废止日期\n有效性 (validity) is 废止 (repealed), but 废止日期 (validitySince) is missing\n加一行 废止日期: 2025-03-01（自哪天起废止） / Add `废止日期: YYYY-MM-DD`.",
  ],
  "validity-unused": [
    "warning validitySince gov-validity-date-unused\n写了失效日期/废止日期 2025-03-01，但有效性是“有效”，这个日期不会显示\n失效日期/废止日期 (validitySince) 2025-03-01 is given, but 有效性 (validity) is 有效 (valid): the date is not shown\n文件已废止就加一行 有效性: 废止（已失效写 失效）；仍然有效就删除这个日期 / Add 有效性: 废止 (or 失效), or remove the date.",
  ],
  "written-bad": [
    'error written gov-bad-written\n成文日期 “2025-13-40” 不是有效日期\n成文日期 (written) "2025-13-40" is not a valid date\n写成 2024-07-12（也可写 2024.7.12、2024/7/12、2024年7月12日） / Use YYYY-MM-DD.',
  ],
  "written-late": [
    "error written gov-written-after-date\n成文日期 2025-01-12 晚于发布时间 2025-01-10：文件须先成文、后发布\n成文日期 (written) 2025-01-12 is after the publication date 2025-01-10\n核对公文落款处的成文日期和发布时间，改正其中错的一个 / Correct the date written (under the signature) or the publication date.",
  ],
  garbage: [
    'error indexNo gov-bad-index-no\n索引号 “2024-15” 格式不对，应为“机构代码/年份-五位序号”，如 014127394/2024-00003\n索引号 (indexNo) "2024-15" is malformed: expected <org code>/<year>-<5-digit serial>, e.g. 014127394/2024-00003\n改成 014127394/2024-00003 / Write 014127394/2024-00003.',
  ],
  "missing-no": [
    "error indexNo gov-missing-index-no\n缺少索引号：政务公开文件须有索引号（发布后不再改变）\n索引号 (indexNo) is missing: every published 政务公开 document needs one, and it never changes\n加一行 索引号: 014127394/2024-00004（2024 年下一个未用的编号） / Add `索引号: 014127394/2024-00004` (the next free number for 2024).",
  ],
  "other-org": [
    'error indexNo gov-index-no-org\n索引号 “123456789/2024-00005” 的机构代码 123456789 与本站的 014127394（site.yaml 的 orgCode）不一致\n索引号 (indexNo) "123456789/2024-00005" starts with 123456789, but the site\'s orgCode is 014127394\n机构代码应为 014127394：改成 014127394/2024-00005 / It should start with 014127394: write 014127394/2024-00005.',
  ],
  "short-serial": [
    'error indexNo gov-bad-index-no\n索引号 “014127394/2024-7” 格式不对，应为“机构代码/年份-五位序号”，如 014127394/2024-00007\n索引号 (indexNo) "014127394/2024-7" is malformed: expected <org code>/<year>-<5-digit serial>, e.g. 014127394/2024-00007\n改成 014127394/2024-00007 / Write 014127394/2024-00007.',
  ],
  "wrong-year": [
    'error indexNo gov-index-no-year\n索引号 “014127394/2023-00001” 的年份 2023 与发布时间 2024-06-01（2024 年）不一致\n索引号 (indexNo) "014127394/2023-00001" has the year 2023, but the document is published in 2024\n索引号中的年份是发布年份：改成 014127394/2024-00006（2024 年下一个未用的编号），或改正发布时间 / Use 014127394/2024-00006 (the next free number for 2024), or correct the date.',
  ],
  "dup-b": [
    "error indexNo gov-duplicate-index-no\n索引号 014127394/2024-00002 与 content/zwgk/zcwj/dup-c/index.md 重复：索引号全站唯一\n索引号 (indexNo) 014127394/2024-00002 is also used by content/zwgk/zcwj/dup-c/index.md; it must be unique\n本篇发布在先，保留这个索引号；请给另一篇改用新的编号（如 014127394/2024-00008） / This one was published first and keeps it; give the other one a new number.",
  ],
  "dup-c": [
    "error indexNo gov-duplicate-index-no\n索引号 014127394/2024-00002 与 content/zwgk/zcwj/dup-b/index.md 重复：索引号全站唯一\n索引号 (indexNo) 014127394/2024-00002 is also used by content/zwgk/zcwj/dup-b/index.md; it must be unique\ncontent/zwgk/zcwj/dup-b/index.md 发布在先，保留这个索引号；本篇改用 014127394/2024-00008 / content/zwgk/zcwj/dup-b/index.md keeps it; give this one 014127394/2024-00008.",
  ],
  "replaced-broken": [
    "error replacedBy broken-link\n替代文件（replacedBy）的站内链接 /zwgk/zcwj/2025/no-such-page/ 打不开：网站上没有 /zwgk/zcwj/2025/no-such-page/ 这个网址\n替代文件 (replacedBy): internal link /zwgk/zcwj/2025/no-such-page/ is broken: the site has no page /zwgk/zcwj/2025/no-such-page/\n从浏览器地址栏复制正确的网址（只写 / 之后的部分，如 /news/jydt/2024/qiangji-zhuhun/），或删除该链接 / Copy the page's address from the browser (the part from /) or remove the link.",
  ],
};

const show = (i: ContentIssue) => `${i.severity} ${i.field} ${i.code}\n${i.zh}\n${i.en}\n${i.fix}`;

describe("npm run check: 政务公开", () => {
  let site: Fixture;
  let issues: ContentIssue[];
  before(async () => {
    site = await fixture(GOV_CHECK_FILES, { site: GOV_SITE, columns: GOV_COLUMNS });
    issues = (await checkSite({ root: site.root, now: FIXTURE_NOW })).issues;
  });
  after(() => site.cleanup());
  const of = (slug: string) => issues.filter((i) => i.file === `${Z}/${slug}/index.md`).map(show);

  test("every 政务公开 refusal and warning, with its exact message, on its own file (all at once)", () => {
    for (const [key, expected] of Object.entries(EXPECTED)) {
      const file = key.includes("/") ? key : `${Z}/${key}/index.md`;
      assert.deepEqual(issues.filter((i) => i.file === file).map(show), expected, file);
    }
  });

  test("good documents and drafts without 索引号 pass; a draft needs no 主题分类 either", () => {
    for (const slug of ["ok-a", "draft-no"]) assert.deepEqual(of(slug), [], slug);
  });

  test("nothing else is reported about the fixture's documents", () => {
    const known = new Set(Object.keys(EXPECTED).map((k) => (k.includes("/") ? k : `${Z}/${k}/index.md`)));
    const other = issues.filter((i) => !known.has(i.file) && !i.file.includes("_data/") && i.code.startsWith("gov-"));
    assert.deepEqual(other.map(show), []);
  });

  test("a site without orgCode or categories: its policy articles are plain pages; an 索引号 written anyway is named once on site.yaml", async () => {
    const plain = await fixture(
      {
        [`${Z}/plain/index.md`]: article({ title: "普通政策文件", date: "2024-03-05", source: "办公室" }),
        [`${Z}/numbered/index.md`]: article({ title: "写了索引号", date: "2024-03-05", source: "办公室", 索引号: "014127394/2024-00001", 主题分类: "教育" }),
      },
      {},
    );
    try {
      const found = (await checkSite({ root: plain.root, now: FIXTURE_NOW })).issues.filter((i) => i.code.startsWith("gov-"));
      assert.deepEqual(
        found.map((i) => `${i.file} ${show(i)}`),
        [
          `content/_data/site.yaml warning orgCode gov-missing-org-code
未填写 orgCode（政务公开索引号的机构代码），无法检查和生成索引号
orgCode is empty: 政务公开 索引号 (index numbers) cannot be checked or assigned
在 content/_data/site.yaml 写 orgCode: 本单位的组织机构代码或统一社会信用代码 / Set orgCode to the bureau's organisation code.`,
          `content/_data/columns.yaml warning categories gov-missing-categories
未填写 categories（政务公开主题分类列表），无法检查主题分类
categories (the 政务公开 主题分类 list) is empty: 主题分类 cannot be checked
在 content/_data/columns.yaml 顶层写 categories: [教育, 人事, 财政] 这样的列表 / List the categories at the top of columns.yaml.`,
        ],
      );
    } finally {
      await plain.cleanup();
    }
  });

  test("the demo site's 政务公开 documents pass with no 政务公开 issue", async () => {
    const root = path.join(import.meta.dirname, "../..");
    const found = (await checkSite({ root, now: FIXTURE_NOW })).issues.filter((i) => i.file.startsWith("content/zwgk/") || i.code.startsWith("gov-") || i.field === "replacedBy");
    assert.deepEqual(found.map(show), []);
  });
});

describe("npm run new in a 政务公开 column", () => {
  let site: Fixture;
  before(async () => {
    site = await fixture(
      {
        [`${Z}/a/index.md`]: doc({ 索引号: "014127394/2025-00004", date: "2025-02-01" }),
        // A draft and a document with errors still hold their numbers.
        [`${Z}/b/index.md`]: doc({ 索引号: "014127394/2025-00007", date: "2025-03-01", draft: true }),
        [`${Z}/c/index.md`]: doc({ indexNo: "014127394/2025-00009", date: "2025-03-01", 成文日期: "not a date" }),
        [`${Z}/d/index.md`]: doc({ 索引号: "014127394/2024-00030", date: "2024-03-01" }),
      },
      { site: GOV_SITE, columns: GOV_COLUMNS },
    );
  });
  after(() => site.cleanup());

  test("assigns the next free 索引号 of the year and writes the 政务公开 fields with Chinese comments", async () => {
    const { createArticle } = await import("../../lib/editor/new-article.ts");
    const created = await createArticle({ root: site.root, column: "zcwj", title: "关于开展秋季开学检查的通知", source: "办公室", date: "2025-05-20", now: FIXTURE_NOW });
    assert.equal(created.indexNo, "014127394/2025-00010");
    const text = await fs.readFile(created.file, "utf8");
    assert.match(text, /\n索引号: 014127394\/2025-00010 {4}# 已自动分配本年度下一个编号，发布后永不改变\n/);
    assert.match(text, /\n主题分类: {4}# 必填，选一个：基础教育、卫生与安全、人事任免\n/);
    assert.match(text, /\n发布机构: 测试区教育局 {4}# 发布机构全称\n/);
    assert.match(text, /\n有效性: 有效 {4}# 有效 \/ 失效 \/ 废止；失效或废止时加一行 失效日期: 或 废止日期:\n/);
    assert.match(text, /\n# 文号: 坛教发〔2025〕1号 {4}# 年份用六角括号〔〕/);
    // The check then asks only for what the editor must decide: the category (and the body).
    const found = (await checkSite({ root: site.root, now: FIXTURE_NOW })).issues.filter((i) => i.file === created.rel);
    assert.deepEqual(
      found.map((i) => i.code),
      ["gov-missing-category", "placeholder-body"],
    );
    // A 2024 document gets the 2024 sequence.
    const older = await createArticle({ root: site.root, column: "zcwj", title: "补发的旧文件", source: "办公室", date: "2024-12-30", now: FIXTURE_NOW });
    assert.equal(older.indexNo, "014127394/2024-00031");
  });

  test("no orgCode: no 索引号 is invented; the template says why", async () => {
    const plain = await fixture({}, { columns: GOV_COLUMNS });
    try {
      const { createArticle } = await import("../../lib/editor/new-article.ts");
      const created = await createArticle({ root: plain.root, column: "zcwj", title: "关于开展秋季开学检查的通知", source: "办公室", date: "2025-05-20", now: FIXTURE_NOW });
      assert.equal(created.indexNo, undefined);
      assert.match(await fs.readFile(created.file, "utf8"), /\n# 索引号: 机构代码\/2025-00001 {4}# site\.yaml 未填写 orgCode，无法自动分配；填写后重新运行 npm run new\n/);
    } finally {
      await plain.cleanup();
    }
  });
});
