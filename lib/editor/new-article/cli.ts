/** `npm run new` on the command line: flags, and at a terminal, questions for whatever is missing. */
import path from "node:path";
import readline from "node:readline/promises";
import { parseArgs } from "node:util";
import type { DateTime } from "luxon";
import type { Column } from "../../content/columns.ts";
import { formatDay } from "../../content/dates.ts";
import { toPosix } from "../../content/paths.ts";
import { defaultSourceFor, editorContext, EditorError, leafColumn, type EditorContext } from "./context.ts";
import { createWithContext, type NewArticleResult } from "./create.ts";
import { slugForTitle } from "./slug.ts";

export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** A person at the keyboard: prompt for what is missing. */
  interactive: boolean;
  cwd: string;
  now?: DateTime;
}

export const NEW_USAGE = `用法 Usage:
  npm run new                                   （逐项提问 / asks for each item）
  npm run new -- --column jydt --title "文章标题" [--source "信息来源"] [--slug wang-zhi-ming] [--date 2025-06-01]

  --column  栏目 key（见 content/_data/columns.yaml，只能用最末一级栏目）/ column key (leaf columns only)
  --title   标题 / title (required)
  --source  信息来源，默认取栏目的 defaultSource 或 site.yaml 的 owner / source
  --slug    网址名：小写拼音或英文、数字、连字符，默认由标题拼音生成 / URL name, default from the title's pinyin
  --date    发布时间，默认今天（北京时间）；写将来的日期即为定时发布 / date, default today; a future date schedules it
`;

/** Runs `npm run new`; returns the exit code. */
export async function runNewArticleCli(argv: readonly string[], io: CliIo): Promise<number> {
  const out = (s: string) => io.stdout.write(s + "\n");
  const err = (s: string) => io.stderr.write(s + "\n");
  let values: { column?: string; title?: string; source?: string; slug?: string; date?: string; root?: string; help?: boolean };
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        column: { type: "string", short: "c" },
        title: { type: "string", short: "t" },
        source: { type: "string", short: "s" },
        slug: { type: "string" },
        date: { type: "string", short: "d" },
        root: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: false,
    }).values;
  } catch (error) {
    err(`参数有误 Invalid arguments: ${(error as Error).message}\n\n${NEW_USAGE}`);
    return 1;
  }
  if (values.help) {
    out(NEW_USAGE);
    return 0;
  }
  const root = path.resolve(io.cwd, values.root ?? ".");
  let ctx: EditorContext;
  try {
    ctx = await editorContext(root);
  } catch (error) {
    return report(error, err);
  }

  const given = { column: values.column?.trim(), title: values.title?.trim(), source: values.source?.trim(), slug: values.slug?.trim(), date: values.date?.trim() };
  if (!io.interactive) {
    const missing: string[] = [];
    if (!given.column) missing.push("--column 栏目 key");
    if (!given.title) missing.push("--title 标题");
    if (!given.source && given.column && ctx.columns.byKey.has(given.column) && !defaultSourceFor(ctx, given.column)) missing.push("--source 信息来源");
    if (missing.length) {
      err(`缺少必填参数：${missing.join("、")}（不是在终端中运行，无法逐项提问）`);
      err(`Missing required option(s): ${missing.map((m) => m.split(" ")[0]).join(", ")} (not run from a terminal, so no questions can be asked)\n`);
      err(NEW_USAGE);
      err(`可用栏目 Columns: ${ctx.columns.leaves.map((c) => `${c.key}（${c.name}）`).join("、")}`);
      return 1;
    }
    try {
      return done(await createWithContext(ctx, { root, ...definedOnly(given), column: given.column!, title: given.title!, ...(io.now ? { now: io.now } : {}) }), ctx, out);
    } catch (error) {
      return report(error, err);
    }
  }

  const rl = readline.createInterface({ input: io.stdin, output: io.stdout, terminal: Boolean((io.stdin as { isTTY?: boolean }).isTTY) });
  try {
    const ask = async (q: string): Promise<string> => (await rl.question(q)).trim();
    let column: Column | undefined;
    if (given.column) {
      try {
        column = leafColumn(ctx, given.column);
      } catch (error) {
        report(error, err);
      }
    }
    if (!column) {
      out("\n栏目 Columns:");
      ctx.columns.leaves.forEach((c, i) => out(`  ${String(i + 1).padStart(2)}. ${c.key.padEnd(8)} ${c.trail.map((t) => t.name).join(" › ")}`));
      while (!column) {
        const answer = await ask("选择栏目（输入编号或 key）Column (number or key): ");
        const n = Number(answer);
        const picked = Number.isInteger(n) && n >= 1 && n <= ctx.columns.leaves.length ? ctx.columns.leaves[n - 1] : undefined;
        try {
          column = picked ?? leafColumn(ctx, answer);
        } catch (error) {
          report(error, err);
        }
      }
    }
    let title = given.title ?? "";
    while (!title) title = await ask("标题 Title: ");
    let source = given.source ?? "";
    if (!source) {
      const fallback = defaultSourceFor(ctx, column.key);
      while (!source) source = (await ask(fallback ? `信息来源 Source [${fallback}]: ` : "信息来源 Source: ")) || fallback || "";
    }
    let slug = given.slug;
    for (;;) {
      if (!slug) {
        const suggested = slugForTitle(title);
        slug = (await ask(`网址名 Slug（小写拼音，回车使用建议值 / Enter to accept）[${suggested}]: `)) || suggested;
      }
      try {
        const result = await createWithContext(ctx, { root, column: column.key, title, source, slug, ...(given.date ? { date: given.date } : {}), ...(io.now ? { now: io.now } : {}) });
        return done(result, ctx, out);
      } catch (error) {
        if (error instanceof EditorError && (error.code === "bad-slug" || error.code === "exists")) {
          report(error, err);
          slug = undefined;
          continue;
        }
        return report(error, err);
      }
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ERR_USE_AFTER_CLOSE" || (error as Error).name === "AbortError") {
      err("\n已取消，未创建文件 (cancelled; nothing was created)");
      return 1;
    }
    throw error;
  } finally {
    rl.close();
  }
}

