/**
 * The site-wide data files: content/_data/site.yaml (identity, settings) and columns.yaml (栏目).
 * Their errors stop every build, with or without hold-back.
 */
import fs from "node:fs/promises";
import yaml from "js-yaml";
import { buildColumnTree, type ColumnTree } from "./columns.ts";
import { decodeText, encodingFix } from "./encoding.ts";
import { issue, type ContentIssue } from "./issues.ts";
import { ColumnsFileSchema, REQUIRED_IDENTITY, SiteSchema, type SiteConfig } from "./schema.ts";

async function readYamlData(file: string, relFile: string, issues: ContentIssue[]): Promise<unknown> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    issues.push(issue("error", relFile, "file", "missing-file", "缺少站点配置文件", "site configuration file is missing", `新建 ${relFile}（可参考示例站点） / Create ${relFile}.`));
    return undefined;
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    issues.push(issue("error", relFile, "encoding", "not-utf8", "文件不是 UTF-8 编码", "file is not UTF-8", encodingFix(relFile)));
    return undefined;
  }
  try {
    return yaml.load(decoded.text, { schema: yaml.CORE_SCHEMA });
  } catch (error) {
    const e = error as { mark?: { line?: number }; reason?: string };
    issues.push(issue("error", relFile, "yaml", "bad-yaml", `YAML 格式错误：${e.reason ?? ""}`, `invalid YAML: ${e.reason ?? String(error)}`, "检查冒号、引号与缩进 / Check colons, quotes and indentation.", e.mark?.line !== undefined ? e.mark.line + 1 : undefined));
    return undefined;
  }
}


export async function loadSite(file: string, rel: (p: string) => string, issues: ContentIssue[]): Promise<SiteConfig | undefined> {
  const relFile = rel(file);
  const data = await readYamlData(file, relFile, issues);
  if (data === undefined) return undefined;
  const result = SiteSchema.safeParse(data);
  if (!result.success) {
    for (const e of result.error.issues) {
      const field = e.path.join(".") || "site";
      issues.push(issue("error", relFile, field, "bad-site", `站点配置字段 ${field} 无效：${e.message}`, `site setting ${field} is invalid: ${e.message}`, "按说明修改该字段 / Correct the field as described."));
    }
    return undefined;
  }
  for (const { field, zh } of REQUIRED_IDENTITY) {
    if (!result.data[field]) {
      issues.push(issue("warning", relFile, field, "missing-identity", `未填写${zh}，页脚将不显示该项`, `${field} (${zh}) is empty; the footer omits it`, `在 ${relFile} 填写 ${field}（政府网站必备信息，不要编造） / Fill in ${field}; never invent it.`));
    }
  }
  return result.data;
}


export async function loadColumns(file: string, rel: (p: string) => string, issues: ContentIssue[]): Promise<ColumnTree | undefined> {
  const relFile = rel(file);
  const data = await readYamlData(file, relFile, issues);
  if (data === undefined) return undefined;
  const result = ColumnsFileSchema.safeParse(data);
  if (!result.success) {
    for (const e of result.error.issues) {
      const field = e.path.join(".") || "columns";
      issues.push(issue("error", relFile, field, "bad-columns", `栏目配置 ${field} 无效：${e.message}`, `column setting ${field} is invalid: ${e.message}`, "按说明修改 / Correct the column definition."));
    }
    return undefined;
  }
  const { tree, problems } = buildColumnTree(result.data.home, result.data.columns, result.data.categories);
  for (const p of problems) issues.push(issue("error", relFile, p.key, "bad-columns", p.zh, p.en, "每个栏目的 key 与路径须唯一 / Column keys and paths must be unique."));
  return problems.length ? undefined : tree;
}

