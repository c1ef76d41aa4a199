/**
 * Issue #19, units: the 公文 Markdown (containers, levels, what is left alone), the notice
 * template, the widget settings and the CSP derived from them (exactly the listed origins; none =
 * today's policy; deploy/nginx.conf holds the same lines as _headers for a site without widgets).
 */
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import path from "node:path";
import { describe, test } from "node:test";
import { inlinePhotoRefs } from "../../lib/content/inline-photos.ts";
import { SiteSchema } from "../../lib/content/schema.ts";
import { widgetSources, WidgetsSchema } from "../../lib/content/widgets.ts";
import { checkGongwen } from "../../lib/editor/check/gongwen.ts";
import { CONTENT_SECURITY_POLICY, headersFile, nginxHeaderLines, securityHeaders } from "../../lib/feeds/headers.ts";
import { createMarkdown } from "../../lib/markdown.ts";
import { gongwenLevel } from "../../lib/markdown/gongwen.ts";
import { chineseDate, hasLuokuan, noticeBodyTemplate, ZHUSONG_PLACEHOLDER } from "../../lib/markdown/gongwen-template.ts";
import { PACKAGE_ROOT } from "../../lib/pipeline/build.ts";

const md = createMarkdown();

describe("公文 Markdown", () => {
  test("levels: 一、 （一） 1. （1）, half-width spellings too, nothing else", () => {
    assert.deepEqual(["一、总体要求", "（二）加强教育", "(三)x", "1. 防溺水", "12．交通", "（1）班会", "(2)x", "会议要求", "2024年"].map(gongwenLevel), [1, 2, 2, 3, 3, 4, 4, undefined, undefined]);
  });

  test("containers hold Markdown; unknown names, indented and fenced ones stay text", () => {
    const out = md.render("::: 主送\n各学校：\n:::\n\n::: 其他\nx\n:::\n\n    ::: 落款\n\n```\n::: 落款\n```\n");
    assert.match(out, /^<div class="gongwen gongwen-zhusong">\n<p>各学校：<\/p>\n<\/div>/);
    assert.match(out, /<p>::: 其他\nx\n:::<\/p>/);
    assert.match(out, /<pre><code>::: 落款\n<\/code><\/pre>\n<pre><code>::: 落款\n<\/code><\/pre>/);
  });

  test("an unclosed container ends with the document; text is escaped; a plain heading keeps no class", () => {
    const out = md.render("## 会议要求\n\n::: 落款\n<b>局</b>\n2024年7月1日");
    assert.match(out, /<h2>会议要求<\/h2>/);
    assert.match(out, /<div class="gongwen gongwen-luokuan">\n<p>&lt;b&gt;局&lt;\/b&gt;<br>\n2024年7月1日<\/p>\n<\/div>/);
  });

  test("images: local names are collected with their lines (not in code); remote ones never become <img>", () => {
    assert.deepEqual(inlinePhotoRefs("a\n\n![现场](IMG_1.JPG)\n\n`![x](no.jpg)`\n\n![远](https://x.example/y.png) ![](./IMG%202.JPG)"), [
      { file: "IMG_1.JPG", alt: "现场", line: 2 },
      { file: "IMG 2.JPG", alt: "", line: 6 },
    ]);
    const out = md.render("![远](https://x.example/y.png)\n\n![本地](a.jpg)");
    assert.doesNotMatch(out, /<img/);
    assert.match(out, /<span class="image-alt">远<\/span>/);
  });
});

describe("notice template and check", () => {
  test("the template has 主送 (placeholder) and a filled-in 落款", () => {
    const body = noticeBodyTemplate("（正文）", "示范区教育局", "2025-03-07 09:30");
    assert.ok(hasLuokuan(body));
    assert.match(body, /::: 落款\n示范区教育局\n2025年3月7日\n:::/);
    assert.ok(body.includes(ZHUSONG_PLACEHOLDER));
    assert.equal(chineseDate("2024-07-01"), "2024年7月1日");
    const rendered = md.render(body);
    assert.match(rendered, /gongwen-zhusong/);
  });

  test("check warns on a notice without 落款 and on the 主送 placeholder, not on news", () => {
    const a = (type: string, body: string) => ({ file: `content/${type}.md`, title: "通知", body, bodyLine: 6, column: { type } });
    const all = new Map(
      [a("notice", "正文。"), a("notice", `::: 主送\n${ZHUSONG_PLACEHOLDER}\n:::\n\n::: 落款\n局\n2024年7月1日\n:::`), a("news", "正文。")].map((x, i) => [String(i), x]),
    ) as unknown as Parameters<typeof checkGongwen>[0]["all"];
    const found = checkGongwen({ all });
    assert.deepEqual(
      found.map((i) => [i.file, i.code, i.severity, i.line]),
      [
        ["content/notice.md", "notice-no-luokuan", "warning", 6],
        ["content/notice.md", "placeholder-zhusong", "warning", 7],
      ],
    );
    assert.match(found[0]!.zh, /没有落款/);
    assert.match(found[0]!.fix, /::: 落款/);
  });
});

