import assert from "node:assert/strict";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import { buildColumnTree } from "../content/columns.ts";
import { parseDate } from "../content/dates.ts";
import { ColumnsFileSchema, FIELD_NAMES_ZH, FrontMatterSchema, PhotoSchema, SiteSchema } from "../content/schema.ts";
import { adminPage, adminScript } from "./admin.ts";
import { articleColumns, cmsConfig, cmsConfigYaml, CmsSettingsSchema, knownSources, type CmsBackend } from "./config.ts";
import { articleFields, DATE_FORMAT, NOT_OFFERED } from "./fields.ts";
import { adminCsp, adminHeaders, adminHeadersBlock } from "./headers.ts";
import { previewHtml } from "./preview.ts";
import { publishAdmin } from "./publish.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

async function realModel() {
  const columns = ColumnsFileSchema.parse(yaml.load(await fs.readFile(path.join(ROOT, "content/_data/columns.yaml"), "utf8"), { schema: yaml.CORE_SCHEMA }));
  const site = SiteSchema.parse(yaml.load(await fs.readFile(path.join(ROOT, "content/_data/site.yaml"), "utf8"), { schema: yaml.CORE_SCHEMA }));
  const { tree } = buildColumnTree(columns.home, columns.columns);
  return { site, tree };
}

const LOCAL: CmsBackend = { name: "local", proxyUrl: "http://127.0.0.1:8081/api/v1" };

