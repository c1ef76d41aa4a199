/**
 * The benchmark corpus: a complete, valid site root with N articles spread over every leaf
 * column and ten years, written deterministically from a seed (same options → same bytes, so
 * the image cache and Eleventy see "the same site" across runs).
 *
 *   <out>/content/_data/                    copied from the repository's content/_data (yaml, identity images)
 *   <out>/content/<column path>/<year>/<slug>/index.md
 *   <out>/content/…/<slug>/IMG_1234.JPG        --photos-per-article M camera-like JPEGs (scripts/lib/photos)
 *   <out>/content/…/<slug>/附件1：….pdf        small valid PDFs on notices / policy / info columns
 *   <out>/corpus.json                          the options and counts (lets the benchmark reuse a corpus)
 *
 * Text is assembled from sentences of the demo articles (content/**\/*.md of the repository)
 * when there are any, plus a built-in bank of plausible 教育局 news sentences with slots, so the
 * vocabulary (search index size, 繁體 conversion work) is realistic rather than one repeated line.
 */
import fs from "node:fs/promises";
import path from "node:path";
import yaml from "js-yaml";
import { buildColumnTree, type Column } from "../../lib/content/columns.ts";
import { ColumnsFileSchema } from "../../lib/content/schema.ts";
import { mapLimit } from "../../lib/util/pool.ts";
import { cameraJpeg } from "./photos/index.ts";

export interface CorpusOptions {
  /** Site root to write (its content/ is replaced). */
  out: string;
  articles: number;
  seed: number;
  /** Synthetic photos per article (0 = text only). */
  photosPerArticle: number;
  /** Share of articles (0–1) that carry photos when photosPerArticle > 0; default 1. */
  photoShare: number;
  photoWidth: number;
  photoHeight: number;
  photoQuality: number;
  /** The repository (content/_data and demo articles are read from here). */
  repoRoot: string;
  /** Years the articles are spread over, inclusive. */
  firstYear: number;
  lastYear: number;
  log?: (line: string) => void;
}

/** Bump when what a corpus holds changes (2: content/_data copied whole, with the identity images): an older corpus is written again. */
const CORPUS_FORMAT = 2;

export interface CorpusSummary {
  format: number;
  options: Omit<CorpusOptions, "out" | "repoRoot" | "log">;
  articles: number;
  photos: number;
  photoBytes: number;
  attachments: number;
  markdownBytes: number;
  byColumn: Record<string, number>;
  sentenceSources: { demo: number; builtin: number };
  ms: number;
}

export const CORPUS_DEFAULTS = {
  articles: 4000,
  seed: 1,
  photosPerArticle: 0,
  photoShare: 1,
  photoWidth: 5472,
  photoHeight: 3648,
  photoQuality: 92,
  firstYear: 2016,
  lastYear: 2025,
} as const;

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0 || 0x6d2b79f5;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
export const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
export const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

// ---------------------------------------------------------------------------------------------
// Vocabulary

