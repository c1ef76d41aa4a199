/** Article page: breadcrumb, title, meta line, body, photo gallery, attachments, 上一篇/下一篇. */
import { isoDateTime } from "../lib/content/dates.ts";
import type { Article } from "../lib/content/load.ts";
import { html, raw, type SafeHtml } from "../lib/html.ts";
import { basePage } from "./base.ts";
import { breadcrumb } from "./components/chrome.ts";
import { gallery, GALLERY_CSS, GALLERY_JS } from "./components/gallery.ts";
import { GOV_CSS, govInfo, validityHeadline } from "./components/gov-info.ts";
import { VALIDITY_ZH } from "../lib/content/gov-info.ts";
import type { RenderContext } from "./context.ts";
import { relatedReading } from "./components/related.ts";
import { shareTools } from "./components/share.ts";

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Attachment URLs are percent-encoded so every URL in the output is ASCII. */
export const fileUrl = (a: Article, file: string): string => a.url + file.split("/").map(encodeURIComponent).join("/");

/** One Pagefind filter/meta per element (a comma list in one attribute is read as one value); no commas in values. */
const pf = (v: string) => v.replace(/[,:，]/g, " ");

/** Site path (without the path prefix) of the cover's JPEG variant: for ctx.url() and ctx.absoluteUrl(). */
export function coverPath(ctx: RenderContext, a: Article, width = 960): string | undefined {
  const img = a.cover ? ctx.image(a.cover.source) : undefined;
  if (!img) return undefined;
  const jpegs = img.variants.filter((v) => v.format === "jpeg").sort((x, y) => x.width - y.width);
  const pick = jpegs.find((v) => v.width >= width) ?? jpegs[jpegs.length - 1];
  return pick ? `/img/${pick.name}` : undefined;
}

function jsonLd(ctx: RenderContext, a: Article, image: string | undefined): SafeHtml {
  const data = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: a.title,
    datePublished: isoDateTime(a.date),
    // 作者 is a person; without one the source department (信息来源) is the author.
    author: a.author ? { "@type": "Person", name: a.author } : { "@type": "Organization", name: a.source },
    publisher: { "@type": "GovernmentOrganization", name: ctx.site.owner || ctx.site.name },
    mainEntityOfPage: ctx.absoluteUrl(a.url),
    articleSection: a.column.name,
    ...(image ? { image: [ctx.absoluteUrl(image)] } : {}),
    ...(a.summary ? { description: a.summary } : {}),
    ...(a.gov ? govJsonLd(a.gov) : {}),
  };
  // JSON inside <script> must not be able to close the element.
  const json = JSON.stringify(data).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
  return html`\n<script type="application/ld+json">${raw(json)}</script>`;
}

/**
 * 政务公开 (issue #14) in JSON-LD: 索引号 and 文号 as identifiers, 成文日期 as dateCreated, 主题词 as
 * keywords; a document no longer in force says so the way schema.org has for it: `expires` (the
 * date it stopped being in force, as search engines read it) and creativeWorkStatus.
 */
function govJsonLd(gov: NonNullable<Article["gov"]>): Record<string, unknown> {
  const ids = [
    ...(gov.indexNo ? [{ "@type": "PropertyValue", propertyID: "索引号", value: gov.indexNo }] : []),
    ...(gov.docNo ? [{ "@type": "PropertyValue", propertyID: "文号", value: gov.docNo }] : []),
  ];
  return {
    ...(ids.length ? { identifier: ids } : {}),
    ...(gov.written ? { dateCreated: gov.written.toISODate() } : {}),
    ...(gov.keywords.length ? { keywords: gov.keywords.join(",") } : {}),
    ...(gov.category ? { genre: gov.category } : {}),
    ...(gov.validity !== "valid" ? { creativeWorkStatus: validityHeadline(gov), ...(gov.validitySince ? { expires: gov.validitySince.toISODate() } : {}) } : {}),
  };
}

