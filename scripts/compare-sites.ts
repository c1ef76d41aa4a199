/**
 * npm run compare-sites -- A B — compares two built sites file by file (resized photos and the
 * search bundle excluded): how many files are identical to the byte, how many only after undoing
 * the intended markup fixes of the one-pipeline redesign (listed in NORMALISE), and which differ.
 * Used to show that a redesign changed no page except on purpose (docs/performance.md).
 */
import fs from "node:fs/promises";
import path from "node:path";

const [a, b] = process.argv.slice(2);
if (!a || !b) {
  console.error("usage: npm run compare-sites -- <site A> <site B>");
  process.exit(2);
}

/** Intended fixes, undone before comparing. */
const NORMALISE: [RegExp, string][] = [
  // Registration numbers and the 简体 link keep their text in the 繁體 edition.
  [/ translate="no"/g, ""],
  [/(href="https:\/\/beian\.(?:miit|mps)\.gov\.cn\/[^"]*" rel="noopener" target="_blank">)[^<]*/g, "$1#"],
  // The lightbox's words travel with the gallery.
  [/ data-text-dialog="[^"]*" data-text-close="[^"]*" data-text-prev="[^"]*" data-text-next="[^"]*" data-text-position="[^"]*"/g, ""],
];
const normalise = (text: string) => NORMALISE.reduce((t, [re, to]) => t.replace(re, to), text);

async function list(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out.push(path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
  }
  return out.filter((f) => !f.startsWith("pagefind/") && !f.startsWith("img/")).sort();
}

const [la, lb] = await Promise.all([list(a), list(b)]);
const inB = new Set(lb);
const inA = new Set(la);
let same = 0;
let sameAfterFixes = 0;
const differ: string[] = [];
for (const f of la.filter((x) => inB.has(x))) {
  const [x, y] = await Promise.all([fs.readFile(path.join(a, f)), fs.readFile(path.join(b, f))]);
  if (x.equals(y)) same++;
  else if (normalise(x.toString("utf8")) === normalise(y.toString("utf8"))) sameAfterFixes++;
  else differ.push(f);
}
const onlyA = la.filter((f) => !inB.has(f));
const onlyB = lb.filter((f) => !inA.has(f));
console.log(JSON.stringify({ files: la.length, identical: same, identicalAfterIntendedFixes: sameAfterFixes, differ: differ.length, onlyInA: onlyA.length, onlyInB: onlyB.length }));
for (const f of differ) console.log(`differs: ${f}`);
for (const f of onlyA) console.log(`only in A: ${f}`);
for (const f of onlyB) console.log(`only in B: ${f}`);
