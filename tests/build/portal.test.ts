/** Build tests for the portal core: small sites written inline, built in-process, HTML asserted. */
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { BODY_PLACEHOLDER } from "../../lib/content/body.ts";
import { article, fixture, jpeg, type Fixture } from "../helpers/fixture.ts";

const gb18030 = new Uint8Array(Buffer.from("2d2d2d0a7469746c653a20d6d0cec40a2d2d2d0ad5fdcec40a", "hex")); // "---\ntitle: 中文\n---\n正文\n" in GB18030

describe("a small portal", () => {
  let site: Fixture;
  before(async () => {
    const files: Record<string, string | Uint8Array> = {
      "content/news/jydt/qiangji-zhuhun/index.md": article(
        {
          title: "我区召开教育系统“强基铸魂”行动部署会",
          date: "2024-07-12",
          source: "组织人事科",
          tags: ["党建"],
          photos: [
            { file: "0J7A6917_副本.JPG", caption: "部署会现场" },
            { file: "0J7A6922_副本.JPG", caption: "主席台", alt: "主席台上的领导" },
          ],
        },
        "## 会议要求\n\n会议强调……{{ not a template }} {% neither %}\n\n<script>alert(1)</script>\n\n见[通知](/news/tzgg/2024/shuqi-anquan/)。",
      ),
      "content/news/jydt/qiangji-zhuhun/0J7A6917_副本.JPG": await jpeg(1200, 800),
      "content/news/jydt/qiangji-zhuhun/0J7A6922_副本.JPG": await jpeg(800, 1200, [30, 60, 160]),
      "content/news/jydt/late-night/index.md": article({ title: "深夜发布的消息", date: "2024-07-12 23:30:00", source: "办公室" }),
      "content/news/tzgg/shuqi-anquan/index.md": article({
        title: "关于做好暑期安全工作的通知",
        date: "2024-07-01 09:00",
        source: "安全稳定科",
        attachments: [{ file: "暑期安全通知.pdf", label: "暑期安全工作通知（PDF）" }],
      }),
      "content/news/tzgg/shuqi-anquan/暑期安全通知.pdf": "%PDF-1.4\n% test\n",
      "content/news/tzgg/weilai/index.md": article({ title: "尚未到发布时间的通知", date: "2030-01-01", source: "办公室" }),
      "content/news/tzgg/caogao/index.md": article({ title: "草稿", date: "2024-01-01", source: "办公室", draft: true }),
      // Windows editors: BOM + CRLF must simply work.
      "content/zwgk/zcwj/windows/index.md": "\ufeff---\r\ntitle: 来自 Windows 的文件\r\ndate: 2023-03-05\r\nsource: 办公室\r\n---\r\n第一段。\r\n\r\n第二段。\r\n",
    };
    for (let i = 1; i <= 45; i++) {
      const d = `2023-01-${String((i % 28) + 1).padStart(2, "0")} ${String(i % 24).padStart(2, "0")}:00:00`;
      files[`content/news/jydt/item-${i}/index.md`] = article({ title: `教育动态第${i}条`, date: d, source: "办公室" });
    }
    site = await fixture(files);
    await site.build();
    if (site.error) throw site.error;
  });
  after(() => site.cleanup());

  test("article URL is column path + year + folder slug", async () => {
    assert.ok(await site.exists("news/jydt/2024/qiangji-zhuhun/index.html"));
    assert.ok(await site.exists("zwgk/zcwj/2023/windows/index.html"));
  });

  test("breadcrumb links every level and ends in 正文", async () => {
    const html = await site.read("news/jydt/2024/qiangji-zhuhun/index.html");
    assert.match(html, /您现在的位置：/);
    const crumb = html.match(/<nav class="breadcrumb"[\s\S]*?<\/nav>/)![0];
    const links = [...crumb.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[2]}=${m[1]}`);
    assert.deepEqual(links, ["首页=/", "教育局=/jyj/", "新闻中心=/news/", "教育动态=/news/jydt/"]);
    assert.match(crumb, /<span aria-current="page">正文<\/span>/);
  });

  test("meta line shows source and Shanghai date", async () => {
    const html = await site.read("news/jydt/2024/qiangji-zhuhun/index.html");
    assert.match(html, /信息来源：组织人事科<\/span>　<span>发布时间：<time datetime="2024-07-12T00:00:00\+08:00">2024-07-12<\/time>/);
    const late = await site.read("news/jydt/2024/late-night/index.html");
    assert.match(late, /<time datetime="2024-07-12T23:30:00\+08:00">2024-07-12<\/time>/);
  });

  test("title pattern, lang and government meta tags", async () => {
    const html = await site.read("news/jydt/2024/qiangji-zhuhun/index.html");
    assert.match(html, /<html lang="zh-CN">/);
    assert.match(html, /<title>我区召开教育系统“强基铸魂”行动部署会 - 教育动态 - 测试区教育局<\/title>/);
    for (const name of ["SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnType", "ArticleTitle", "PubDate", "ContentSource", "Keywords", "Description", "Url"]) {
      assert.match(html, new RegExp(`<meta name="${name}" content="[^"]+">`), name);
    }
    assert.match(html, /<meta name="SiteIDCode" content="1234567890">/);
    assert.match(html, /<meta name="Url" content="https:\/\/jyj.test.gov.cn\/news\/jydt\/2024\/qiangji-zhuhun\/">/);
  });

  test("markdown: raw HTML escaped, template syntax left alone, headings below the title", async () => {
    const html = await site.read("news/jydt/2024/qiangji-zhuhun/index.html");
    assert.ok(!html.includes("<script>alert(1)</script>"));
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /\{\{ not a template \}\} \{% neither %\}/);
    assert.match(html, /<h2>会议要求<\/h2>/);
    assert.equal(html.match(/<h1/g)?.length, 1);
  });

  test("photos in order with captions, alt never the file name", async () => {
    const html = await site.read("news/jydt/2024/qiangji-zhuhun/index.html");
    const captions = [...html.matchAll(/<figcaption[^>]*>([\s\S]*?)<\/figcaption>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, "").trim());
    assert.deepEqual(captions, ["部署会现场", "主席台"]);
    assert.match(html, /alt="主席台上的领导"/);
    assert.doesNotMatch(html, /alt="[^"]*0J7A/);
  });

  test("attachments show type and size and are published", async () => {
    const html = await site.read("news/tzgg/2024/shuqi-anquan/index.html");
    assert.match(html, /暑期安全工作通知（PDF）<\/a> <span class="file-info">（PDF，\d+ B）<\/span>/);
    const href = html.match(/href="([^"]+\.pdf)"/)![1]!;
    assert.match(href, /^[\x21-\x7e]+$/, "attachment URL is ASCII");
    assert.ok(await site.exists(decodeURIComponent(href)));
  });

  test("previous/next stay within the column", async () => {
    const html = await site.read("news/jydt/2024/late-night/index.html");
    assert.match(html, /上一篇：没有了/);
    assert.match(html, /下一篇：<a href="\/news\/jydt\/2024\/qiangji-zhuhun\/" rel="next">/);
  });

  test("drafts and scheduled articles are not published", async () => {
    assert.ok(!(await site.exists("news/tzgg/2024/caogao/index.html")));
    assert.ok(!(await site.exists("news/tzgg/2030/weilai/index.html")));
    const list = await site.read("news/tzgg/index.html");
    assert.doesNotMatch(list, /草稿|尚未到发布时间/);
  });

  test("column list paginates 20 a page, newest first, with 首页/上一页/下一页/尾页", async () => {
    const page1 = await site.read("news/jydt/index.html");
    const items = [...page1.matchAll(/<li><a href="\/news\/jydt\/\d{4}\/[^"]+\/">([^<]+)<\/a>/g)].map((m) => m[1]);
    assert.equal(items.length, 20);
    assert.equal(items[0], "深夜发布的消息");
    assert.match(page1, /<a class="page-disabled" role="link" aria-disabled="true">首页<\/a>/); // disabled on page 1
    assert.match(page1, /<a href="\/news\/jydt\/page\/2\/" rel="next">下一页<\/a>/);
    assert.match(page1, /<a href="\/news\/jydt\/page\/3\/" aria-label="尾页（第 3 页）">尾页<\/a>/);
    const page3 = await site.read("news/jydt/page/3/index.html");
    assert.equal([...page3.matchAll(/<li><a href="\/news\/jydt\/\d{4}\//g)].length, 7);
    assert.match(page3, /共 47 条　第 3\/3 页/);
    assert.ok(!(await site.exists("news/jydt/page/4/index.html")));
  });

  test("home page lists latest items per column and a 图片新闻 block", async () => {
    const html = await site.read("index.html");
    assert.match(html, /<h2 class="block-title" id="photo-news-title">图片新闻<\/h2>/);
    assert.match(html, /我区召开教育系统“强基铸魂”行动部署会/);
    assert.match(html, /id="home-tzgg"/);
  });

  test("footer: linked ICP number and computed copyright years", async () => {
    const html = await site.read("index.html");
    assert.match(html, /<a href="https:\/\/beian.miit.gov.cn\/" rel="noopener" target="_blank" translate="no">测ICP备12345678号-1<\/a>/);
    assert.match(html, /版权所有 © 2023-2024 测试区教育局/);
  });

  test("404 page and search page exist", async () => {
    assert.match(await site.read("404.html"), /页面不存在/);
    assert.match(await site.read("search/index.html"), /站内搜索/);
  });

  test("the main navigation marks 首页 as the current page only on the home page", async () => {
    const home = (html: string) => /<li><a href="\/"( aria-current="page")?>首页<\/a><\/li>/.exec(html)?.[1];
    assert.equal(home(await site.read("index.html")), ' aria-current="page"');
    for (const page of ["404.html", "search/index.html"]) assert.equal(home(await site.read(page)), undefined, page);
  });

  test("nothing is written outside the output folder", async () => {
    const entries = (await fs.readdir(site.root)).sort();
    assert.deepEqual(
      entries.filter((e) => ![".cache", "content", "_site"].includes(e)),
      [],
    );
  });
});

describe("bad input", () => {
  test("every problem is reported at once, in Chinese and English, and nothing is written", async () => {
    const site = await fixture({
      "content/news/jydt/good/index.md": article({ title: "正常文章", date: "2024-05-01", source: "办公室" }),
      "content/news/jydt/no-title/index.md": article({ date: "2024-05-01", source: "办公室" }),
      "content/news/jydt/no-source/index.md": article({ title: "无来源", date: "2024-05-01" }),
      "content/news/jydt/no-date/index.md": article({ title: "无日期", source: "办公室" }),
      "content/news/jydt/bad-date/index.md": article({ title: "错日期", date: "2024-13-45", source: "办公室" }),
      "content/news/jydt/bad-column/index.md": article({ title: "错栏目", date: "2024-05-01", source: "办公室", column: "nosuch" }),
      "content/news/jydt/missing-photo/index.md": article({ title: "缺图", date: "2024-05-01", source: "办公室", photos: [{ file: "不存在.JPG", caption: "x" }] }),
      "content/news/jydt/escape/index.md": article({
        title: "越界",
        date: "2024-05-01",
        source: "办公室",
        photos: [{ file: "../../../../../etc/passwd.jpg", caption: "x" }],
        attachments: [{ file: "/etc/passwd.pdf" }],
      }),
      "content/news/jydt/gbk/index.md": gb18030,
      "content/news/jydt/dup/index.md": article({ title: "重复一", date: "2024-05-01", source: "办公室" }),
      "content/news/tzgg/dup/index.md": article({ title: "重复二", date: "2024-05-02", source: "办公室", column: "jydt" }),
      "content/news/jydt/reserved/index.md": article({ title: "改网址", date: "2024-05-01", source: "办公室", permalink: "/../../evil.html" }),
      "content/news/jydt/中文目录/index.md": article({ title: "中文目录", date: "2024-05-01", source: "办公室" }),
      // Half-done articles are not publishable: the placeholder body of `npm run new`, or no body.
      "content/news/jydt/half-done/index.md": article({ title: "未完成", date: "2024-05-01", source: "办公室" }, BODY_PLACEHOLDER),
      "content/news/jydt/empty/index.md": article({ title: "空正文", date: "2024-05-01", source: "办公室" }, ""),
      // Messages that point at the fix.
      "content/news/jydt/typo/index.md": "---\ntitel: 拼错\ndate: 2024-05-01\nsource：办公室\n---\n正文\n",
      "content/news/jydt/twice/index.md": "---\ntitle: 一\ndate: 2024-05-01\nsource: 办公室\ntitle: 二\n---\n正文\n",
    });
    // A previous good site must survive the failed build untouched.
    await fs.mkdir(site.out, { recursive: true });
    await fs.writeFile(path.join(site.out, "index.html"), "previous site");
    await site.build();
    assert.ok(site.error, "the build fails");
    assert.equal(site.error!.name, "ContentError");
    const codes = site.error!.issues!.filter((i) => (i as { severity?: string }).severity === "error").map((i) => `${i.file.replace(/^content\/news\//, "")} ${i.field} ${i.code}`);
    const expect = [
      "jydt/no-title/index.md title missing-field",
      "jydt/no-source/index.md source missing-field",
      "jydt/no-date/index.md date missing-field",
      "jydt/bad-date/index.md date bad-date",
      "jydt/bad-column/index.md column unknown-column",
      "jydt/missing-photo/index.md photos[0].file missing-photo",
      "jydt/escape/index.md photos[0].file path-escape",
      "jydt/escape/index.md attachments[0].file path-escape",
      "jydt/gbk/index.md encoding not-utf8",
      "jydt/dup/index.md url duplicate-url",
      "tzgg/dup/index.md url duplicate-url",
      "jydt/reserved/index.md permalink reserved-field",
      "jydt/中文目录/index.md file name bad-slug",
      "jydt/half-done/index.md body placeholder-body",
      "jydt/empty/index.md body empty-body",
      "jydt/typo/index.md titel misspelled-field",
      "jydt/twice/index.md title duplicate-key",
    ];
    for (const e of expect) assert.ok(codes.includes(e), `${e} missing from:\n${codes.join("\n")}`);
    const message = site.error!.message;
    assert.match(message, /GB18030/);
    assert.match(message, /iconv -f GB18030 -t UTF-8/);
    assert.match(message, /content\/news\/tzgg\/dup\/index.md/); // duplicate names the other file
    assert.match(message, /zhong-wen-mu-lu/); // slug suggestion in pinyin
    assert.match(message, /缺少必填字段 title/);
    assert.match(message, /required field "title"/);
    assert.match(message, /字段名 titel 拼写有误，应为 title（标题）/);
    assert.match(message, /第 4 行 line 4, source: source 后面是中文冒号“：”，已按英文冒号读取/);
    assert.match(message, /字段 title 写了两次：第 2 行和第 5 行/);
    assert.match(message, /正文还是新建文章时的占位文字，文章未完成/);
    assert.equal(await fs.readFile(path.join(site.out, "index.html"), "utf8"), "previous site");
    const leftovers = (await fs.readdir(site.root)).filter((e) => e.startsWith("_site."));
    assert.deepEqual(leftovers, [], "no temporary output left behind");
    await site.cleanup();
  });

  test("editors' files are never modified by a build", async () => {
    const body = article({ title: "原样保留", date: "2024-05-01", source: "办公室" });
    const crlf = "\ufeff" + body.replace(/\n/g, "\r\n");
    const site = await fixture({ "content/news/jydt/keep/index.md": crlf });
    const before = await fs.readFile(path.join(site.root, "content/news/jydt/keep/index.md"));
    await site.build();
    assert.ifError(site.error);
    assert.deepEqual(await fs.readFile(path.join(site.root, "content/news/jydt/keep/index.md")), before);
    await site.cleanup();
  });
});
