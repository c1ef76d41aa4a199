/** Home page: 图片新闻 block, then the latest items of every leaf column. */
import { html } from "../../lib/html.ts";
import { isoDateTime } from "../../lib/content/dates.ts";
import { basePage } from "../base.ts";
import { articleList } from "../components/lists.ts";
import { focusClass, picture } from "../components/gallery.ts";
import type { RenderContext } from "../context.ts";

/**
 * 图片新闻: on phones (≤ 640 px, header.css) a strip that scrolls sideways, each photo 62 % of the
 * width (never rotating by itself; 上一张/下一张 from site.js); wider, the grid of ≥ 220 px cells.
 */
const PHOTO_NEWS_SIZES = "(max-width: 640px) 62vw, (max-width: 700px) 100vw, 360px";

export function homePage(ctx: RenderContext): string {
  const photoNews = ctx.view.withPhotos.slice(0, 5).flatMap((a) => {
    const img = a.cover ? ctx.image(a.cover.source) : undefined;
    return img ? [{ a, img }] : [];
  });
  const main = html`<div class="container home">
<h1 class="visually-hidden">${ctx.site.name}</h1>
${
  photoNews.length
    ? html`<section class="block photo-news" aria-label="图片新闻（焦点图）">
  <div class="photo-news-head"><h2 class="block-title" id="photo-news-title">图片新闻</h2><p class="strip-controls" data-strip-controls hidden><button type="button" class="strip-button" data-strip-step="-1" aria-controls="photo-news-list">上一张</button><button type="button" class="strip-button" data-strip-step="1" aria-controls="photo-news-list">下一张</button></p></div>
  <ul class="photo-news-list" id="photo-news-list" data-strip>${photoNews.map(
    ({ a, img }, i) =>
      html`<li><a href="${ctx.url(a.url)}">${picture(img, { alt: "", sizes: PHOTO_NEWS_SIZES, urlPrefix: ctx.url("/img/"), eager: i === 0, className: focusClass(img) })}<span class="photo-news-title">${a.title}</span></a><time datetime="${isoDateTime(a.date)}">${a.day}</time></li>`,
  )}</ul>
</section>`
    : ""
}
<div class="home-blocks">
${ctx.columns.leaves.map((c) => {
  const items = (ctx.view.byColumn.get(c.key) ?? []).slice(0, ctx.site.homeItems);
  return html`<section class="block" aria-labelledby="home-${c.key}">
  <h2 class="block-title" id="home-${c.key}"><a href="${ctx.url(c.url)}">${c.name}</a></h2>
  ${articleList(ctx, items)}
  <p class="more"><a href="${ctx.url(c.url)}" aria-label="更多${c.name}">更多</a></p>
</section>`;
})}
</div>
</div>`;
  return basePage(ctx, { title: "", url: "/", noindex: true }, main);
}
