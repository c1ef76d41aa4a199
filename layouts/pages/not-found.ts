/** 404 page: plain words, a way home and a search box. */
import { html } from "../../lib/html.ts";
import { basePage } from "../base.ts";
import type { RenderContext } from "../context.ts";

export function notFoundPage(ctx: RenderContext): string {
  const main = html`<div class="container narrow">
<h1>页面不存在</h1>
<p>您访问的页面不存在或已被删除。请检查网址，或从下面的链接继续浏览。</p>
<ul class="not-found-links">
  <li><a href="${ctx.url("/")}">返回首页</a></li>
  ${ctx.view.nav.map((c) => html`<li><a href="${ctx.url(c.url)}">${c.name}</a></li>`)}
</ul>
</div>`;
  return basePage(ctx, { title: "页面不存在", url: "/404.html", noindex: true }, main);
}
