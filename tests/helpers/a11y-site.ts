/**
 * One small but complete portal for the accessibility, keyboard and 简/繁 tests: every page type
 * (home with 图片新闻, a paginated column list, a section overview, an article with a three-photo
 * gallery, attachments and a table, the search page, the 404 page), built through the real
 * pipeline with the Pagefind index, so both editions and their search work as published.
 */
import { article, fixture, jpeg, type Fixture } from "./fixture.ts";

export const QIANGJI = {
  url: "news/jydt/2024/qiangji-zhuhun/",
  title: "我区召开教育系统“强基铸魂”行动部署会",
  titleHant: "我區召開教育系統“強基鑄魂”行動部署會",
};

/** Site-relative paths (no leading slash) of one page of every type, in the Simplified edition. */
export const PAGE_TYPES = {
  home: "",
  list: "news/jydt/",
  listPage2: "news/jydt/page/2/",
  section: "news/",
  article: QIANGJI.url,
  search: "search/",
  notFound: "404.html",
} as const;

export async function a11ySite(): Promise<Fixture> {
  const files: Record<string, string | Uint8Array> = {
    "content/news/jydt/qiangji-zhuhun/index.md": article(
      {
        title: QIANGJI.title,
        date: "2024-07-12 09:30",
        source: "组织人事科",
        author: "宣传科",
        tags: ["党建", "强基铸魂"],
        photos: [
          { file: "huichang.jpg", caption: "部署会现场", alt: "部署会会场全景，与会人员在台下就座" },
          { file: "zhuxitai.jpg", caption: "主席台", alt: "主席台上的领导讲话" },
          { file: "taolun.jpg", caption: "分组讨论" },
        ],
        attachments: [{ file: "部署方案.pdf", label: "“强基铸魂”行动部署方案（PDF）" }],
      },
      [
        "7 月 12 日上午，我区召开教育系统“强基铸魂”行动部署会。会议邀请华罗庚中学校长介绍经验。",
        "## 会议要求",
        "会议强调，要把“强基铸魂”行动作为全年重点工作，层层压实责任。",
        "### 具体安排",
        "| 阶段 | 时间 | 内容 |\n| --- | --- | --- |\n| 动员部署 | 7 月 | 召开部署会 |\n| 组织实施 | 8—11 月 | 各校落实 |",
        "详见[暑期安全通知](/news/tzgg/2024/shuqi-anquan/)。",
      ].join("\n\n"),
    ),
    "content/news/jydt/qiangji-zhuhun/huichang.jpg": await jpeg(1200, 800, [150, 40, 40]),
    "content/news/jydt/qiangji-zhuhun/zhuxitai.jpg": await jpeg(1200, 800, [40, 90, 150]),
    "content/news/jydt/qiangji-zhuhun/taolun.jpg": await jpeg(800, 1200, [60, 120, 60]),
    "content/news/jydt/qiangji-zhuhun/部署方案.pdf": "%PDF-1.4\n% test\n",
    "content/news/tzgg/shuqi-anquan/index.md": article({ title: "关于做好暑期安全工作的通知", date: "2024-07-01 09:00", source: "安全稳定科" }, "各学校：\n\n请做好暑期安全工作。"),
    "content/news/tpxw/kaixue/index.md": article({ title: "秋季开学第一课", date: "2024-09-01 10:00", source: "基础教育科", photos: [{ file: "kaixue.jpg", caption: "开学典礼" }] }, "秋季开学第一课在各校举行。"),
    "content/news/tpxw/kaixue/kaixue.jpg": await jpeg(1200, 800, [200, 160, 40]),
    "content/zwgk/zcwj/huiji/index.md": article({ title: "关于进一步规范中小学办学行为的通知", date: "2024-03-05", source: "办公室" }, "为进一步规范办学行为，现通知如下。"),
  };
  // 25 more items: the 教育动态 list has two pages (pageSize 20).
  for (let i = 1; i <= 25; i++) {
    const day = String((i % 28) + 1).padStart(2, "0");
    files[`content/news/jydt/item-${i}/index.md`] = article({ title: `教育动态第${i}条：学校开展课后服务工作`, date: `2023-05-${day} 10:00`, source: "办公室" });
  }
  const site = await fixture(files);
  await site.build({ search: true });
  if (site.error) throw site.error;
  return site;
}
