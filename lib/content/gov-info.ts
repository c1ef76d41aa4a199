/**
 * 政务公开 metadata (issue #14): the front-matter fields of documents in `policy`/`info` columns
 * (and yearly reports, `report`) read into Article.gov, and the rules the national
 * 政府信息公开目录 guidance and GB/T 9704 (公文格式) set for them.
 *
 * Two passes, like the rest of the content stage:
 *  - readGov (per article, from lib/content/article.ts): the fields' shapes, the dates against each
 *    other, 文号's official form (a warning showing the corrected form), 主题分类 against the list;
 *  - checkGovSite (over the whole site, from lib/content/load.ts): 索引号 against site.yaml's
 *    orgCode, the publication year and every other document (duplicates name both files), with the
 *    next free number as the fix; 发布机构 falls back to the site's owner; a 替代文件 given by its 文号
 *    only is linked to the document of the site that carries that 文号.
 * Every message is Chinese first, then English, and names the field and the fix.
 */
import type { DateTime } from "luxon";
import type { Column, ColumnTree } from "./columns.ts";
import { formatDay, parseDate } from "./dates.ts";
import { issue, type ContentIssue } from "./issues.ts";
import type { GovDoc, GovInfo, Validity } from "./model.ts";
import type { SiteConfig } from "./schema.ts";
import { didYouMean } from "./suggest.ts";

/** Column types whose articles carry 政务公开 metadata. `report` (年度报告) needs no 索引号/主题分类/文号. */
const GOV_TYPES: ReadonlySet<string> = new Set(["policy", "info", "report"]);
/** Types where 索引号 and 主题分类 are required on a published document. */
const NUMBERED_TYPES: ReadonlySet<string> = new Set(["policy", "info"]);

export const isGovColumn = (column: Pick<Column, "type">): boolean => GOV_TYPES.has(column.type);

export const VALIDITY_ZH: Record<Validity, string> = { valid: "有效", expired: "失效", repealed: "废止" };
const VALIDITY_WORDS: Record<string, Validity> = { 有效: "valid", valid: "valid", 失效: "expired", 已失效: "expired", expired: "expired", 废止: "repealed", 已废止: "repealed", repealed: "repealed" };
/** The name of the date field for a validity: 失效日期 or 废止日期. */
export const sinceLabel = (v: Validity): string => (v === "repealed" ? "废止日期" : "失效日期");

/** The fields' front-matter keys (English; lib/content/parse.ts has turned the Chinese names into these). */
const KEYS = ["indexNo", "category", "publisher", "written", "docNo", "validity", "validitySince", "replacedBy", "keywords"] as const;
const ZH: Record<(typeof KEYS)[number], string> = {
  indexNo: "索引号",
  category: "主题分类",
  publisher: "发布机构",
  written: "成文日期",
  docNo: "文号",
  validity: "有效性",
  validitySince: "失效日期/废止日期",
  replacedBy: "替代文件",
  keywords: "主题词",
};

export const KEYWORD_MAX = 20;
const DATE_FIX = "写成 2024-07-12（也可写 2024.7.12、2024/7/12、2024年7月12日） / Use YYYY-MM-DD.";

// ---------------------------------------------------------------------------------------------
// 文号

/** The official form: 机关代字〔年份〕序号号, the year in hexagonal brackets, no 第, no leading zeros. */
const DOC_NO = /^(\S+?)〔((?:19|20)\d{2})〕([1-9]\d*)号$/u;

/**
 * 文号 in the official form, or undefined when it cannot be read as one. The usual slips are
 * corrected: [2024] ［2024］ (2024) （2024） 【2024】 ﹝2024﹞ {2024} 《2024》, a missing 号, 第, leading zeros, spaces.
 */