const TOWNS = ["城关街道", "东城街道", "西湖镇", "南山镇", "北塘街道", "新桥镇", "白沙镇", "青石街道", "河口镇", "金山街道", "柳林镇", "高新区"];
const SCHOOLS = [
  "实验小学",
  "第一中学",
  "第二中学",
  "第三中学",
  "第四中学",
  "实验中学",
  "育才小学",
  "育英学校",
  "光明小学",
  "朝阳小学",
  "新华小学",
  "人民路小学",
  "解放路小学",
  "师范附属小学",
  "外国语学校",
  "职业高级中学",
  "特殊教育学校",
  "中心幼儿园",
  "机关幼儿园",
  "东城幼儿园",
  "西湖中学",
  "南山中学",
  "北塘小学",
  "新桥中心小学",
  "白沙中学",
  "青石小学",
  "河口初级中学",
  "金山小学",
  "柳林中学",
  "高新实验学校",
];
const OFFICES = [
  "办公室",
  "组织人事科",
  "基础教育科",
  "职业与成人教育科",
  "教育督导室",
  "计划财务科",
  "安全稳定科",
  "体育卫生艺术科",
  "教师发展中心",
  "教研室",
  "招生考试办公室",
  "学生资助管理中心",
  "信息中心",
  "法规科",
];
const ACTIVITIES = [
  ["kexue-jie", "科技节"],
  ["yuedu-yue", "读书月"],
  ["tiyu-jie", "阳光体育运动会"],
  ["yishu-jie", "校园艺术节"],
  ["anquan-yanlian", "消防安全疏散演练"],
  ["fangxun-jiaoyu", "防溺水安全教育"],
  ["xinli-jiankang", "心理健康教育周"],
  ["laodong-jiaoyu", "劳动教育实践"],
  ["yanxue", "研学旅行"],
  ["jiazhang-hui", "家长学校专题讲座"],
  ["jiaoyan-huodong", "联片教研"],
  ["gongkai-ke", "公开课展示"],
  ["kaixue-diyike", "开学第一课"],
  ["biye-dianli", "毕业典礼"],
  ["guoqi-xia", "国旗下讲话"],
  ["hongse-jiaoyu", "红色教育主题活动"],
  ["jieneng", "节能宣传周"],
  ["jinyan", "控烟宣传"],
  ["aiyan", "全国爱眼日宣传"],
  ["tuiputong", "推广普通话宣传周"],
  ["wenming-xiaoyuan", "文明校园创建"],
  ["shufa-bisai", "书法比赛"],
  ["yingyu-yanjiang", "英语演讲比赛"],
  ["shuxue-jingsai", "数学思维竞赛"],
  ["chuangke", "创客教育成果展"],
] as const;
const MEETINGS = [
  ["gongzuo-huiyi", "全区教育工作会议"],
  ["anquan-huiyi", "校园安全工作推进会"],
  ["zhaosheng-huiyi", "义务教育招生工作部署会"],
  ["jiaoxue-huiyi", "教学质量分析会"],
  ["dangjian-huiyi", "教育系统党建工作会议"],
  ["shuangjian", "“双减”工作推进会"],
  ["xiaozhang-peixun", "中小学校长培训班开班仪式"],
  ["banzhuren-luntan", "班主任工作论坛"],
  ["xinjiaoshi", "新教师岗前培训"],
  ["duxue-huiyi", "教育督导工作会议"],
] as const;
const NOTICES = [
  ["zhaosheng-tongzhi", "做好{y}年义务教育阶段学校招生入学工作"],
  ["jiaqi-anpai", "{y}年寒假有关事项"],
  ["shujia-anpai", "{y}年暑假安全工作"],
  ["jiaoshi-zhaopin", "公开招聘{y}年中小学教师"],
  ["zige-renkao", "{y}年中小学教师资格认定工作"],
  ["zizhu-shenqing", "{y}年秋季学期学生资助申请"],
  ["tiyu-kaoshi", "{y}年初中学业水平体育考试"],
  ["peixun-baoming", "组织参加{y}年暑期教师全员培训"],
  ["pingxuan-tongzhi", "开展{y}年度优秀教师评选表彰"],
  ["jiancha-tongzhi", "开展{y}年春季开学安全检查"],
  ["jiaocai-zhengding", "做好{y}年秋季教材征订工作"],
  ["fangyi", "加强{y}年秋冬季校园传染病防控"],
] as const;
const POLICIES = [
  ["banxue-guifan", "中小学办学行为规范"],
  ["zuoye-guanli", "中小学作业管理办法"],
  ["keyan-guanli", "教育科研课题管理办法"],
  ["jiaoshi-lunjiao", "教师交流轮岗实施意见"],
  ["xiaowai-peixun", "校外培训机构监督管理办法"],
  ["xuesheng-zizhu", "学生资助工作实施细则"],
  ["xueqian-jiaoyu", "学前教育发展提升行动计划"],
  ["jiaoyu-xinxihua", "教育信息化建设三年行动方案"],
  ["shitang-guanli", "学校食堂管理办法"],
  ["tiyu-gongzuo", "学校体育工作实施方案"],
] as const;
const TAGS = [
  "双减",
  "安全教育",
  "教师队伍",
  "招生入学",
  "课后服务",
  "劳动教育",
  "心理健康",
  "家校共育",
  "教研",
  "督导",
  "学前教育",
  "职业教育",
  "体育",
  "美育",
  "德育",
  "资助",
  "信息化",
  "党建",
  "食品安全",
  "防溺水",
];
const PEOPLE = ["局长", "副局长", "党组书记", "督学", "校长", "副校长", "教研员", "德育主任", "年级组长", "骨干教师"];
const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"];

