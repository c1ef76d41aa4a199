/**
 * Path rules: nothing named in front matter may leave its article's folder, and URL
 * slugs are permanent lowercase ASCII (never derived from the title).
 */
import path from "node:path";
import { pinyin } from "pinyin-pro";

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Resolves `file` inside `folder`, or returns null when it is absolute, a URL, or escapes the folder. */
export function resolveInside(folder: string, file: string): string | null {
  if (!file || file.includes("\0")) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(file) || file.startsWith("/") || file.startsWith("\\") || path.isAbsolute(file)) return null;
  const normalized = file.replace(/\\/g, "/");
  if (normalized.split("/").some((part) => part === "..")) return null;
  const resolved = path.resolve(folder, normalized);
  const rel = path.relative(folder, resolved);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return null;
  return resolved;
}

/** A readable ASCII slug suggestion from Chinese (pinyin) or any text. */
export function suggestSlug(name: string): string {
  const words = pinyin(name, { toneType: "none", type: "array", nonZh: "consecutive" });
  const slug = words
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .replace(/-{2,}/g, "-");
  return slug.slice(0, 60).replace(/-+$/, "") || "article";
}

/** Slug from the file or folder name: `qiangji-zhuhun/index.md` or `2024-07-12-qiangji-zhuhun.md`. */
export function slugFromFile(relFile: string): string {
  const base = path.posix.basename(relFile, ".md");
  const name = base === "index" ? path.posix.basename(path.posix.dirname(relFile)) : base;
  return name.replace(/^\d{4}-\d{2}-\d{2}-/, "");
}

export const toPosix = (p: string): string => p.split(path.sep).join("/");
