/**
 * Splits a Markdown file into YAML front matter and body. YAML's core schema keeps
 * dates as strings (so lib/content/dates.ts is the only date parser) and never runs code.
 */
import yaml from "js-yaml";

export interface Split {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
  /** Front-matter lines (without the --- fences), for locating fields. */
  lines: string[];
}

export type SplitResult = { ok: true; value: Split } | { ok: false; zh: string; en: string; fix: string; line?: number };

export function splitFrontMatter(text: string): SplitResult {
  if (!text.startsWith("---\n") && text !== "---") {
    return {
      ok: false,
      zh: "文件开头缺少 front matter（以 --- 开头和结尾的信息区）",
      en: "the file does not start with YAML front matter (a block fenced by --- lines)",
      fix: "在文件第一行写 ---，接着写 title/date/source 等字段，再写一行 --- 后开始正文 / Start the file with ---, the fields, then ---.",
      line: 1,
    };
  }
  const end = text.indexOf("\n---", 3);
  const lineEnd = end < 0 ? -1 : text.indexOf("\n", end + 4);
  if (end < 0 || (lineEnd >= 0 && text.slice(end + 4, lineEnd).trim() !== "") ) {
    return {
      ok: false,
      zh: "front matter 没有结束标记 ---",
      en: "the front matter has no closing --- line",
      fix: "在字段之后、正文之前加一行 --- / Add a line with --- after the fields.",
      line: 1,
    };
  }
  const yamlText = text.slice(4, end + 1);
  const lines = yamlText.split("\n");
  let data: unknown;
  try {
    data = yaml.load(yamlText, { schema: yaml.CORE_SCHEMA, json: false });
  } catch (error) {
    const e = error as { mark?: { line?: number }; reason?: string };
    const line = e.mark?.line !== undefined ? e.mark.line + 2 : undefined;
    return {
      ok: false,
      zh: `front matter 格式错误（YAML）：${e.reason ?? String(error)}`,
      en: `front matter is not valid YAML: ${e.reason ?? String(error)}`,
      fix: "检查该行的冒号后是否有空格、引号是否成对、列表项是否以“- ”开头且缩进一致 / Check colons, quotes and indentation on that line.",
      ...(line === undefined ? {} : { line }),
    };
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== "object" || Array.isArray(data)) {
    return { ok: false, zh: "front matter 应为“字段: 值”的形式", en: "front matter must be a mapping of fields", fix: "每行写成“字段: 值” / Write one `field: value` per line.", line: 2 };
  }
  const body = lineEnd < 0 ? "" : text.slice(lineEnd + 1);
  const bodyLine = yamlText.split("\n").length + 2;
  return { ok: true, value: { data: data as Record<string, unknown>, body, bodyLine, lines } };
}

/** 1-based line (in the whole file) of a top-level field, or of the first line mentioning `needle` after it. */
export function lineOf(split: Split, field: string, needle?: string): number | undefined {
  const re = new RegExp(`^${field.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*:`);
  let start = split.lines.findIndex((l) => re.test(l));
  if (start < 0) return undefined;
  if (needle) {
    const at = split.lines.findIndex((l, i) => i >= start && l.includes(needle));
    if (at >= 0) start = at;
  }
  return start + 2;
}
