/**
 * Problems found in editors' content. Every problem names the file, the field and the fix,
 * in Chinese first (editors) and English (developers, CI logs). Problems are collected,
 * never thrown one by one, so an editor sees all of them in one run.
 */
export type Severity = "error" | "warning";

export interface ContentIssue {
  severity: Severity;
  /** Path relative to the project root, with forward slashes (e.g. content/news/jydt/x/index.md). */
  file: string;
  /** 1-based line in the file, when known. */
  line?: number;
  /** Front-matter field or aspect, e.g. "date", "photos[2].file", "encoding". */
  field: string;
  /** Stable machine code, e.g. "missing-field", "bad-date". */
  code: string;
  /** What is wrong, in Chinese. */
  zh: string;
  /** What is wrong, in English. */
  en: string;
  /** How to fix it, in Chinese (optional English after " / "). */
  fix: string;
}

export function issue(
  severity: Severity,
  file: string,
  field: string,
  code: string,
  zh: string,
  en: string,
  fix: string,
  line?: number,
): ContentIssue {
  return line === undefined
    ? { severity, file, field, code, zh, en, fix }
    : { severity, file, line, field, code, zh, en, fix };
}

export const errorsOf = (issues: readonly ContentIssue[]): ContentIssue[] => issues.filter((i) => i.severity === "error");

export interface FormatOptions {
  /**
   * Files to show first (the editor's own changes: from git status, or named on the command line),
   * project-relative with forward slashes.
   */
  first?: ReadonlySet<string>;
}

/** A site-wide reminder (stale or empty column, missing site identity): shown last, one line each. */
const isSiteNote = (i: ContentIssue): boolean => i.severity === "warning" && /(^|\/)_data\/[^/]+\.ya?ml$/.test(i.file);

/** 第 2 张照片 for photos[1]…, 第 1 个附件 for attachments[0]…: editors count from 1. */
function fieldLabel(field: string): string {
  const m = /^(photos|attachments)\[(\d+)\]/.exec(field);
  if (!m) return field;
  return m[1] === "photos" ? `第 ${Number(m[2]) + 1} 张照片` : `第 ${Number(m[2]) + 1} 个附件`;
}

/**
 * One readable block per file, errors first; the `first` files (the editor's changes) lead, and
 * site-wide reminders come last, one line each. Used by the build, `npm run check` and the preview.
 */
export function formatIssues(issues: readonly ContentIssue[], options: FormatOptions = {}): string {
  const notes = issues.filter(isSiteNote);
  const byFile = new Map<string, ContentIssue[]>();
  for (const i of issues) {
    if (isSiteNote(i)) continue;
    const list = byFile.get(i.file) ?? [];
    list.push(i);
    byFile.set(i.file, list);
  }
  const first = options.first ?? new Set<string>();
  const files = [...byFile.keys()].sort((a, b) => Number(first.has(b)) - Number(first.has(a)) || (a < b ? -1 : a > b ? 1 : 0));
  const blocks: string[] = [];
  for (const file of files) {
    const list = byFile.get(file)!.sort((a, b) => (a.severity === b.severity ? (a.line ?? 0) - (b.line ?? 0) : a.severity === "error" ? -1 : 1));
    const lines = [file];
    for (const i of list) {
      const where = i.line ? `第 ${i.line} 行 line ${i.line}` : "";
      const label = fieldLabel(i.field);
      const what = label !== i.field && i.zh.startsWith(label) ? "" : label;
      const head = [where, what].filter(Boolean).join(", ");
      const tag = i.severity === "error" ? "错误 error" : "警告 warning";
      lines.push(`  [${tag}] ${head ? `${head}: ` : ""}${i.zh}`);
      lines.push(`      ${i.en}`);
      lines.push(`      修改方法 fix: ${i.fix}`);
    }
    blocks.push(lines.join("\n"));
  }
  if (notes.length) {
    const sorted = [...notes].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
    blocks.push(["其他提醒（全站，与本次修改无关）Site-wide notes:", ...sorted.map((i) => `  ${i.file}${i.line ? `:${i.line}` : ""} ${i.zh} (${i.en})`)].join("\n"));
  }
  const errors = issues.filter((i) => i.severity === "error").length;
  const warnings = issues.length - errors;
  blocks.push(`共 ${errors} 个错误、${warnings} 个警告 (${errors} error(s), ${warnings} warning(s))`);
  return blocks.join("\n\n");
}

/** Thrown by the build when content has errors: carries every issue, not just the first. */
export class ContentError extends Error {
  constructor(readonly issues: readonly ContentIssue[]) {
    super(`内容检查未通过，未写入任何文件 (content check failed; nothing was written)\n\n${formatIssues(issues)}`);
    this.name = "ContentError";
  }
}
