/**
 * 政务公开 on an article page (issue #14): the validity banner of a document no longer in force and
 * the metadata table of the national 政府信息公开目录 guidance, above the text.
 *
 * The table is a real <table> whose header cells are row headers (<th scope="row">), one label/value
 * pair per row in the markup: a screen reader announces each value with its own label. Phones get
 * that plain table; from 48em the rows flow into two columns of pairs (assets/css/gov.css), and
 * 关怀版 (html.care) keeps one pair per row. 索引号 and 文号 are registration-like identifiers:
 * translate="no" keeps them as written in the 繁體 edition (lib/edition/convert.ts).
 *
 * The banner is a note (role="note"), not an alert: it is there when the page loads, so nothing
 * is announced out of turn; its heading-like first words make it the first thing read in the article.
 */
import { formatDay } from "../../lib/content/dates.ts";
import { sinceLabel, VALIDITY_ZH } from "../../lib/content/gov-info.ts";
import type { Article, GovInfo } from "../../lib/content/model.ts";
import { html, type SafeHtml } from "../../lib/html.ts";
import type { RenderContext } from "../context.ts";

export const GOV_CSS = "/assets/css/gov.css";

/** 2025年4月1日: dates in the banner and the table as a reader says them. */
const chineseDay = (d: GovInfo["written"]): string => (d ? d.setZone("Asia/Shanghai").toFormat("yyyy年M月d日") : "");

/** The words of the banner, shared with the feeds and JSON-LD: 本文件已废止 / 本文件已失效. */
export const validityHeadline = (gov: GovInfo): string => `本文件已${VALIDITY_ZH[gov.validity]}`;

/** One sentence saying since when and what replaces it, for feed summaries (plain text). */
export function validitySentence(gov: GovInfo): string {
  if (gov.validity === "valid") return "";
  const since = gov.validitySince ? `，${sinceLabel(gov.validity)}：${formatDay(gov.validitySince)}` : "";
  const by = gov.replacedBy ? `；替代文件：${gov.replacedBy.docNo || gov.replacedBy.url}` : "";
  return `${validityHeadline(gov)}${since}${by}。`;
}

/** The banner of a document that is no longer in force (empty for one in force). */
export function govBanner(ctx: RenderContext, a: Article): SafeHtml | "" {
  const gov = a.gov;
  if (!gov || gov.validity === "valid") return "";
  const r = gov.replacedBy;
  const href = r?.url ? (r.url.startsWith("/") ? ctx.url(r.url) : r.url) : undefined;
  const label = r ? r.docNo || "查看替代文件" : "";
  const link = r ? (href ? html`<a href="${href}"${r.docNo ? html` translate="no"` : ""}>${label}</a>` : html`<span translate="no">${label}</span>`) : "";
  return html`<div class="gov-validity gov-validity-${gov.validity}" role="note" aria-labelledby="gov-validity-title">
  <p class="gov-validity-title" id="gov-validity-title"><strong>${validityHeadline(gov)}</strong></p>
  <p>${gov.validitySince ? html`${sinceLabel(gov.validity)}：<time datetime="${formatDay(gov.validitySince)}">${chineseDay(gov.validitySince)}</time>。` : ""}${
    r ? html`替代文件：${link}。` : "本文仅供查阅，不再作为执行依据。"
  }</p>
</div>`;
}

/** The 政府信息公开目录 metadata table. */
export function govTable(a: Article): SafeHtml | "" {
  const gov = a.gov;
  // A site that has not adopted 政务公开 metadata (no orgCode, no fields written) shows no empty table.
  if (!gov || !(gov.indexNo || gov.category || gov.docNo || gov.written || gov.keywords.length || gov.validity !== "valid")) return "";
  const row = (label: string, value: SafeHtml | string, keep = false) => html`<tr><th scope="row">${label}</th><td${keep ? html` translate="no"` : ""}>${value === "" ? "—" : value}</td></tr>`;
  const since =
    gov.validity !== "valid" && gov.validitySince ? html`（${sinceLabel(gov.validity).slice(0, 2)}于<time datetime="${formatDay(gov.validitySince)}">${formatDay(gov.validitySince)}</time>）` : "";
  // Not in the search index as a table (its cells would run together in excerpts): the identifiers
  // are indexed as one sentence instead (govSearchLine).
  return html`<table class="gov-info" data-pagefind-ignore>
<caption>政务公开信息</caption>
<tbody>
${row("索引号", gov.indexNo, true)}
${row("信息分类", gov.category)}
${row("发布机构", gov.publisher)}
${row("成文日期", gov.written ? html`<time datetime="${formatDay(gov.written)}">${formatDay(gov.written)}</time>` : "")}
${row("发布日期", html`<time datetime="${a.day}">${a.day}</time>`)}
${row("文号", gov.docNo, true)}
${row("有效性", html`<span class="gov-validity-value gov-validity-value-${gov.validity}">${VALIDITY_ZH[gov.validity]}</span>${since}`)}
${row("主题词", gov.keywords.join("　"))}
</tbody>
</table>`;
}

/**
 * 索引号 and 文号 for the search index (issue #14: a reader types a 文号, "12号" or a 索引号 and the
 * document comes first): one hidden sentence, so an excerpt reads "索引号：…，文号：…。" rather
 * than the table's cells run together. Hidden from readers, who have the table.
 */
function govSearchLine(a: Article): SafeHtml | "" {
  const gov = a.gov!;
  const parts = [gov.indexNo ? `索引号：${gov.indexNo}` : "", gov.docNo ? `文号：${gov.docNo}` : ""].filter(Boolean);
  return parts.length ? html`<p hidden class="gov-search-line">${parts.join("，")}。</p>` : "";
}

/** Banner, table and the search line, each on its own line: the one call from layouts/article.ts (nothing at all on other pages). */
export function govInfo(ctx: RenderContext, a: Article): SafeHtml | "" {
  if (!a.gov) return "";
  const parts = [govBanner(ctx, a), govTable(a), govSearchLine(a)].filter((p) => p !== "");
  return parts.length
    ? html`${parts.map(
        (p) => html`
  ${p}`,
      )}`
    : "";
}
