/**
 * Inline photos (issue #19): what `![说明](文件名)` in a body renders as, through the same
 * responsive <picture> as the gallery (./gallery.ts). A photo alone in its paragraph is a
 * <figure class="inline-photo"> with its caption; its link to the large JPEG opens in the
 * lightbox (assets/js/gallery.js treats each such figure as a one-photo gallery, words included
 * so the 繁體 edition converts them). A photo inside a sentence is a small inline link. The link's
 * name is the photo's alt text only: no hidden words that would end up in the page's description
 * and search excerpts.
 */
import type { Article } from "../../lib/content/load.ts";
import type { InlinePhotoResolver } from "../../lib/markdown/inline-photos.ts";
import { html } from "../../lib/html.ts";
import type { RenderContext } from "../context.ts";
import { ARTICLE_SIZES, largestUrl, picture } from "./gallery.ts";

/** The article's photo resolver for MarkdownEnv.photo. */
export function inlinePhotoResolver(ctx: RenderContext, a: Article): InlinePhotoResolver {
  return (file, alt, block, insideLink) => {
    const photo = a.photos.find((p) => p.file === file);
    const img = photo ? ctx.image(photo.source) : undefined;
    if (!photo || !img) return undefined;
    const caption = (photo.caption || alt).trim();
    const text = (photo.alt || alt || caption).trim() || `${a.title} 图${a.photos.indexOf(photo) + 1}`;
    const urlPrefix = ctx.url("/img/");
    const pic = picture(img, { alt: text, sizes: ARTICLE_SIZES, urlPrefix });
    if (insideLink) return String(html`<span class="inline-photo-link">${pic}</span>`);
    if (!block) return String(html`<a class="inline-photo-link" href="${largestUrl(img, urlPrefix)}">${pic}</a>`);
    return String(html`<figure class="inline-photo" data-text-dialog="查看大图" data-text-close="关闭" data-text-prev="上一张" data-text-next="下一张" data-text-position="第 {n} 张，共 {total} 张"><a class="gallery-link" href="${largestUrl(img, urlPrefix)}">${pic}</a>${caption ? html`<figcaption class="gallery-caption">${caption}</figcaption>` : ""}</figure>
`);
  };
}
