/**
 * Splits a Markdown file into YAML front matter and body. YAML's core schema keeps
 * dates as strings (so lib/content/dates.ts is the only date parser) and never runs code.
 *
 * Two slips editors make on a Chinese keyboard are read for what was meant and named on their own
 * line, instead of surfacing as a YAML error on some other line:
 *  - a full-width colon after a known field (`source：基础教育科`): read as `source: 基础教育科`, a warning;
 *  - the same key twice: an error naming the key and both lines; the rest of the file is still read.
 */
import yaml from "js-yaml";
import { FIELD_ALIASES, FIELD_NAMES_ZH } from "./schema.ts";

export interface Split {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
  /** Front-matter lines (without the --- fences), for locating fields. */
  lines: string[];
  /** Problems found while reading the front matter that did not stop it from being read. */
  notes: FrontMatterNote[];
}

/** A problem found while splitting, before the file name is known (lib/content/parse.ts adds it). */
interface FrontMatterNote {
  severity: "error" | "warning";
  field: string;
  code: string;
  zh: string;
  en: string;
  fix: string;
  line: number;
}

export type SplitResult = { ok: true; value: Split } | { ok: false; zh: string; en: string; fix: string; line?: number };

/** Keys a full-width colon is recognised after: every field, its Chinese alias, and the keys of photo and attachment items. */
const COLON_KEYS = new Set([...Object.keys(FIELD_NAMES_ZH), ...Object.keys(FIELD_ALIASES), "file", "caption", "alt", "label"]);
const FULL_WIDTH = /^(\s*(?:-\s+)?)([A-Za-z\u4e00-\u9fff]+)[ \t]*：[ \t\u3000]*(.*)$/;

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
  if (end < 0 || (lineEnd >= 0 && text.slice(end + 4, lineEnd).trim() !== "")) {
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
  const notes: FrontMatterNote[] = [];
  const fixed = lines.map((l, i) => {
    const m = FULL_WIDTH.exec(l);
    if (!m || !COLON_KEYS.has(m[2]!)) return l;
    const key = m[2]!;
    notes.push({
      severity: "warning",
      field: key,
      code: "full-width-colon",
      zh: `${key} 后面是中文冒号“：”，已按英文冒号读取`,
      en: `"${key}" is followed by a full-width colon "："; it was read as "${key}:"`,
      fix: `把这一行改成 ${key}: ${m[3]}（英文冒号，后面加一个空格） / Write \`${key}: \` with an ASCII colon and a space.`,
      line: i + 2,
    });
    return `${m[1]}${key}: ${m[3]}`;
  });
  const source = fixed.join("\n");
  let data: unknown;
  try {
    data = yaml.load(source, { schema: yaml.CORE_SCHEMA, json: false });
  } catch (error) {
    const e = error as { mark?: { line?: number }; reason?: string };
    if (e.reason?.startsWith("duplicated mapping key")) {
      notes.push(...duplicateKeys(fixed));
      try {
        // Last value wins, as most YAML readers do; the duplicate itself is an error above.
        data = yaml.load(source, { schema: yaml.CORE_SCHEMA, json: true });
      } catch (again) {
        return yamlError(again, fixed);
      }
    } else {
      return yamlError(error, fixed);
    }
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== "object" || Array.isArray(data)) {
    return { ok: false, zh: "front matter 应为“字段: 值”的形式", en: "front matter must be a mapping of fields", fix: "每行写成“字段: 值” / Write one `field: value` per line.", line: 2 };
  }
  const body = lineEnd < 0 ? "" : text.slice(lineEnd + 1);
  const bodyLine = lines.length + 2;
  return { ok: true, value: { data: data as Record<string, unknown>, body, bodyLine, lines, notes } };
}

function yamlError(error: unknown, lines: readonly string[]): SplitResult {
  const e = error as { mark?: { line?: number }; reason?: string };
  // A full-width colon after a key we do not know: YAML complains about the line after it.
  const at = e.mark?.line;
  if (at !== undefined) {
    for (const i of [at, at - 1]) {
      const l = lines[i];
      if (l !== undefined && l.includes("：") && !/:(\s|$)/.test(l.split("：")[0]!)) {
        const key = l.split("：")[0]!.replace(/^\s*(-\s+)?/, "").trim();
        return {
          ok: false,
          zh: `第 ${i + 2} 行“${key}”后面用了中文冒号“：”，front matter 无法读取`,
          en: `line ${i + 2}: "${key}" is followed by a full-width colon "：", so the front matter cannot be read`,
          fix: `字段名后面要用英文冒号加空格，如 source: 基础教育科；并检查字段名拼写 / Use an ASCII colon and a space after the field name, and check its spelling.`,
          line: i + 2,
        };
      }
    }
  }
  const line = at !== undefined ? at + 2 : undefined;
  return {
    ok: false,
    zh: `front matter 格式错误（YAML）：${e.reason ?? String(error)}`,
    en: `front matter is not valid YAML: ${e.reason ?? String(error)}`,
    fix: "检查该行的冒号后是否有空格、引号是否成对、列表项是否以“- ”开头且缩进一致 / Check colons, quotes and indentation on that line.",
    ...(line === undefined ? {} : { line }),
  };
}

const KEY_LINE = /^("[^"]*"|'[^']*'|[^\s#'"{[-][^:#]*?|-[^\s:#][^:#]*?)\s*:(?:\s|$)/;

/** Keys that occur twice in one mapping, by indentation (list items open a new mapping). */
function duplicateKeys(lines: readonly string[]): FrontMatterNote[] {
  const notes: FrontMatterNote[] = [];
  const stack: { indent: number; keys: Map<string, number> }[] = [];
  lines.forEach((raw, i) => {
    if (!raw.trim() || raw.trimStart().startsWith("#")) return;
    const m = /^(\s*)(-\s+)?(.*)$/.exec(raw)!;
    const indent = m[1]!.length + (m[2]?.length ?? 0);
    while (stack.length && (stack.at(-1)!.indent > indent || (m[2] && stack.at(-1)!.indent >= indent))) stack.pop();
    if (!stack.length || stack.at(-1)!.indent !== indent) stack.push({ indent, keys: new Map() });
    const k = KEY_LINE.exec(m[3]!);
    if (!k) return;
    const key = k[1]!.replace(/^["']|["']$/g, "");
    const keys = stack.at(-1)!.keys;
    const first = keys.get(key);
    if (first === undefined) {
      keys.set(key, i + 2);
      return;
    }
    notes.push({
      severity: "error",
      field: key,
      code: "duplicate-key",
      zh: `字段 ${key} 写了两次：第 ${first} 行和第 ${i + 2} 行`,
      en: `the key "${key}" appears twice: lines ${first} and ${i + 2}`,
      fix: `删除其中一行（现在按第 ${i + 2} 行的值读取） / Remove one of the two lines (the value on line ${i + 2} is used now).`,
      line: i + 2,
    });
  });
  return notes;
}

/** 1-based line (in the whole file) of a top-level field, or of the first line mentioning `needle` after it. */
export function lineOf(split: Pick<Split, "lines">, field: string, needle?: string): number | undefined {
  const names = [field, ...Object.keys(FIELD_ALIASES).filter((zh) => FIELD_ALIASES[zh] === field)];
  const re = new RegExp(`^(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})\\s*[:：]`);
  let start = split.lines.findIndex((l) => re.test(l));
  if (start < 0) return undefined;
  if (needle) {
    const at = split.lines.findIndex((l, i) => i >= start && l.includes(needle));
    if (at >= 0) start = at;
  }
  return start + 2;
}
