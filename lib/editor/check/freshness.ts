/**
 * `npm run check`, government-site rules: a news column not updated for checks.newsStaleDays days,
 * a notice column not for checks.noticeStaleDays days, an empty leaf column. Site-wide reminders:
 * they are printed last, one line each (lib/content/issues.ts formatIssues).
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { DateTime } from "luxon";
import type { Column } from "../../content/columns.ts";
import { formatDay } from "../../content/dates.ts";
import { issue, type ContentIssue } from "../../content/issues.ts";
import type { ContentModel } from "../../content/model.ts";
import { buildView } from "../../site/view.ts";

export async function checkColumns(model: ContentModel, rel: (abs: string) => string, now: DateTime): Promise<ContentIssue[]> {
  const file = path.join(model.contentDir, "_data", "columns.yaml");
  const relFile = rel(file);
  const lines = (await fs.readFile(file, "utf8").catch(() => "")).split(/\r?\n/);
  const lineOfKey = (key: string): number | undefined => {
    const re = new RegExp(`\\bkey:\\s*["']?${key}["']?\\s*(?:[,}#]|$)`);
    const at = lines.findIndex((l) => re.test(l));
    return at >= 0 ? at + 1 : undefined;
  };
  const view = buildView(model);
  const { newsStaleDays, noticeStaleDays } = model.site.checks;
  const found: ContentIssue[] = [];
  for (const column of model.columns.leaves) {
    const list = view.byColumn.get(column.key) ?? [];
    const line = lineOfKey(column.key);
    const newest = list[0];
    if (!newest) {
      found.push(
        issue(
          "warning",
          relFile,
          column.key,
          "empty-column",
          `栏目“${column.name}”（${column.key}）还没有任何已发布的文章（空白栏目）`,
          `column "${column.key}" (${column.name}) has no published article`,
          "政府网站不应有空白栏目：发布至少一篇文章，或从 columns.yaml 中删除该栏目 / Government sites may not have empty columns: publish an article or remove the column.",
          line,
        ),
      );
      continue;
    }
    const limit = staleLimit(column, newsStaleDays, noticeStaleDays);
    if (limit === undefined) continue;
    const days = Math.floor(now.diff(newest.date, "days").days);
    if (days > limit) {
      found.push(
        issue(
          "warning",
          relFile,
          column.key,
          "stale-column",
          `栏目“${column.name}”已 ${days} 天没有更新（最近一篇：${formatDay(newest.date)}《${newest.title}》），超过 ${limit} 天的更新期限`,
          `column "${column.key}" (${column.name}) has not been updated for ${days} days (last: ${formatDay(newest.date)}), more than ${limit}`,
          `政府网站检查要求动态类栏目约 2 周内、通知公告类栏目 6 个月内有更新：请发布新内容。期限可在 content/_data/site.yaml 的 checks.newsStaleDays / checks.noticeStaleDays（或栏目的 staleDays）中调整 / Publish something new; the limits are checks.newsStaleDays / noticeStaleDays in site.yaml or staleDays on the column.`,
          line,
        ),
      );
    }
  }
  return found;
}

function staleLimit(column: Column, newsDays: number, noticeDays: number): number | undefined {
  if (column.staleDays) return column.staleDays;
  if (column.type === "news" || column.type === "photo") return newsDays;
  if (column.type === "notice") return noticeDays;
  return undefined;
}