export function officialDocNo(value: string): string | undefined {
  let t = value.trim().replace(/[\s\u3000]+/g, "");
  if (DOC_NO.test(t)) return t;
  t = t.replace(/[[［(（【〔﹝{｛<《〈]((?:19|20)\d{2})[\]］)）】〕﹞}｝>》〉]/u, "〔$1〕");
  const m = /^(\S+?)〔((?:19|20)\d{2})〕第?0*([1-9]\d*)号?$/u.exec(t);
  return m ? `${m[1]}〔${m[2]}〕${m[3]}号` : undefined;
}

/** The year in a 文号 (official or not), if any. */
const docNoYear = (docNo: string): number | undefined => {
  const m = /〔((?:19|20)\d{2})〕/.exec(officialDocNo(docNo) ?? "");
  return m ? Number(m[1]) : undefined;
};

// ---------------------------------------------------------------------------------------------
// 索引号

/** <org code>/<year>-<5-digit serial>; the org code is 9 or 18 characters (site.yaml orgCode). */
const INDEX_NO = /^([0-9A-Z]{9}(?:[0-9A-Z]{9})?)\/(\d{4})-(\d{5})$/;

export interface IndexNoParts {
  org: string;
  year: number;
  serial: number;
}

export function parseIndexNo(value: string): IndexNoParts | undefined {
  const m = INDEX_NO.exec(value);
  return m ? { org: m[1]!, year: Number(m[2]), serial: Number(m[3]) } : undefined;
}

export const formatIndexNo = (org: string, year: number, serial: number): string => `${org}/${year}-${String(serial).padStart(5, "0")}`;

/** A slip in an 索引号 read for what was meant (lower case, full-width slash or dash, serial not padded): the well-formed one, or undefined. */
function repairIndexNo(value: string): string | undefined {
  const m = /^\s*([0-9A-Za-z]{9}(?:[0-9A-Za-z]{9})?)\s*[/／]\s*(\d{4})\s*[-－—–]\s*(\d{1,5})\s*$/.exec(value);
  return m && Number(m[3]) > 0 ? formatIndexNo(m[1]!.toUpperCase(), Number(m[2]), Number(m[3])) : undefined;
}

/** The next free 索引号 of a year: one more than the highest serial used for that org code and year. */
export function nextIndexNo(used: Iterable<string>, org: string, year: number): string {
  let max = 0;
  for (const u of used) {
    const p = parseIndexNo(u.trim());
    if (p && p.org === org && p.year === year) max = Math.max(max, p.serial);
  }
  return formatIndexNo(org, year, max + 1);
}

// ---------------------------------------------------------------------------------------------
// Per article

export interface GovReadContext {
  /** Front matter (English keys). */
  data: Record<string, unknown>;
  column: Column;
  columns: ColumnTree;
  /** 发布时间, when it could be read. */
  date: DateTime | null;
  draft: boolean;
  lineOf: (field: string) => number | undefined;
  err: (field: string, code: string, zh: string, en: string, fix: string) => void;
  warn: (field: string, code: string, zh: string, en: string, fix: string) => void;
}

/** Where each document's 索引号 is written (for the site-wide pass, which has no front matter). */
const indexLines = new WeakMap<GovInfo, number | undefined>();
/**
 * What the front matter itself says of the fields the site-wide pass completes (发布机构, the
 * successor's link): an incremental reload reuses GovInfo objects, so each pass starts from these.
 */
const declared = new WeakMap<GovInfo, { publisher: string; replacedUrl: string }>();

const blank = (v: unknown): boolean => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
const asText = (v: unknown): string | undefined => (typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : undefined);

/** Warns when an article outside 政务公开 carries its fields (they would be ignored silently). */
export function strayGovFields(data: Record<string, unknown>, column: Column, warn: GovReadContext["warn"]): void {
  if (isGovColumn(column)) return;
  const present = KEYS.filter((k) => data[k] !== undefined);
  if (!present.length) return;
  const names = present.map((k) => ZH[k]).join("、");
  warn(
    present[0]!,
    "gov-field-ignored",
    `${names} 是政务公开字段，栏目“${column.name}”不是政务公开栏目，这些字段不会显示`,
    `${present.join(", ")}: 政务公开 fields are ignored in the column "${column.key}" (not a policy/info/report column)`,
    "文章若属政务公开，请放到政务公开栏目的文件夹中；否则删除这些行 / Move the article into a 政务公开 column, or remove these lines.",
  );
}

