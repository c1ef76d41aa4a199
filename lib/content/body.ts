/** The body of an article: the placeholder a new article starts with, and when a body counts as unfinished. */

import { issue, type ContentIssue } from "./issues.ts";

/** The body a new article starts with (`npm run new`); an article still holding it is not published. */
export const BODY_PLACEHOLDER = "（在这里写正文。段落之间空一行。写完后删除这一行。）";

/** Why a body is not ready to publish, or undefined when it is. */
export function unfinishedBody(body: string): { code: "placeholder-body" | "empty-body"; offset: number } | undefined {
  const at = body.indexOf(BODY_PLACEHOLDER);
  if (at >= 0) return { code: "placeholder-body", offset: at };
  if (body.trim() === "") return { code: "empty-body", offset: 0 };
  return undefined;
}

/** The issue for an unfinished body: an error where a build would refuse it, else a warning. */
export function unfinishedIssue(file: string, code: "placeholder-body" | "empty-body", severity: "error" | "warning", line: number | undefined): ContentIssue {
  const [zh, en] =
    code === "placeholder-body"
      ? ["正文还是新建文章时的占位文字，文章未完成", "the body still holds the placeholder text of a new article: the article is unfinished"]
      : ["正文是空的，文章未完成", "the body is empty: the article is unfinished"];
  const fix =
    severity === "error"
      ? "写好正文（删除占位的那一行）后再发布；还没写完就在 front matter 加一行 draft: true / Write the text (remove the placeholder line), or add `draft: true` until it is done."
      : "写好正文，删除占位的那一行 / Write the text and remove the placeholder line.";
  return issue(severity, file, "body", code, zh, en, fix, line);
}
