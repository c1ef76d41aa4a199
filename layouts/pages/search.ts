/**
 * The search page. The header's search box is a plain GET form to /search/?q=…, so the query
 * arrives in the URL; assets/js/search.js runs Pagefind's JS API and renders results here.
 *
 * Every text the script shows lives in this page (the <template data-search-text> below), not in
 * the script: the 繁體 edition converts whole pages, so its search page speaks Traditional (欄目,
 * 信息來源). Both editions search the one Simplified index, so each filter also carries its index
 * name percent-encoded (data-index-name), which the conversion cannot touch.
 */
import { html } from "../../lib/html.ts";
import { basePage, CSS_VERSION } from "../base.ts";
import type { RenderContext } from "../context.ts";

/** URL parameter → Pagefind filter name (as written by layouts/article.ts). */
export const SEARCH_FILTERS = [
  { param: "column", name: "栏目" },
  { param: "year", name: "年份" },
  { param: "source", name: "信息来源" },
  // 政务公开 documents only (layouts/article.ts); a site without them shows no such filter.
  { param: "category", name: "主题分类" },
  { param: "validity", name: "有效性" },
] as const;

/** Results shown at once and per 加载更多. */
export const SEARCH_PAGE_SIZE = 10;

export function searchPage(ctx: RenderContext): string {
  const text = (key: string, value: string) => html`<span data-key="${key}">${value}</span>`;
  // A large site's index is in shards of whole years (planned by the search stage, passed in the
  // context): the script merges them and needs each one's folder and years. Digits and ASCII only, so the 繁體 conversion leaves it.
  const plan = ctx.searchBundles;
  const shards = plan.length > 1 ? plan.map((s) => `${s.dir}:${s.years.join(",")}`).join(" ") : undefined;
  const main = html`<div class="container narrow search-page">
<h1>站内搜索</h1>
<form class="search-main" role="search" action="${ctx.url("/search/")}" method="get" data-search-form>
  <label for="search-q">搜索关键词</label>
  <div class="search-row"><input id="search-q" name="q" type="search" autocomplete="off" enterkeyhint="search" aria-describedby="search-tip" data-search-input><button type="submit">搜索</button></div>
  <p class="search-tip" id="search-tip">可输入简体或繁体，多个关键词用空格分隔。</p>
</form>
<button type="button" class="filter-toggle" aria-expanded="false" aria-controls="search-filters" data-disclosure data-open-with="${[...SEARCH_FILTERS.map((f) => f.param), "sort"].join(" ")}">筛选</button>
<div class="search-filters" id="search-filters" data-search-filters hidden></div>
<p class="search-status" role="status" aria-live="polite" data-search-status><noscript>站内搜索需要启用 JavaScript。</noscript></p>
<div class="search-hint" data-search-hint>
  <p>请在上方输入关键词，例如“立德树人”“招生”“课后服务”，或按栏目浏览：</p>
  <ul class="search-columns">${ctx.view.nav.map((c) => html`<li><a href="${ctx.url(c.url)}">${c.name}</a></li>`)}</ul>
</div>
<ol class="search-results" aria-label="搜索结果" data-search-results data-bundle="${ctx.url("/pagefind/")}"${shards ? html` data-shards="${shards}"` : ""} data-page-size="${SEARCH_PAGE_SIZE}"></ol>
<div class="search-empty" data-search-empty hidden>
  <p>建议您：</p>
  <ul>
    <li>检查输入的文字是否有误；</li>
    <li>换用更简短、更常用的关键词，或减少关键词的数量；</li>
    <li data-search-empty-filters hidden>减少筛选条件，或<button type="button" class="search-link-button" data-search-clear>清除全部筛选条件</button>；</li>
    <li>按栏目浏览：${ctx.view.nav.map((c, i) => html`${i ? "、" : ""}<a href="${ctx.url(c.url)}">${c.name}</a>`)}。</li>
  </ul>
</div>
<p class="search-more-row"><button type="button" class="search-more" data-search-more hidden>加载更多</button></p>
<template data-search-text>
  ${text("loading", "正在搜索……")}
  ${text("found", "找到 {n} 条与“{q}”相关的结果")}
  ${text("listed", "共 {n} 条信息")}
  ${text("converted", "（已按“{c}”搜索）")}
  ${text("none", "未找到与“{q}”相关的结果")}
  ${text("noneFiltered", "未找到符合筛选条件的信息")}
  ${text("shown", "，已显示 {shown} 条")}
  ${text("more", "加载更多（还有 {rest} 条）")}
  ${text("all", "全部")}
  ${text("count", "{value}（{n}）")}
  ${text("sort", "排序")}
  ${text("relevance", "相关度")}
  ${text("newest", "最新发布")}
  ${text("clear", "清除筛选")}
  ${text("filters", "筛选搜索结果")}
  ${text("loadingFilters", "正在加载筛选项……")}
  ${text("error", "搜索服务暂时不可用，请稍后再试，或按栏目浏览。")}
  ${SEARCH_FILTERS.map((f) => html`<span data-filter="${f.param}" data-index-name="${encodeURIComponent(f.name)}">${f.name}</span>`)}
</template>
</div>`;
  return basePage(
    ctx,
    {
      title: "站内搜索",
      url: "/search/",
      noindex: true,
      scripts: ["/assets/js/search.js"],
      head: html`\n<link rel="stylesheet" href="${ctx.url(`/assets/css/search.css?v=${CSS_VERSION}`)}">`,
    },
    main,
  );
}
