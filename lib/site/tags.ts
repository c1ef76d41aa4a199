/**
 * Tag pages (issue #17): /tags/ lists every tag with its count, /tags/<slug>/ a tag's articles,
 * paginated like a column list. A tag's slug is its pinyin (suggestSlug, the rule `npm run new`
 * uses for folders), so the address is ASCII and the same in both editions; two tags whose pinyin
 * is the same (or that have none) get -2, -3… in the order of their names, so slugs never change
 * with the order articles were read in. Derived once per build in O(tags on all articles).
 */
import type { Article, ContentModel } from "../content/load.ts";
import { suggestSlug } from "../content/paths.ts";
import { paginate, type Paged } from "./paginate.ts";

export const TAGS_URL = "/tags/";

export interface Tag {
  name: string;
  slug: string;
  /** First page of the tag's list (site URL without the edition folder). */
  url: string;
  /** Its published articles, newest first. */
  articles: Article[];
}

export interface SiteTags {
  /** Most used first, then by name (Chinese collation): the order of the /tags/ page. */
  all: Tag[];
  byName: Map<string, Tag>;
}

export interface TagIndexPage {
  kind: "index";
  url: string;
  tags: Tag[];
}

export interface TagListPage extends Paged {
  kind: "tag";
  tag: Tag;
}

export type TagPage = TagIndexPage | TagListPage;

const collator = new Intl.Collator("zh-CN");

export function siteTags(articles: readonly Article[]): SiteTags {
  const lists = new Map<string, Article[]>();
  // articles are newest first, so every tag's list is too.
  for (const a of articles) for (const t of new Set(a.tags)) (lists.get(t) ?? lists.set(t, []).get(t)!).push(a);
  const names = [...lists.keys()].sort(collator.compare);
  const taken = new Set<string>();
  const byName = new Map<string, Tag>();
  for (const name of names) {
    const base = suggestSlug(name).replace(/^article$/, "tag");
    // Free, also against slugs that end in a number of their own (中医2 is zhong-yi-2 too).
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    byName.set(name, { name, slug, url: `${TAGS_URL}${slug}/`, articles: lists.get(name)! });
  }
  const all = [...byName.values()].sort((a, b) => b.articles.length - a.articles.length || collator.compare(a.name, b.name));
  return { all, byName };
}

/** The /tags/ page (when any article has a tag) and every page of every tag's list. */
export function tagPages(model: Pick<ContentModel, "site">, tags: SiteTags): TagPage[] {
  if (!tags.all.length) return [];
  const pages: TagPage[] = [{ kind: "index", url: TAGS_URL, tags: tags.all }];
  for (const tag of tags.all) pages.push(...paginate({ kind: "tag" as const, tag }, tag.url, tag.articles, model.site.pageSize));
  return pages;
}