/** Reads and checks one document's 政务公开 fields. Undefined for articles outside 政务公开 columns. */
export function readGov(ctx: GovReadContext): GovInfo | undefined {
  const { data, column, date, err, warn } = ctx;
  if (!isGovColumn(column)) return undefined;
  const numbered = NUMBERED_TYPES.has(column.type);
  const day = date ? formatDay(date) : undefined;

  // 索引号: its shape and year are checked site-wide (checkGovSite), where the next free one is known.
  let indexNo = "";
  if (!blank(data.indexNo)) {
    const v = asText(data.indexNo);
    if (v === undefined) err("indexNo", "gov-bad-index-no", "索引号须写成一行文字，如 014127394/2024-00012", "索引号 (indexNo) must be a single line of text such as 014127394/2024-00012", "改成 索引号: 机构代码/年份-五位序号 / Write it as <org code>/<year>-<serial>.");
    else indexNo = v;
  }

  // 成文日期
  let written: DateTime | undefined;
  if (!blank(data.written)) {
    const parsed = parseDate(data.written);
    if (!parsed) err("written", "gov-bad-written", `成文日期 “${String(data.written)}” 不是有效日期`, `成文日期 (written) "${String(data.written)}" is not a valid date`, DATE_FIX);
    else {
      written = parsed;
      if (day && formatDay(parsed) > day) {
        err(
          "written",
          "gov-written-after-date",
          `成文日期 ${formatDay(parsed)} 晚于发布时间 ${day}：文件须先成文、后发布`,
          `成文日期 (written) ${formatDay(parsed)} is after the publication date ${day}`,
          "核对公文落款处的成文日期和发布时间，改正其中错的一个 / Correct the date written (under the signature) or the publication date.",
        );
      }
    }
  }

  // 文号
  let docNo = "";
  if (!blank(data.docNo)) {
    const v = asText(data.docNo);
    if (v === undefined) err("docNo", "gov-bad-doc-no", "文号须写成一行文字，如 坛教发〔2024〕12号", "文号 (docNo) must be a single line of text such as 坛教发〔2024〕12号", "改成 文号: 机关代字〔年份〕序号号 / Write it as 机关代字〔year〕number号.");
    else {
      docNo = v;
      checkDocNoForm("docNo", "文号", v, warn);
      const year = docNoYear(v);
      if (written && year !== undefined && year !== written.year) {
        warn(
          "docNo",
          "gov-doc-no-year",
          `文号 ${v} 的年份 ${year} 与成文日期 ${formatDay(written)}（${written.year} 年）不一致`,
          `文号 (docNo) ${v} has the year ${year}, but the document was written (成文日期) in ${written.year}`,
          `核对公文上的文号和成文日期：文号的年份一般就是成文的年份 / Check both on the document: the year in the 文号 is normally the year it was written.`,
        );
      }
    }
  }

  // 发布机构: default the column's defaultSource; the site's owner is filled in site-wide.
  let publisher = column.defaultSource ?? "";
  if (!blank(data.publisher)) {
    const v = asText(data.publisher);
    if (v === undefined || v.length > 100) err("publisher", "gov-bad-publisher", "发布机构须写成一行文字（不超过 100 字），写单位全称", "发布机构 (publisher) must be one line of at most 100 characters: the full name of the body", "写发布机构全称，如 示范区教育局 / Write the full name, e.g. 示范区教育局.");
    else publisher = v;
  }

  // 主题分类
  const allowed = column.categories ?? ctx.columns.categories ?? [];
  let category = "";
  if (!blank(data.category)) {
    const v = asText(data.category);
    if (v === undefined) err("category", "gov-bad-category", "主题分类须写一个分类名", "主题分类 (category) must be one category name", `可选：${allowed.join("、")} / Use one of: ${allowed.join(", ")}.`);
    else {
      category = v;
      if (allowed.length && !allowed.includes(v)) {
        const near = didYouMean(v, allowed) ?? allowed.find((c) => c.includes(v) || v.includes(c));
        err(
          "category",
          "gov-bad-category",
          `主题分类 “${v}” 不在分类列表中${near ? `；你是不是想写 “${near}”？` : ""}`,
          `主题分类 (category) "${v}" is not in the list${near ? `; did you mean "${near}"?` : ""}`,
          `可选：${allowed.join("、")}（列表在 content/_data/columns.yaml 的 categories 中） / Use one of these (categories in content/_data/columns.yaml).`,
        );
      }
    }
  } else if (numbered && !ctx.draft && allowed.length) {
    err(
      "category",
      "gov-missing-category",
      "缺少主题分类：政务公开文件须写主题分类（信息公开目录按它分类）",
      "主题分类 (category) is missing: every 政务公开 document needs one",
      `加一行 主题分类: ${allowed[0]}，可选：${allowed.join("、")} / Add \`主题分类: …\` with one of these.`,
    );
  }

  // 主题词: a list of short words (a comma list is accepted, as for tags).
  let keywords: string[] = [];
  if (!blank(data.keywords)) {
    const raw = data.keywords;
    const list = Array.isArray(raw) ? raw : typeof raw === "string" ? raw.split(/[,，、;；\s]+/) : undefined;
    if (!list || list.some((k) => typeof k !== "string" && typeof k !== "number")) {
      err("keywords", "gov-bad-keywords", "主题词须写成一组词，如 [义务教育, 作业管理]", "主题词 (keywords) must be a list of words such as [义务教育, 作业管理]", "改成 主题词: [词一, 词二] / Write a list: [a, b].");
    } else {
      keywords = list.map((k) => String(k).trim()).filter(Boolean);
      const long = keywords.find((k) => [...k].length > KEYWORD_MAX);
      if (long) {
        err(
          "keywords",
          "gov-long-keyword",
          `主题词 “${long}” 超过 ${KEYWORD_MAX} 字：主题词是简短的词，不是句子`,
          `主题词 (keywords): "${long}" is longer than ${KEYWORD_MAX} characters; keywords are short words, not sentences`,
          "拆成几个简短的词，用逗号分开，如 [义务教育, 作业管理] / Split it into short words.",
        );
      }
    }
  }

  // 有效性, 失效日期/废止日期, 替代文件
  let validity: Validity = "valid";
  if (!blank(data.validity)) {
    const v = asText(data.validity) ?? String(data.validity);
    const known = VALIDITY_WORDS[v] ?? VALIDITY_WORDS[v.toLowerCase()];
    if (!known) err("validity", "gov-bad-validity", `有效性 “${v}” 不认识，只能写 有效、失效 或 废止`, `有效性 (validity) "${v}" is not one of 有效 (valid), 失效 (expired), 废止 (repealed)`, "改成 有效、失效 或 废止（不写即为有效） / Use 有效, 失效 or 废止 (default 有效).");
    else validity = known;
  }
  let validitySince: DateTime | undefined;
  if (!blank(data.validitySince)) {
    const parsed = parseDate(data.validitySince);
    const label = validity === "valid" ? "失效日期/废止日期" : sinceLabel(validity);
    if (!parsed) err("validitySince", "gov-bad-validity-date", `${label} “${String(data.validitySince)}” 不是有效日期`, `${label} (validitySince) "${String(data.validitySince)}" is not a valid date`, DATE_FIX);
    else if (validity === "valid") {
      warn(
        "validitySince",
        "gov-validity-date-unused",
        `写了${label} ${formatDay(parsed)}，但有效性是“有效”，这个日期不会显示`,
        `${label} (validitySince) ${formatDay(parsed)} is given, but 有效性 (validity) is 有效 (valid): the date is not shown`,
        "文件已废止就加一行 有效性: 废止（已失效写 失效）；仍然有效就删除这个日期 / Add 有效性: 废止 (or 失效), or remove the date.",
      );
    } else {
      validitySince = parsed;
      if (day && formatDay(parsed) < day) {
        err(
          "validitySince",
          "gov-validity-before-date",
          `${label} ${formatDay(parsed)} 早于发布时间 ${day}：文件发布之后才能${VALIDITY_ZH[validity]}`,
          `${label} (validitySince) ${formatDay(parsed)} is before the publication date ${day}`,
          `改正${label}或发布时间 / Correct either date.`,
        );
      }
    }
  } else if (validity !== "valid") {
    const label = sinceLabel(validity);
    err(
      "validity",
      "gov-missing-validity-date",
      `有效性为“${VALIDITY_ZH[validity]}”，但缺少${label}`,
      `有效性 (validity) is ${VALIDITY_ZH[validity]} (${validity}), but ${label} (validitySince) is missing`,
      `加一行 ${label}: 2025-03-01（自哪天起${validity === "repealed" ? "废止" : "失效"}） / Add \`${label}: YYYY-MM-DD\`.`,
    );
  }
  const replacedBy = readReplacedBy(data.replacedBy, validity, warn, err);

  const gov: GovInfo = { indexNo, category, publisher, written, docNo, validity, validitySince, replacedBy, keywords };
  indexLines.set(gov, ctx.lineOf("indexNo"));
  declared.set(gov, { publisher, replacedUrl: replacedBy?.url ?? "" });
  return gov;
}

