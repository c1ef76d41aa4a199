// Run: node --import tsx scripts/bench-markdown.ts (from the repository root).
// Markdown render cost of the #19 plugins: the portal's createMarkdown() against the same
// markdown-it setup without them, over the 4,000 bodies of bench-corpus, interleaved 5 rounds.
import fs from "node:fs";
import path from "node:path";
import MarkdownIt from "markdown-it";
import { createMarkdown } from "../lib/markdown.ts";
import { inlinePhotoRefs } from "../lib/content/inline-photos.ts";
const files: string[] = [];
const walk = (d: string) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    if (e.isDirectory()) walk(path.join(d, e.name));
    else if (e.name.endsWith(".md")) files.push(path.join(d, e.name));
  }
};
walk("bench-corpus");
const bodies = files.map((f) => fs.readFileSync(f, "utf8").replace(/^---[\s\S]*?\n---\n/, ""));
// Every fourth body becomes a notice with 主送, a level-1 heading, an inline photo and a 落款.
const withNotice = bodies.map((b, i) => (i % 4 === 0 ? `::: 主送\n各学校：\n:::\n\n## 一、要求\n\n${b}\n\n![现场](IMG_1.JPG)\n\n::: 落款\n示范区教育局\n2024年7月1日\n:::\n` : b));
const portal = createMarkdown();
const bare = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
const time = (fn: () => void) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};
const r: Record<string, number[]> = { bare: [], portal: [], refs: [] };
for (let round = 0; round < 5; round++) {
  r.bare!.push(
    time(() => {
      for (const b of withNotice) bare.render(b, {});
    }),
  );
  r.portal!.push(
    time(() => {
      for (const b of withNotice) portal.render(b, { photo: () => undefined });
    }),
  );
  r.refs!.push(
    time(() => {
      for (const b of withNotice) inlinePhotoRefs(b);
    }),
  );
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[2]!;
console.log(`bodies ${bodies.length}, KB ${Math.round(withNotice.join("").length / 1024)}`);
console.log(
  `median ms: bare ${med(r.bare!).toFixed(0)}, portal(with #19 plugins) ${med(r.portal!).toFixed(0)}, ratio ${(med(r.portal!) / med(r.bare!)).toFixed(2)}; inlinePhotoRefs over all bodies ${med(r.refs!).toFixed(1)}`,
);
