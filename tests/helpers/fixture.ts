/**
 * Hugo-style integration fixtures: a whole small site written inline in the test, built
 * in-process through the real pipeline, then read back for assertions.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import sharp from "sharp";
import { buildSite, type BuildOptions, type BuildResult } from "../../lib/pipeline/build.ts";

export const FIXTURE_SITE = `name: 测试区教育局
description: 测试站点
baseUrl: https://jyj.test.gov.cn
owner: 测试区教育局
operator: 测试区教育局办公室
address: 测试路 1 号
phone: 010-00000000
icp: 测ICP备12345678号-1
police: 测公网安备 00000000000000号
policeUrl: https://beian.mps.gov.cn/#/query/webSearch?code=00000000000000
siteCode: "1234567890"
pageSize: 20
`;

export const FIXTURE_COLUMNS = `home: 首页
columns:
  - key: jyj
    name: 教育局
    inPath: false
    children:
      - key: news
        name: 新闻中心
        children:
          - { key: jydt, name: 教育动态, type: news }
          - { key: tzgg, name: 通知公告, type: notice }
          - { key: tpxw, name: 图片新闻, type: photo }
      - key: zwgk
        name: 政务公开
        children:
          - { key: zcwj, name: 政策文件, type: policy }
`;

/** The clock the fixtures build at, so scheduled-article tests are stable. */
export const FIXTURE_NOW = DateTime.fromISO("2025-06-01T12:00:00", { zone: "Asia/Shanghai" });

export type Files = Record<string, string | Uint8Array>;

export interface Fixture {
  root: string;
  out: string;
  result?: BuildResult;
  error?: Error & { issues?: { file: string; field: string; code: string; zh: string; en: string; fix: string; line?: number }[] };
  read(rel: string): Promise<string>;
  exists(rel: string): Promise<boolean>;
  write(rel: string, data: string | Uint8Array): Promise<void>;
  build(extra?: Partial<BuildOptions>): Promise<Fixture>;
  cleanup(): Promise<void>;
}

/** A small, real JPEG (sharp-made) for photo fields. */
export async function jpeg(width = 640, height = 427, rgb: [number, number, number] = [160, 40, 40]): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } })
    .jpeg({ quality: 70 })
    .toBuffer();
}

/** Front matter + body as an editor would write it. */
export function article(fields: Record<string, unknown>, body = "正文内容。"): string {
  const yaml = Object.entries(fields)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join("\n");
  return `---\n${yaml}\n---\n${body}\n`;
}

export async function fixture(files: Files, options: { site?: string; columns?: string } = {}): Promise<Fixture> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "portal-fixture-"));
  const out = path.join(root, "_site");
  const all: Files = {
    "content/_data/site.yaml": options.site ?? FIXTURE_SITE,
    "content/_data/columns.yaml": options.columns ?? FIXTURE_COLUMNS,
    ...files,
  };
  const f: Fixture = {
    root,
    out,
    async read(rel) {
      return fs.readFile(path.join(out, rel), "utf8");
    },
    async exists(rel) {
      return fs.stat(path.join(out, rel)).then(
        () => true,
        () => false,
      );
    },
    async write(rel, data) {
      const p = path.join(root, rel);
      await fs.mkdir(path.dirname(p), { recursive: true });
      await fs.writeFile(p, data);
    },
    async build(extra = {}) {
      delete f.error;
      try {
        f.result = await buildSite({ root, outputDir: out, quiet: true, now: FIXTURE_NOW, search: false, warn: () => {}, ...extra });
      } catch (error) {
        f.error = error as Fixture["error"];
      }
      return f;
    },
    async cleanup() {
      await fs.rm(root, { recursive: true, force: true });
    },
  };
  for (const [rel, data] of Object.entries(all)) await f.write(rel, data);
  return f;
}