function checkDocNoForm(field: string, name: string, v: string, warn: GovReadContext["warn"]): void {
  const official = officialDocNo(v);
  if (official === v) return;
  if (official) {
    warn(
      field,
      "gov-doc-no-form",
      `${name} “${v}” 写法不规范，应为 “${official}”（年份用六角括号〔〕，序号后加“号”，序号不加“第”、不编虚位）`,
      `${name} (${field}) "${v}" is not in the official form; write "${official}" (year in hexagonal brackets 〔〕, "号" after the number)`,
      `把${name}改成 ${official}（可从本提示中复制六角括号） / Replace it with ${official}.`,
    );
  } else {
    warn(
      field,
      "gov-doc-no-form",
      `${name} “${v}” 不是“机关代字〔年份〕序号号”的形式，如 坛教发〔2024〕12号`,
      `${name} (${field}) "${v}" is not in the form 机关代字〔year〕number号, e.g. 坛教发〔2024〕12号`,
      `照公文首页的发文字号抄写，年份用六角括号〔〕 / Copy the number from the document's first page; the year goes in 〔〕.`,
    );
  }
}

function readReplacedBy(raw: unknown, validity: Validity, warn: GovReadContext["warn"], err: GovReadContext["err"]): GovInfo["replacedBy"] {
  if (blank(raw)) return undefined;
  let docNo = "";
  let url = "";
  const text = asText(raw);
  if (text !== undefined) {
    if (/^(\/|https?:\/\/)/i.test(text)) url = text;
    else docNo = text;
  } else if (raw && typeof raw === "object" && !Array.isArray(raw)) {
    const o = raw as Record<string, unknown>;
    const known = new Set(["文号", "docNo", "链接", "url", "link"]);
    const odd = Object.keys(o).filter((k) => !known.has(k));
    docNo = asText(o["文号"] ?? o.docNo) ?? "";
    url = asText(o["链接"] ?? o.url ?? o.link) ?? "";
    if (odd.length || (!docNo && !url)) {
      err(
        "replacedBy",
        "gov-bad-replaced-by",
        `替代文件只能写 文号 和 链接 两项${odd.length ? `（不认识：${odd.join("、")}）` : ""}`,
        `替代文件 (replacedBy) takes 文号 (docNo) and/or 链接 (url)${odd.length ? `; unknown: ${odd.join(", ")}` : ""}`,
        "写成两行缩进的 文号: 坛教发〔2025〕3号 和 链接: /zwgk/zcwj/2025/xin-banfa/，或只写文号 / Write `文号:` and/or `链接:` under it.",
      );
      return undefined;
    }
  } else {
    err("replacedBy", "gov-bad-replaced-by", "替代文件须写文号，或写 文号 与 链接 两项", "替代文件 (replacedBy) must be a 文号, or 文号 (docNo) and 链接 (url)", "写成 替代文件: 坛教发〔2025〕3号 / Write the successor's 文号.");
    return undefined;
  }
  if (url && !/^\/(?!\/)/.test(url) && !/^https?:\/\/[^\s/]+/i.test(url)) {
    err(
      "replacedBy",
      "gov-bad-replaced-by",
      `替代文件的链接 “${url}” 不是网址`,
      `替代文件 (replacedBy) link "${url}" is not a URL`,
      "本站文章写 / 开头的地址（如 /zwgk/zcwj/2025/xin-banfa/），其他网站写 https:// 开头的完整网址 / Use a site path starting with / or a full https:// URL.",
    );
    url = "";
  }
  if (docNo) checkDocNoForm("replacedBy", "替代文件的文号", docNo, warn);
  if (validity === "valid") {
    warn(
      "replacedBy",
      "gov-replaced-but-valid",
      "写了替代文件，但有效性是“有效”：被替代的文件应标为废止或失效",
      "替代文件 (replacedBy) is given, but 有效性 (validity) is 有效 (valid): a replaced document is no longer in force",
      "加一行 有效性: 废止 和 废止日期: …（或 失效 和 失效日期）；否则删除替代文件 / Set 有效性 and its date, or remove 替代文件.",
    );
  }
  return { docNo: officialDocNo(docNo) ?? docNo, url };
}

