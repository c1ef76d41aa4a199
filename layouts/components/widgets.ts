/**
 * Government widgets (issue #19; settings in lib/content/widgets.ts): the footer's 党政机关标识
 * badge and 我为政府网站找错 entry, and the statistics code. Each script is loaded `async` (it
 * never blocks rendering) into a slot of fixed size (assets/css/site.css, section 政府网站组件),
 * so whatever it draws shifts nothing. The CSP allows exactly these origins (lib/feeds/headers.ts).
 * No widgets: no markup at all.
 */
import type { Widget } from "../../lib/content/widgets.ts";
import { html, type SafeHtml } from "../../lib/html.ts";
import type { RenderContext } from "../context.ts";

function slot(w: Widget, siteCode: string): SafeHtml {
  if (w.kind === "党政机关标识") {
    // The registration authority's script writes its badge into #_ideConac.
    if (w.script) return html`<span class="widget-slot widget-badge" id="_ideConac"><script async src="${w.script}"></script></span>`;
    const img = html`<img src="${w.image}" width="58" height="70" alt="党政机关" loading="lazy" decoding="async">`;
    return html`<span class="widget-slot widget-badge">${w.href ? html`<a href="${w.href}" rel="noopener" target="_blank">${img}</a>` : img}</span>`;
  }
  if (w.kind === "找错") {
    // jiucuo.js finds itself by id and reads the site's 标识码 from sitecode, and fills #_span_jiucuo.
    if (w.script) return html`<span class="widget-slot widget-jiucuo" id="_span_jiucuo"><script async id="_jiucuo_" sitecode="${siteCode}" src="${w.script}"></script></span>`;
    const img = html`<img src="${w.image}" width="110" height="55" alt="我为政府网站找错" loading="lazy" decoding="async">`;
    return html`<span class="widget-slot widget-jiucuo">${w.href ? html`<a href="${w.href}" rel="noopener" target="_blank">${img}</a>` : img}</span>`;
  }
  // 统计: nothing to see; a counting pixel, if any, is hidden.
  return w.script ? html`<script async src="${w.script}"></script>` : html`<img class="widget-stat" src="${w.image}" width="1" height="1" alt="" loading="lazy">`;
}

/** The footer's widget row (badge, 找错) and statistics scripts; empty without widgets. */
export function governmentWidgets(ctx: RenderContext): SafeHtml {
  const widgets = ctx.site.widgets ?? [];
  if (!widgets.length) return html``;
  const visible = widgets.filter((w) => w.kind !== "统计");
  const stats = widgets.filter((w) => w.kind === "统计");
  return html`${
    visible.length
      ? html`
    <p class="widget-row">${visible.map((w) => slot(w, ctx.site.siteCode))}</p>`
      : ""
  }${stats.map((w) => slot(w, ctx.site.siteCode))}`;
}
