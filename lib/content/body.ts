/** The body of an article: the placeholder a new article starts with, and when a body counts as unfinished. */

/** The body a new article starts with (`npm run new`); an article still holding it is not published. */
export const BODY_PLACEHOLDER = "（在这里写正文。段落之间空一行。写完后删除这一行。）";

/** Why a body is not ready to publish, or undefined when it is. */
export function unfinishedBody(body: string): { code: "placeholder-body" | "empty-body"; offset: number } | undefined {
  const at = body.indexOf(BODY_PLACEHOLDER);
  if (at >= 0) return { code: "placeholder-body", offset: at };
  if (body.trim() === "") return { code: "empty-body", offset: 0 };
  return undefined;
}