export function articlePage(ctx: RenderContext, a: Article, bodyHtml: string): string {
  const { prev, next } = ctx.view.neighbours.get(a) ?? { prev: undefined, next: undefined };
  const coverSitePath = coverPath(ctx, a);
  const cover = coverSitePath ? ctx.url(coverSitePath) : undefined;
  // Photos shown in the body (`![说明](文件名)`) are not repeated in the gallery after it.
  const photos = a.photos
    .filter((p) => !p.inline)
    .flatMap((p) => {
      const img = ctx.image(p.source);
      return img ? [{ img, caption: p.caption, alt: p.alt || `${a.title} 图${a.photos.indexOf(p) + 1}` }] : [];
    });
  const description = a.summary || plainExcerpt(bodyHtml, 120);
  const main = html`<div class="container">
${breadcrumb(ctx, a.column, "正文")}
<article class="article" data-pagefind-body data-pagefind-sort="date:${a.date.toFormat("yyyy-MM-dd'T'HH:mm:ss")}">
  <span hidden data-pagefind-filter="栏目:${pf(a.column.name)}"></span><span hidden data-pagefind-filter="年份:${String(a.year)}"></span><span hidden data-pagefind-filter="信息来源:${pf(a.source)}"></span>${
    a.gov
      ? html`<span hidden data-pagefind-filter="有效性:${VALIDITY_ZH[a.gov.validity]}"></span>${a.gov.category ? html`<span hidden data-pagefind-filter="主题分类:${pf(a.gov.category)}"></span>` : ""}`
      : ""
  }
  <span hidden data-pagefind-meta="date:${a.day}"></span><span hidden data-pagefind-meta="column:${pf(a.column.name)}"></span><span hidden data-pagefind-meta="source:${pf(a.source)}"></span>${cover ? html`<span hidden data-pagefind-meta="image:${cover}"></span>` : ""}
  <h1 class="article-title" data-pagefind-meta="title">${a.title}</h1>
  <p class="article-meta"><span>信息来源：${a.source}</span>　<span>发布时间：<time datetime="${isoDateTime(a.date)}">${a.day}</time></span>${a.author ? html`　<span>作者：${a.author}</span>` : ""}${ctx.site.counter ? html`<span class="counter-page" data-counter-page hidden>　浏览量：<span data-counter-value="page"></span>次</span>` : ""}</p>${
    a.unfinished
      ? html`
  <p class="unfinished-band" role="note" data-pagefind-ignore><strong>未完成</strong>：正文或图片说明还是占位文字（或为空），发布前请写好。<span lang="en">Unfinished: the body or a caption is still the placeholder.</span></p>`
      : ""
  }${govInfo(ctx, a)}
  <div class="article-body">
${raw(bodyHtml)}
  </div>
  ${photos.length ? gallery(photos, { urlPrefix: ctx.url("/img/") }) : ""}
  ${
    a.attachments.length
      ? html`<section class="attachments" aria-labelledby="attachments-title"><h2 id="attachments-title">附件</h2><ul>${a.attachments.map(
          (f) => html`<li><a href="${ctx.url(fileUrl(a, f.file))}" download>${f.label}</a> <span class="file-info">（${f.kind}，${formatBytes(f.bytes)}）</span></li>`,
        )}</ul></section>`
      : ""
  }
  ${
    a.tags.length
      ? html`<p class="article-tags">标签：${a.tags.map((t) => {
          const tag = ctx.view.tags.byName.get(t);
          return tag ? html`<a class="tag" href="${ctx.url(tag.url)}">${t}</a>` : html`<span class="tag">${t}</span>`;
        })}</p>`
      : ""
  }
</article>
${shareTools(ctx.absoluteUrl(a.url))}
<div class="article-tools" data-pagefind-ignore>
  <button type="button" class="tool-button" data-print hidden>打印本页</button>
  <a class="tool-link" href="${ctx.url(a.column.url)}">返回列表</a>
</div>
<nav class="article-nav" aria-label="上一篇和下一篇" data-pagefind-ignore>
  <p>上一篇：${prev ? html`<a href="${ctx.url(prev.url)}" rel="prev">${prev.title}</a>` : "没有了"}</p>
  <p>下一篇：${next ? html`<a href="${ctx.url(next.url)}" rel="next">${next.title}</a>` : "没有了"}</p>
</nav>
${relatedReading(ctx, a)}
<p class="print-only print-source">本文网址：${ctx.absoluteUrl(a.url)}　发布时间：${a.day}</p>
</div>`;
  return basePage(
    ctx,
    {
      title: a.title,
      description,
      url: a.url,
      column: a.column,
      article: {
        title: a.title,
        pubDate: a.date.toFormat("yyyy-MM-dd HH:mm:ss"),
        source: a.source,
        keywords: a.tags,
        isoDate: isoDateTime(a.date),
        ...(coverSitePath ? { image: ctx.absoluteUrl(coverSitePath) } : {}),
      },
      head: jsonLd(ctx, a, coverSitePath),
      scripts: a.photos.length ? [GALLERY_JS] : [],
      styles: [...(a.photos.length ? [GALLERY_CSS] : []), ...(a.gov ? [GOV_CSS] : [])],
    },
    main,
  );
}

/** A plain-text excerpt of rendered HTML, for meta descriptions. */
export function plainExcerpt(markup: string, length: number): string {
  const text = markup
    .replace(/<[^>]+>/g, "")
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e] ?? "")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
