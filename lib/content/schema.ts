/**
 * The content schema: one zod definition per file kind. The inferred types are what
 * every later stage (images, layouts, feeds, search) is typed against.
 */
import { z } from "zod";
import { WidgetsSchema } from "./widgets.ts";

const text = z.string().trim();

export const PhotoSchema = z.union([
  text.min(1).transform((file) => ({ file, caption: undefined as string | undefined, alt: undefined as string | undefined })),
  z.object({
    file: text.min(1),
    caption: text.optional(),
    alt: text.optional(),
    /** Where thumbnails keep the photo when they crop it: top | center | bottom (上/中/下); unset = found by sharp's attention strategy. */
    focus: text.optional(),
  }),
]);

export const AttachmentSchema = z.union([
  text.min(1).transform((file) => ({ file, label: undefined as string | undefined })),
  z.object({ file: text.min(1), label: text.optional() }),
]);

/** Front matter as editors write it. Dates stay strings here: lib/content/dates.ts parses them. */
export const FrontMatterSchema = z.object({
  title: text.min(1).max(200),
  date: z.union([z.string(), z.date()]),
  source: text.min(1).max(100),
  column: text.optional(),
  slug: text.optional(),
  summary: text.max(500).optional(),
  author: text.max(100).optional(),
  tags: z.union([z.array(z.union([z.string(), z.number()]).transform(String)), text.transform((t) => t.split(/[,，、\s]+/).filter(Boolean))]).optional(),
  cover: text.optional(),
  photos: z.array(PhotoSchema).optional(),
  attachments: z.array(AttachmentSchema).optional(),
  draft: z.boolean().optional(),
});
export type FrontMatter = z.infer<typeof FrontMatterSchema>;

/**
 * 政务公开 fields (issue #14), read for articles of `policy`/`info`/`report` columns by
 * lib/content/gov-info.ts, which checks them against the site (索引号, 文号, dates, 有效性) and
 * reports each problem in the editors' words. Kept apart from FrontMatterSchema: they are not
 * fields of every article (the browser editor's news form does not offer them).
 */
export const GOV_FIELDS = ["indexNo", "category", "publisher", "written", "docNo", "validity", "validitySince", "replacedBy", "keywords"] as const;
export type GovField = (typeof GOV_FIELDS)[number];

/** Chinese field names editors may type instead of the English ones. */
export const FIELD_ALIASES: Record<string, keyof FrontMatter | GovField> = {
  标题: "title",
  发布时间: "date",
  日期: "date",
  信息来源: "source",
  来源: "source",
  栏目: "column",
  摘要: "summary",
  作者: "author",
  标签: "tags",
  封面: "cover",
  图片: "photos",
  照片: "photos",
  附件: "attachments",
  草稿: "draft",
  索引号: "indexNo",
  主题分类: "category",
  信息分类: "category",
  发布机构: "publisher",
  成文日期: "written",
  文号: "docNo",
  发文字号: "docNo",
  有效性: "validity",
  失效日期: "validitySince",
  废止日期: "validitySince",
  替代文件: "replacedBy",
  主题词: "keywords",
};

export const FIELD_NAMES_ZH: Record<string, string> = {
  title: "标题",
  date: "发布时间",
  source: "信息来源",
  column: "栏目",
  slug: "网址名",
  summary: "摘要",
  author: "作者",
  tags: "标签",
  cover: "封面",
  photos: "图片",
  attachments: "附件",
  draft: "草稿",
  indexNo: "索引号",
  category: "主题分类",
  publisher: "发布机构",
  written: "成文日期",
  docNo: "文号",
  validity: "有效性",
  validitySince: "失效日期/废止日期",
  replacedBy: "替代文件",
  keywords: "主题词",
};

export const COLUMN_TYPES = ["news", "notice", "photo", "policy", "info", "report", "guide", "section"] as const;

export interface ColumnInput {
  key: string;
  name: string;
  segment?: string;
  type?: (typeof COLUMN_TYPES)[number];
  inPath?: boolean;
  description?: string;
  staleDays?: number;
  /** 信息来源 that `npm run new` proposes for articles of this column (inherited by sub-columns). */
  defaultSource?: string;
  /** 主题分类 allowed in this column (政务公开): narrows the site's list in columns.yaml. */
  categories?: string[];
  children?: ColumnInput[];
}

const KEY = /^[a-z][a-z0-9-]{0,31}$/;

export const ColumnSchema: z.ZodType<ColumnInput> = z.lazy(() =>
  z.object({
    key: z.string().regex(KEY, "栏目 key 须为小写英文字母/数字（拼音首字母），如 jydt"),
    name: text.min(1),
    segment: z.string().regex(KEY).optional(),
    type: z.enum(COLUMN_TYPES).optional(),
    inPath: z.boolean().optional(),
    description: text.optional(),
    staleDays: z.number().int().positive().optional(),
    defaultSource: text.min(1).max(100).optional(),
    categories: z.array(text.min(1).max(30)).optional(),
    children: z.array(ColumnSchema).optional(),
  }),
);

export const ColumnsFileSchema = z.object({
  home: text.default("首页"),
  /** 主题分类 of 政务公开 documents (issue #14): the list 主题分类 is checked against; a column may narrow it. */
  categories: z.array(text.min(1).max(30)).default([]),
  columns: z.array(ColumnSchema).min(1),
});