// ---------------------------------------------------------------------------------------------
// Site-wide

export interface GovSiteInput {
  site: SiteConfig | undefined;
  columns: ColumnTree | undefined;
  /** Every valid article (drafts and scheduled ones included), and the documents with errors whose date and column are known. */
  all: Iterable<GovDoc | { gov?: GovInfo | undefined }>;
  /** Project-relative site.yaml and columns.yaml, for the notes about them. */
  siteFile: string;
  columnsFile: string;
}

/**
 * The checks that need the whole site: 索引号 (form, org code, year, duplicates; the next free one
 * as the fix), 发布机构's last default (the site's owner), and a 替代文件 named by 文号 only linked
 * to the site's document with that 文号. Fills in Article.gov in place; returns the issues.
 */
export function checkGovSite(input: GovSiteInput): ContentIssue[] {
  const found: ContentIssue[] = [];
  const docs = [...input.all].filter((a): a is GovDoc => a.gov !== undefined).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  if (!docs.length) return found;
  const org = input.site?.orgCode;
  // A site adopts 政务公开 metadata by setting orgCode (索引号 then required) and categories (主题分类
  // then required): until then its policy/info articles are plain pages, and only an 索引号 written
  // without an orgCode to check it against is reported.
  if (input.site && !org && docs.some((a) => a.gov.indexNo)) {
    found.push(
      issue(
        "warning",
        input.siteFile,
        "orgCode",
        "gov-missing-org-code",
        "未填写 orgCode（政务公开索引号的机构代码），无法检查和生成索引号",
        "orgCode is empty: 政务公开 索引号 (index numbers) cannot be checked or assigned",
        `在 ${input.siteFile} 写 orgCode: 本单位的组织机构代码或统一社会信用代码 / Set orgCode to the bureau's organisation code.`,
      ),
    );
  }
  if (input.columns && !(input.columns.categories ?? []).length && !input.columns.all.some((c) => c.categories?.length) && docs.some((a) => a.gov.category)) {
    found.push(
      issue(
        "warning",
        input.columnsFile,
        "categories",
        "gov-missing-categories",
        "未填写 categories（政务公开主题分类列表），无法检查主题分类",
        "categories (the 政务公开 主题分类 list) is empty: 主题分类 cannot be checked",
        `在 ${input.columnsFile} 顶层写 categories: [教育, 人事, 财政] 这样的列表 / List the categories at the top of columns.yaml.`,
      ),
    );
  }

  for (const a of docs) a.gov.publisher = declared.get(a.gov)?.publisher || input.site?.owner || "";

  // Next free serials, handed out one by one so two fixes never propose the same number.
  // One pass over the numbers in use (a Set, and the highest serial per year): each suggestion is
  // then O(1), not a scan of the site (4000 documents without 索引号 took 51 s of CPU that way).
  const used = new Set(docs.map((a) => a.gov.indexNo).filter(Boolean));
  const highest = new Map<number, number>();
  for (const no of used) {
    const p = parseIndexNo(no);
    if (p && p.org === org) highest.set(p.year, Math.max(highest.get(p.year) ?? 0, p.serial));
  }
  const suggested = new Set<string>();
  const isFree = (no: string) => !used.has(no) && !suggested.has(no);
  const suggest = (no: string): string => (suggested.add(no), no);
  const cursor = new Map<number, number>();
  const next = (year: number): string | undefined => {
    if (!org) return undefined;
    let n = cursor.get(year) ?? (highest.get(year) ?? 0) + 1;
    while (!isFree(formatIndexNo(org, year, n))) n++;
    cursor.set(year, n + 1);
    return suggest(formatIndexNo(org, year, n));
  };
  // One new number per document, whichever of its problems proposes it first.
  const proposed = new Map<string, string | undefined>();
  const nextFor = (a: GovDoc): string | undefined => {
    if (!proposed.has(a.file)) proposed.set(a.file, next(a.year));
    return proposed.get(a.file);
  };

  const byNo = new Map<string, GovDoc[]>();
  for (const a of docs) {
    const g = a.gov;
    const line = indexLines.get(g);
    const err = (code: string, zh: string, en: string, fix: string) => void found.push(issue("error", a.file, "indexNo", code, zh, en, fix, line));
    const numbered = NUMBERED_TYPES.has(a.column.type);
    if (!g.indexNo) {
      if (!numbered || a.draft || !org) continue;
      const n = nextFor(a)!;
      err(
        "gov-missing-index-no",
        "缺少索引号：政务公开文件须有索引号（发布后不再改变）",
        "索引号 (indexNo) is missing: every published 政务公开 document needs one, and it never changes",
        `加一行 索引号: ${n}（${a.year} 年下一个未用的编号） / Add \`索引号: ${n}\` (the next free number for ${a.year}).`,
      );
      continue;
    }
    byNo.set(g.indexNo, [...(byNo.get(g.indexNo) ?? []), a]);
    const parts = parseIndexNo(g.indexNo);
    if (!parts) {
      const repaired = repairIndexNo(g.indexNo);
      if (repaired && isFree(repaired) && !proposed.has(a.file)) proposed.set(a.file, suggest(repaired));
      const suggestion = nextFor(a);
      const example = suggestion ?? `014127394/${a.year}-00001`;
      err(
        "gov-bad-index-no",
        `索引号 “${g.indexNo}” 格式不对，应为“机构代码/年份-五位序号”，如 ${example}`,
        `索引号 (indexNo) "${g.indexNo}" is malformed: expected <org code>/<year>-<5-digit serial>, e.g. ${example}`,
        suggestion ? `改成 ${suggestion} / Write ${suggestion}.` : "先在 site.yaml 写 orgCode，再按“机构代码/年份-五位序号”改写 / Set orgCode in site.yaml, then rewrite it.",
      );
      continue;
    }
    if (org && parts.org !== org) {
      const same = formatIndexNo(org, parts.year, parts.serial);
      if (isFree(same) && parts.year === a.year && !proposed.has(a.file)) proposed.set(a.file, suggest(same));
      const fix = nextFor(a)!;
      err(
        "gov-index-no-org",
        `索引号 “${g.indexNo}” 的机构代码 ${parts.org} 与本站的 ${org}（site.yaml 的 orgCode）不一致`,
        `索引号 (indexNo) "${g.indexNo}" starts with ${parts.org}, but the site's orgCode is ${org}`,
        `机构代码应为 ${org}：改成 ${fix} / It should start with ${org}: write ${fix}.`,
      );
    }
    if (parts.year !== a.year) {
      const n = nextFor(a);
      err(
        "gov-index-no-year",
        `索引号 “${g.indexNo}” 的年份 ${parts.year} 与发布时间 ${a.day}（${a.year} 年）不一致`,
        `索引号 (indexNo) "${g.indexNo}" has the year ${parts.year}, but the document is published in ${a.year}`,
        `索引号中的年份是发布年份：${n ? `改成 ${n}（${a.year} 年下一个未用的编号）` : `改成 ${a.year} 年的编号`}，或改正发布时间 / ${n ? `Use ${n} (the next free number for ${a.year})` : "Use a number of the publication year"}, or correct the date.`,
      );
    }
    if (parts.serial === 0) err("gov-bad-index-no", `索引号 “${g.indexNo}” 的序号不能是 00000`, `索引号 (indexNo) "${g.indexNo}": the serial cannot be 00000`, `改成 ${nextFor(a) ?? formatIndexNo(parts.org, parts.year, 1)} / Use the next free number.`);
  }
  for (const [no, list] of byNo) {
    if (list.length < 2) continue;
    const first = [...list].sort((x, y) => x.date.toMillis() - y.date.toMillis() || (x.file < y.file ? -1 : 1))[0]!;
    // Each later document is told its new number; with one other, the first names it too.
    const renumber = new Map(list.filter((a) => a !== first).map((a) => [a, nextFor(a)]));
    for (const a of list) {
      const others = list.filter((o) => o !== a).map((o) => o.file).join("、");
      const n = a === first ? (renumber.size === 1 ? [...renumber.values()][0] : undefined) : renumber.get(a);
      found.push(
        issue(
          "error",
          a.file,
          "indexNo",
          "gov-duplicate-index-no",
          `索引号 ${no} 与 ${others} 重复：索引号全站唯一`,
          `索引号 (indexNo) ${no} is also used by ${others}; it must be unique`,
          a === first
            ? `本篇发布在先，保留这个索引号；请给另一篇改用新的编号${n ? `（如 ${n}）` : ""} / This one was published first and keeps it; give the other one a new number.`
            : `${first.file} 发布在先，保留这个索引号；本篇改用 ${n ?? "新的编号"} / ${first.file} keeps it; give this one ${n ?? "a new number"}.`,
          indexLines.get(a.gov),
        ),
      );
    }
  }

  // 替代文件 named by 文号 only: link it to the site's document with that 文号.
  // Only valid documents are linked to (one with errors is not published).
  const byDocNo = new Map<string, GovDoc>();
  for (const a of docs) if (a.gov.docNo && !a.invalid) byDocNo.set(officialDocNo(a.gov.docNo) ?? a.gov.docNo, a);
  for (const a of docs) {
    const r = a.gov.replacedBy;
    if (!r) continue;
    const own = declared.get(a.gov)?.replacedUrl ?? r.url;
    const successor = own || !r.docNo ? undefined : byDocNo.get(r.docNo);
    r.url = own || (successor && successor !== a ? successor.url : "");
  }
  return found;
}
