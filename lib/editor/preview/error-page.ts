/** The page the preview serves for every URL while the content has errors: the problems, grouped by file, Chinese first. */
import path from "node:path";
import { groupIssues, type ContentIssue } from "../../content/issues.ts";
import { RELOAD_TAG } from "./reload.ts";
import type { BuildState } from "./builder.ts";

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page served for every URL while the content has errors: the problems, grouped by file. */
export function errorPage(state: Extract<BuildState, { ok: false }>, root: string): string {
  // Grouped as npm run check and the build print them: files in order, photos counted from 1, site-wide notes last.
  const groups = groupIssues(state.issues);
  const errors = groups.errors;
  const item = (i: ContentIssue & { where: string; label: string }) =>
    `<li class="${i.severity}"><strong>${i.severity === "error" ? "错误" : "警告"}</strong>${i.line ? ` 第 ${i.line} 行` : ""}${i.label ? ` <code>${esc(i.label)}</code>` : ""}：${esc(i.zh)}
<div class="fix">修改方法：${esc(i.fix)}</div><div class="en">${esc(i.en)}</div></li>`;
  const body = state.issues.length
    ? groups.files.map((g) => `<section><h2><code>${esc(g.file)}</code></h2><ul>${g.issues.map(item).join("\n")}</ul></section>`).join("\n") +
      (groups.notes.length ? `\n<section><h2>全站提醒 Site-wide notes</h2><ul>${groups.notes.map((n) => item({ ...n, where: "", label: "" })).join("\n")}</ul></section>` : "")
    : `<pre>${esc(state.message.replaceAll(root + path.sep, ""))}</pre>`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>预览：内容有错误</title>
<style>
body{font:16px/1.7 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#fff7f7;color:#222}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
h1{color:#b00020;font-size:1.5rem}
h2{font-size:1.05rem;margin:1.5rem 0 .5rem;word-break:break-all}
ul{padding-left:1.2rem}
li{margin:.6rem 0}
li.error strong{color:#b00020}
li.warning strong{color:#8a5a00}
.fix{color:#0b5d1e}
.en{color:#666;font-size:.9em}
code{background:#f1e6e6;padding:0 .25em;border-radius:3px}
pre{white-space:pre-wrap;background:#fff;padding:1rem;border:1px solid #e0c0c0}
</style>
</head>
<body>
<main>
<h1>内容有 ${errors || ""} 个错误，预览未更新</h1>
<p>请按下面的提示修改文件并保存，本页会自动刷新。（Content errors: fix the files and save; this page reloads by itself.）</p>
${body}
</main>
${RELOAD_TAG}
</body>
</html>
`;
}