describe("government widgets and the CSP", () => {
  const widgets = WidgetsSchema.parse([
    { kind: "党政机关标识", script: "https://dcs.conac.cn/js/33/000/0000/1.js" },
    { kind: "我为政府网站找错", script: "https://zfwzgl.www.gov.cn/exposure/jiucuo.js" },
    { kind: "统计", script: "https://tongji.example.gov.cn/t.js" },
    { kind: "badge", image: "https://dcs.conac.cn/image/red.png", href: "https://bszs.conac.cn/sitename?id=1" },
  ]);

  test("kinds by any accepted name; each origin once, in the directives it needs", () => {
    assert.deepEqual(
      widgets.map((w) => w.kind),
      ["党政机关标识", "找错", "统计", "党政机关标识"],
    );
    assert.deepEqual(widgetSources(widgets), {
      script: ["https://dcs.conac.cn", "https://zfwzgl.www.gov.cn", "https://tongji.example.gov.cn"],
      img: ["https://dcs.conac.cn", "https://zfwzgl.www.gov.cn", "https://tongji.example.gov.cn"],
      connect: ["https://tongji.example.gov.cn"],
    });
  });

  test("the CSP adds exactly those origins; none = today's policy; with the counter both", () => {
    const site = { baseUrl: "https://jyj.test.gov.cn", widgets };
    const csp = securityHeaders(site)["Content-Security-Policy"]!;
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' https:\/\/dcs\.conac\.cn https:\/\/zfwzgl\.www\.gov\.cn https:\/\/tongji\.example\.gov\.cn;/);
    assert.match(csp, /connect-src 'self' https:\/\/tongji\.example\.gov\.cn;/);
    assert.match(csp, /default-src 'self';.*style-src 'self';/);
    assert.equal(securityHeaders({ baseUrl: site.baseUrl, widgets: [] })["Content-Security-Policy"], CONTENT_SECURITY_POLICY);
    assert.equal(securityHeaders({ baseUrl: site.baseUrl })["Content-Security-Policy"], CONTENT_SECURITY_POLICY);
    const both = securityHeaders({ ...site, counter: { url: "https://tongji.example.gov.cn/api/" } })["Content-Security-Policy"]!;
    assert.match(both, /connect-src 'self' https:\/\/tongji\.example\.gov\.cn;/, "the counter's origin and the statistics origin once");
    assert.match(headersFile("/", site), /script-src 'self' 'wasm-unsafe-eval' https:\/\/dcs\.conac\.cn/);
  });

  test("deploy/nginx.conf holds the lines nginxHeaderLines() gives for a site without widgets", async () => {
    const conf = await fs.readFile(path.join(PACKAGE_ROOT, "deploy", "nginx.conf"), "utf8");
    for (const line of nginxHeaderLines().split("\n")) assert.ok(conf.includes(line), line);
  });

  test("bad settings are refused with a bilingual message", () => {
    const bad = WidgetsSchema.safeParse([{ kind: "广告", script: "https://ad.example.com/a.js" }, { kind: "找错" }, { kind: "统计", script: "javascript:alert(1)" }]);
    assert.ok(!bad.success);
    const messages = bad.error.issues.map((i) => i.message).join("\n");
    assert.match(messages, /kind 须是 党政机关标识、找错、统计 之一/);
    assert.match(messages, /须有 script（脚本网址）或 image/);
    assert.match(messages, /须是完整网址/);
    assert.ok(SiteSchema.shape.widgets, "site.yaml takes widgets");
  });
});

test("an inline photo inside a link gets no link of its own (no <a> inside <a>)", () => {
  const calls: unknown[][] = [];
  const out = createMarkdown().render("[![图](a.jpg)](/news/) 和 ![图](b.jpg)", { photo: (...args: unknown[]) => (calls.push(args), `<P>`) });
  assert.deepEqual(calls, [
    ["a.jpg", "图", false, true],
    ["b.jpg", "图", false, false],
  ]);
  assert.match(out, /<a href="\/news\/"><P><\/a>/);
});

test("npm run new in a notice column writes the 主送 and 落款 containers (owner and date filled in); news columns stay plain", async () => {
  const { createArticle, BODY_PLACEHOLDER } = await import("../../lib/editor/new-article.ts");
  const { fixture, FIXTURE_NOW } = await import("../helpers/fixture.ts");
  const f = await fixture({});
  try {
    const notice = await createArticle({ root: f.root, column: "tzgg", title: "关于做好暑期安全工作的通知", source: "安全科", date: "2025-05-20", now: FIXTURE_NOW });
    const text = await fs.readFile(notice.file, "utf8");
    assert.match(
      text,
      new RegExp(`::: 主送\\n${ZHUSONG_PLACEHOLDER.replace(/[()（）]/g, ".")}\\n:::\\n\\n${BODY_PLACEHOLDER.replace(/[()（）。]/g, ".")}\\n\\n::: 落款\\n测试区教育局\\n2025年5月20日\\n:::`),
    );
    const news = await createArticle({ root: f.root, column: "jydt", title: "我区举行中小学科技节", source: "办公室", now: FIXTURE_NOW });
    assert.doesNotMatch(await fs.readFile(news.file, "utf8"), /:::/);
  } finally {
    await f.cleanup();
  }
});