/** Sentences with slots: {school} {town} {office} {person} {n} {m} {act} {date}. */
const SENTENCES = [
  "为深入贯彻落实全国教育大会精神，进一步推动我区教育高质量发展，{office}近日组织召开专题会议。",
  "会上，{person}{name}对前一阶段工作进行了全面总结，并对下一步重点任务作出具体部署。",
  "{school}全体师生{n}余人参加了本次活动，现场气氛热烈，秩序井然。",
  "活动以“{act}”为主题，通过主题班会、手抄报展评、知识竞赛等多种形式展开。",
  "据了解，我区今年共有{n}所中小学校、{m}所幼儿园参与该项工作，覆盖学生三万余人。",
  "{town}各校结合实际，制定了切实可行的实施方案，明确责任分工，确保各项措施落到实处。",
  "与会人员一致表示，要以此次会议为契机，进一步统一思想、提高认识，扎实做好各项工作。",
  "在随后的交流环节中，{school}、{school}等单位代表分别作了经验介绍。",
  "区教育局相关科室负责人对检查中发现的问题逐一反馈，并提出整改要求和时限。",
  "下一步，区教育局将继续加大工作力度，完善长效机制，切实保障师生生命安全和身体健康。",
  "本次培训邀请了省内知名专家作专题讲座，内容涵盖课堂教学改革、作业设计与评价等方面。",
  "学生们认真聆听、积极互动，纷纷表示收获很大，今后将把所学知识运用到学习和生活中去。",
  "各学校要高度重视，加强组织领导，严格按照时间节点完成相关工作，确保不漏一人。",
  "请各单位于{date}前将报名表（见附件）电子版报送至{office}，逾期不予受理。",
  "联系人：{office}{name}老师，联系电话：010-{phone}。",
  "特此通知。",
  "以上名单公示期为五个工作日，公示期间如有异议，请以书面形式向区教育局{office}反映。",
  "本办法自印发之日起施行，由区教育局负责解释。",
  "各中小学校要切实减轻学生过重作业负担，小学一二年级不布置书面家庭作业，三至六年级书面作业平均完成时间不超过六十分钟。",
  "课后服务时间原则上不早于当地正常下班时间，对有特殊需要的学生，学校应提供延时托管服务。",
  "活动中，{school}的同学们展示了自主设计的科技作品，吸引了众多师生驻足观看。",
  "{person}{name}一行先后深入教室、食堂、宿舍和功能室，详细了解学校教育教学和后勤保障情况。",
  "检查组通过查阅资料、实地查看、座谈交流等方式，对学校安全管理工作进行了全面检查。",
  "近年来，我区坚持把教育摆在优先发展的战略地位，累计投入资金{m}亿元，新建、改扩建学校{n}所。",
  "学校充分利用校园广播、电子屏、微信公众号等平台广泛宣传，营造了浓厚的活动氛围。",
  "此次比赛共评出一等奖{n}名、二等奖{m}名、三等奖若干名，{school}获优秀组织奖。",
  "通过此次活动，进一步增强了学生的安全意识和自我保护能力，取得了良好效果。",
  "家长代表在发言中对学校的办学理念和育人成效给予高度评价。",
  "教研员围绕新课程标准，结合课例对教学目标设定、学习任务设计等进行了细致点评。",
  "全区各中小学、幼儿园统一组织开展了应急疏散演练，参与师生达{n}余人次。",
  "演练结束后，消防救援人员现场讲解了灭火器的使用方法，并组织师生代表进行实操体验。",
  "本次招聘坚持“公开、平等、竞争、择优”的原则，按照考试成绩从高分到低分确定进入体检人员名单。",
  "报名时间为{date}至次日下午五时，报名采取网上报名方式进行，不收取报名费。",
  "考生须持本人有效居民身份证和准考证，按规定时间到指定考点参加考试。",
  "为进一步规范校外培训行为，区教育局会同市场监管、公安等部门开展联合执法检查。",
  "检查中共出动执法人员{n}人次，检查培训机构{m}家，对发现的问题当场下达整改通知书。",
  "全区学前教育毛入园率达到百分之九十八以上，普惠性幼儿园覆盖率稳步提升。",
  "学校以劳动教育为抓手，开辟校内种植园，让学生在亲身实践中体验劳动的艰辛与快乐。",
  "心理健康教育教师为学生们开展了团体心理辅导，引导学生正确认识和管理自己的情绪。",
  "各校严格落实校领导带班、值班制度，加强门卫管理，严防无关人员进入校园。",
  "区教育局将把此项工作纳入年度目标考核，对工作不力、造成不良影响的单位予以通报。",
  "活动结束后，{school}校长{name}表示，学校将持续深化课堂教学改革，努力办好人民满意的教育。",
  "此次开放日共接待家长{n}余人次，收集意见建议{m}条，均已分类整理并逐项落实。",
  "会议指出，要坚持立德树人根本任务，把思想政治工作贯穿教育教学全过程。",
  "会议强调，安全工作是学校一切工作的前提和基础，必须警钟长鸣、常抓不懈。",
  "会议要求，各单位要认真对照任务清单，倒排工期、挂图作战，确保按时保质完成目标任务。",
  "新学期伊始，{town}各校精心组织开学典礼，引导学生明确目标、立志成才。",
  "同学们在老师的带领下走进社区，开展垃圾分类宣传和环境清洁志愿服务。",
  "本次督导评估采取听取汇报、查阅资料、问卷调查和个别访谈相结合的方式进行。",
  "评估组认为，该校办学方向端正，管理制度健全，教育教学质量稳步提升，特色发展成效明显。",
  "附件中的表格请用 A4 纸打印，加盖单位公章后扫描上传。",
  "我区将以此次表彰为契机，大力弘扬尊师重教的良好风尚，激励广大教师潜心育人。",
  "据统计，今年全区共发放各类学生资助资金{m}百万元，惠及家庭经济困难学生{n}人次。",
  "各校图书馆延长开放时间，开展“好书推荐”“读书分享会”等活动，营造书香校园。",
  "比赛现场，运动员们奋勇拼搏，充分展现了新时代青少年积极向上的精神风貌。",
  "为保障考试顺利进行，区教育局提前召开考务工作会议，对考点设置、试卷保密等工作进行了部署。",
  "学校食堂严格落实食品安全主体责任，实行陪餐制度，确保学生吃得安全、吃得营养。",
  "在信息化建设方面，全区中小学已实现千兆光纤全覆盖，多媒体教室配备率达到百分之百。",
  "参训教师纷纷表示，将以此次培训为起点，不断提升自身专业素养和教育教学能力。",
  "区教育局党组高度重视，第一时间成立工作专班，研究制定工作方案。",
];
const HEADINGS = ["一、工作目标", "二、主要任务", "三、保障措施", "四、工作要求", "一、基本情况", "二、主要做法", "三、取得成效", "四、下一步打算", "报名条件", "时间安排", "有关要求"];

