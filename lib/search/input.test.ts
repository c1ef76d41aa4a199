import assert from "node:assert/strict";
import { test } from "node:test";
import { bodyOf, indexCopy, splitHan } from "./input.ts";

const page = (article: string, lang = "zh-CN") =>
  `<!doctype html><html lang="${lang}"><head><title>t</title></head><body><nav>导航</nav>\n${article}\n<nav data-pagefind-ignore>上一篇：<a href="/a/">旧标题</a></nav><footer>页脚</footer></body></html>`;

test("every Han character is set off by U+200B; other runs stay whole", () => {
  assert.equal(splitHan("到2031年，华罗庚 STEAM课"), "\u200B到\u200B2031\u200B年\u200B，\u200B华\u200B罗\u200B庚\u200B STEAM\u200B课\u200B");
  assert.equal(splitHan("abc 123"), "abc 123");
});

test("the index copy holds the body element only, without ignored parts; the title meta moves into an attribute", () => {
  const html = page(
    `<article class="article" data-pagefind-body data-pagefind-sort="date:2024-07-12T09:30:00">
  <span hidden data-pagefind-filter="栏目:教育动态"></span>
  <h1 class="article-title" data-pagefind-meta="title">“强基铸魂”&amp;&lt;b&gt; 部署会</h1>
  <div data-pagefind-ignore><p>不要<b>索引</b>这里</p><img src="x.jpg" alt="图"></div>
  <p>华罗庚<br>自学</p>
</article>`,
  );
  const copy = indexCopy(html)!;
  assert.match(copy, /^<!doctype html>\n<html lang="zh-CN">/);
  assert.ok(!copy.includes("导航") && !copy.includes("页脚") && !copy.includes("旧标题"), "only the body element");
  assert.ok(!copy.includes("索\u200B引") && !copy.includes("x.jpg"), "ignored element dropped");
  assert.ok(copy.includes('data-pagefind-sort="date:2024-07-12T09:30:00"') && copy.includes('data-pagefind-filter="栏目:教育动态"'), "attributes kept as written");
  assert.ok(copy.includes('<span hidden data-pagefind-meta="title:“强基铸魂”&amp;&lt;b&gt; 部署会"></span><h1 class="article-title">'), copy);
  assert.ok(copy.includes("\u200B华\u200B罗\u200B庚\u200B<br>\u200B自\u200B学\u200B"), copy);
  assert.ok(copy.trimEnd().endsWith("</article>\n</body></html>"));
});

test("pages without a body element have no copy; the key part ignores everything around the body", () => {
  assert.equal(indexCopy('<html lang="zh-CN"><body><main>列表</main></body></html>'), undefined);
  const a = page(`<article data-pagefind-body><p>正文<article>嵌套</article>结尾</p></article>`);
  const b = a.replace("旧标题", "新标题").replace("导航", "新导航");
  assert.equal(bodyOf(a), bodyOf(b));
  assert.ok(bodyOf(a)!.endsWith("结尾</p></article>"), bodyOf(a));
});
