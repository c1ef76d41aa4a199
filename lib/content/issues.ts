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

/** One issue as shown to editors: where (line), what (the field, counted from 1 for photos and attachments, or nothing when the message already says it). */
export interface ShownIssue extends ContentIssue {
  /** "第 3 行 line 3" or "". */
  where: string;
  /** The field as editors count it ("第 2 张照片" for photos[1]…), "" when the message starts with it. */
  label: string;
}

/** Issues in the order editors read them: per file (the `first` files lead), errors before warnings by line; site-wide reminders apart. */
export interface IssueGroups {
  files: { file: string; issues: ShownIssue[] }[];
  /** Site-wide reminders (stale or empty columns, missing site identity): shown last, one line each. */
  notes: ContentIssue[];
  errors: number;
  warnings: number;
}

/** The one grouping and ordering of issues that `npm run check`, the build and the preview's error page show. */
export function groupIssues(issues: readonly ContentIssue[], options: FormatOptions = {}): IssueGroups {
  const notes = issues.filter(isSiteNote).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
  const byFile = new Map<string, ContentIssue[]>();
  for (const i of issues) {
    if (isSiteNote(i)) continue;
    const list = byFile.get(i.file) ?? [];
    list.push(i);
    byFile.set(i.file, list);
  }
  const first = options.first ?? new Set<string>();
  const files = [...byFile.keys()].sort((a, b) => Number(first.has(b)) - Number(first.has(a)) || (a < b ? -1 : a > b ? 1 : 0));
  const errors = issues.filter((i) => i.severity === "error").length;
  return {
    files: files.map((file) => ({
      file,
      issues: byFile
        .get(file)!
        .sort((a, b) => (a.severity === b.severity ? (a.line ?? 0) - (b.line ?? 0) : a.severity === "error" ? -1 : 1))
        .map((i) => {
          const label = fieldLabel(i.field);
          return { ...i, where: i.line ? `第 ${i.line} 行 line ${i.line}` : "", label: label !== i.field && i.zh.startsWith(label) ? "" : label };
        }),
    })),
    notes,
    errors,
    warnings: issues.length - errors,
  };
}

/**
 * One readable block per file, errors first; the `first` files (the editor's changes) lead, and
 * site-wide reminders come last, one line each. Used by the build, `npm run check` and the preview.
 */
export function formatIssues(issues: readonly ContentIssue[], options: FormatOptions = {}): string {
  const groups = groupIssues(issues, options);
  const blocks: string[] = [];
  for (const { file, issues: list } of groups.files) {
    const lines = [file];
    for (const i of list) {
      const head = [i.where, i.label].filter(Boolean).join(", ");
      const tag = i.severity === "error" ? "错误 error" : "警告 warning";
      lines.push(`  [${tag}] ${head ? `${head}: ` : ""}${i.zh}`);
      lines.push(`      ${i.en}`);
      lines.push(`      修改方法 fix: ${i.fix}`);
    }
    blocks.push(lines.join("\n"));
  }
  if (groups.notes.length) {
    blocks.push(["其他提醒（全站，与本次修改无关）Site-wide notes:", ...groups.notes.map((i) => `  ${i.file}${i.line ? `:${i.line}` : ""} ${i.zh} (${i.en})`)].join("\n"));
  }
  blocks.push(`共 ${groups.errors} 个错误、${groups.warnings} 个警告 (${groups.errors} error(s), ${groups.warnings} warning(s))`);
  return blocks.join("\n\n");
}

/** Thrown by the build when content has errors: carries every issue, not just the first. */
export class ContentError extends Error {
  constructor(readonly issues: readonly ContentIssue[]) {
    super(`内容检查未通过，未写入任何文件 (content check failed; nothing was written)\n\n${formatIssues(issues)}`);
    this.name = "ContentError";
  }
}