// ---------------------------------------------------------------------------------------------

/** Sentences of the demo articles (content/**\/*.md bodies), split at Chinese full stops. */
export async function demoSentences(contentDir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      if (e.name.startsWith("_") || e.name.startsWith(".")) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name.endsWith(".md")) {
        const text = await fs.readFile(p, "utf8");
        const end = text.startsWith("---") ? text.indexOf("\n---", 3) : -1;
        const body = end >= 0 ? text.slice(text.indexOf("\n", end + 4) + 1) : text;
        for (const line of body.split("\n")) {
          // Prose lines only: no headings, lists, tables, images or links.
          if (!line.trim() || /^\s*([#>|!-]|\d+\.|\*)/.test(line) || /[[\]()<>]/.test(line)) continue;
          for (const s of line.trim().match(/[^。！？]+[。！？]/g) ?? []) if (s.length >= 8 && s.length <= 160) out.push(s);
        }
      }
    }
  };
  await walk(contentDir);
  return [...new Set(out)];
}

function fill(r: Rand, template: string, year: number): string {
  return template.replace(/\{(\w+)\}/g, (_m, slot: string) => {
    switch (slot) {
      case "school":
        return pick(r, SCHOOLS);
      case "town":
        return pick(r, TOWNS);
      case "office":
        return pick(r, OFFICES);
      case "person":
        return pick(r, PEOPLE);
      case "name":
        return pick(r, SURNAMES) + pick(r, ["建华", "丽", "伟", "敏", "静", "强", "磊", "洋", "艳", "军", "杰", "娟", "涛", "明", "超", "秀英", "海燕", "志刚"]);
      case "n":
        return String(int(r, 12, 2400));
      case "m":
        return String(int(r, 2, 90));
      case "act":
        return pick(r, ACTIVITIES)[1];
      case "date":
        return `${year}年${int(r, 1, 12)}月${int(r, 1, 28)}日`;
      case "phone":
        return String(int(r, 10000000, 99999999));
      case "y":
        return String(year);
      default:
        return slot;
    }
  });
}

