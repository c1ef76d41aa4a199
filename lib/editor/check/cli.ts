/**
 * `npm run check` on the command line: the editor's own files first (those named on the command
 * line, else those git reports changed), site-wide reminders last, one line each.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { parseArgs } from "node:util";
import type { DateTime } from "luxon";
import { parseDate } from "../../content/dates.ts";
import { formatIssues } from "../../content/issues.ts";
import { checkJson, checkSite, exitCodeOf } from "./site.ts";

export const CHECK_USAGE = `用法 Usage: npm run check [-- 文章文件夹或文件…] [--json] [--now 2025-06-01] [--root 目录]
  文章文件夹  这些文章的问题排在最前面（默认：git 中有改动的文件）/ these files' problems come first (default: files git reports changed)
  --json   以 JSON 输出 {errors, warnings, issues:[…]}，供其他工具使用 / machine-readable output
  --now    以指定日期为“今天”检查（定时发布、栏目更新期限）/ check as of this date
退出码 Exit code: 有错误 1，只有警告或没有问题 0 / 1 on errors, 0 on warnings only.
`;

export interface CheckIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
}

const run = promisify(execFile);

/** Project-relative paths (forward slashes) that git reports added, modified or untracked; empty outside a repository. */
export async function changedFiles(root: string): Promise<string[]> {
  try {
    const { stdout } = await run("git", ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--", "content"], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    const top = (await run("git", ["rev-parse", "--show-prefix"], { cwd: root })).stdout.trim();
    const out: string[] = [];
    const entries = stdout.split("\0");
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (e.length < 4) continue;
      if (e[0] === "R" || e[0] === "C") i++; // the source path of a rename follows
      const p = e.slice(3);
      out.push(top && p.startsWith(top) ? p.slice(top.length) : p);
    }
    return out;
  } catch {
    return [];
  }
}

/** The files among `all` that the editor is working on: under one of `given` (paths or folders), else changed in git. */
export async function ownFiles(root: string, cwd: string, given: readonly string[], all: Iterable<string>): Promise<Set<string>> {
  const prefixes = given.length
    ? given.map((g) => path.relative(root, path.resolve(cwd, g)).split(path.sep).join("/").replace(/\/+$/, ""))
    : (await changedFiles(root)).map((p) => p.replace(/\/+$/, ""));
  const own = new Set<string>();
  for (const file of all) {
    const dir = path.posix.dirname(file);
    if (prefixes.some((p) => file === p || file.startsWith(`${p}/`) || dir === p || (p.startsWith(`${dir}/`) && path.posix.basename(file) === "index.md"))) own.add(file);
  }
  return own;
}

export async function runCheckCli(argv: readonly string[], io: CheckIo): Promise<number> {
  let values: { json?: boolean; now?: string; root?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { json: { type: "boolean" }, now: { type: "string" }, root: { type: "string" }, help: { type: "boolean", short: "h" } },
    }));
  } catch (error) {
    io.stderr.write(`参数有误 Invalid arguments: ${(error as Error).message}\n\n${CHECK_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(CHECK_USAGE);
    return 0;
  }
  let now: DateTime | undefined;
  if (values.now) {
    now = parseDate(values.now) ?? undefined;
    if (!now) {
      io.stderr.write(`--now “${values.now}” 不是有效日期 (not a valid date)\n`);
      return 2;
    }
  }
  const root = path.resolve(io.cwd, values.root ?? ".");
  const result = await checkSite({ root, ...(now ? { now } : {}) });
  if (values.json) {
    io.stdout.write(JSON.stringify(checkJson(result), null, 2) + "\n");
    return exitCodeOf(result);
  }
  const first = await ownFiles(root, io.cwd, positionals, new Set(result.issues.map((i) => i.file)));
  const out: string[] = [];
  if (result.issues.length) out.push(formatIssues(result.issues, { first }), "");
  out.push(
    `检查了 ${result.articles} 篇文章、${result.photos} 张照片，用时 ${(result.ms / 1000).toFixed(1)} 秒 (checked ${result.articles} articles and ${result.photos} photos in ${(result.ms / 1000).toFixed(1)} s)`,
  );
  if (result.errors) out.push(`✗ 检查未通过：有 ${result.errors} 个错误，请按上面的“修改方法”逐个修改后再运行 npm run check (${result.errors} error(s): fix them and run again)`);
  else if (result.warnings) out.push(`✓ 检查通过，但有 ${result.warnings} 个警告，建议处理 (passed with ${result.warnings} warning(s))`);
  else out.push("✓ 检查通过，没有发现问题 (no problems found)");
  io.stdout.write(out.join("\n") + "\n");
  return exitCodeOf(result);
}
