/**
 * The search page. The header's search box is a plain GET form to /search/?q=…, so the query
 * arrives in the URL; assets/js/search.js runs Pagefind's JS API and renders results here.
 */
import { html } from "../../lib/render/html.ts";
import { basePage } from "../base.ts";
import type { RenderContext } from "../context.ts";

export function searchPage(ctx: RenderContext): string {
  const main = html`<div class="container narrow search-page">
<h1>站内搜索</h1>
<form class="search-main" role="search" action="${ctx.url("/search/")}" method="get" data-search-form>
  <label for="search-q">搜索关键词</label>
  <div class="search-row"><input id="search-q" name="q" type="search" autocomplete="off" data-search-input><button type="submit">搜索</button></div>
</form>
<div class="search-filters" data-search-filters hidden></div>
<p class="search-status" role="status" aria-live="polite" data-search-status><noscript>站内搜索需要启用 JavaScript。</noscript></p>
<ol class="search-results" data-search-results data-bundle="${ctx.url("/pagefind/")}"></ol>
</div>`;
  return basePage(ctx, { title: "站内搜索", url: "/search/", noindex: true, scripts: ["/assets/js/search.js"] }, main);
}
