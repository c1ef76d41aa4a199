/**
 * Writes the benchmark corpus: a complete site root with N articles (see scripts/lib/corpus.ts).
 *
 *   tsx scripts/generate-corpus.ts [--out bench-corpus] [--articles 4000] [--seed 1]
 *        [--photos-per-article 0] [--photo-share 1] [--photo-size 5472x3648] [--photo-quality 92]
 *
 * Deterministic: the same options give the same files, byte for byte. The folder's content/ is
 * replaced; its .cache/ (processed images) is kept, and stays valid because photos are identical.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { CORPUS_DEFAULTS, generateCorpus } from "./lib/corpus.ts";

const { values } = parseArgs({
  options: {
    out: { type: "string", default: "bench-corpus" },
    articles: { type: "string", default: String(CORPUS_DEFAULTS.articles) },
    seed: { type: "string", default: String(CORPUS_DEFAULTS.seed) },
    "photos-per-article": { type: "string", default: String(CORPUS_DEFAULTS.photosPerArticle) },
    "photo-share": { type: "string", default: String(CORPUS_DEFAULTS.photoShare) },
    "photo-size": { type: "string", default: `${CORPUS_DEFAULTS.photoWidth}x${CORPUS_DEFAULTS.photoHeight}` },
    "photo-quality": { type: "string", default: String(CORPUS_DEFAULTS.photoQuality) },
  },
});

export function parsePhotoSize(text: string): { width: number; height: number } {
  const m = /^(\d+)[x×](\d+)$/i.exec(text.trim());
  if (!m) throw new Error(`--photo-size must look like 5472x3648, got ${text}`);
  return { width: Number(m[1]), height: Number(m[2]) };
}

const size = parsePhotoSize(values["photo-size"]);
const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const summary = await generateCorpus({
  out: path.resolve(values.out),
  repoRoot,
  articles: Number(values.articles),
  seed: Number(values.seed),
  photosPerArticle: Number(values["photos-per-article"]),
  photoShare: Number(values["photo-share"]),
  photoWidth: size.width,
  photoHeight: size.height,
  photoQuality: Number(values["photo-quality"]),
  firstYear: CORPUS_DEFAULTS.firstYear,
  lastYear: CORPUS_DEFAULTS.lastYear,
  log: (line) => console.log(line),
});
console.log(
  `语料已生成 Corpus written to ${values.out}/: ${summary.articles} articles, ${summary.photos} photos (${(summary.photoBytes / 1e6).toFixed(0)} MB), ` +
    `${summary.attachments} attachments, ${(summary.markdownBytes / 1e6).toFixed(1)} MB Markdown in ${(summary.ms / 1000).toFixed(1)} s`,
);
