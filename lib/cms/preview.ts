/**
 * The CMS preview of an article: the same markup as layouts/article.ts (title, meta line, body
 * through the project's markdown-it, the photo gallery from layouts/components/gallery.ts,
 * attachments, tags) inside the portal's CSS, so the editor sees the page readers will see.
 * Runs in the browser (bundled by lib/cms/admin.ts) and in Node (tests compare it with a built page).
 *
 * The article layout needs a whole build (image variants, neighbours, the site context); this
 * module takes what an unsaved entry has. The gallery is the layout's own component; the title,
 * meta and body lines are kept equal to the layout's by tests/browser/cms.test.ts.
 */
import { gallery, type GalleryPhoto } from "../../layouts/components/gallery.ts";
import { formatDay, isoDateTime, parseDate } from "../content/dates.ts";
import { createMarkdown } from "../markdown.ts";
import { html, raw, type SafeHtml } from "../html.ts";

export interface PreviewPhoto {
  /** URL the browser can load (a blob: URL of an upload, or the file's URL). */
  url: string;
  caption: string;
  alt: string;
}

export interface PreviewInput {
  title: string;
  /** As the date field holds it, e.g. "2025-06-01 09:30". */
  date: unknown;
  source: string;
  author?: string;
  tags?: readonly string[];
  body: string;
  photos?: readonly PreviewPhoto[];
  attachments?: readonly { label: string; url: string }[];
  /** Column names, root first, e.g. ["教育局", "新闻中心", "教育动态"]. */
  trail?: readonly string[];
}

let markdown: ReturnType<typeof createMarkdown> | undefined;

/** Body Markdown → HTML exactly as the build renders it (links stay as written: no site prefix here). */
export function renderBody(body: string): string {
  markdown ??= createMarkdown();
  return markdown.render(body, {});
}

/** A gallery from loadable URLs: the layout's component with one JPEG "variant" per photo. */
function previewGallery(photos: readonly PreviewPhoto[]): SafeHtml {
  const usable = photos.filter((p) => p.url);
  if (!usable.length) return html``;
  // gallery() joins a folder prefix and a variant name: split each URL at its last slash.
  const split = usable.map((p) => {
    const cut = p.url.lastIndexOf("/") + 1;
    return { prefix: p.url.slice(0, cut), name: p.url.slice(cut), p };
  });
  const prefix = split[0]!.prefix;
  if (split.every((s) => s.prefix === prefix) && prefix.endsWith("/")) {
    const items: GalleryPhoto[] = split.map((s, i) => ({
      img: { hash: `preview-${i}`, width: 0, height: 0, variants: [{ width: 800, height: 600, format: "jpeg", name: s.name, bytes: 0 }] },
      caption: s.p.caption ?? "",
      alt: s.p.alt ?? "",
    }));
    return gallery(items, { urlPrefix: prefix, eagerFirst: true });
  }
  return html`${usable.map((p) => previewGallery([p]))}`;
}

export function previewHtml(a: PreviewInput): string {
  const date = parseDate(typeof a.date === "string" ? a.date : a.date instanceof Date ? a.date : String(a.date ?? ""));
  const day = date ? formatDay(date) : "（发布时间未填或无法识别）";
  const bodyHtml = renderBody(a.body ?? "");
  const tags = (a.tags ?? []).map(String).filter(Boolean);
  const attachments = (a.attachments ?? []).filter((f) => f.url);
  // Title, meta and body: the markup of layouts/article.ts (compared by tests/browser/cms.test.ts).
  return html`<div class="container">
${a.trail?.length ? html`<nav class="breadcrumb" aria-label="当前位置"><span>您现在的位置：首页${a.trail.map((t) => html` &gt; ${t}`)} &gt; 正文</span></nav>` : ""}
<article class="article">
  <h1 class="article-title">${a.title}</h1>
  <p class="article-meta"><span>信息来源：${a.source}</span>　<span>发布时间：${date ? html`<time datetime="${isoDateTime(date)}">${day}</time>` : day}</span>${a.author ? html`　<span>作者：${a.author}</span>` : ""}</p>
  <div class="article-body">
${raw(bodyHtml)}
  </div>
  ${previewGallery(a.photos ?? [])}
  ${
    attachments.length
      ? html`<section class="attachments" aria-labelledby="attachments-title"><h2 id="attachments-title">附件</h2><ul>${attachments.map((f) => html`<li><a href="${f.url}" download>${f.label}</a></li>`)}</ul></section>`
      : ""
  }
  ${tags.length ? html`<p class="article-tags">标签：${tags.map((t) => html`<span class="tag">${t}</span>`)}</p>` : ""}
</article>
</div>`.value;
}
