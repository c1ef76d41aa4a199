/**
 * Inline photos (issue #19): `![说明](IMG_2290.JPG)` naming a photo in the article's folder.
 * The content stage validated the name and put the photo through the image pipeline
 * (lib/content/inline-photos.ts); here the image token is handed to the page's resolver
 * (MarkdownEnv.photo, supplied by layouts/components/inline-photo.ts), which writes the
 * responsive <picture>. An image alone in its paragraph becomes a block figure (no <p> around
 * it); one inside a sentence stays inline.
 *
 * Remote images stay refused: a URL (http:, https:, //, data:) is never written as an <img>
 * (the CSP would block it and a third party would see every reader); the alt text is shown
 * instead, and `npm run check` warns. Without a resolver (feeds, the CMS preview) a local
 * image is its alt text too.
 */
import type { MarkdownIt as MarkdownItInstance, Token } from "markdown-it";

/** What the page's resolver returns for a photo: HTML, or undefined when the name is not a processed photo. */
export type InlinePhotoResolver = (file: string, alt: string, block: boolean, insideLink?: boolean) => string | undefined;

const isRemoteImage = (src: string): boolean => /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(src.trim());

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeText = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** The file name an image token names (percent-decoded; "./" dropped). */
function imageFile(src: string): string {
  let s = src.trim().replace(/^\.\//, "");
  try {
    s = decodeURI(s);
  } catch {
    // keep as written
  }
  return s;
}

const altOf = (token: Token): string => (token.children ?? []).map((c) => c.content).join("") || token.content;

export function inlinePhotoPlugin(md: MarkdownItInstance): void {
  // An image alone in its paragraph: drop the <p> so the <figure> is not inside a paragraph.
  md.core.ruler.push("inline_photo_blocks", (state) => {
    const tokens = state.tokens;
    for (let i = 1; i + 1 < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.type !== "inline" || tokens[i - 1]!.type !== "paragraph_open" || tokens[i + 1]!.type !== "paragraph_close") continue;
      const kids = (t.children ?? []).filter((c) => !(c.type === "text" && c.content.trim() === "") && c.type !== "softbreak");
      if (kids.length !== 1 || kids[0]!.type !== "image") continue;
      const src = String(kids[0]!.attrGet("src") ?? "");
      if (isRemoteImage(src)) continue;
      kids[0]!.meta = { ...(kids[0]!.meta as object | null), block: true };
      tokens[i - 1]!.hidden = true;
      tokens[i + 1]!.hidden = true;
    }
  });

  md.renderer.rules.image = (tokens, idx, _opts, env) => {
    const token = tokens[idx]!;
    const src = String(token.attrGet("src") ?? "");
    const alt = altOf(token);
    const block = Boolean((token.meta as { block?: boolean } | null)?.block);
    const resolve = (env as { photo?: InlinePhotoResolver } | undefined)?.photo;
    // Inside [![…](…)](link) the photo may not carry a link of its own (no <a> in an <a>).
    let depth = 0;
    for (let i = 0; i < idx; i++) depth += tokens[i]!.type === "link_open" ? 1 : tokens[i]!.type === "link_close" ? -1 : 0;
    const html = !isRemoteImage(src) && resolve ? resolve(imageFile(src), alt, block, depth > 0) : undefined;
    if (html !== undefined) return html;
    const text = alt ? `<span class="image-alt">${escapeText(alt)}</span>` : "";
    return block ? `<p>${text}</p>\n` : text;
  };
}
