/**
 * `npm run check` for 公文 (issue #19): a notice (a column of type notice, 通知公告) without a
 * ::: 落款 container is warned about (the issuing body and date would be missing or shown as a
 * plain paragraph), and so is a 主送 still holding the placeholder `npm run new` wrote.
 */
import { issue, type ContentIssue } from "../../content/issues.ts";
import type { ContentModel } from "../../content/model.ts";
import { hasLuokuan, ZHUSONG_PLACEHOLDER } from "../../markdown/gongwen-template.ts";

const FIX_LUOKUAN =
  "在正文末尾加上落款（发文机关一行，成文日期一行）：\n::: 落款\n示范区教育局\n2024年7月1日\n:::\n/ End the notice with a ::: 落款 block: the issuing body, then the date, each on its own line.";

export function checkGongwen(model: Pick<ContentModel, "all">): ContentIssue[] {
  const found: ContentIssue[] = [];
  for (const a of model.all.values()) {
    if (a.column.type !== "notice") continue;
    if (!hasLuokuan(a.body)) {
      const lines = a.body.replace(/\s+$/, "").split("\n").length;
      found.push(
        issue(
          "warning",
          a.file,
          "body",
          "notice-no-luokuan",
          `通知公告“${a.title}”没有落款（发文机关和成文日期）`,
          `the notice "${a.title}" has no 落款 (issuing body and date)`,
          FIX_LUOKUAN,
          a.bodyLine + lines - 1,
        ),
      );
    }
    const at = a.body.indexOf(ZHUSONG_PLACEHOLDER);
    if (at >= 0) {
      const line = a.bodyLine + (a.body.slice(0, at).match(/\n/g) ?? []).length;
      found.push(
        issue(
          "warning",
          a.file,
          "body",
          "placeholder-zhusong",
          "主送机关还是新建文章时的占位文字",
          "the 主送 (addressees) still hold the placeholder of a new article",
          "把占位文字换成主送机关，如：各街道（镇）中心校，区直属各学校： / Write the addressees in place of the placeholder.",
          line,
        ),
      );
    }
  }
  return found;
}
