/**
 * A deterministic search corpus: ~150 generated articles whose text mixes sentences of the demo
 * articles with a built-in bank of 教育局 news sentences, plus PLANTED terms (rare names, coined
 * terms, a long phrase, a digit+年 term, an HTML-looking line) in known articles. The recall
 * tests (tests/browser/search.test.ts) assert each planted term finds exactly its articles near
 * the top; scripts/bench-search.ts reuses the text generator at benchmark scale.
 *
 * Filler never contains a planted or reserved term (sentences that do are dropped from the pool),
 * so the planted files ARE the ground truth for those queries.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
// One seeded generator for every corpus (the benchmark's and the search tests').
import { govFrontMatter, int, pick, rng } from "../../scripts/lib/corpus.ts";

const pad = (n: number) => String(n).padStart(2, "0");

/** Leaf columns of content/_data/columns.yaml an article may be filed under (folder, name). */
export const CORPUS_COLUMNS = [
  { folder: "news/jydt", name: "教育动态" },
  { folder: "news/tzgg", name: "通知公告" },
  { folder: "news/jcdt", name: "基层动态" },
  { folder: "zwgk/zcwj", name: "政策文件" },
  { folder: "zwgk/ghjh", name: "规划计划" },
  { folder: "zwgk/rsxx", name: "人事信息" },
] as const;

const SCHOOLS = [
  "实验小学",
  "第一中学",
  "第二中学",
  "育才小学",
  "光明小学",
  "朝阳小学",
  "新华小学",
  "外国语学校",
  "职业高级中学",
  "中心幼儿园",
  "西湖中学",
  "南山中学",
  "北塘小学",
  "白沙中学",
  "青石小学",
];
const TOWNS = ["城关街道", "东城街道", "西湖镇", "南山镇", "北塘街道", "新桥镇", "白沙镇", "青石街道"];
const SOURCES = ["区教育局", "办公室", "基础教育科", "教研室", "教育督导室", "组织人事科", "安全稳定科", "招生考试办公室"];
const ACTIVITIES = ["科技节", "读书月", "阳光体育运动会", "校园艺术节", "消防安全疏散演练", "防溺水安全教育", "心理健康教育周", "劳动教育实践", "研学旅行", "联片教研", "开学第一课", "书法比赛"];
const MEETINGS = ["全区教育工作会议", "校园安全工作推进会", "义务教育招生工作部署会", "教学质量分析会", "中小学校长培训班开班仪式", "班主任工作论坛", "新教师岗前培训"];

/** Filler sentences; {school} {town} {act} {n} {y} are filled per article. */
const BANK = [
  "为深入贯彻落实全国教育大会精神，进一步推动我区教育高质量发展，区教育局近日组织召开专题会议。",
  "{school}全体师生{n}余人参加了本次活动，现场气氛热烈，秩序井然。",
  "活动以“{act}”为主题，通过主题班会、手抄报展评、知识竞赛等多种形式展开。",
  "{town}各校结合实际，制定了切实可行的实施方案，明确责任分工，确保各项措施落到实处。",
  "与会人员一致表示，要以此次会议为契机，进一步统一思想、提高认识，扎实做好各项工作。",
  "区教育局相关科室负责人对检查中发现的问题逐一反馈，并提出整改要求和时限。",
  "下一步，区教育局将继续加大工作力度，完善长效机制，切实保障师生生命安全和身体健康。",
  "本次培训邀请了省内知名专家作专题讲座，内容涵盖课堂教学改革、作业设计与评价等方面。",
  "各学校要高度重视，加强组织领导，严格按照时间节点完成相关工作，确保不漏一人。",
  "课后服务时间原则上不早于当地正常下班时间，对有特殊需要的学生，学校应提供延时托管服务。",
  "检查组通过查阅资料、实地查看、座谈交流等方式，对学校安全管理工作进行了全面检查。",
  "近年来，我区坚持把教育摆在优先发展的战略地位，新建、改扩建学校{n}所。",
  "会议指出，要坚持立德树人根本任务，把思想政治工作贯穿教育教学全过程。",
  "会议强调，安全工作是学校一切工作的前提和基础，必须警钟长鸣、常抓不懈。",
  "新学期伊始，{town}各校精心组织开学典礼，引导学生明确目标、立志成才。",
  "同学们在老师的带领下走进社区，开展垃圾分类宣传和环境清洁志愿服务。",
  "学校食堂严格落实食品安全主体责任，实行陪餐制度，确保学生吃得安全、吃得营养。",
  "全区中小学已实现千兆光纤全覆盖，多媒体教室配备率达到百分之百。",
  "参训教师纷纷表示，将以此次培训为起点，不断提升自身专业素养和教育教学能力。",
  "{y}年，全区共发放各类学生资助资金，惠及家庭经济困难学生{n}人次。",
  "比赛现场，运动员们奋勇拼搏，充分展现了新时代青少年积极向上的精神风貌。",
  "心理健康教育教师为学生们开展了团体心理辅导，引导学生正确认识和管理自己的情绪。",
  "各校图书馆延长开放时间，开展“好书推荐”“读书分享会”等活动，营造书香校园。",
  "为保障考试顺利进行，区教育局提前召开考务工作会议，对考点设置、试卷保密等工作进行了部署。",
];

