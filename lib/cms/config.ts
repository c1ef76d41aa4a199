/**
 * Decap CMS configuration generated from the project's own model — never written by hand:
 * one folder collection per column that takes articles (content/_data/columns.yaml, with its
 * 中文 name and URL rule), fields from the front-matter schema (lib/cms/fields.ts), articles as
 * page bundles (`<column path>/<slug>/index.md`, photos beside it).
 *
 * Backends: `local` (npm run cms: decap-server on 127.0.0.1), `gitlab` (self-hosted GitLab,
 * PKCE login, editorial workflow = merge requests), `forgejo` (Forgejo, decap-cms-backend-forgejo:
 * PKCE login, editorial workflow = pull requests with status labels), `gitea` (Gitea: Decap
 * 3.16's Gitea backend has no editorial workflow, so it publishes to `branch`, which should not
 * be main; a 科长 merges that branch with a pull request in Gitea). docs/publishing.md says what
 * was tested against which server (none: no server here).
 * The site's settings live in content/_data/cms.yaml (CmsSettingsSchema).
 */
import yaml from "js-yaml";
import { z } from "zod";
import type { Column, ColumnTree } from "../content/columns.ts";
import type { SiteConfig } from "../content/schema.ts";
import { articleFields, type CmsField } from "./fields.ts";

/** content/_data/cms.yaml: how the deployed /admin/ reaches the bureau's Git server. */
export const CmsSettingsSchema = z.object({
  enabled: z.boolean().default(true),
  backend: z.discriminatedUnion("name", [
    z.object({
      name: z.literal("gitlab"),
      /** group/project */
      repo: z.string().regex(/^[^/\s]+(\/[^/\s]+)+$/, "repo 须写成 组/项目，如 jyj/portal"),
      branch: z.string().default("main"),
      /** https://git.jyj.example.gov.cn */
      base_url: z.string().url(),
      /** default: base_url + /api/v4 */
      api_root: z.string().url().optional(),
      /** The OAuth application's ID (Application ID) in GitLab. */
      app_id: z.string().min(1),
    }),
    z.object({
      name: z.literal("forgejo"),
      repo: z.string().regex(/^[^/\s]+\/[^/\s]+$/, "repo 须写成 组织/仓库，如 jyj/portal"),
      branch: z.string().default("main"),
      base_url: z.string().url(),
      /** default: base_url + /api/v1 (Decap's Forgejo login derives the server from it: it must end in /api/v1). */
      api_root: z
        .string()
        .url()
        .regex(/\/api\/v1\/?$/, "api_root 须以 /api/v1 结尾，如 https://git.jyj.example.gov.cn/api/v1")
        .optional(),
      /** The OAuth2 application's Client ID in Forgejo (a public client: PKCE, no secret). */
      app_id: z.string().min(1),
    }),
    z.object({
      name: z.literal("gitea"),
      repo: z.string().regex(/^[^/\s]+\/[^/\s]+$/, "repo 须写成 组织/仓库，如 jyj/portal"),
      /** Where the CMS commits; a 科长 merges it into main with a pull request. */
      branch: z.string().default("cms"),
      base_url: z.string().url(),
      api_root: z.string().url().optional(),
      app_id: z.string().min(1),
    }),
  ]),
  /** 信息来源 offered in the list besides those already used by articles. */
  sources: z.array(z.string().trim().min(1)).default([]),
});
export type CmsSettings = z.infer<typeof CmsSettingsSchema>;

export type CmsBackend = { name: "local"; /** decap-server's API URL, e.g. http://127.0.0.1:8081/api/v1 */ proxyUrl: string; workflow?: boolean } | CmsSettings["backend"];

export interface CmsConfigInput {
  site: Pick<SiteConfig, "name" | "baseUrl" | "pathPrefix" | "owner">;
  columns: ColumnTree;
  /** 信息来源 already used, most used first (knownSources()). */
  sources: readonly string[];
  /** Column key → its own or inherited defaultSource. */
  defaultSources?: ReadonlyMap<string, string>;
  backend: CmsBackend;
  /** Folder of the articles relative to the repository root (default "content"). */
  contentDir?: string;
}

/** Columns that take articles: the leaves of the tree (a section only lists its sub-columns). */
export const articleColumns = (tree: ColumnTree): Column[] => tree.leaves.filter((c) => c.type !== "section");