describe("CMS config generated from the project's model", () => {
  it("offers every front-matter field of the schema (or says why not): fails when the schema gains one", () => {
    const offered = new Set(articleFields({ sources: [] }).map((f) => f.name));
    for (const key of Object.keys(FrontMatterSchema.shape)) {
      assert.ok(offered.has(key) || key in NOT_OFFERED, `front-matter field "${key}" is neither offered by the CMS (lib/cms/fields.ts) nor listed in NOT_OFFERED`);
    }
    for (const name of offered) assert.ok(name === "body" || name in FrontMatterSchema.shape, `CMS field "${name}" is not in the schema`);
  });

  it("labels fields with the names npm run check uses, and takes limits from the schema", () => {
    const fields = articleFields({ sources: ["组织人事科"] });
    for (const f of fields) if (f.name !== "body") assert.equal(f.label, FIELD_NAMES_ZH[f.name], f.name);
    const title = fields.find((f) => f.name === "title")!;
    assert.deepEqual(title.pattern?.[0], "^[\\s\\S]{1,200}$");
    assert.ok(new RegExp(fields.find((f) => f.name === "summary")!.pattern![0]).test(""));
    assert.ok(!new RegExp(fields.find((f) => f.name === "summary")!.pattern![0]).test("字".repeat(501)));
    const photos = fields.find((f) => f.name === "photos")!;
    // Every key of a photo item in the schema (the object form of PhotoSchema) is offered.
    assert.deepEqual(
      photos.fields?.map((f) => f.name),
      Object.keys(PhotoSchema.options[1].shape),
    );
    assert.deepEqual(fields.find((f) => f.name === "source")!.options, ["组织人事科"]);
    // Optional schema fields are optional in the editor (Decap's default is required).
    for (const f of fields) if (["slug", "summary", "author", "tags", "cover", "photos", "attachments", "draft"].includes(f.name)) assert.equal(f.required, false, f.name);
  });

  it("stores dates in a form lib/content/dates.ts reads as Beijing time", () => {
    assert.equal(DATE_FORMAT, "YYYY-MM-DD HH:mm");
    assert.equal(parseDate("2025-05-20 09:30")?.toISO(), "2025-05-20T09:30:00.000+08:00");
  });

  it("makes one page-bundle collection per column that takes articles, from columns.yaml", async () => {
    const { site, tree } = await realModel();
    const config = cmsConfig({ site, columns: tree, sources: [], backend: LOCAL });
    assert.equal(config.locale, "zh_Hans");
    const leaves = articleColumns(tree);
    assert.deepEqual(
      config.collections.map((c) => c.name),
      leaves.map((c) => c.key),
    );
    const jydt = config.collections.find((c) => c.name === "jydt")!;
    assert.equal(jydt.label, "教育动态");
    assert.equal(jydt.folder, "content/news/jydt");
    assert.equal(jydt.path, "{{slug}}/index");
    assert.equal(jydt.media_folder, "");
    assert.equal(jydt.public_folder, "");
    assert.equal(jydt.slug, "{{fields.slug}}");
    assert.match(String(jydt.description), /^教育局 › 新闻中心 › 教育动态。网址：\/news\/jydt\/年份\/网址名\/$/);
    const again = yaml.load(cmsConfigYaml(config)) as typeof config;
    assert.deepEqual(
      again.collections.map((c) => c.name),
      leaves.map((c) => c.key),
    );
    assert.equal(config.publish_mode, undefined, "local fs mode publishes directly");
  });

  it("each self-hosted backend gets the config its Decap backend reads: GitLab and Forgejo with the editorial workflow, Gitea a review branch", async () => {
    const { site, tree } = await realModel();
    const generate = (backend: Record<string, unknown>) => cmsConfig({ site, columns: tree, sources: [], backend: CmsSettingsSchema.parse({ backend }).backend });
    const base = { repo: "jyj/portal", base_url: "https://git.jyj.example.gov.cn", app_id: "abc" };

    const gitlab = generate({ name: "gitlab", ...base });
    assert.equal(gitlab.publish_mode, "editorial_workflow", "merge requests, approved by a 科长");
    assert.deepEqual(gitlab.backend, {
      name: "gitlab",
      repo: "jyj/portal",
      branch: "main",
      base_url: "https://git.jyj.example.gov.cn",
      api_root: "https://git.jyj.example.gov.cn/api/v4",
      auth_type: "pkce",
      app_id: "abc",
      squash_merges: false,
      cms_label_prefix: "cms/",
    });

    // decap-cms-backend-forgejo 3.4.3: PKCE login with app_id, the server derived from api_root
    // (…/api/v1, required), the editorial workflow as pull requests with cms/ status labels.
    const forgejo = generate({ name: "forgejo", ...base });
    assert.equal(forgejo.publish_mode, "editorial_workflow");
    assert.deepEqual(forgejo.backend, { name: "forgejo", repo: "jyj/portal", branch: "main", api_root: "https://git.jyj.example.gov.cn/api/v1", app_id: "abc", cms_label_prefix: "cms/" });
    assert.equal(
      (generate({ name: "forgejo", ...base, base_url: "https://git.jyj.example.gov.cn/", api_root: "https://git.jyj.example.gov.cn/forgejo/api/v1" }).backend as { api_root: string }).api_root,
      "https://git.jyj.example.gov.cn/forgejo/api/v1",
    );
    assert.equal(CmsSettingsSchema.safeParse({ backend: { name: "forgejo", ...base, api_root: "https://git.jyj.example.gov.cn/api" } }).success, false, "Decap's Forgejo login needs …/api/v1");

    // decap-cms-backend-gitea 3.5.3 throws "The Gitea backend does not support editorial workflow".
    const gitea = generate({ name: "gitea", ...base });
    assert.equal(gitea.publish_mode, undefined);
    assert.deepEqual(gitea.backend, { name: "gitea", repo: "jyj/portal", branch: "cms", base_url: "https://git.jyj.example.gov.cn", api_root: "https://git.jyj.example.gov.cn/api/v1", app_id: "abc" });

    assert.equal(CmsSettingsSchema.safeParse({ backend: { name: "gitlab", repo: "portal", base_url: "x", app_id: "" } }).success, false);
    assert.equal(CmsSettingsSchema.safeParse({ backend: { name: "forgejo", repo: "jyj/portal", base_url: "https://x.cn", app_id: "" } }).success, false, "app_id required");
  });

  it("the Decap backends the config names are in what /admin/ serves, and the Gitea one still refuses the workflow", async () => {
    const gitea = await fs.readFile(path.join(ROOT, "node_modules/decap-cms-backend-gitea/dist/esm/implementation.js"), "utf8");
    assert.match(gitea, /The Gitea backend does not support editorial workflow/, "re-check docs/publishing.md when Decap's Gitea backend gains the workflow");
    const forgejo = await fs.readFile(path.join(ROOT, "node_modules/decap-cms-backend-forgejo/dist/esm/implementation.js"), "utf8");
    assert.match(forgejo, /editorialWorkflowGit/);
    const app = await fs.readFile(path.join(ROOT, "node_modules/decap-cms-app/dist/esm/extensions.js"), "utf8");
    for (const name of ["gitlab", "gitea", "forgejo", "proxy"]) assert.match(app, new RegExp(`registerBackend\\('${name}'`));
  });

  it("offers known 信息来源 most used first", () => {
    assert.deepEqual(knownSources(["办公室", "组织人事科", "办公室", " 办公室 "], ["基础教育科", "办公室"]), ["办公室", "组织人事科", "基础教育科"]);
  });
});

