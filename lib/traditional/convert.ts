/**
 * Simplified → Traditional conversion of finished HTML pages (opencc-js). Only runs of
 * non-ASCII text are converted (markup is ASCII), and short runs — the header, navigation and
 * footer repeated on every page — are memoised, which makes whole-site conversion cheap.
 */
import * as OpenCC from "opencc-js/cn2t";

export type Variant = "t" | "tw" | "twp" | "hk";

export function createConverter(variant: Variant): (text: string) => string {
  const convert = OpenCC.Converter({ from: "cn", to: variant });
  const memo = new Map<string, string>();
  return (text) =>
    text.replace(/[^\x00-\x7f]+/g, (run) => {
      if (run.length > 64) return convert(run);
      const known = memo.get(run);
      if (known !== undefined) return known;
      const converted = convert(run);
      if (memo.size < 100_000) memo.set(run, converted);
      return converted;
    });
}

export const HANT_DIR = "zh-hant";

/**
 * Rewrites a converted page for the Traditional edition: lang, links to pages point into the
 * edition, the 简/繁 link points back to the same page in Simplified, canonical to itself.
 */
export function toHantPage(converted: string, prefix: string): string {
  const page = (url: string) => {
    if (!url.startsWith(prefix) || url.startsWith(prefix + HANT_DIR + "/")) return url;
    const rest = url.slice(prefix.length);
    // Files (assets, images, feeds, the search bundle, attachments) stay shared between editions.
    if (/^(assets|img|pagefind)\//.test(rest) || /\.(?!html?(?:[?#]|$))[a-z0-9]+(?:[?#].*)?$/i.test(rest.split("/").pop() ?? "")) return url;
    return prefix + HANT_DIR + "/" + rest;
  };
  return converted
    .replace('<html lang="zh-CN">', '<html lang="zh-Hant">')
    .replace(/ (href|action)="([^"]*)"/g, (_m, attr: string, url: string) => ` ${attr}="${page(url)}"`)
    .replace(/<a class="edition-link" data-edition-link href="([^"]*)" lang="zh-Hant" hreflang="zh-Hant">[^<]*<\/a>/, (_m, href: string) => {
      const simplified = href.replace(prefix + HANT_DIR + "/", prefix);
      return `<a class="edition-link" data-edition-link href="${simplified}" lang="zh-Hans" hreflang="zh-Hans">简体</a>`;
    });
}
