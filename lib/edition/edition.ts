/**
 * The two editions of the portal: Simplified (zh-CN, at the site root) and Traditional
 * (zh-Hant, under /zh-hant/). Layouts take an edition and decide every piece of markup that
 * differs (lang, URLs, hreflang, the 简/繁 switch); opencc only converts text (./convert.ts).
 * This module is cheap to import (no opencc): search and the checks need only the names.
 */
export type EditionCode = "zh-CN" | "zh-Hant";

/** opencc-js targets: OpenCC standard, Taiwan, Taiwan with phrases, Hong Kong. */
export type Variant = "t" | "tw" | "twp" | "hk";

/** Folder of the Traditional edition inside the output (and in its URLs). */
export const HANT_DIR = "zh-hant";

export interface Edition {
  code: EditionCode;
  /** Output folder of the edition's pages, relative to the site root: "" or "zh-hant/". */
  dir: string;
  /** Open Graph locale. */
  ogLocale: string;
}

export const SIMPLIFIED: Edition = { code: "zh-CN", dir: "", ogLocale: "zh_CN" };

export function traditionalEdition(variant: Variant): Edition {
  return { code: "zh-Hant", dir: `${HANT_DIR}/`, ogLocale: variant === "hk" ? "zh_HK" : "zh_TW" };
}

/** The editions a site publishes, Simplified first. */
export function editionsOf(site: { traditional: { enabled: boolean; variant: Variant } }): Edition[] {
  return site.traditional.enabled ? [SIMPLIFIED, traditionalEdition(site.traditional.variant)] : [SIMPLIFIED];
}

/**
 * Whether a site path (without prefix, e.g. "/news/jydt/" or "/assets/css/site.css") is a page of
 * an edition. Files — assets, resized photos, the search bundle, attachments, feeds: anything
 * with an extension other than .html — are shared by both editions.
 */
export function isEditionPage(sitePath: string): boolean {
  const rest = sitePath.replace(/^\/+/, "");
  if (/^(assets|img|pagefind)\//.test(rest)) return false;
  const last = rest.split(/[?#]/)[0]!.split("/").pop() ?? "";
  return !/\.(?!html?$)[a-z0-9]+$/i.test(last);
}

/** The site path of a page in an edition: ("/news/", Traditional) → "/zh-hant/news/". */
export function editionPath(edition: Edition, sitePath: string): string {
  if (!edition.dir || !isEditionPage(sitePath)) return sitePath;
  return `/${edition.dir}${sitePath.replace(/^\/+/, "")}`;
}
