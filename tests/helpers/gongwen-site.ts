/**
 * A small site with one 公文-style notice (issue #19): 主送, numbered levels, an inline photo,
 * 附件说明 and 落款; built through the real pipeline (both editions). For tests/build/gongwen.test.ts
 * and tests/browser/gongwen.test.ts.
 */
import { article, fixture, FIXTURE_SITE, jpeg, type Fixture } from "./fixture.ts";

export const NOTICE_URL = "news/tzgg/2024/shuqi-anquan/";

export const NOTICE_BODY = [
  "::: 主送",
  "各街道（镇）中心校，区直属各学校：",
  ":::",
  "",
  "为切实做好2024年暑期学生安全工作，现将有关事项通知如下。",
  "",
  "## 一、总体要求",
  "",
  "坚持安全第一、预防为主。",
  "",
  "### （一）加强安全教育",
  "",
  "#### 1. 防溺水教育",
  "",
  "##### （1）开展一次专题班会",
  "",
  "各校放假前开展一次防溺水专题教育。",
  "",
  "![学生在操场上参加防溺水专题教育](IMG_2290.JPG)",
  "",
  "::: 附件说明",
  "附件：1. 暑期安全责任书",
  "2. 致家长的一封信",
  ":::",
  "",
  "::: 落款",
  "示范区教育局",
  "2024年7月1日",
  ":::",
].join("\n");

export async function gongwenSite(options: { site?: string; body?: string; extraFiles?: Record<string, string | Uint8Array> } = {}): Promise<Fixture> {
  const site = await fixture(
    {
      "content/news/tzgg/shuqi-anquan/index.md": article({ title: "关于做好2024年暑期学生安全工作的通知", date: "2024-07-01 09:00", source: "安全稳定科" }, options.body ?? NOTICE_BODY),
      "content/news/tzgg/shuqi-anquan/IMG_2290.JPG": await jpeg(1200, 800, [40, 90, 150]),
      ...options.extraFiles,
    },
    { site: options.site ?? FIXTURE_SITE },
  );
  await site.build();
  return site;
}
