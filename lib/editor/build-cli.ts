/**
 * `npm run build` on the command line: flags, exit codes, and messages an editor can act on.
 *
 *   --hold-back   publish every valid article; an article with errors is held back (its last
 *                 published version stays online, else it is absent), listed with its errors and
 *                 written to .cache/held-back.txt; exit code 3. What CI runs.
 *   --drafts      include drafts and scheduled articles (review builds)
 *   --out DIR     output folder (default _site)
 *   --prune-cache after a successful build, delete resized photos this build did not use
 *   --no-reuse    render every page (default: unchanged article and list pages are taken from the last build)
 *   --quiet       less progress output
 *
 * Exit codes: 0 everything published; 1 nothing published (content errors without --hold-back,
 * site-wide errors, or an unexpected failure — the previous site is untouched); 2 invalid
 * arguments; 3 published, but some articles were held back (--hold-back).
 * No stack trace reaches the editor: an unexpected failure prints one bilingual line with the
 * cause and the file, and writes the full trace to .cache/build-error.log.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { formatHoldBack, HOLD_BACK_EXIT, writeHoldBackReport, type HoldBackOutcome } from "../content/hold-back.ts";
import type { ContentModel } from "../content/model.ts";
import { toPosix } from "../content/paths.ts";

export const BUILD_EXIT = { ok: 0, failed: 1, usage: 2, heldBack: HOLD_BACK_EXIT } as const;

/** Where the full trace of an unexpected failure goes, relative to the site root. */
const BUILD_ERROR_LOG = path.join(".cache", "build-error.log");

const BUILD_USAGE = `用法 Usage: npm run build [-- --hold-back] [--drafts] [--out 目录] [--prune-cache] [--no-reuse] [--quiet]
  --hold-back    有错误的文章暂不发布（保留上一次发布的版本），其他文章照常发布；退出码 3 / hold back articles with errors, publish the rest; exit code 3
  --drafts       连同草稿和定时发布的文章一起构建（审阅用） / include drafts and scheduled articles
  --out 目录     输出目录（默认 _site） / output folder
  --prune-cache  构建成功后删除不再使用的图片缓存 / delete cached photo sizes no page uses
  --no-reuse     重新生成所有页面（默认沿用上次构建中未变的文章页和列表页） / render every page again
退出码 Exit codes: 0 全部发布 all published；1 未发布，网站保持原样 nothing published, the site is unchanged；
  2 参数有误 invalid arguments；3 已发布，但有文章暂不发布 published, some articles held back.
`;

/** What the CLI needs from a build (lib/pipeline/build.ts buildSite), so it can be tested with a stand-in. */
export interface BuildRun {
  model: ContentModel;
  outputDir: string;
  ms: number;
  timings: ReadonlyMap<string, number>;
  /** With holdBack: what of the held-back articles' previous versions was put back. */
  heldBack?: HoldBackOutcome;
  /** Article pages rendered, and taken unchanged from the last build. */
  pages?: { rendered: number; reused: number };
  /** The same for list, tag and 目录 pages. */
  kindPages?: { rendered: number; reused: number };
  /** Deletes cached photo sizes this build did not use; returns how many. */
  pruneCache?: () => Promise<number>;
}

export interface BuildRequest {
  root: string;
  outputDir: string;
  includeDrafts: boolean;
  quiet: boolean;
  holdBack: boolean;
  /** Take unchanged article pages from the last build (default true; --no-reuse). */
  reuse?: boolean;
}

export interface BuildIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
}