interface Draft {
  column: Column;
  year: number;
  date: string;
  slug: string;
  title: string;
  source: string;
  markdown: string;
  photos: { file: string; seed: number }[];
  attachments: { file: string; label: string; seed: number }[];
}

/** Leaf columns with how often each kind of column publishes (news most, policy least). */
const WEIGHT: Record<string, number> = { news: 6, notice: 3, photo: 2, policy: 1, info: 1 };

function draftArticle(r: Rand, index: number, column: Column, opts: CorpusOptions, sentences: string[], withPhotos: boolean): Draft {
  const year = int(r, opts.firstYear, opts.lastYear);
  const month = int(r, 1, 12);
  const day = int(r, 1, 28);
  const hour = int(r, 8, 18);
  const minute = int(r, 0, 59);
  const dateStyle = r();
  const date =
    dateStyle < 0.6
      ? `${year}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}:${pad(int(r, 0, 59))}`
      : dateStyle < 0.9
        ? `${year}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}`
        : `${year}-${pad(month)}-${pad(day)}`;

  let slugWord: string;
  let title: string;
  let source: string;
  const school = pick(r, SCHOOLS);
  switch (column.type) {
    case "notice": {
      const [w, t] = pick(r, NOTICES);
      slugWord = w;
      title = r() < 0.8 ? `关于${fill(r, t, year)}的通知` : `关于${fill(r, t, year)}有关情况的公示`;
      source = pick(r, OFFICES);
      break;
    }
    case "policy": {
      const [w, t] = pick(r, POLICIES);
      slugWord = w;
      title = `区教育局关于印发《示范区${t}》的通知`;
      source = "办公室";
      break;
    }
    case "info": {
      const [w, t] = r() < 0.5 ? pick(r, NOTICES) : pick(r, POLICIES);
      slugWord = w;
      title = r() < 0.5 ? `${year}年${fill(r, t, year)}公告` : `${fill(r, t, year)}情况说明`;
      source = pick(r, OFFICES);
      break;
    }
    default: {
      if (r() < 0.6) {
        const [w, t] = pick(r, ACTIVITIES);
        slugWord = w;
        title = r() < 0.5 ? `${pick(r, TOWNS)}${school}开展${t}活动` : `${school}举行${year}年${t}`;
        source = r() < 0.7 ? school : pick(r, OFFICES);
      } else {
        const [w, t] = pick(r, MEETINGS);
        slugWord = w;
        title = r() < 0.5 ? `我区召开${year}年${t}` : `${pick(r, PEOPLE)}出席${t}并讲话`;
        source = pick(r, OFFICES);
      }
    }
  }
  const slug = `${slugWord}-${pad(month)}${pad(day)}-${index + 1}`;

  // Body: 3–9 paragraphs of 2–5 sentences (≈ 600–2,500 characters, like real portal news).
  const sentence = () => fill(r, pick(r, sentences), year);
  const paragraphs: string[] = [];
  const count = int(r, 3, 9);
  const structured = column.type === "notice" || column.type === "policy" || (column.type === "info" && r() < 0.5);
  for (let p = 0; p < count; p++) {
    if (structured && p > 0 && p % 2 === 1) paragraphs.push(`## ${pick(r, HEADINGS)}`);
    const n = int(r, 2, 5);
    paragraphs.push(Array.from({ length: n }, sentence).join(""));
    if (structured && r() < 0.2) paragraphs.push(Array.from({ length: int(r, 2, 4) }, (_, i) => `${i + 1}. ${sentence()}`).join("\n"));
  }
  if (column.type === "policy" && r() < 0.4) {
    const rows = Array.from({ length: int(r, 3, 8) }, (_, i) => `| ${i + 1} | ${pick(r, SCHOOLS)} | ${int(r, 20, 900)} | ${pick(r, OFFICES)} |`);
    paragraphs.push(["| 序号 | 单位 | 人数 | 责任科室 |", "| --- | --- | --- | --- |", ...rows].join("\n"));
  }
  if (r() < 0.08) paragraphs.push(`相关链接：[${pick(r, ["教育部", "省教育厅", "市教育局"])}门户网站](https://www.moe.gov.cn/)`);

  const photos: Draft["photos"] = [];
  if (withPhotos) {
    const base = int(r, 1000, 9000);
    for (let i = 0; i < opts.photosPerArticle; i++) photos.push({ file: `IMG_${base + i * int(r, 1, 9)}.JPG`, seed: opts.seed * 1_000_003 + index * 97 + i });
  }
  // De-duplicate file names (a skipped frame number can collide).
  photos.forEach((p, i) => {
    if (photos.findIndex((q) => q.file === p.file) !== i) p.file = p.file.replace(".JPG", `-${i}.JPG`);
  });
  const attachments: Draft["attachments"] = [];
  if ((column.type === "notice" || column.type === "policy" || column.type === "info") && r() < 0.35) {
    const labels = ["报名表", "申报表", "工作方案", "名单", "评分细则", "汇总表", "实施细则"];
    const n = int(r, 1, 2);
    for (let i = 0; i < n; i++) {
      const label = `附件${i + 1}：${pick(r, labels)}`;
      attachments.push({ file: `${label}.pdf`, label, seed: index * 7 + i });
    }
  }

  const fm: string[] = ["---", `title: ${JSON.stringify(title)}`, `date: ${date}`, `source: ${source}`];
  // 政务公开 documents need a 索引号 and a 主题分类 (npm run check refuses them otherwise). Taken
  // from the index, not the generator, so the rest of the corpus stays what it was.
  if (column.type === "policy" || column.type === "info") fm.push(...govFrontMatter(index, year));
  if (r() < 0.3) fm.push(`author: ${pick(r, SURNAMES)}${pick(r, ["老师", "明", "静", "华"])}`);
  if (r() < 0.3) fm.push(`summary: ${JSON.stringify(fill(r, pick(r, sentences), year))}`);
  if (r() < 0.3) fm.push(`tags: [${[...new Set(Array.from({ length: int(r, 1, 3) }, () => pick(r, TAGS)))].join(", ")}]`);
  if (photos.length) {
    fm.push("photos:");
    for (const p of photos) fm.push(`  - file: ${p.file}`, `    caption: ${JSON.stringify(`${title.slice(0, 24)}（${photos.indexOf(p) + 1}）`)}`);
  }
  if (attachments.length) {
    fm.push("attachments:");
    for (const a of attachments) fm.push(`  - file: ${JSON.stringify(a.file)}`, `    label: ${JSON.stringify(a.label)}`);
  }
  fm.push("---", "");
  const markdown = fm.join("\n") + paragraphs.join("\n\n") + "\n";
  return { column, year, date, slug, title, source, markdown, photos, attachments };
}