/** Planted terms: the query, the sentence that carries it, and where it goes. */
export interface Plant {
  term: string;
  /** Generated article indices that contain the term. */
  at: number[];
  /** Also put the term in the title of the first of them. */
  title?: string;
  sentence: string;
}

export const PLANTS: Plant[] = [
  { term: "欧阳明远", at: [7, 58, 121], sentence: "{school}校长欧阳明远介绍了学校近三年的办学情况和发展规划。" },
  { term: "司马静怡", at: [19, 77], title: "司马静怡老师获评省级优秀班主任", sentence: "司马静怡老师扎根教学一线十八年，所带班级多次被评为先进班集体。" },
  { term: "智慧书包", at: [11, 36, 64, 99, 140], title: "我区试点“智慧书包”减负提质", sentence: "{school}在三年级试点智慧书包，学生课后作业时间明显缩短。" },
  { term: "银杏课堂", at: [23, 88, 132], sentence: "“银杏课堂”由退休教师志愿者开设，每周三下午向社区儿童开放。" },
  { term: "青少年人工智能创新挑战赛", at: [45, 103], sentence: "{school}代表队在青少年人工智能创新挑战赛中获得一等奖。" },
  { term: "2031年", at: [52, 118], sentence: "到2031年，全区将基本实现县域义务教育优质均衡发展。" },
  { term: "华罗庚", at: [31, 84, 146], sentence: "课堂上，老师讲述了华罗庚自学成才的故事。" },
  { term: "琥珀徽章", at: [137], sentence: "琥珀徽章评选说明：页面中的 <img src=x onerror=alert(1)> 和 <b>A & B</b> 只是文字。" },
];

/** Terms filler must never contain (planted terms and the demo articles' own key terms). */
export const RESERVED = [...PLANTS.map((p) => p.term), "華羅庚", "强基铸魂", "王海波"];

export interface CorpusArticle {
  /** Project-relative path: content/<column folder>/<slug>/index.md */
  file: string;
  title: string;
  date: string;
  year: number;
  source: string;
  column: (typeof CORPUS_COLUMNS)[number];
  /** Paragraphs of plain text (Markdown without markup). */
  paragraphs: string[];
}

export interface SearchCorpus {
  articles: CorpusArticle[];
  /** Planted term → files that contain it. */
  planted: Record<string, string[]>;
}

