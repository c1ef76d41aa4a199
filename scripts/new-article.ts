/**
 * npm run new — creates content/<column path>/<slug>/index.md, ready to fill in.
 *   npm run new                                   asks for column, title, source and slug
 *   npm run new -- --column jydt --title "…" [--source "…"] [--slug …] [--date 2025-06-01]
 * Never overwrites an existing article. The suggested slug is the title's pinyin split at word
 * boundaries (juxing-zhongxiaoxue-kejijie). See lib/editor/new-article.ts and docs/editor-guide.zh-CN.md.
 */
import { withoutStackTraces } from "../lib/editor/build-cli.ts";
import { runNewArticleCli } from "../lib/editor/new-article.ts";

process.exitCode = await withoutStackTraces(process.cwd(), process.stderr, () =>
  runNewArticleCli(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    cwd: process.cwd(),
  }),
);
