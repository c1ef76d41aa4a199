/**
 * Tag pages (lib/site/tags.ts): /tags/ — every tag with its number of articles, the most used
 * first — and a tag's articles, newest first with their column, paginated like a column list.
 */
import { html } from "../../lib/html.ts";
import { TAGS_URL, type TagPage } from "../../lib/site/tags.ts";
import { basePage } from "../base.ts";
import { breadcrumb } from "../components/chrome.ts";
import { articleList, pagination } from "../components/lists.ts";
import type { RenderContext } from "../context.ts";

export function tagPage(ctx: RenderContext, page: TagPage): string {
  if (page.kind === "index") {
    const main = html`<div class="container narrow tag-page">
${breadcrumb(ctx, undefined, "标签")}
<h1 class="column-title">标签</h1>
<p>按标签查看相关文章，括号内是文章篇数。</p>
<ul class="tag-cloud">${page.tags.map((t) => html`<li><a class="tag" href="${ctx.url(t.url)}">${t.name}<span class="tag-count">（${t.articles.length}）</span></a></li>`)}</ul>
</div>`;
    return basePage(ctx, { title: "标签", url: page.url, description: `${ctx.site.name}文章标签`, noindex: true }, main);
  }
  const { tag } = page;
  const heading = page.number > 1 ? `标签：${tag.name}（第 ${page.number} 页）` : `标签：${tag.name}`;
  const main = html`<div class="container narrow tag-page">
${breadcrumb(ctx, undefined, [{ name: "标签", url: TAGS_URL }, { name: tag.name }])}
<h1 class="column-title">${heading}</h1>
<p class="tag-total">共 ${page.total} 篇文章</p>
${articleList(ctx, page.items, { showColumn: true })}${pagination(ctx, page)}
</div>`;
  return basePage(ctx, { title: heading, url: page.url, description: `${ctx.site.name}标签“${tag.name}”的文章`, noindex: true }, main);
}
