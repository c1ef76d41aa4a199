/**
 * The content model every later stage is typed against: validated articles, the column tree,
 * the site settings, every issue found, and (with hold-back) the articles left out for errors.
 */
import type { DateTime } from "luxon";
import type { Column, ColumnTree } from "./columns.ts";
import type { ContentIssue } from "./issues.ts";
import type { SiteConfig } from "./schema.ts";

export interface Photo {
  file: string;
  /** Absolute path. */
  source: string;
  caption: string;
  /** Alt text: the explicit alt, else the caption; never the camera file name. */
  alt: string;
  field: string;
  /** From the content stage's existence check, so the image stage need not stat the photo again. */
  stat?: { size: number; mtimeMs: number };
  /** Shown in the body as `![说明](文件名)` (lib/content/inline-photos.ts), not again in the gallery. */
  inline?: boolean;
  /** The editor's crop focus for thumbnails (front matter `focus`); unset: sharp's attention strategy finds it. */
  focus?: PhotoFocus;
}

/** Where a cropped thumbnail keeps the photo. */
export type PhotoFocus = "top" | "center" | "bottom";

export interface Attachment {
  file: string;
  source: string;
  label: string;
  /** Upper-case type for display, e.g. PDF, DOCX. */
  kind: string;
  bytes: number;
  field: string;
}

/** 有效性 of a 政务公开 document: in force, expired (失效) or repealed (废止). */
export type Validity = "valid" | "expired" | "repealed";

/**
 * The public metadata of a 政务公开 document (an article in a `policy` or `info` column), after
 * the national 政府信息公开目录 guidance (issue #14). Shown as a table above the text, searchable.
 */
export interface GovInfo {
  /** 索引号: organisation code / year-serial, e.g. 014127394/2024-00012. Never changes once published. */
  indexNo: string;
  /** 主题分类, one of the column tree's list (columns.yaml). */
  category: string;
  /** 发布机构, the full name (default: the column's defaultSource). */
  publisher: string;
  /** 成文日期: may precede the publication date, never follow it. */
  written: DateTime | undefined;
  /** 文号, e.g. 坛教发〔2024〕12号; "" when the document has none. */
  docNo: string;
  /** 有效性 (default valid). */
  validity: Validity;
  /** 失效日期 / 废止日期, when not valid. */
  validitySince: DateTime | undefined;
  /** The document that replaces it: its 文号 and/or a link (site path or absolute URL). */
  replacedBy: { docNo: string; url: string } | undefined;
  /** 主题词. */
  keywords: string[];
}

export interface Article {
  /** Project-relative path with forward slashes, e.g. content/news/jydt/qiangji-zhuhun/index.md. */
  file: string;
  /** Absolute folder holding the article's photos and attachments. */
  folder: string;
  title: string;
  date: DateTime;
  /** 2024-07-12 */
  day: string;
  year: number;
  source: string;
  column: Column;
  slug: string;
  /** Without path prefix: /news/jydt/2024/qiangji-zhuhun/ */
  url: string;
  summary: string;
  author: string;
  tags: string[];
  photos: Photo[];
  cover: Photo | undefined;
  attachments: Attachment[];
  draft: boolean;
  /** Dated after the build time: scheduled, published by a later build. */
  scheduled: boolean;
  /**
   * The body is empty or still the new-article placeholder. Only ever true where that is a warning
   * (drafts, the preview): the page shows a 未完成 (unfinished) band. A build refuses it otherwise.
   */
  unfinished?: boolean;
  /** 政务公开 metadata: set for every article of a `policy`/`info` column, undefined elsewhere. */
  gov?: GovInfo | undefined;
  /** Markdown body and the line it starts on. */
  body: string;
  bodyLine: number;
}

/**
 * A 政务公开 document as the site-wide checks see it (lib/content/gov-info.ts checkGovSite): a valid
 * article, or one with errors whose date and column could be read (`invalid`), so that its 索引号
 * is checked in the same run as its other errors.
 */
export type GovDoc = Pick<Article, "file" | "date" | "year" | "day" | "column" | "draft" | "url"> & { gov: GovInfo; invalid?: boolean };

/** What is known of an article with errors: the photos it names that exist (drafts and published alike). */
export interface InvalidArticle {
  file: string;
  folder: string;
  photos: Photo[];
  cover: Photo | undefined;
  /** Its 政务公开 metadata, when its date and column could be read. */
  govDoc?: GovDoc;
}

/** An article left out of the build for its errors (`holdBack`): where it was published before, and why. */
export interface HeldBack {
  /** Project-relative file. */
  file: string;
  /** Its errors (and warnings), as reported. */
  issues: ContentIssue[];
  /**
   * Where its previous version would be: the column path and slug, and the year when the date
   * could be read (else any year folder holding that slug). Undefined when even the column is unknown.
   */
  place: { columnPath: string; slug: string; year: number | undefined } | undefined;
}

export interface ContentModel {
  root: string;
  contentDir: string;
  site: SiteConfig;
  columns: ColumnTree;
  /** Published articles (no drafts, none scheduled), newest first. */
  articles: Article[];
  /** Every valid article including drafts and scheduled ones, keyed by project-relative file. */
  all: Map<string, Article>;
  /** Every issue, held-back articles' included. */
  issues: ContentIssue[];
  /**
   * Articles with errors, by file: the photos and cover they name that exist, so `npm run check`
   * inspects those in the same run as the front-matter errors (not one round later).
   */
  invalid?: Map<string, InvalidArticle>;
  /** With `holdBack`: articles left out for their errors (their issues are in `issues` too); else absent. */
  heldBack?: HeldBack[];
}

export interface LoadOptions {
  /** Project root; file names in messages are relative to it. */
  root: string;
  /** Content folder (default: <root>/content). */
  contentDir?: string;
  /** Build time, for scheduled articles. */
  now?: DateTime;
  /** Count drafts and scheduled articles as published (preview). */
  includeDrafts?: boolean;
  /**
   * An unfinished body (empty, or the new-article placeholder) is an "error" (default; a build
   * refuses to publish it) or a "warning" (default with includeDrafts: the preview shows it with a
   * 未完成 band). Drafts are always only warned about.
   */
  unfinished?: "error" | "warning";
  /**
   * Leave articles with errors out of the model instead of failing: they are listed in `heldBack`.
   * Errors in site.yaml or columns.yaml still count as errors (the caller stops).
   */
  holdBack?: boolean;
}

export const newestFirst = (a: Article, b: Article): number => b.date.toMillis() - a.date.toMillis() || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
