/**
 * Simplified → Traditional conversion of rendered text (opencc-js). Only runs of non-ASCII
 * characters are converted — markup is ASCII, so tags and attributes names are never touched —
 * and an element marked translate="no" (registration numbers such as 京ICP备, the 简体 link)
 * keeps its text as written. Short runs (the header, navigation and footer repeated on every
 * page) are memoised, which makes whole-site conversion cheap.
 */
import * as OpenCC from "opencc-js/cn2t";
import type { Variant } from "./edition.ts";

export type Convert = (html: string) => string;

/** An element whose content stays as written; our layouts never nest another element of the same name inside it. */
const KEEP = /<([a-z][a-z0-9]*)\b[^>]*\stranslate="no"[^>]*>[\s\S]*?<\/\1>/g;

export function createConverter(variant: Variant): Convert {
  const convert = OpenCC.Converter({ from: "cn", to: variant });
  const memo = new Map<string, string>();
  const text = (part: string) =>
    part.replace(/[\u0080-\uffff]+/g, (run) => {
      if (run.length > 64) return convert(run);
      const known = memo.get(run);
      if (known !== undefined) return known;
      const converted = convert(run);
      if (memo.size < 100_000) memo.set(run, converted);
      return converted;
    });
  return (html) => {
    if (!html.includes('translate="no"')) return text(html);
    let out = "";
    let at = 0;
    for (const m of html.matchAll(KEEP)) {
      out += text(html.slice(at, m.index)) + m[0];
      at = m.index + m[0].length;
    }
    return out + text(html.slice(at));
  };
}
