/**
 * What Pagefind reads: not the published pages, but a small index copy of each article.
 *
 * For every article page the indexer gets `<html lang>` plus the page's `<article data-pagefind-body>`
 * element only, with three changes:
 *   1. Elements marked `data-pagefind-ignore` are dropped (Pagefind would skip them anyway), so the
 *      copy — and the bundle cache key made of it — does not change when only the page around the
 *      article does (上一篇/下一篇 links after a new article, navigation, footer, 繁體 link).
 *   2. Every Han character is set off by zero-width spaces (U+200B). Pagefind's extended build
 *      then indexes one word per character instead of jieba's words: any run of characters a
 *      reader remembers is a run of consecutive words, so Pagefind's own phrase search ("…")
 *      answers "does this page contain the string exactly?" from the index alone, with no
 *      fragment fetched (assets/js/search.js). Pagefind already delimits Chinese words with
 *      U+200B in its fragments and strips them when it shows an excerpt, so readers never see them.
 *   3. Content-valued meta (`data-pagefind-meta="title"` on the `<h1>`) is moved into an attribute
 *      (`data-pagefind-meta="title:…"`), so the title shown in results carries no U+200B.
 *
 * The copy keeps the article's URL: it is written at the same relative path in another folder
 * that Pagefind is pointed at (lib/search/site.ts). It is a fraction of the page's size
 * (~1.7 of ~11 KB), which is what Pagefind's time and memory go with.
 */

import crypto from "node:crypto";

/** Elements without an end tag. */
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

const ZWS = "\u200B";
/** Every boundary of a Han character (between two of them: one boundary, one U+200B). */
const HAN_EDGE = /(?<=\p{Script=Han})|(?=\p{Script=Han})/gu;

/** Sets every Han character of a text node off with U+200B. */
export function splitHan(text: string): string {
  return text.replace(HAN_EDGE, ZWS);
}

const decodeEntities = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|#39|nbsp);/gi, (m, e: string) => {
    const k = e.toLowerCase();
    if (k === "amp") return "&";
    if (k === "lt") return "<";
    if (k === "gt") return ">";
    if (k === "quot") return '"';
    if (k === "apos" || k === "#39") return "'";
    if (k === "nbsp") return "\u00a0";
    const n = k.startsWith("#x") ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
    return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
  });
const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Language of the page (`<html lang>`), or undefined. */
export function pageLang(html: string): string | undefined {
  return /<html\b[^>]*\blang="([^"]*)"/i.exec(html)?.[1];
}

const TAG = /<!--[\s\S]*?-->|<\/?([a-zA-Z][a-zA-Z0-9-]*)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/g;

/** Where the `data-pagefind-body` element of a page starts and ends (end: after its end tag). */
export function bodyRange(html: string): { start: number; end: number } | undefined {
  const open = /<([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*\sdata-pagefind-body\b[^>]*>/.exec(html);
  if (!open) return undefined;
  const name = open[1]!.toLowerCase();
  const same = new RegExp(`<(/?)${name}\\b[^>]*>`, "gi");
  same.lastIndex = open.index + open[0].length;
  let depth = 1;
  for (let m = same.exec(html); m; m = same.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return { start: open.index, end: m.index + m[0].length };
  }
  return { start: open.index, end: html.length };
}

/**
 * What the index copy of a page is made from, as a hash: its language and its `data-pagefind-body`
 * element. Equal signatures, equal copies — the bundle cache's key (./articles.ts) is made of them,
 * and the pipeline takes them from the pages as they are rendered, so an unchanged shard is
 * recognised without reading its pages again.
 */
export function pageSignature(html: string): string {
  const lang = /<html\b[^>]*\blang="([^"]*)"/i.exec(html.slice(0, 2000))?.[1] ?? "";
  return crypto
    .createHash("sha256")
    .update(`${lang}\0${bodyOf(html) ?? ""}`)
    .digest("base64url");
}

/** The page's `data-pagefind-body` element as written (what the index copy is made from). */
export function bodyOf(html: string): string | undefined {
  const range = bodyRange(html);
  return range && html.slice(range.start, range.end);
}

/**
 * The index copy of one page: `undefined` when the page has no `data-pagefind-body` element
 * (lists, home, search and 404 pages; Pagefind would skip them too).
 */
export function indexCopy(html: string): string | undefined {
  const range = bodyRange(html);
  if (!range) return undefined;
  const body = html.slice(range.start, range.end);
  const lang = pageLang(html) ?? "zh-CN";
  const out: string[] = [];
  let depth = 0;
  /** Depth at which an ignored element opened (everything is skipped until it closes), or -1. */
  let ignoreAt = -1;
  /** Open element whose text is a meta value (`data-pagefind-meta="title"`). */
  let meta: { depth: number; key: string; text: string; at: number } | undefined;
  let pos = 0;
  /** The last text of the open paragraph or heading, trimmed. */
  let lastText = "";
  const text = (t: string) => {
    if (ignoreAt >= 0 || !t) return;
    if (meta) meta.text += t;
    if (t.trim()) lastText = t.trim();
    // The meta line's parts are set apart by an ideographic space, which excerpts drop: a comma instead.
    out.push(/^[ \t\n]*\u3000[\s]*$/.test(t) ? "，" : splitHan(t));
  };
  const tags = new RegExp(TAG.source, "g");
  for (let m = tags.exec(body); m; m = tags.exec(body)) {
    text(body.slice(pos, m.index));
    pos = m.index + m[0].length;
    const name = m[1]?.toLowerCase();
    if (!name) continue; // a comment
    const closing = m[0].startsWith("</");
    const selfClosing = VOID.has(name) || m[0].endsWith("/>");
    if (closing) {
      if (ignoreAt >= 0) {
        if (depth === ignoreAt) ignoreAt = -1;
        depth--;
        continue;
      }
      if (meta && depth === meta.depth) {
        // The meta's text goes into an attribute of an empty element, placed where the element began.
        out.splice(meta.at, 0, `<span hidden data-pagefind-meta="${escapeAttr(`${meta.key}:${decodeEntities(meta.text).replace(/\s+/g, " ").trim()}`)}"></span>`);
        meta = undefined;
      }
      // Excerpts (issue #17): a paragraph or heading that ends without punctuation (the title, the
      // 信息来源/发布时间 line) ends with "。" in the copy; Pagefind would join it to the next block
      // with an English ". " or nothing ("行动部署会. 信息来源：…").
      if (/^(h[1-6]|p)$/.test(name)) {
        if (lastText && !/[\p{P}]$/u.test(lastText)) out.push("。");
        lastText = "";
      }
      out.push(m[0]);
      depth--;
      continue;
    }
    if (ignoreAt >= 0) {
      if (!selfClosing) depth++;
      continue;
    }
    const attrs = m[2] ?? "";
    if (/\sdata-pagefind-ignore\b/i.test(attrs)) {
      if (!selfClosing) {
        depth++;
        ignoreAt = depth;
      }
      continue;
    }
    const metaAttr = /\sdata-pagefind-meta="([^":]*)"/i.exec(attrs);
    if (metaAttr && !selfClosing && !meta) {
      meta = { depth: depth + 1, key: metaAttr[1]!, text: "", at: out.length };
      out.push(m[0].replace(metaAttr[0], ""));
    } else out.push(m[0]);
    if (!selfClosing) depth++;
  }
  text(body.slice(pos));
  return `<!doctype html>\n<html lang="${escapeAttr(lang)}"><head><meta charset="utf-8"><title></title></head><body>\n${out.join("")}\n</body></html>\n`;
}
