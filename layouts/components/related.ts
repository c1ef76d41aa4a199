/** 相关阅读 under an article (lib/site/related.ts picks them): not indexed for search, not printed. */
import type { Article } from "../../lib/content/load.ts";
import { html, type SafeHtml } from "../../lib/html.ts";
import type { RenderContext } from "../context.ts";
import { articleList } from "./lists.ts";

export function relatedReading(ctx: RenderContext, a: Article): SafeHtml {
  const items = ctx.view.related(a);
  if (!items.length) return html``;
  return html`<section class="related" aria-labelledby="related-title" data-pagefind-ignore>
<h2 class="related-title" id="related-title">相关阅读</h2>
${articleList(ctx, items)}
</section>`;
}
