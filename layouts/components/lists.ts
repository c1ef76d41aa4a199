/** Article lists and pagination (首页/上一页/下一页/尾页 with page numbers). */
import type { Article } from "../../lib/content/load.ts";
import { html, type SafeHtml } from "../../lib/html.ts";
import { isoDateTime } from "../../lib/content/dates.ts";
import type { Paged } from "../../lib/site/paginate.ts";
import type { RenderContext } from "../context.ts";
import { focusClass, picture } from "./gallery.ts";

export function articleList(ctx: RenderContext, items: readonly Article[], opts: { showColumn?: boolean } = {}): SafeHtml {
  if (!items.length) return html`<p class="empty">本栏目暂无信息。</p>`;
  return html`<ul class="article-list">${items.map(
    (a) =>
      html`<li><a href="${ctx.url(a.url)}">${a.title}</a>${opts.showColumn ? html`<span class="list-column">[${a.column.name}]</span>` : ""}<time datetime="${isoDateTime(a.date)}">${a.day}</time></li>`,
  )}</ul>`;
}

/** Sizes of a list thumbnail: two per row on phones, four from 48em (assets/css/site.css .photo-list). */
const PHOTO_LIST_SIZES = "(max-width: 47.99em) 45vw, 270px";

/**
 * 图片新闻 list (a photo column): each article's cover as a 3:2 thumbnail kept on its subject
 * (lib/images/focus.ts), then its title and date. The picture sits inside the title's link and
 * says nothing the title does not: alt="" (one link, one name). Articles without a usable cover
 * get the title alone, in the same grid. The first row loads at once, the rest lazily.
 */
export function photoList(ctx: RenderContext, items: readonly Article[]): SafeHtml {
  if (!items.length) return html`<p class="empty">本栏目暂无信息。</p>`;
  return html`<ul class="photo-list">${items.map((a, i) => {
    const img = a.cover ? ctx.image(a.cover.source) : undefined;
    const thumb = img ? picture(img, { alt: "", sizes: PHOTO_LIST_SIZES, urlPrefix: ctx.url("/img/"), eager: i < 4, className: focusClass(img) }) : html`<span class="photo-list-blank"></span>`;
    return html`<li><a href="${ctx.url(a.url)}">${thumb}<span class="photo-list-title">${a.title}</span></a><time datetime="${isoDateTime(a.date)}">${a.day}</time></li>`;
  })}</ul>`;
}

/** Any paginated list (lib/site/paginate.ts): column lists, 目录 pages, tag pages. */
export function pagination(ctx: RenderContext, page: Paged): SafeHtml {
  if (page.count <= 1) return html``;
  // Unavailable steps stay in place (the row does not jump) as links without href: not focusable,
  // announced as unavailable. 首页/尾页 name their page, so 首页 is not confused with the site's 首页.
  const link = (n: number, label: string, rel?: string, name?: string) =>
    n === page.number || n < 1 || n > page.count
      ? html`<a class="page-disabled" role="link" aria-disabled="true">${label}</a>`
      : html`<a href="${ctx.url(page.pageUrls[n - 1]!)}"${rel ? html` rel="${rel}"` : ""}${name ? html` aria-label="${name}"` : ""}>${label}</a>`;
  // A window of page numbers around the current one keeps long lists usable.
  const from = Math.max(1, Math.min(page.number - 4, page.count - 9));
  const to = Math.min(page.count, from + 9);
  const numbers: SafeHtml[] = [];
  for (let n = from; n <= to; n++) {
    numbers.push(
      n === page.number
        ? html`<li><span class="page-current" aria-current="page"><span class="visually-hidden">第</span>${n}<span class="visually-hidden">页</span></span></li>`
        : html`<li><a href="${ctx.url(page.pageUrls[n - 1]!)}" aria-label="第 ${n} 页">${n}</a></li>`,
    );
  }
  return html`<nav class="pagination" aria-label="分页">
  <ul>
    <li>${link(1, "首页", undefined, "首页（第 1 页）")}</li>
    <li>${link(page.number - 1, "上一页", "prev")}</li>
    ${numbers}
    <li>${link(page.number + 1, "下一页", "next")}</li>
    <li>${link(page.count, "尾页", undefined, `尾页（第 ${page.count} 页）`)}</li>
  </ul>
  <p class="page-status">共 ${page.total} 条　第 ${page.number}/${page.count} 页</p>
</nav>`;
}
