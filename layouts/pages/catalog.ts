/**
 * 政府信息公开目录 pages (lib/site/catalog.ts): the filter bar — links, not a form, so it works
 * without JavaScript and every filtered list has its own address — and the documents as a real
 * table with a caption and column headers. On phones each row becomes a card whose cells carry
 * their header as a label (assets/css/catalog.css); in print the table is printed as a table.
 */
import { VALIDITY_ZH } from "../../lib/content/gov-info.ts";
import { html, type SafeHtml } from "../../lib/html.ts";
import type { CatalogPage } from "../../lib/site/catalog.ts";
import { basePage } from "../base.ts";
import { breadcrumb } from "../components/chrome.ts";
import { pagination } from "../components/lists.ts";
import type { RenderContext } from "../context.ts";

export const CATALOG_CSS = "/assets/css/catalog.css";

/** The filter bar: 全部, each filter's values with counts, and the order (for the full list). */
function filterBar(ctx: RenderContext, page: CatalogPage): SafeHtml {
  const { scope, filter } = page;
  const current = (on: boolean) => (on ? html` aria-current="true"` : "");
  const link = (url: string, label: SafeHtml | string, on: boolean) => html`<a href="${ctx.url(url)}"${current(on)}>${label}</a>`;
  // Phones: folded behind 筛选 (open when a filter or the order is chosen); wider screens show
  // it unfolded where the browser can style ::details-content (assets/css/catalog.css), else it
  // stays one click away.
  const open = filter || page.order === "oldest" ? html` open` : "";
  return html`<details class="catalog-fold"${open}><summary class="catalog-fold-toggle">筛选<span class="catalog-fold-hint">（主题分类、发布机构、年份、有效性）</span></summary>
<nav class="catalog-filters" aria-label="目录筛选">
  <p class="catalog-all">${link(scope.url, html`全部文件<span class="catalog-count">（${scope.total}）</span>`, !filter && page.order === "newest")}${
    filter ? "" : html`<span class="catalog-order">排序：${link(scope.url, "最新发布在前", page.order === "newest")} ${link(scope.oldestUrl, "最早发布在前", page.order === "oldest")}</span>`
  }</p>
  ${scope.facets
    .filter((f) => f.values.length)
    .map(
      (f) => html`<div class="catalog-filter">
    <h2 class="catalog-filter-name" id="catalog-filter-${f.key}">${f.name}</h2>
    <ul aria-labelledby="catalog-filter-${f.key}">${f.values.map(
      (v) => html`<li>${link(v.url, html`${v.label}<span class="catalog-count">（${v.count}）</span>`, filter?.key === f.key && filter.value.slug === v.slug)}</li>`,
    )}</ul>
  </div>`,
    )}
</nav></details>`;
}

function table(ctx: RenderContext, page: CatalogPage, caption: string): SafeHtml {
  const headers = ["索引号", "标题", "文号", "发布日期", "有效性"];
  return html`<table class="catalog-table">
<caption>${caption}</caption>
<thead><tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>
${page.items.map((a) => {
  const gov = a.gov!;
  return html`<tr>
  <td class="catalog-index" data-label="索引号" translate="no">${gov.indexNo || "—"}</td>
  <td class="catalog-title" data-label="标题"><a href="${ctx.url(a.url)}">${a.title}</a></td>
  <td class="catalog-docno" data-label="文号" translate="no">${gov.docNo || "—"}</td>
  <td class="catalog-date" data-label="发布日期"><time datetime="${a.day}">${a.day}</time></td>
  <td class="catalog-validity catalog-validity-${gov.validity}" data-label="有效性">${VALIDITY_ZH[gov.validity]}</td>
</tr>
`;
})}</tbody>
</table>`;
}

export function catalogPage(ctx: RenderContext, page: CatalogPage): string {
  const { scope, filter } = page;
  const name = `${scope.column.name}信息公开目录`;
  const what = filter ? `${filter.name}：${filter.value.label}` : page.order === "oldest" ? "最早发布在前" : "";
  const heading = `${name}${what ? `（${what}）` : ""}`;
  const title = `${heading}${page.number > 1 ? `（第 ${page.number} 页）` : ""}`;
  const caption = `${what ? `${what}，` : ""}共 ${page.total} 件${page.count > 1 ? `，第 ${page.number} 页，共 ${page.count} 页` : ""}`;
  const main = html`<div class="container catalog-page">
${breadcrumb(ctx, scope.column, "信息公开目录")}
<h1 class="column-title">${heading}</h1>
${filterBar(ctx, page)}
${table(ctx, page, caption)}
${pagination(ctx, page)}
<p class="catalog-note">索引号、文号为文件的正式编号；点击标题查看全文及其政务公开信息。在页面顶部的搜索框中输入文号（如“12号”）或索引号，也能找到文件。</p>
</div>`;
  return basePage(
    ctx,
    { title, url: page.url, column: scope.column, description: `${ctx.site.name}${name}`, styles: [CATALOG_CSS], noindex: Boolean(filter) || page.order === "oldest" || page.number > 1 },
    main,
  );
}
