/**
 * 公文 layout in Markdown (issue #19), with no raw HTML:
 *
 * - Containers, a line `::: 主送` (or `::: 落款`, `::: 附件说明`) opening and a line `:::` closing:
 *     ::: 主送                     → <div class="gongwen-zhusong">   flush left, no indent
 *     ::: 落款                     → <div class="gongwen-luokuan">   right-aligned, one line each
 *     ::: 附件说明                 → <div class="gongwen-fujian">    附件：1. … 2. … hanging indent
 *   Inside 落款 each source line stays its own line (organisation, then 成文日期), stacked.
 *   An unknown name after ::: is left as text (the check reports nothing: it is just a paragraph).
 * - Numbered 公文 heading levels: a heading whose text starts with 一、 / （一） / 1. / （1） gets
 *   class "gongwen-level gongwen-level-N" (N = 1…4), styled as 公文 levels (assets/css/site.css,
 *   section 公文), not as large web headings. The heading element stays (outline, screen readers).
 *
 * Class names are ASCII, the words are the editor's: opencc converts the text of the 繁體
 * edition, the markup is the same in both.
 */
import type { MarkdownIt as MarkdownItInstance, StateBlock } from "markdown-it";

/** Container names (and their accepted spellings) → CSS class. */
const GONGWEN_CONTAINERS: Readonly<Record<string, string>> = Object.freeze({
  主送: "gongwen-zhusong",
  主送机关: "gongwen-zhusong",
  落款: "gongwen-luokuan",
  附件说明: "gongwen-fujian",
  附件: "gongwen-fujian",
});

/** 一、 （一） 1. （1） — levels 1 to 4, with the half-width spellings editors type too. */
const LEVELS: readonly RegExp[] = [/^[一二三四五六七八九十百]+、/, /^[（(][一二三四五六七八九十百]+[）)]/, /^[0-9０-９]+[.．、]/, /^[（(][0-9０-９]+[）)]/];

/** The 公文 level (1–4) of a heading's text, or undefined. */
export function gongwenLevel(text: string): number | undefined {
  const t = text.trimStart();
  const i = LEVELS.findIndex((re) => re.test(t));
  return i < 0 ? undefined : i + 1;
}

const OPEN = /^:::\s*(\S+)\s*$/;
const CLOSE = /^:::\s*$/;

function containerRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const max = state.eMarks[startLine]!;
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const first = state.src.slice(start, max);
  const name = OPEN.exec(first)?.[1];
  const className = name ? GONGWEN_CONTAINERS[name] : undefined;
  if (!name || !className) return false;
  if (silent) return true;

  // Find the closing ::: (an unclosed container runs to the end of its parent block).
  let next = startLine;
  let closed = false;
  while (++next < endLine) {
    const s = state.bMarks[next]! + state.tShift[next]!;
    const e = state.eMarks[next]!;
    if (s < e && state.sCount[next]! < state.blkIndent) break;
    if (state.sCount[next]! - state.blkIndent < 4 && CLOSE.test(state.src.slice(s, e))) {
      closed = true;
      break;
    }
  }

  const oldParent = state.parentType;
  const oldLineMax = state.lineMax;
  state.parentType = "container" as typeof state.parentType;
  state.lineMax = next;

  const open = state.push("gongwen_open", "div", 1);
  open.block = true;
  open.info = name;
  open.markup = ":::";
  open.attrSet("class", `gongwen ${className}`);
  open.map = [startLine, next];

  state.md.block.tokenize(state, startLine + 1, next);

  const close = state.push("gongwen_close", "div", -1);
  close.block = true;
  close.markup = ":::";

  state.parentType = oldParent;
  state.lineMax = oldLineMax;
  state.line = next + (closed ? 1 : 0);
  return true;
}

/** The containers and heading levels on a markdown-it instance (lib/markdown.ts registers it). */
export function gongwenPlugin(md: MarkdownItInstance): void {
  md.block.ruler.before("fence", "gongwen_container", containerRule, { alt: ["paragraph", "reference", "blockquote", "list"] });

  md.core.ruler.push("gongwen_layout", (state) => {
    // Open containers, innermost last: inside 落款 and 附件说明 each source line stays a line.
    const open: boolean[] = [];
    for (let i = 0; i < state.tokens.length; i++) {
      const t = state.tokens[i]!;
      if (t.type === "gongwen_open") open.push(STACKED.some((c) => String(t.attrGet("class") ?? "").includes(c)));
      else if (t.type === "gongwen_close") open.pop();
      else if (t.type === "inline" && open[open.length - 1]) {
        for (const c of t.children ?? []) if (c.type === "softbreak") c.type = "hardbreak";
      } else if (t.type === "heading_open") {
        const level = gongwenLevel(state.tokens[i + 1]?.content ?? "");
        if (level) t.attrJoin("class", `gongwen-level gongwen-level-${level}`);
      }
    }
  });
}

/** Containers whose lines are kept as written (organisation over date; 附件 1. over 2.). */
const STACKED = ["gongwen-luokuan", "gongwen-fujian"];