/** counter.url as a path on the site's own origin (behind the site's nginx): no "..", no query. */
const COUNTER_PATH = /^\/(?!.*\.\.)[A-Za-z0-9._~/-]*$/;
const isHttpUrl = (u: string): boolean => {
  try {
    const url = new URL(u);
    return (url.protocol === "https:" || url.protocol === "http:") && !url.search && !url.hash && !url.username && !url.password;
  } catch {
    return false;
  }
};

export const SiteSchema = z.object({
  name: text.min(1),
  shortName: text.optional(),
  description: text.default(""),
  keywords: z.array(z.string()).default([]),
  baseUrl: z.string().url(),
  pathPrefix: z
    .string()
    .regex(/^\/([a-z0-9._-]+\/)*$/i, "pathPrefix 须以 / 开头和结尾，如 / 或 /jyj/")
    .default("/"),
  owner: text.default(""),
  operator: text.default(""),
  address: text.default(""),
  postcode: text.default(""),
  phone: text.default(""),
  email: text.default(""),
  icp: text.default(""),
  icpUrl: z.string().url().default("https://beian.miit.gov.cn/"),
  police: text.default(""),
  policeUrl: z.string().url().optional(),
  siteCode: text.default(""),
  /**
   * 政务公开 索引号 prefix: the bureau's organisation code (9 characters) or unified social credit
   * code (18), e.g. 014127394. `npm run new` numbers documents <orgCode>/<year>-<serial>.
   */
  orgCode: z
    .string()
    .trim()
    .regex(/^[0-9A-Z]{9}([0-9A-Z]{9})?$/, "orgCode 须为 9 位组织机构代码或 18 位统一社会信用代码（数字和大写字母），如 014127394 / orgCode must be a 9-character organisation code or an 18-character credit code")
    .optional(),
  firstYear: z.number().int().min(1990).max(2100).optional(),
  logo: text.optional(),
  /** The emblem beside the site's name: an image file (PNG, JPEG, WebP, SVG) relative to content/_data/, made into 48/96/144 px squares by lib/images/identity.ts. */
  emblem: z.object({ file: text.min(1), alt: text.default("") }).strict().optional(),
  /** The favicon set's source image (relative to content/_data/); default the emblem's. */
  favicon: text.min(1).optional(),
  /** 党政机关标识 as a local image (relative to content/_data/) linked to the registration; a widgets entry of that kind replaces it. */
  badge: z.object({ file: text.min(1), href: z.string().url().optional(), alt: text.default("党政机关") }).strict().optional(),
  /** 我为政府网站找错: the address the footer links to. */
  jiucuoUrl: z.string().url().optional(),
  /** 网站声明: the page's text, paragraphs separated by blank lines; unset, no page and no footer link. */
  statement: text.optional(),
  pageSize: z.number().int().min(5).max(100).default(20),
  homeItems: z.number().int().min(3).max(20).default(7),
  traditional: z
    .object({
      enabled: z.boolean().default(true),
      /** opencc-js target: tw (Taiwan), hk (Hong Kong), t (OpenCC standard). */
      variant: z.enum(["t", "tw", "twp", "hk"]).default("t"),
    })
    .default({ enabled: true, variant: "t" }),
  checks: z
    .object({
      newsStaleDays: z.number().int().positive().default(14),
      noticeStaleDays: z.number().int().positive().default(183),
      maxPhotoBytes: z.number().int().positive().default(20 * 1024 * 1024),
    })
    .default({ newsStaleDays: 14, noticeStaleDays: 183, maxPhotoBytes: 20 * 1024 * 1024 }),
  /** 浏览量 / 访问统计: where the pages find the view-counter service (lib/counter). Unset: pages show no counts. */
  counter: z
    .object({
      url: z
        .string()
        .trim()
        .refine(
          (u) => COUNTER_PATH.test(u) || isHttpUrl(u),
          "counter.url 须是完整网址（如 https://tongji.example.gov.cn/）或本站路径（如 /api/counter/）/ counter.url must be an absolute http(s) URL or a path on the site's origin such as /api/counter/",
        ),
    })
    .strict()
    .optional(),
  /** Government widgets (党政机关标识, 找错, 统计) and the only third-party origins the CSP allows: lib/content/widgets.ts. */
  widgets: WidgetsSchema,
});
export type SiteConfig = z.infer<typeof SiteSchema>;

/** Site identity fields a government portal must show; empty ones are warned about, never invented. */
export const REQUIRED_IDENTITY: { field: keyof SiteConfig; zh: string }[] = [
  { field: "owner", zh: "主办单位" },
  { field: "address", zh: "地址" },
  { field: "phone", zh: "联系电话" },
  { field: "icp", zh: "ICP备案号" },
  { field: "police", zh: "公安机关备案号" },
  { field: "siteCode", zh: "政府网站标识码" },
];

/** Front-matter keys Eleventy would act on (URLs, layouts, template engines): editors may not set them. */
export const RESERVED_KEYS = new Set([
  "permalink",
  "layout",
  "eleventyComputed",
  "pagination",
  "eleventyExcludeFromCollections",
  "eleventyImport",
  "eleventyNavigation",
  "templateEngineOverride",
  "dynamicPermalink",
  "eleventyDataSchema",
  "eleventyAllowMissingExtension",
  "permalinkBypassOutputDir",
]);
