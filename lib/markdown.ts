/**
 * Markdown rendering: markdown-it 15 with raw HTML off (content is data, not code).
 * A "# heading" becomes <h2>: the article title is the page's only <h1>;
 * site-absolute links go through the page's URL helper (path prefix, edition).
 */
import MarkdownIt, { type MarkdownIt as MarkdownItInstance } from "markdown-it";
import { gongwenPlugin } from "./markdown/gongwen.ts";
import { inlinePhotoPlugin, type InlinePhotoResolver } from "./markdown/inline-photos.ts";

/** What a render passes as markdown-it's env. */
export interface MarkdownEnv {
  [key: string | symbol]: unknown;
  /** Resolves a site-absolute link ("/news/…"): path prefix, edition, or an absolute URL in feeds. */
  url?: (sitePath: string) => string;
  /** Writes an inline photo `![说明](文件名)` of the article being rendered (lib/markdown/inline-photos.ts). */
  photo?: InlinePhotoResolver;
}

export function createMarkdown(): MarkdownItInstance {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

  md.core.ruler.push("portal_headings", (state) => {
    for (const token of state.tokens) {
      if ((token.type === "heading_open" || token.type === "heading_close") && token.tag === "h1") token.tag = "h2";
    }
  });

  const defaultLink = md.renderer.rules.link_open ?? ((tokens, idx, opts, _env, self) => self.renderToken(tokens, idx, opts));
  md.renderer.rules.link_open = (tokens, idx, opts, env, self) => {
    const token = tokens[idx]!;
    const href = String(token.attrGet("href") ?? "");
    const resolve = (env as MarkdownEnv | undefined)?.url;
    if (resolve && href.startsWith("/") && !href.startsWith("//")) token.attrSet("href", resolve(href));
    if (/^https?:\/\//i.test(href)) token.attrSet("rel", "noopener");
    return defaultLink(tokens, idx, opts, env, self);
  };

  // Column alignment (| ---: |) becomes a class: markdown-it writes style="text-align:…", an inline
  // style the shipped CSP (style-src 'self') blocks. assets/css/site.css styles .align-*.
  md.core.ruler.push("portal_table_align", (state) => {
    for (const token of state.tokens) {
      if (token.type !== "th_open" && token.type !== "td_open") continue;
      const align = /^text-align:(left|center|right)$/.exec(String(token.attrGet("style") ?? ""))?.[1];
      if (!align) continue;
      token.attrs = (token.attrs ?? []).filter(([name]) => name !== "style");
      token.attrJoin("class", `align-${align}`);
    }
  });

  // Tables scroll inside their own box so the page never scrolls sideways on a phone.
  md.renderer.rules.table_open = () => '<div class="table-wrap"><table>\n';
  md.renderer.rules.table_close = () => "</table></div>\n";

  // 公文: ::: 主送 / ::: 落款 / ::: 附件说明 containers and 一、（一）1.（1） heading levels; inline photos.
  gongwenPlugin(md);
  inlinePhotoPlugin(md);
  return md;
}
