/** Finding the articles: every Markdown file below the content folder. */
import fs from "node:fs/promises";
import path from "node:path";

/** Every .md file below the content folder, skipping folders that start with _ or . and node_modules. */
export async function listMarkdown(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = await fs.readdir(d, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (skippedName(e.name)) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && /\.md$/i.test(e.name)) out.push(p);
    }
  };
  await walk(dir);
  return out;
}

const skippedName = (name: string) => name.startsWith("_") || name.startsWith(".") || name === "node_modules";

/** Whether a path relative to the content folder lies in a folder listMarkdown skips (or is such a file). */
export const isSkipped = (rel: string): boolean => rel.split(/[\\/]/).some(skippedName);

/** listMarkdown's order: folder by folder, names compared as strings (code units). */
export function walkOrder(a: string, b: string): number {
  const x = a.split(path.sep);
  const y = b.split(path.sep);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    // A file and a folder at the same level are ordered by name, as the walk reads one listing.
    return x[i]! < y[i]! ? -1 : 1;
  }
  return x.length - y.length;
}
