/**
 * Reading one Markdown file: bytes → text (encoding checks) → front matter and body, Chinese field
 * names mapped to the English ones. Parsed files are cached by (size, mtime), so the preview server
 * and repeated loads re-read only what changed.
 */
import fs from "node:fs/promises";
import { decodeText, encodingFix } from "./encoding.ts";
import { splitFrontMatter, type Split } from "./frontmatter.ts";
import { issue, type ContentIssue } from "./issues.ts";
import { FIELD_ALIASES } from "./schema.ts";

export type Parsed = { split: Split; issues: ContentIssue[] } | { split: null; issues: ContentIssue[] };
const parseCache = new Map<string, { key: string; parsed: Parsed }>();

export async function parseFile(abs: string, relFile: string): Promise<Parsed> {
  const stat = await fs.stat(abs);
  const key = `${stat.size}:${stat.mtimeMs}`;
  const cached = parseCache.get(abs);
  if (cached && cached.key === key) return cached.parsed;
  const parsed = parseBytes(await fs.readFile(abs), relFile);
  parseCache.set(abs, { key, parsed });
  return parsed;
}

function parseBytes(bytes: Uint8Array, relFile: string): Parsed {
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    const what =
      decoded.encoding === "gb18030"
        ? ["文件是 GB18030/GBK 编码（Windows“ANSI”），不是 UTF-8，中文会变成乱码", "file is encoded in GB18030/GBK (Windows \"ANSI\"), not UTF-8"]
        : decoded.encoding === "utf-16"
          ? ["文件是 UTF-16 编码，不是 UTF-8", "file is encoded in UTF-16, not UTF-8"]
          : ["文件不是 UTF-8 编码（可能已损坏）", "file is not valid UTF-8"];
    return { split: null, issues: [issue("error", relFile, "encoding", "not-utf8", what[0]!, what[1]!, encodingFix(relFile))] };
  }
  const result = splitFrontMatter(decoded.text);
  if (!result.ok) return { split: null, issues: [issue("error", relFile, "front matter", "bad-front-matter", result.zh, result.en, result.fix, result.line)] };
  const split = result.value;
  const issues = split.notes.map((n) => issue(n.severity, relFile, n.field, n.code, n.zh, n.en, n.fix, n.line));
  // Chinese field names are accepted as aliases of the English ones.
  const data = split.data;
  for (const [zh, en] of Object.entries(FIELD_ALIASES)) {
    if (!(zh in data)) continue;
    if (en in data) {
      const lineOfKey = (k: string) => {
        const at = split.lines.findIndex((l) => l.startsWith(`${k}:`) || l.startsWith(`${k} :`));
        return at >= 0 ? at + 2 : undefined;
      };
      const [a, b] = [lineOfKey(en), lineOfKey(zh)];
      const where = a && b ? `：第 ${Math.min(a, b)} 行和第 ${Math.max(a, b)} 行` : "";
      issues.push(
        issue("error", relFile, zh, "duplicate-key", `字段 ${en} 与 ${zh} 是同一个字段，写了两次${where}`, `"${zh}" is the Chinese name of "${en}": the field is given twice${a && b ? ` (lines ${Math.min(a, b)} and ${Math.max(a, b)})` : ""}`,
          `删除其中一行（现在按 ${en} 的值读取） / Remove one of the two lines (the value of "${en}" is used now).`, b),
      );
      delete data[zh];
      continue;
    }
    data[en] = data[zh];
    delete data[zh];
  }
  return { split, issues };
}
