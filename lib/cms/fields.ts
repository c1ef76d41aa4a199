/**
 * The browser editor's fields, derived from the front-matter schema (lib/content/schema.ts).
 * Labels are FIELD_NAMES_ZH — the names `npm run check` uses in its messages — so the editor and
 * the checker call a field by the same Chinese name. Every schema field is either offered here
 * or listed in NOT_OFFERED with the reason; lib/cms/config.test.ts fails when the schema gains a
 * field that is in neither.
 */
import { FIELD_NAMES_ZH, FrontMatterSchema, type FrontMatter } from "../content/schema.ts";
import { SLUG } from "../content/paths.ts";

/** A Decap CMS field definition (the subset we generate). */
export interface CmsField {
  name: string;
  label: string;
  widget: string;
  required?: boolean;
  hint?: string;
  default?: unknown;
  pattern?: [string, string];
  fields?: CmsField[];
  field?: CmsField;
  summary?: string;
  label_singular?: string;
  collapsed?: boolean;
  minimize_collapsed?: boolean;
  allow_add?: boolean;
  modes?: string[];
  buttons?: string[];
  editor_components?: string[];
  format?: string;
  date_format?: string | boolean;
  time_format?: string | boolean;
  picker_utc?: boolean;
  choose_url?: boolean;
  options?: string[];
  [key: string]: unknown;
}

export type SchemaField = keyof FrontMatter;

/** Schema fields the browser editor deliberately does not show, and why. */
export const NOT_OFFERED: Partial<Record<SchemaField, string>> = {
  column: "栏目由左侧所选栏目（即文章所在文件夹）决定 / the column is the collection the article is created in (its folder)",
};

/** Max length of a string field, read from the schema itself so the editor's limits follow it. */
function maxLength(field: SchemaField): number | undefined {
  type Str = { maxLength?: number | null; unwrap?: () => Str };
  let schema = FrontMatterSchema.shape[field] as unknown as Str;
  if (schema.unwrap && schema.maxLength === undefined) schema = schema.unwrap();
  return typeof schema.maxLength === "number" ? schema.maxLength : undefined;
}

const within = (field: SchemaField, required: boolean): [string, string] | undefined => {
  const max = maxLength(field);
  if (!max) return undefined;
  // [\s\S] so that line breaks count as characters, as zod's max() counts them.
  return [`^[\\s\\S]{${required ? 1 : 0},${max}}$`, `${FIELD_NAMES_ZH[field]}最多 ${max} 个字 / at most ${max} characters`];
};

/** The date widget's storage format: lib/content/dates.ts reads it as Beijing wall-clock time. */
export const DATE_FORMAT = "YYYY-MM-DD HH:mm";

export interface FieldOptions {
  /** 信息来源 proposed in the source field's list (free entry stays possible). */
  sources: readonly string[];
  /** Pre-filled 信息来源 for new articles of this column. */
  defaultSource?: string;
}

