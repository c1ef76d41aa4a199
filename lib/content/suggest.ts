/**
 * "Did you mean …?" for editors: the closest known field name to a misspelt key, and the file in
 * the article's folder that a mistyped photo or attachment name most likely meant.
 */

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions: titel → title is 1). */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[s.length]![t.length]!;
}

/**
 * The known name closest to `key` within edit distance 2 (case ignored), or undefined. A key of one
 * or two characters only matches at distance 1, so short keys are not "corrected" into anything.
 */
export function didYouMean(key: string, known: readonly string[]): string | undefined {
  const k = key.toLowerCase();
  const limit = [...k].length <= 2 ? 1 : 2;
  let best: { name: string; d: number } | undefined;
  for (const name of known) {
    const d = editDistance(k, name.toLowerCase());
    if (d <= limit && d < [...k].length && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}

/** The same up to case and the characters a camera name is mistyped with: O/0, l/I/1. */
const loose = (name: string): string => name.toLowerCase().replace(/o/g, "0").replace(/[li]/g, "1");

const stem = (name: string): string => name.replace(/\.[^./]*$/, "");

/** a and b equal except for two neighbouring characters swapped (IMG_5180 / IMG_5108). */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i < a.length - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/**
 * Files in `names` (the article folder's entries) that `wanted` plausibly meant: same name in another
 * case or extension case, O for 0 and l for 1, two neighbouring characters swapped, or the name
 * without its extension (Windows hides extensions). Best matches first; empty when nothing is close.
 */
export function nearNames(wanted: string, names: readonly string[]): string[] {
  const w = loose(wanted);
  const ranked: { name: string; rank: number }[] = [];
  for (const name of names) {
    if (name === wanted) continue;
    const n = loose(name);
    let rank = -1;
    if (name.toLowerCase() === wanted.toLowerCase()) rank = 0;
    else if (n === w) rank = 1;
    else if (swapped(n, w)) rank = 2;
    else if (loose(stem(name)) === w || loose(stem(wanted)) === n) rank = 3;
    else if (swapped(loose(stem(name)), loose(stem(wanted))) && stem(name).length > 3) rank = 4;
    if (rank >= 0) ranked.push({ name, rank });
  }
  return ranked.sort((a, b) => a.rank - b.rank || (a.name < b.name ? -1 : 1)).map((r) => r.name);
}