describe("admin page, script and headers", () => {
  it("deploy/nginx-admin.conf sends lib/cms/headers.ts's /admin/ headers; the site's CSP is unchanged", async () => {
    const conf = await fs.readFile(path.join(ROOT, "deploy/nginx-admin.conf"), "utf8");
    const nginx: Record<string, string> = {};
    for (const m of conf.matchAll(/^\s*add_header\s+(\S+)\s+"([^"]*)"\s+always;/gm)) nginx[m[1]!] = m[2]!;
    assert.deepEqual(nginx, adminHeaders("https://git.jyj.example.gov.cn"));
    assert.ok(!adminCsp().includes("'unsafe-inline'") || adminCsp().includes("style-src 'self' 'unsafe-inline'"), "inline allowed for styles only");
    assert.doesNotMatch(adminCsp(), /script-src[^;]*unsafe-inline/);
    const block = adminHeadersBlock("/jyj/", "https://git.example.cn");
    assert.match(block, /^\/jyj\/admin\/\*\n {2}! Content-Security-Policy\n {2}Content-Security-Policy: default-src 'self';[^\n]*https:\/\/git\.example\.cn[^\n]*\n {2}Cache-Control: no-cache\n$/);
  });

  it("the admin page loads only local files; the script is bundled for the browser", async () => {
    const page = adminPage({ siteName: "<区>教育局", collections: ["jydt", "tzgg"], decapKey: "0123456789abcdef" });
    assert.match(page, /<html lang="zh-CN">/);
    assert.match(page, /&lt;区&gt;教育局/);
    assert.doesNotMatch(page, /https?:\/\//, "no CDN");
    assert.match(page, /content="jydt,tzgg"/);
    const script = await adminScript();
    assert.doesNotMatch(script, /require\(|from"node:|import\("node:/);
    assert.match(script, /portal-source/);
    assert.match(page, /src="decap\/decap-cms\.js\?v=0123456789abcdef"/);
  });

  it("the preview escapes what editors type and renders Markdown as the build does (no raw HTML)", () => {
    const markup = previewHtml({ title: "<script>x</script>", date: "2025-05-20 09:30", source: "办公室", body: "# 小标题\n\n<b>粗</b> **粗**" });
    assert.match(markup, /<h1 class="article-title">&lt;script&gt;x&lt;\/script&gt;<\/h1>/);
    assert.match(markup, /<h2>小标题<\/h2>/);
    assert.match(markup, /&lt;b&gt;粗&lt;\/b&gt; <strong>粗<\/strong>/);
    assert.match(markup, /<time datetime="2025-05-20T09:30:00\+08:00">2025-05-20<\/time>/);
  });

  it("publishAdmin writes nothing without content/_data/cms.yaml, and /admin/ plus its _headers block with one", async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), "cms-publish-"));
    try {
      await fs.mkdir(path.join(root, "content/_data"), { recursive: true });
      for (const f of ["site.yaml", "columns.yaml"]) await fs.copyFile(path.join(ROOT, "content/_data", f), path.join(root, "content/_data", f));
      const { site, tree } = await realModel();
      const out = path.join(root, "_site");
      await fs.mkdir(out);
      await fs.writeFile(path.join(out, "_headers"), "/*\n  X-Test: 1\n");
      const model = { root, contentDir: path.join(root, "content"), site, columns: tree, articles: [] };
      assert.equal(await publishAdmin(out, model), undefined);
      await assert.rejects(fs.stat(path.join(out, "admin")));
      await fs.writeFile(path.join(root, "content/_data/cms.yaml"), "backend:\n  name: gitlab\n  repo: jyj/portal\n  base_url: https://git.jyj.example.gov.cn\n  app_id: abc123\nsources: [办公室]\n");
      const result = await publishAdmin(out, model);
      assert.equal(result?.files, 7);
      const config = yaml.load(await fs.readFile(path.join(out, "admin/config.yml"), "utf8")) as { backend: { name: string }; collections: { fields: { name: string; options?: string[] }[] }[] };
      assert.equal(config.backend.name, "gitlab");
      assert.ok(config.collections[0]!.fields.find((f) => f.name === "source")!.options!.includes("办公室"));
      assert.ok((await fs.stat(path.join(out, "admin/decap/decap-cms.js"))).size > 1_000_000);
      const headers = await fs.readFile(path.join(out, "_headers"), "utf8");
      assert.match(headers, /^\/\*\n {2}X-Test: 1\n\/admin\/\*\n {2}! Content-Security-Policy\n/);
      await publishAdmin(out, model);
      assert.equal((await fs.readFile(path.join(out, "_headers"), "utf8")).split("/admin/*").length, 2, "appended once");
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});
