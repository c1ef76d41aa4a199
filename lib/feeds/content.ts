/**
 * An article's feed entry body: its Markdown rendered again (markdown-it is fast; re-rendering
 * costs less than coupling to Eleventy's render order), with site links made absolute, followed
 * by its photos and attachments. Feed readers show this without our CSS or scripts, so it is
 * plain HTML: <figure>, <img> with the JPEG variant, a list of attachment links.
 */
import type { Article } from "../content/load.ts";
import { createMarkdown } from "../markdown.ts";
import { html } from "../html.ts";
import { fileUrl, formatBytes, plainExcerpt } from "../../layouts/article.ts";
import type { RenderContext } from "../../layouts/context.ts";
import type { EntryParts } from "./atom.ts";
import { validityHeadline, validitySentence } from "../../layouts/components/gov-info.ts";

export type EntryContext = Pick<RenderContext, "site" | "absoluteUrl" | "image">;

/** The JPEG variant closest above `width` (feed readers all show JPEG), absolute. */
export function feedImageUrl(ctx: EntryContext, source: string, width = 960): { src: string; width: number; height: number } | undefined {
  const img = ctx.image(source);
  if (!img) return undefined;
  const jpegs = img.variants.filter((v) => v.format === "jpeg").sort((x, y) => x.width - y.width);
  const pick = jpegs.find((v) => v.width >= width) ?? jpegs[jpegs.length - 1];
  return pick ? { src: ctx.absoluteUrl(`/img/${pick.name}`), width: pick.width, height: pick.height } : undefined;
}

/** Returns a memoising renderer: each article is rendered once per build however many feeds list it. */
export function entryRenderer(ctx: EntryContext): (a: Article) => EntryParts {
  const base = ctx.absoluteUrl("/");
  // Site-absolute links ("/news/…") become absolute URLs: feed readers have no base.
  const md = createMarkdown();
  const env = { url: (p: string) => base + p.replace(/^\/+/, "") };
  const cache = new Map<Article, EntryParts>();
  return (a) => {
    const hit = cache.get(a);
    if (hit) return hit;
    const body = md.render(a.body, env);
    const photos = a.photos.flatMap((p, i) => {
      const img = feedImageUrl(ctx, p.source);
      return img ? [{ img, alt: p.alt || `${a.title} 图${i + 1}`, caption: p.caption }] : [];
    });
    const extra = html`${photos.map(
      (p) => html`<figure><img src="${p.img.src}" alt="${p.alt}" width="${p.img.width}" height="${p.img.height}">${p.caption ? html`<figcaption>${p.caption}</figcaption>` : ""}</figure>\n`,
    )}${
      a.attachments.length
        ? html`<p>附件：</p>\n<ul>${a.attachments.map((f) => html`<li><a href="${ctx.absoluteUrl(fileUrl(a, f.file))}">${f.label}</a>（${f.kind}，${formatBytes(f.bytes)}）</li>`)}</ul>\n`
        : ""
    }`;
    const summary = a.summary || plainExcerpt(body, 120);
    // 政务公开: a document no longer in force says so first (the page's banner, as plain HTML).
    const ended = a.gov && a.gov.validity !== "valid" ? a.gov : undefined;
    const note = ended ? `${html`<p><strong>${validityHeadline(ended)}</strong>${validitySentence(ended).slice(validityHeadline(ended).length)}</p>`.value}\n` : "";
    const parts: EntryParts = { summary: ended ? `${validitySentence(ended)}${summary}` : summary, html: note + body + extra.value };
    cache.set(a, parts);
    return parts;
  };
}
