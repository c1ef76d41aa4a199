/**
 * npm run counter                      start the view-counter service (settings: lib/counter/config.ts)
 * npm run counter -- import FILE.csv   load counts from the old CMS (format: lib/counter/import.ts)
 */
import fs from "node:fs";
import path from "node:path";
import { ConfigError, readConfig } from "../lib/counter/config.ts";
import { parseImport } from "../lib/counter/import.ts";
import { COUNTER_PATHS_FILE, PathList } from "../lib/counter/paths.ts";
import { openStore, startCounter } from "../lib/counter/server.ts";

const USAGE = `用法 / usage:
  npm run counter                      启动浏览量服务 / start the counter service
  npm run counter -- import FILE.csv   导入旧系统的浏览量 / import counts from the old CMS
环境变量 / environment: HOST PORT COUNTER_DB COUNTER_SITE COUNTER_ALLOW_ORIGIN DATABASE_URL
  COUNTER_TRUST_PROXY COUNTER_RATE COUNTER_SQLITE_SYNC (docs/publishing.md)`;

async function importFile(file: string): Promise<number> {
  const config = readConfig();
  const listFile = path.join(config.siteDir, COUNTER_PATHS_FILE);
  if (!fs.existsSync(listFile)) {
    console.error(
      `找不到 ${listFile}：先构建网站（npm run build），或用 COUNTER_SITE 指向已发布的目录。\nNo ${listFile}: build the site first (npm run build) or point COUNTER_SITE at the published folder.`,
    );
    return 1;
  }
  if (!fs.existsSync(file)) {
    console.error(`找不到文件 ${file} / No such file: ${file}`);
    return 1;
  }
  const list = PathList.parse(fs.readFileSync(listFile, "utf8"), listFile);
  const { data, problems } = parseImport(fs.readFileSync(file, "utf8"), list, file);
  if (problems.length) {
    console.error(`未导入任何数据，请先改正以下 ${problems.length} 处问题 / Nothing imported; fix these ${problems.length} problem(s) first:`);
    for (const p of problems) console.error(`  ${p.zh}\n  ${p.en}`);
    return 1;
  }
  const store = await openStore(config);
  try {
    await store.importCounts(data);
  } finally {
    await store.close();
  }
  const where = config.databaseUrl ? "PostgreSQL" : config.sqliteFile;
  console.log(
    `已导入 / imported into ${where}: ${data.pages.size} 个页面 pages` +
      (data.total !== undefined ? `, 访问总数 site total ${data.total}` : "") +
      (data.months.size ? `, ${data.months.size} 个月 months` : "") +
      (data.days.size ? `, ${data.days.size} 天 days` : ""),
  );
  return 0;
}

async function main(): Promise<number> {
  const [cmd, ...rest] = process.argv.slice(2);
  if (cmd === "--help" || cmd === "-h" || cmd === "help") {
    console.log(USAGE);
    return 0;
  }
  if (cmd === "import") {
    if (rest.length !== 1) {
      console.error(USAGE);
      return 2;
    }
    return importFile(rest[0]!);
  }
  if (cmd !== undefined) {
    console.error(`未知命令 / unknown command: ${cmd}\n${USAGE}`);
    return 2;
  }
  const config = readConfig();
  const running = await startCounter(config);
  console.log(`counter: listening on ${running.url} (${running.store.kind}${running.store.kind === "sqlite" ? ` ${config.sqliteFile}` : ""}, paths from ${running.paths.file})`);
  process.on("SIGHUP", () => running.paths.refresh());
  const stop = (signal: string) => {
    console.log(`counter: ${signal}, finishing queued views`);
    running.close().then(
      () => process.exit(0),
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e) => {
    if (e instanceof ConfigError) console.error(`设置有误 / bad settings:\n${e.message}`);
    else console.error(`counter: ${(e as Error).message}`);
    process.exit(1);
  },
);
