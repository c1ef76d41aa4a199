/**
 * Slugs for new articles: ASCII, stable, split at word boundaries. The headline is cut into words
 * by ICU's dictionary (Intl.Segmenter), a lone character joins its neighbour (中+小学 → 中小学,
 * 科技+节 → 科技节, 2025+年 → 2025年), particles are dropped, and each word is one pinyin run:
 * 我区举行中小学科技节 → juxing-zhongxiaoxue-kejijie.
 */
import { pinyin } from "pinyin-pro";

/** Words a suggested slug keeps. */
const SLUG_WORDS = 6;
const SLUG_MAX = 40;

/** Openings that every headline of a bureau shares: they make slugs long and alike. */
const GENERIC_OPENINGS = /^(关于|我区|我局|本区|区教育局|市教育局|县教育局|教育局)+/;
/** Particles that carry no meaning in a URL. */
const PARTICLES = new Set(["的", "之", "了", "和", "与", "及"]);
/** Counters that belong to the number before them (2025年, 第3届). */
const COUNTERS = new Set(["年", "月", "日", "届", "期", "号", "次", "个", "名", "所"]);
const CJK = /^[\u3400-\u9fff]+$/;
const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

/** Characters that end a word when they stand alone after one (科技+节, 部署+会, 演讲+赛). */
const SUFFIXES = new Set([..."节会赛展周课馆园班部局科处室站组队团营式典礼"]);

/**
 * The headline's words: ICU word segments, particles dropped, and lone characters joined: after a
 * number when a counter (2025年), to the word before when a suffix (科技节), in pairs when several
 * stand together (强基|铸魂), else to the next word (中+小学).
 */
function titleWords(text: string): string[] {
  const raw = [...segmenter.segment(text)]
    .filter((s) => s.isWordLike)
    .map((s) => s.segment)
    .filter((w) => !PARTICLES.has(w));
  const words: string[] = [];
  let pending = "";
  const isCjk = (w: string | undefined) => w !== undefined && CJK.test(w);
  raw.forEach((w, i) => {
    const next = raw[i + 1];
    const prev = words[words.length - 1];
    if (isCjk(w) && [...w].length === 1) {
      if (!pending && prev !== undefined && /\d$/.test(prev) && COUNTERS.has(w)) {
        words[words.length - 1] = prev + w;
        return;
      }
      if (!pending && SUFFIXES.has(w) && isCjk(prev)) {
        words[words.length - 1] = prev + w;
        return;
      }
      if (pending) {
        words.push(pending + w);
        pending = "";
        return;
      }
      if (isCjk(next)) {
        pending = w;
        return;
      }
      if (isCjk(prev)) {
        words[words.length - 1] = prev + w;
        return;
      }
    }
    words.push(pending + w);
    pending = "";
  });
  if (pending) words.push(pending);
  return words;
}

/** One word as ASCII: pinyin syllables run together, other text lower-cased, anything else dropped. */
const asciiWord = (word: string): string =>
  pinyin(word, { toneType: "none", type: "array", nonZh: "consecutive", v: true })
    .join("")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");

/** A short, readable ASCII slug from a headline: pinyin of its first words, generic openings dropped. */
export function slugForTitle(title: string): string {
  const trimmed = title.trim().replace(/^[“"《【[(（\s]+/, "");
  const core = trimmed.replace(GENERIC_OPENINGS, "") || trimmed;
  const words = titleWords(core).map(asciiWord).filter(Boolean);
  let slug = "";
  for (const word of words.slice(0, SLUG_WORDS)) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > SLUG_MAX) break;
    slug = next;
  }
  return slug || words[0]?.slice(0, SLUG_MAX) || "article";
}
