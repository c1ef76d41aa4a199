/**
 * The 公文 skeleton `npm run new` writes into a notice column's new article (issue #19):
 * 主送 container with a placeholder, the body placeholder, and a 落款 already filled in with the
 * site's owner and the article's date (an editor checks them rather than types them).
 */

/** What the 主送 container holds until the editor writes the addressees (`npm run check` warns). */
export const ZHUSONG_PLACEHOLDER = "（在这里写主送机关，如：各街道（镇）中心校，区直属各学校：）";

/** 2025年3月7日 from 2025-03-07 (or 2025-03-07 09:30). */
export function chineseDate(date: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(date.trim());
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** The body of a new notice: the containers around the body placeholder. */
export function noticeBodyTemplate(bodyPlaceholder: string, owner: string, date: string): string {
  return `::: 主送
${ZHUSONG_PLACEHOLDER}
:::

${bodyPlaceholder}

::: 落款
${owner || "（在这里写发文机关）"}
${chineseDate(date)}
:::`;
}

/** Whether a body has a ::: 落款 container (lib/editor/check/gongwen.ts). */
export const hasLuokuan = (body: string): boolean => /^[ \t]{0,3}:::\s*落款\s*$/m.test(body);