/** The demo's orgCode and 主题分类 (content/_data/site.yaml, columns.yaml). */
const GOV_ORG = "014127394";
const GOV_CATEGORIES = ["综合政务", "基础教育", "学前教育", "教师队伍", "人事任免", "财务预算", "规划建设", "卫生与安全"];

/**
 * 索引号 and 主题分类 lines for a 政务公开 document. The serial is 50001 + the article's index:
 * unique, and clear of the demo's own numbers (the search tests add the corpus to the demo).
 */
export function govFrontMatter(index: number, year: number): string[] {
  return [`索引号: ${GOV_ORG}/${year}-${String(50_001 + index).padStart(5, "0")}`, `主题分类: ${GOV_CATEGORIES[index % GOV_CATEGORIES.length]}`];
}

/** A small, valid one-page PDF (distinct bytes per seed). */
export function tinyPdf(seed: number, label: string): Buffer {
  const r = rng(seed + 17);
  const lines = Array.from({ length: 20 + Math.floor(r() * 200) }, (_, i) => `BT /F1 9 Tf 40 ${800 - (i % 90) * 8} Td (Line ${i} ${Math.floor(r() * 1e9)}) Tj ET`);
  const stream = lines.join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${Buffer.byteLength(stream)} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Title <FEFF${Buffer.from(label, "utf16le").swap16().toString("hex").toUpperCase()}> >>`,
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

export async function generateCorpus(opts: CorpusOptions): Promise<CorpusSummary> {
  const t0 = performance.now();
  const log = opts.log ?? (() => undefined);
  const out = path.resolve(opts.out);
  const content = path.join(out, "content");
  await fs.rm(content, { recursive: true, force: true });
  await fs.rm(path.join(out, "corpus.json"), { force: true });
  await fs.mkdir(path.join(content, "_data"), { recursive: true });
  // Everything in _data: site.yaml, columns.yaml and the identity images site.yaml names (emblem, favicon, badge).
  const dataDir = path.join(opts.repoRoot, "content", "_data");
  for (const f of await fs.readdir(dataDir, { withFileTypes: true })) if (f.isFile()) await fs.copyFile(path.join(dataDir, f.name), path.join(content, "_data", f.name));

  const columnsData = ColumnsFileSchema.parse(yaml.load(await fs.readFile(path.join(content, "_data", "columns.yaml"), "utf8"), { schema: yaml.CORE_SCHEMA }));
  const leaves = buildColumnTree(columnsData.home, columnsData.columns).tree.leaves;
  const weighted = leaves.flatMap((c) => Array.from({ length: WEIGHT[c.type] ?? 1 }, () => c));

  const demo = await demoSentences(path.join(opts.repoRoot, "content"));
  const sentences = [...demo, ...SENTENCES];
  const r = rng(opts.seed);
  const drafts: Draft[] = [];
  for (let i = 0; i < opts.articles; i++) {
    // Round-robin over the weighted list keeps every column populated even for tiny corpora.
    const column = i < leaves.length ? leaves[i]! : pick(r, weighted);
    const withPhotos = opts.photosPerArticle > 0 && (opts.photoShare >= 1 || r() < opts.photoShare);
    drafts.push(draftArticle(r, i, column, opts, sentences, withPhotos));
  }

  let markdownBytes = 0;
  let attachments = 0;
  const byColumn: Record<string, number> = {};
  await mapLimit(drafts, 32, async (d) => {
    const dir = path.join(content, ...d.column.path.split("/"), String(d.year), d.slug);
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, "index.md"), d.markdown);
    markdownBytes += Buffer.byteLength(d.markdown);
    for (const a of d.attachments) await fs.writeFile(path.join(dir, a.file), tinyPdf(a.seed, a.label));
    attachments += d.attachments.length;
    byColumn[d.column.key] = (byColumn[d.column.key] ?? 0) + 1;
  });
  log(`  ${drafts.length} articles written (${(markdownBytes / 1e6).toFixed(1)} MB of Markdown, ${attachments} attachments)`);

  const photoJobs = drafts.flatMap((d) => d.photos.map((p) => ({ dir: path.join(content, ...d.column.path.split("/"), String(d.year), d.slug), ...p })));
  let photoBytes = 0;
  if (photoJobs.length) {
    let done = 0;
    const tp = performance.now();
    // The generator is JS-bound for noise and sharp-bound for encoding: two at a time fill two cores.
    await mapLimit(photoJobs, 3, async (job) => {
      const bytes = await cameraJpeg({ seed: job.seed, width: opts.photoWidth, height: opts.photoHeight, quality: opts.photoQuality });
      await fs.writeFile(path.join(job.dir, job.file), bytes);
      photoBytes += bytes.length;
      done++;
      if (done % 500 === 0 || done === photoJobs.length) log(`  photos ${done}/${photoJobs.length} (${((performance.now() - tp) / 1000).toFixed(0)} s)`);
    });
  }

  const { out: _o, repoRoot: _r, log: _l, ...rest } = opts;
  const summary: CorpusSummary = {
    format: CORPUS_FORMAT,
    options: rest,
    articles: drafts.length,
    photos: photoJobs.length,
    photoBytes,
    attachments,
    markdownBytes,
    byColumn,
    sentenceSources: { demo: demo.length, builtin: SENTENCES.length },
    ms: performance.now() - t0,
  };
  await fs.writeFile(path.join(out, "corpus.json"), JSON.stringify(summary, null, 2) + "\n");
  return summary;
}

/** The corpus already at `out` when it was generated with exactly these options, else undefined. */
export async function existingCorpus(out: string, opts: Omit<CorpusOptions, "out" | "repoRoot" | "log">): Promise<CorpusSummary | undefined> {
  try {
    const summary = JSON.parse(await fs.readFile(path.join(out, "corpus.json"), "utf8")) as CorpusSummary;
    return summary.format === CORPUS_FORMAT && canonical(summary.options) === canonical(opts) ? summary : undefined;
  } catch {
    return undefined;
  }
}

const canonical = (o: object): string => JSON.stringify(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