/** 信息来源 in the order offered: most used first, then configured ones, no duplicates. */
export function knownSources(used: readonly string[], extra: readonly string[] = []): string[] {
  const counts = new Map<string, number>();
  for (const s of used) counts.set(s.trim(), (counts.get(s.trim()) ?? 0) + 1);
  const byUse = [...counts.entries()]
    .filter(([s]) => s)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "zh-CN"))
    .map(([s]) => s);
  return [...new Set([...byUse, ...extra.map((s) => s.trim()).filter(Boolean)])];
}

export interface CmsConfig {
  [key: string]: unknown;
  collections: Array<{ name: string; folder: string; fields: CmsField[]; [key: string]: unknown }>;
}

export function cmsConfig(input: CmsConfigInput): CmsConfig {
  const contentDir = (input.contentDir ?? "content").replace(/\/+$/, "");
  const b = input.backend;
  const backend =
    b.name === "local"
      ? { name: "proxy", proxy_url: b.proxyUrl, branch: "main" }
      : b.name === "gitlab"
        ? {
            name: "gitlab",
            repo: b.repo,
            branch: b.branch,
            base_url: b.base_url,
            api_root: b.api_root ?? `${b.base_url.replace(/\/+$/, "")}/api/v4`,
            auth_type: "pkce",
            app_id: b.app_id,
            squash_merges: false,
            cms_label_prefix: "cms/",
          }
        : b.name === "forgejo"
          ? { name: "forgejo", repo: b.repo, branch: b.branch, api_root: b.api_root ?? `${b.base_url.replace(/\/+$/, "")}/api/v1`, app_id: b.app_id, cms_label_prefix: "cms/" }
          : { name: "gitea", repo: b.repo, branch: b.branch, base_url: b.base_url, api_root: b.api_root ?? `${b.base_url.replace(/\/+$/, "")}/api/v1`, app_id: b.app_id };
  const workflow = b.name === "gitlab" || b.name === "forgejo" || (b.name === "local" && Boolean(b.workflow));
  const siteUrl = new URL(input.site.pathPrefix, input.site.baseUrl).href;
  return {
    locale: "zh_Hans",
    backend,
    ...(workflow ? { publish_mode: "editorial_workflow" } : {}),
    site_url: siteUrl,
    display_url: siteUrl,
    logo_url: undefined,
    // Uploads outside an article (none of our fields uses it): kept out of the build's way.
    media_folder: `${contentDir}/_media`,
    public_folder: "",
    // Applies to uploaded file names (characters a URL cannot hold become "-"; their case is kept:
    // patches/decap-cms-core+3.19.1.patch); article slugs come from the
    // project's own pinyin rule (the slug field, filled in before saving — see browser/admin.ts).
    slug: { encoding: "unicode", clean_accents: false, sanitize_replacement: "-" },
    show_preview_links: false,
    search: true,
    collections: articleColumns(input.columns).map((c) => {
      const defaultSource = input.defaultSources?.get(c.key);
      return {
        name: c.key,
        label: c.name,
        label_singular: "文章",
        description: `${c.trail.map((t) => t.name).join(" › ")}。网址：/${c.path}/年份/网址名/`,
        folder: `${contentDir}/${c.path}`,
        path: "{{slug}}/index",
        extension: "md",
        format: "frontmatter",
        create: true,
        delete: false,
        // The slug field, set from the title's pinyin before saving when left empty.
        slug: "{{fields.slug}}",
        identifier_field: "title",
        summary: "{{title}}",
        sortable_fields: ["date", "title"],
        // Page bundle: photos and attachments beside index.md, named in front matter by file name.
        media_folder: "",
        public_folder: "",
        editor: { preview: true },
        fields: articleFields({ sources: input.sources, ...(defaultSource ? { defaultSource } : {}) }),
      };
    }),
  };
}

/** The config as YAML (config.yml beside the admin page). */
export function cmsConfigYaml(config: CmsConfig): string {
  const clean = JSON.parse(JSON.stringify(config)) as unknown;
  return `# Generated by lib/cms/config.ts from content/_data/columns.yaml and lib/content/schema.ts. Do not edit.\n${yaml.dump(clean, { lineWidth: -1, noRefs: true })}`;
}
