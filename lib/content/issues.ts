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

/** One readable block per file, errors first; used by the build, `npm run check` and the preview overlay. */
export function formatIssues(issues: readonly ContentIssue[]): string {
  const byFile = new Map<string, ContentIssue[]>();
  for (const i of issues) {
    const list = byFile.get(i.file) ?? [];
    list.push(i);
    byFile.set(i.file, list);
  }
  const blocks: string[] = [];
  for (const file of [...byFile.keys()].sort()) {
    const list = byFile.get(file)!.sort((a, b) => (a.severity === b.severity ? (a.line ?? 0) - (b.line ?? 0) : a.severity === "error" ? -1 : 1));
    const lines = [file];
    for (const i of list) {
      const where = i.line ? `第 ${i.line} 行 line ${i.line}, ` : "";
      const tag = i.severity === "error" ? "错误 error" : "警告 warning";
      lines.push(`  [${tag}] ${where}${i.field}: ${i.zh}`);
      lines.push(`      ${i.en}`);
      lines.push(`      修改方法 fix: ${i.fix}`);
    }
    blocks.push(lines.join("\n"));
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
