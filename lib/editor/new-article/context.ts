/**
 * What `npm run new` needs from the site: site.yaml and columns.yaml read and checked, leaf columns
 * resolved, the default 信息来源 of a column; and the refusal an editor can act on (EditorError).
 */
import fs from "node:fs/promises";
import path from "node:path";
import yaml from "js-yaml";
import { buildColumnTree, type Column, type ColumnTree } from "../../content/columns.ts";
import { decodeText } from "../../content/encoding.ts";
import { toPosix } from "../../content/paths.ts";
import { ColumnsFileSchema, SiteSchema, type ColumnInput, type SiteConfig } from "../../content/schema.ts";

/** A refusal the editor can act on: Chinese first, English, and the fix. */
export class EditorError extends Error {
  constructor(
    readonly code: "bad-site" | "unknown-column" | "section-column" | "missing-field" | "bad-slug" | "bad-date" | "exists",
    readonly zh: string,
    readonly en: string,
    readonly fix: string,
  ) {
    super(`${zh}\n${en}\n修改方法 fix: ${fix}`);
    this.name = "EditorError";
  }
}

export interface EditorContext {
  root: string;
  contentDir: string;
  site: SiteConfig;
  columns: ColumnTree;
  /** Column key → its declared inputs (for defaultSource, which the tree does not carry). */
  inputs: Map<string, { input: ColumnInput; parent: string | undefined }>;
}

/** Reads site.yaml and columns.yaml; refuses (pointing at `npm run check`) when they are broken. */
export async function editorContext(root: string, contentDir = path.join(root, "content")): Promise<EditorContext> {
  const read = async (name: string): Promise<unknown> => {
    const file = path.join(contentDir, "_data", name);
    const rel = toPosix(path.relative(root, file));
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch {
      throw new EditorError("bad-site", `找不到 ${rel}`, `${rel} is missing`, "请在网站项目的根目录运行本命令 / Run the command in the site's root folder.");
    }
    const decoded = decodeText(bytes);
    try {
      if (!decoded.ok) throw new Error("not UTF-8");
      return yaml.load(decoded.text, { schema: yaml.CORE_SCHEMA });
    } catch {
      throw new EditorError("bad-site", `${rel} 无法读取`, `${rel} cannot be read`, "先运行 npm run check，按提示修正 / Run `npm run check` and fix what it reports.");
    }
  };
  const [siteData, columnsData] = await Promise.all([read("site.yaml"), read("columns.yaml")]);
  const site = SiteSchema.safeParse(siteData);
  const cols = ColumnsFileSchema.safeParse(columnsData);
  if (!site.success || !cols.success) {
    throw new EditorError("bad-site", "站点配置或栏目配置有错误", "site.yaml or columns.yaml is invalid", "先运行 npm run check，按提示修正 / Run `npm run check` and fix what it reports.");
  }
  const { tree, problems } = buildColumnTree(cols.data.home, cols.data.columns, cols.data.categories);
  if (problems.length) throw new EditorError("bad-site", problems[0]!.zh, problems[0]!.en, "先运行 npm run check，按提示修正 / Run `npm run check` and fix what it reports.");
  const inputs = new Map<string, { input: ColumnInput; parent: string | undefined }>();
  const walk = (list: readonly ColumnInput[], parent: string | undefined): void => {
    for (const input of list) {
      inputs.set(input.key, { input, parent });
      walk(input.children ?? [], input.key);
    }
  };
  walk(cols.data.columns, undefined);
  return { root, contentDir, site: site.data, columns: tree, inputs };
}

/** The 信息来源 proposed for a column: its own defaultSource, an ancestor's, else the site's owner. */
export function defaultSourceFor(ctx: EditorContext, columnKey: string): string | undefined {
  for (let key: string | undefined = columnKey; key; key = ctx.inputs.get(key)?.parent) {
    const source = ctx.inputs.get(key)?.input.defaultSource;
    if (source) return source;
  }
  return ctx.site.owner || undefined;
}

/** Resolves a column key to a leaf column, or explains which keys exist. */
export function leafColumn(ctx: EditorContext, key: string): Column {
  const column = ctx.columns.byKey.get(key.trim());
  const list = (cols: readonly Column[]) => cols.map((c) => `${c.key}（${c.name}）`).join("、");
  if (!column) {
    throw new EditorError("unknown-column", `栏目 “${key}” 不存在`, `unknown column "${key}"`, `可用栏目：${list(ctx.columns.leaves)} / Use one of these keys.`);
  }
  if (!column.isLeaf) {
    throw new EditorError(
      "section-column",
      `栏目“${column.name}”下还有子栏目，文章须放入其中一个子栏目`,
      `column "${column.key}" has sub-columns`,
      `改用：${list(column.children.filter((c) => c.isLeaf))} / Use one of its sub-columns.`,
    );
  }
  return column;
}