export async function runBuildCli(argv: readonly string[], io: BuildIo, build: (request: BuildRequest) => Promise<BuildRun>): Promise<number> {
  let values: { drafts?: boolean; out?: string; quiet?: boolean; "prune-cache"?: boolean; "hold-back"?: boolean; "no-reuse"?: boolean; help?: boolean };
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        drafts: { type: "boolean" },
        out: { type: "string" },
        quiet: { type: "boolean" },
        "prune-cache": { type: "boolean" },
        "hold-back": { type: "boolean" },
        "no-reuse": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (error) {
    io.stderr.write(`参数有误 Invalid arguments: ${(error as Error).message}\n\n${BUILD_USAGE}`);
    return BUILD_EXIT.usage;
  }
  if (values.help) {
    io.stdout.write(BUILD_USAGE);
    return BUILD_EXIT.ok;
  }
  const root = io.cwd;
  const rel = (p: string) => toPosix(path.relative(root, p)) || ".";
  let result: BuildRun;
  try {
    result = await build({
      root,
      outputDir: path.resolve(root, values.out ?? "_site"),
      includeDrafts: values.drafts ?? false,
      quiet: values.quiet ?? false,
      holdBack: values["hold-back"] ?? false,
      reuse: !values["no-reuse"],
    });
  } catch (error) {
    const e = error as Error;
    if (e?.name === "ContentError") io.stderr.write(`\n${e.message}\n\n`);
    else io.stderr.write(`\n${await describeFailure(error, root)}\n`);
    io.stderr.write("上一次成功构建的网站未被改动 (the previous site is untouched).\n");
    return BUILD_EXIT.failed;
  }
  const timings = [...result.timings].map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}s`).join(", ");
  const lists = result.kindPages ? `; 列表页 list pages: ${result.kindPages.rendered} rendered, ${result.kindPages.reused} unchanged` : "";
  const pages = result.pages ? `; 文章页 article pages: ${result.pages.rendered} rendered, ${result.pages.reused} unchanged from the last build${lists}` : "";
  io.stdout.write(`构建完成 Built ${result.model.articles.length} articles into ${rel(result.outputDir)}/ in ${(result.ms / 1000).toFixed(1)}s (${timings}${pages})\n`);
  if (values["prune-cache"] && result.pruneCache) io.stdout.write(`图片缓存清理 Image cache pruned: ${await result.pruneCache()} unused files removed\n`);
  const held = result.model.heldBack ?? [];
  if (values["hold-back"]) {
    const outcome = result.heldBack ?? { articles: held.map((h) => ({ file: h.file, restored: [] })), copied: 0 };
    const report = await writeHoldBackReport(root, held, outcome);
    if (held.length) {
      io.stderr.write(`\n${formatHoldBack(held, outcome)}\n\n`);
      io.stderr.write(`✗ ${held.length} 篇文章暂不发布，详见 ${rel(report)}；修改后重新提交即可发布 (${held.length} article(s) held back; report: ${rel(report)})\n`);
      return BUILD_EXIT.heldBack;
    }
  }
  return BUILD_EXIT.ok;
}

/** Error, then its causes (Eleventy wraps errors in errors). */
function chain(error: unknown): unknown[] {
  const out: unknown[] = [];
  let e = error as { originalError?: unknown; cause?: unknown } | undefined;
  while (e && out.length < 8 && !out.includes(e)) {
    out.push(e);
    e = (e.originalError ?? e.cause) as typeof e;
  }
  return out;
}

/** The editor's file an error is about: a path property of the error or its causes, else a content path named in a message. */
function fileOfError(error: unknown, root: string): string | undefined {
  const errors = chain(error);
  for (const e of errors) {
    if (!e || typeof e !== "object") continue;
    for (const key of ["inputPath", "file", "filePath", "path", "filename"]) {
      const v = (e as Record<string, unknown>)[key];
      if (typeof v === "string" && v) return toPosix(path.relative(root, path.resolve(root, v)));
    }
  }
  for (const e of errors) {
    const m = /(?:\.\/)?(content\/[^\s"'`)]+?\.(?:md|ya?ml))/.exec(String((e as Error)?.message ?? ""));
    if (m) return m[1];
  }
  return undefined;
}

/** One bilingual line (cause and file) for an unexpected failure; the full trace goes to BUILD_ERROR_LOG. */
export async function describeFailure(error: unknown, root: string): Promise<string> {
  const errors = chain(error);
  const innermost = errors[errors.length - 1] as Error | undefined;
  const cause = (innermost?.message ?? String(error)).split("\n")[0]!.slice(0, 300);
  const file = fileOfError(error, root);
  const log = path.join(root, BUILD_ERROR_LOG);
  const trace = errors.map((e, i) => `${i ? "Caused by: " : ""}${(e as Error)?.stack ?? String(e)}`).join("\n\n");
  let where = toPosix(BUILD_ERROR_LOG);
  try {
    await fs.mkdir(path.dirname(log), { recursive: true });
    await fs.writeFile(log, `${new Date().toISOString()}\n\n${trace}\n`);
  } catch {
    where = "（无法写入日志 could not be written）";
  }
  return `构建失败 Build failed: ${cause}${file ? `（文件 file: ${file}）` : ""}；完整错误信息 full trace: ${where}`;
}

/**
 * Runs an editor's command (check, new, photos) so that an unexpected failure, too, is one bilingual
 * line with the cause and the file, the full trace in .cache/build-error.log — never a stack trace.
 */
export async function withoutStackTraces(root: string, stderr: NodeJS.WritableStream, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    stderr.write(`\n${(await describeFailure(error, root)).replace("构建失败 Build failed", "命令失败 Command failed")}\n`);
    return 1;
  }
}