/** Prose sentences of the demo articles (content/**\/index.md bodies). */
export async function demoSentences(contentDir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await fs.readdir(contentDir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith(".md"))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  for (const file of files) {
    const text = await fs.readFile(file, "utf8");
    const end = text.startsWith("---") ? text.indexOf("\n---", 3) : -1;
    const body = end >= 0 ? text.slice(text.indexOf("\n", end + 4) + 1) : text;
    for (const line of body.split("\n")) {
      if (!line.trim() || /^\s*([#>|!*-]|\d+\.)/.test(line) || /[[\]()<>`]/.test(line)) continue;
      for (const s of line.trim().match(/[^。！？]+[。！？]/g) ?? []) if (s.length >= 8 && s.length <= 160) out.push(s);
    }
  }
  return [...new Set(out)];
}

export interface CorpusOptions {
  count?: number;
  seed?: number;
  /** Extra filler sentences (e.g. demoSentences()). */
  sentences?: string[];
  firstYear?: number;
  lastYear?: number;
  /** Plant the PLANTS terms (off for the benchmark). */
  plant?: boolean;
}

/** Pure and deterministic: the same options give the same corpus. */
export function generateSearchCorpus(options: CorpusOptions = {}): SearchCorpus {
  const count = options.count ?? 150;
  const r = rng(options.seed ?? 20240712);
  const firstYear = options.firstYear ?? 2019;
  const lastYear = options.lastYear ?? 2025;
  const plant = options.plant ?? true;
  const pool = [...(options.sentences ?? []), ...BANK].filter((s) => !RESERVED.some((t) => s.includes(t)));
  const fill = (s: string, year: number) =>
    s.replace(/\{(\w+)\}/g, (_m, k: string) =>
      k === "school" ? pick(r, SCHOOLS) : k === "town" ? pick(r, TOWNS) : k === "act" ? pick(r, ACTIVITIES) : k === "n" ? String(int(r, 12, 2400)) : k === "y" ? String(year) : k,
    );
  const articles: CorpusArticle[] = [];
  const planted: Record<string, string[]> = {};
  for (let i = 0; i < count; i++) {
    const column = CORPUS_COLUMNS[i % CORPUS_COLUMNS.length]!;
    const year = firstYear + (i % (lastYear - firstYear + 1));
    const month = int(r, 1, 12);
    const day = int(r, 1, 28);
    const date = `${year}-${pad(month)}-${pad(day)} ${pad(int(r, 8, 18))}:${pad(int(r, 0, 59))}`;
    const slug = `sc-${String(i + 1).padStart(4, "0")}`;
    const file = `content/${column.folder}/${slug}/index.md`;
    const plants = plant ? PLANTS.filter((p) => p.at.includes(i)) : [];
    const titled = plants.find((p) => p.title && p.at[0] === i);
    const title =
      titled?.title ??
      (r() < 0.5
        ? `${pick(r, TOWNS)}${pick(r, SCHOOLS)}开展${pick(r, ACTIVITIES)}活动`
        : r() < 0.5
          ? `我区召开${year}年${pick(r, MEETINGS)}`
          : `${pick(r, SCHOOLS)}举行${year}年${pick(r, ACTIVITIES)}`);
    const paragraphs: string[] = [];
    const n = int(r, 3, 7);
    for (let p = 0; p < n; p++) paragraphs.push(Array.from({ length: int(r, 2, 4) }, () => fill(pick(r, pool), year)).join(""));
    for (const p of plants) {
      const at = int(r, 0, paragraphs.length - 1);
      paragraphs[at] = `${paragraphs[at]}${fill(p.sentence, year)}`;
      (planted[p.term] ??= []).push(file);
    }
    articles.push({ file, title, date, year, source: pick(r, SOURCES), column, paragraphs });
  }
  return { articles, planted };
}

export function articleMarkdown(a: CorpusArticle): string {
  const gov = a.file.startsWith("content/zwgk/")
    ? govFrontMatter(Number(/sc-(\d+)/.exec(a.file)![1]) - 1, a.year)
        .map((l) => `${l}\n`)
        .join("")
    : "";
  return `---\ntitle: ${JSON.stringify(a.title)}\ndate: ${a.date}\nsource: ${a.source}\n${gov}---\n${a.paragraphs.join("\n\n")}\n`;
}

export async function writeSearchCorpus(root: string, corpus: SearchCorpus): Promise<void> {
  for (const a of corpus.articles) {
    const file = path.join(root, a.file);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, articleMarkdown(a));
  }
}

export interface SearchSite {
  root: string;
  corpus: SearchCorpus;
  /** Image options pointing at the repository's cache (demo photos are not processed twice). */
  images: { cacheDir: string };
  cleanup(): Promise<void>;
}

/** A temporary project root: the repository's content/ (copied) plus the generated corpus. */
export async function makeSearchSite(repo = process.cwd(), options: CorpusOptions = {}): Promise<SearchSite> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "portal-search-"));
  await fs.cp(path.join(repo, "content"), path.join(root, "content"), { recursive: true });
  const corpus = generateSearchCorpus({ sentences: await demoSentences(path.join(repo, "content")), ...options });
  await writeSearchCorpus(root, corpus);
  return {
    root,
    corpus,
    images: { cacheDir: path.join(repo, ".cache", "images") },
    cleanup: () => fs.rm(root, { recursive: true, force: true }),
  };
}
