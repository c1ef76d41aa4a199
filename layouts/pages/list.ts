/** Column pages: a leaf column's paginated list, or a section's overview of its sub-columns. */
import { html } from "../../lib/html.ts";
import type { ListPage } from "../../lib/site/view.ts";
import type { Column } from "../../lib/content/columns.ts";
import { basePage } from "../base.ts";
import { breadcrumb } from "../components/chrome.ts";
import { articleList, pagination, photoList } from "../components/lists.ts";
import { catalogUrlOf } from "../../lib/site/catalog.ts";
import type { RenderContext } from "../context.ts";

function sideNav(ctx: RenderContext, column: Column) {
  const group = column.isLeaf && column.parent ? column.parent : column;
  if (!group.children.length) return html``;
  return html`<nav class="side-nav" aria-label="${group.name}栏目">
  <h2 class="side-title"><a href="${ctx.url(group.url)}">${group.name}</a></h2>
  <ul>${group.children.map((c) => html`<li><a href="${ctx.url(c.url)}"${c === column ? html` aria-current="page"` : ""}>${c.name}</a></li>`)}</ul>
</nav>`;
}

/** 政务公开 columns: the way to their 信息公开目录 (lib/site/catalog.ts). */
function catalogLink(ctx: RenderContext, column: Column) {
  const url = catalogUrlOf(column, ctx.view);
  return url
    ? html`
<p class="catalog-link"><a href="${ctx.url(url)}">${column.name}信息公开目录</a>：按主题分类、发布机构、年份和有效性查看文件的索引号和文号</p>`
    : "";
}

export function listPage(ctx: RenderContext, page: ListPage): string {
  const { column } = page;
  const heading = page.number > 1 ? `${column.name}（第 ${page.number} 页）` : column.name;
  const feed = column.isLeaf ? html`\n<link rel="alternate" type="application/atom+xml" title="${column.name} - ${ctx.site.name}" href="${ctx.url(`${column.url}feed.xml`)}">` : html``;
  const body = column.isLeaf
    ? html`${column.type === "photo" ? photoList(ctx, page.items) : articleList(ctx, page.items)}${pagination(ctx, page)}`
    : html`<div class="section-blocks">${column.children.map((child) => {
        const items = (ctx.view.byColumn.get(child.key) ?? []).slice(0, ctx.site.homeItems);
        return html`<section class="block" aria-labelledby="block-${child.key}">
  <h2 class="block-title" id="block-${child.key}"><a href="${ctx.url(child.url)}">${child.name}</a></h2>
  ${articleList(ctx, items)}
  <p class="more"><a href="${ctx.url(child.url)}">更多${child.name}</a></p>
</section>`;
      })}</div>`;
  const main = html`<div class="container">
${breadcrumb(ctx, column)}
<h1 class="column-title">${heading}</h1>${catalogLink(ctx, column)}
<div class="column-layout">
${sideNav(ctx, column)}
<div class="column-main">
${body}
</div>
</div>
</div>`;
  return basePage(ctx, { title: heading, url: page.url, column, description: column.description || `${ctx.site.name}${column.name}`, head: feed, noindex: true }, main);
}
