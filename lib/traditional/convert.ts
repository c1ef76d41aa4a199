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

export interface HantPageOptions {
  /** site.baseUrl: absolute URLs of pages (canonical, og:url, JSON-LD, the printed 本文网址) move into the edition too. */
  baseUrl?: string;
  /** The opencc variant, for og:locale (hk → zh_HK, otherwise zh_TW). */
  variant?: Variant;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Rewrites a converted page for the Traditional edition: lang, links to pages point into the
 * edition, the 简/繁 link points back to the same page in Simplified, canonical (and og:url,
 * the government Url tag, JSON-LD and the printed address) to the page itself, while the
 * zh-Hans alternate keeps pointing at the Simplified page. Files (assets, images, feeds, the
 * search bundle, attachments) stay shared between the editions.
 */
export function toHantPage(converted: string, prefix: string, options: HantPageOptions = {}): string {
  const edition = prefix + HANT_DIR + "/";
  const page = (url: string) => {
    if (!url.startsWith(prefix) || url.startsWith(edition)) return url;
    const rest = url.slice(prefix.length);
    if (/^(assets|img|pagefind)\//.test(rest) || /\.(?!html?(?:[?#]|$))[a-z0-9]+(?:[?#].*)?$/i.test(rest.split("/").pop() ?? "")) return url;
    return edition + rest;
  };
  let out = converted
    .replace('<html lang="zh-CN">', '<html lang="zh-Hant">')
    .replace(/ (href|action)="([^"]*)"/g, (_m, attr: string, url: string) => ` ${attr}="${page(url)}"`)
    .replace(/<a class="edition-link" data-edition-link href="([^"]*)" lang="zh-Hant" hreflang="zh-Hant">[^<]*<\/a>/, (_m, href: string) => {
      const simplified = href.startsWith(edition) ? prefix + href.slice(edition.length) : href;
      return `<a class="edition-link" data-edition-link href="${simplified}" lang="zh-Hans" hreflang="zh-Hans">简体</a>`;
    })
    .replace('<meta property="og:locale" content="zh_CN">', `<meta property="og:locale" content="${options.variant === "hk" ? "zh_HK" : "zh_TW"}">`);
  if (options.baseUrl) {
    // Our URLs are ASCII (lib/content/paths.ts), so an absolute URL ends at the first non-ASCII character.
    const base = options.baseUrl.replace(/\/+$/, "");
    const absolute = new RegExp(escapeRe(base + prefix) + "[^\"'<>\\s\\u0080-\\uffff]*", "g");
    out = out
      .replace(absolute, (url) => base + page(url.slice(base.length)))
      .replace(/<link rel="alternate" hreflang="zh-Hans" href="([^"]*)">/, (_m, href: string) => {
        const local = href.slice(base.length);
        return `<link rel="alternate" hreflang="zh-Hans" href="${local.startsWith(edition) ? base + prefix + local.slice(edition.length) : href}">`;
      });
  }
  return out;
}