/** The fields of one article collection, in the schema's order (Decap writes keys in this order). */
export function articleFields(options: FieldOptions): CmsField[] {
  const label = (f: SchemaField) => FIELD_NAMES_ZH[f] ?? f;
  const fields: Record<Exclude<SchemaField, keyof typeof NOT_OFFERED>, CmsField> = {
    title: { name: "title", label: label("title"), widget: "string", hint: "文章标题，显示在列表和文章页顶部。", ...withPattern(within("title", true)) },
    date: {
      name: "date",
      label: label("date"),
      widget: "datetime",
      format: DATE_FORMAT,
      date_format: "YYYY-MM-DD",
      time_format: "HH:mm",
      picker_utc: false,
      default: "{{now}}",
      hint: "北京时间。写将来的时间即为定时发布：到时间后的那次构建才会显示。",
    },
    source: {
      name: "source",
      label: label("source"),
      widget: "portal-source",
      options: [...options.sources],
      ...(options.defaultSource ? { default: options.defaultSource } : {}),
      hint: "发布文章的科室或单位。可从列表中选择，也可以直接输入。",
      ...withPattern(within("source", true)),
    },
    slug: {
      name: "slug",
      label: label("slug"),
      widget: "string",
      required: false,
      hint: "网址中的名字，只用小写拼音、数字和连字符。新文章留空即可：保存时按标题拼音自动生成（与 npm run new 相同）。文章发布后不要再改，否则旧网址会失效。",
      pattern: [SLUG.source, "网址名须为小写英文字母、数字和连字符，如 qiangji-zhuhun / lowercase letters, digits and hyphens"],
    },
    summary: { name: "summary", label: label("summary"), widget: "text", required: false, hint: "一两句话，显示在列表和搜索结果中；不填则取正文开头。", ...withPattern(within("summary", false)) },
    author: { name: "author", label: label("author"), widget: "string", required: false, hint: "作者姓名（可不填）。", ...withPattern(within("author", false)) },
    tags: { name: "tags", label: label("tags"), widget: "list", required: false, allow_add: true, hint: "用逗号分隔，如：党建, 强基铸魂" },
    cover: {
      name: "cover",
      label: label("cover"),
      widget: "image",
      required: false,
      choose_url: false,
      hint: "列表和图片新闻中显示的图片。通常与下面第一张图片相同，可不填。",
    },
    photos: {
      name: "photos",
      label: label("photos"),
      label_singular: "图片",
      widget: "list",
      required: false,
      collapsed: false,
      summary: "{{fields.caption}}",
      hint: "照片保存在文章自己的文件夹里，构建时自动生成各种尺寸。每张照片都要写图片说明。",
      fields: [
        { name: "file", label: "照片文件", widget: "image", choose_url: false, hint: "上传相机拍的原图即可（JPEG/PNG/WebP）。" },
        { name: "caption", label: "图片说明", widget: "string", hint: "显示在照片下方，如：部署会现场。" },
        { name: "alt", label: "替代文字", widget: "string", required: false, hint: "给看不见图片的读者的描述（读屏软件朗读）；不填则使用图片说明。" },
        {
          name: "focus",
          label: "焦点",
          widget: "select",
          required: false,
          options: [
            { label: "上（保留上部，如人像的头部）", value: "top" },
            { label: "中", value: "center" },
            { label: "下", value: "bottom" },
          ],
          hint: "封面缩略图裁成 3:2 时保留哪一部分；不选则自动识别人物所在位置。",
        },
      ],
    },
    attachments: {
      name: "attachments",
      label: label("attachments"),
      label_singular: "附件",
      widget: "list",
      required: false,
      collapsed: false,
      summary: "{{fields.label}}",
      fields: [
        { name: "file", label: "附件文件", widget: "file", choose_url: false, hint: "PDF、Word、Excel 等，保存在文章文件夹里。" },
        { name: "label", label: "附件名称", widget: "string", required: false, hint: "显示的链接文字，如：附件1：报名表。" },
      ],
    },
    draft: { name: "draft", label: label("draft"), widget: "boolean", required: false, hint: "打开后不发布，只在预览中可见。" },
  };
  const ordered = (Object.keys(FrontMatterSchema.shape) as SchemaField[]).filter((f) => !(f in NOT_OFFERED)) as (keyof typeof fields)[];
  return [
    ...ordered.map((f) => fields[f]),
    {
      name: "body",
      label: "正文",
      widget: "markdown",
      // Raw Markdown only: the rich-text mode re-serialises the whole body on load (changing bytes
      // the editor never touched); raw keeps every byte of an existing article.
      modes: ["raw"],
      buttons: ["bold", "italic", "link", "heading-two", "heading-three", "bulleted-list", "numbered-list", "quote"],
      editor_components: [],
      hint: "段落之间空一行。小标题以 ## 开头。不能插入 HTML。",
    },
  ];
}

function withPattern(pattern: [string, string] | undefined): { pattern?: [string, string] } {
  return pattern ? { pattern } : {};
}