function definedOnly<T extends Record<string, string | undefined>>(o: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== "")) as { [K in keyof T]?: string };
}

function report(error: unknown, err: (s: string) => void): number {
  if (error instanceof EditorError) {
    err(`\n未创建文章 Not created: ${error.zh}\n  ${error.en}\n  修改方法 fix: ${error.fix}`);
    return 1;
  }
  throw error;
}

function done(r: NewArticleResult, ctx: EditorContext, out: (s: string) => void): number {
  const prefix = ctx.site.pathPrefix;
  const folderRel = toPosix(path.relative(ctx.root, r.folder));
  out(`
已创建文章 Created: ${r.rel}
  栏目 column: ${r.column.name}（${r.column.key}）  发布时间 date: ${formatDay(r.date)}  信息来源 source: ${r.source}${r.indexNo ? `\n  索引号 index number: ${r.indexNo}（本年度下一个未用的编号，发布后不再改变）` : ""}
  网址 URL: ${prefix}${r.url.slice(1)}${r.scheduled ? `\n  这是定时发布：${formatDay(r.date)} 之后的构建才会在网站上显示 (scheduled: appears from its date on)` : ""}

下一步 Next steps:
  1. 用编辑器打开 ${r.rel}，写好正文（删除占位的那一行）；用记事本时请“另存为”并选择 UTF-8 编码。
  2. 照片和附件放进文件夹 ${folderRel}/，按文件里的示例填写 photos 和 attachments（每张照片都要写 caption 说明）。
  3. 运行 npm run check 检查有没有错误。
  4. 运行 npm start，在浏览器打开 http://localhost:8080${prefix}${r.url.slice(1)} 预览。
`);
  return 0;
}
