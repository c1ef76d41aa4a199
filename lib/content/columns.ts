/**
 * The column tree (栏目), declared once in content/_data/columns.yaml. Navigation,
 * breadcrumbs, list pages, feeds and search filters all derive from it. Breadcrumbs are
 * precomputed per column (a parent walk), never by scanning pages.
 */
import type { ColumnInput } from "./schema.ts";

export type ColumnType = NonNullable<ColumnInput["type"]>;

export interface Column {
  key: string;
  name: string;
  type: ColumnType;
  description: string;
  /** URL path without prefix, e.g. "news/jydt" ("" never: pathless columns use their key for their own page). */
  path: string;
  /** URL of the column's own page, e.g. "/news/jydt/". */
  url: string;
  parent: Column | null;
  children: Column[];
  /** Root first, this column last. */
  trail: Column[];
  depth: number;
  isLeaf: boolean;
  staleDays: number | undefined;
  /** 信息来源 proposed for new articles, and the 政务公开 发布机构 default: its own or an ancestor's defaultSource. */
  defaultSource?: string | undefined;
  /** 主题分类 allowed here (政务公开): its own or an ancestor's `categories`, else the site's list. */
  categories?: readonly string[];
}

export interface ColumnTree {
  home: string;
  roots: Column[];
  byKey: Map<string, Column>;
  /** Path segments "news/jydt" → column, for resolving an article's folder. */
  byPath: Map<string, Column>;
  /** Every column, depth-first in declared order. */
  all: Column[];
  leaves: Column[];
  /** 主题分类 of 政务公开 documents, the site-wide list (columns.yaml `categories`); may be empty. */
  categories?: readonly string[];
}

export interface ColumnProblem {
  key: string;
  zh: string;
  en: string;
}

export function buildColumnTree(home: string, inputs: readonly ColumnInput[], categories: readonly string[] = []): { tree: ColumnTree; problems: ColumnProblem[] } {
  const problems: ColumnProblem[] = [];
  const byKey = new Map<string, Column>();
  const byPath = new Map<string, Column>();
  const all: Column[] = [];

  const visit = (input: ColumnInput, parent: Column | null, parentSegments: string[]): Column => {
    const inPath = input.inPath ?? true;
    const segments = inPath ? [...parentSegments, input.segment ?? input.key] : parentSegments;
    const ownPath = inPath ? segments.join("/") : [...parentSegments, input.key].join("/");
    const hasChildren = (input.children?.length ?? 0) > 0;
    const column: Column = {
      key: input.key,
      name: input.name,
      type: input.type ?? (hasChildren ? "section" : "news"),
      description: input.description ?? "",
      path: ownPath,
      url: `/${ownPath}/`,
      parent,
      children: [],
      trail: parent ? [...parent.trail] : [],
      depth: parent ? parent.depth + 1 : 0,
      isLeaf: !hasChildren,
      staleDays: input.staleDays,
      defaultSource: input.defaultSource ?? parent?.defaultSource,
      categories: input.categories ?? parent?.categories ?? categories,
    };
    column.trail.push(column);
    if (byKey.has(column.key)) {
      problems.push({ key: column.key, zh: `栏目 key “${column.key}” 重复`, en: `duplicate column key "${column.key}"` });
    }
    byKey.set(column.key, column);
    if (byPath.has(ownPath)) {
      problems.push({ key: column.key, zh: `栏目路径 /${ownPath}/ 重复`, en: `duplicate column path /${ownPath}/` });
    }
    byPath.set(ownPath, column);
    all.push(column);
    column.children = (input.children ?? []).map((child) => visit(child, column, segments));
    return column;
  };

  const roots = inputs.map((input) => visit(input, null, []));
  return { tree: { home, roots, byKey, byPath, all, leaves: all.filter((c) => c.isLeaf), categories }, problems };
}

/**
 * The column an article file belongs to, from its folder: the longest column path that is a
 * prefix of the folder (content/news/jydt/qiangji-zhuhun/index.md → news/jydt).
 */
export function columnForFolder(tree: ColumnTree, folderSegments: readonly string[]): Column | undefined {
  for (let n = folderSegments.length; n > 0; n--) {
    const column = tree.byPath.get(folderSegments.slice(0, n).join("/"));
    if (column) return column;
  }
  return undefined;
}
