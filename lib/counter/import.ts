/**
 * `npm run counter -- import FILE.csv`: counts carried over from the old CMS. One row per page
 * (`path,views`) and, for the site's figures, rows whose path is a `site:` key:
 *
 *   path,views
 *   /news/jydt/2024/qiangji-zhuhun/,1887
 *   site:total,213650160
 *   site:month:2026-11,6788709
 *   site:day:2026-12-02,187730
 *
 * A path may be a full URL of the site or carry the path prefix / the 繁體 folder; it is mapped to
 * its countable key. Imported figures are stored apart from counted ones and replaced on a new
 * import, so running the same import twice does not double anything. Every problem is listed at once
 * and nothing is imported while there is one.
 */
import type { PathList } from "./paths.ts";
import type { ImportData } from "./store.ts";
import { DAY_KEY, MONTH_KEY } from "./time.ts";

export interface ImportProblem {
  line: number;
  zh: string;
  en: string;
}

/** RFC 4180 rows (quotes, "" escapes, CRLF), BOM dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const s = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && s[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function parseImport(text: string, list: PathList, file = "FILE.csv"): { data: ImportData; problems: ImportProblem[] } {
  const data: ImportData = { pages: new Map(), days: new Map(), months: new Map() };
  const problems: ImportProblem[] = [];
  const rows = parseCsv(text);
  rows.forEach((cells, i) => {
    const line = i + 1;
    if (cells.every((c) => !c.trim())) return;
    const [rawPath = "", rawViews = ""] = cells.map((c) => c.trim());
    if (i === 0 && /^(path|路径|页面)$/i.test(rawPath)) return; // header
    const views = Number(rawViews.replace(/[,，\s]/g, ""));
    if (!/^\d[\d,，\s]*$/.test(rawViews) || !Number.isSafeInteger(views)) {
      problems.push({ line, zh: `${file} 第 ${line} 行：浏览量“${rawViews}”不是非负整数`, en: `${file} line ${line}: views "${rawViews}" is not a non-negative integer` });
      return;
    }
    const site = /^site:(total|day:(.+)|month:(.+))$/i.exec(rawPath);
    if (site) {
      if (site[1]!.toLowerCase() === "total") data.total = views;
      else if (site[2] !== undefined) {
        if (DAY_KEY.test(site[2])) data.days.set(site[2], views);
        else problems.push({ line, zh: `${file} 第 ${line} 行：日期“${site[2]}”应写成 2026-12-02`, en: `${file} line ${line}: day "${site[2]}" must be written 2026-12-02` });
      } else if (MONTH_KEY.test(site[3]!)) data.months.set(site[3]!, views);
      else problems.push({ line, zh: `${file} 第 ${line} 行：月份“${site[3]}”应写成 2026-11`, en: `${file} line ${line}: month "${site[3]}" must be written 2026-11` });
      return;
    }
    let p = rawPath;
    if (/^https?:\/\//i.test(p)) {
      try {
        p = new URL(p).pathname;
      } catch {
        /* reported below */
      }
    }
    const key = list.keyFor(p);
    if (!key) {
      problems.push({
        line,
        zh: `${file} 第 ${line} 行：“${rawPath}”不是已发布的页面（写新网站的地址，如 /news/jydt/2024/qiangji-zhuhun/，或删去此行）`,
        en: `${file} line ${line}: "${rawPath}" is not a published page (use the new site's path, e.g. /news/jydt/2024/qiangji-zhuhun/, or delete the row)`,
      });
      return;
    }
    // The same article listed under both editions: the old counts add up.
    data.pages.set(key, (data.pages.get(key) ?? 0) + views);
  });
  return { data, problems };
}
