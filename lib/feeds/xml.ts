/**
 * XML text for feeds and sitemaps: every value is escaped, and characters XML 1.0 cannot carry
 * at all (C0 controls, lone surrogates, U+FFFE/U+FFFF) are dropped, so an editor's stray control
 * character can never make a feed unparseable.
 */
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlEscape(value: string | number): string {
  return String(value)
    .replace(NOT_XML_CHAR, "")
    .replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export type Attrs = Record<string, string | number | undefined>;

const attrs = (a: Attrs = {}): string =>
  Object.entries(a)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${xmlEscape(v)}"`)
    .join("");

/** <name attrs>escaped text</name> */
export const textElement = (name: string, text: string | number, a?: Attrs): string => `<${name}${attrs(a)}>${xmlEscape(text)}</${name}>`;

/** <name attrs/> */
export const emptyElement = (name: string, a: Attrs): string => `<${name}${attrs(a)}/>`;

/** <name attrs>children</name>, children already XML, one per line (never re-indented: text stays byte-exact). */
export const element = (name: string, a: Attrs, children: readonly string[]): string => `<${name}${attrs(a)}>\n${children.join("\n")}\n</${name}>`;

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';
