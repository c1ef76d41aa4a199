/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): top functions by self time, and self time per
 * module group (our lib/ folders, each npm package, Node internals, GC).
 *
 *   tsx scripts/lib/cpu-profile.ts <file.cpuprofile> [--top 30]
 */
import fs from "node:fs/promises";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  functions: { selfMs: number; name: string; where: string; group: string }[];
  groups: { selfMs: number; group: string }[];
}

/** lib/content, layouts, node_modules/@11ty/eleventy, node:internal … */
export function groupOf(url: string): string {
  if (!url) return "(native/vm)";
  const u = url.replace(/^file:\/\//, "");
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
  if (nm) {
    // Eleventy's own dependencies are nested under it or hoisted; name them as they are.
    const all = [...u.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)];
    return all[all.length - 1]![1]!;
  }
  if (u.startsWith("node:")) return "node:" + (u.split(/[:/]/)[1] === "internal" ? "internal" : u.slice(5).split("/")[0]);
  const ours = /\/(lib\/[^/]+|layouts|scripts)\//.exec(u);
  if (ours) return ours[1]!;
  return u.split("/").slice(-2).join("/");
}

export function summariseProfile(profile: Profile, top = 30): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const fn = new Map<string, { selfMs: number; name: string; where: string; group: string }>();
  const groups = new Map<string, number>();
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const { functionName, url, lineNumber } = n.callFrame;
    const name = functionName || "(anonymous)";
    const short = url.replace(/^file:\/\//, "").replace(/^.*?\/(node_modules\/|lib\/|layouts\/|scripts\/)/, "$1");
    const where = url ? `${short}:${lineNumber + 1}` : "";
    const key = `${name}@${where}`;
    const group = ["(garbage collector)", "(program)", "(idle)"].includes(name) ? name : groupOf(url);
    const entry = fn.get(key) ?? { selfMs: 0, name, where, group };
    entry.selfMs += us / 1000;
    fn.set(key, entry);
    groups.set(group, (groups.get(group) ?? 0) + us / 1000);
  }
  return {
    totalMs: (profile.endTime - profile.startTime) / 1000,
    functions: [...fn.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, top),
    groups: [...groups].map(([group, selfMs]) => ({ group, selfMs })).sort((a, b) => b.selfMs - a.selfMs),
  };
}

export function formatSummary(s: ProfileSummary, topGroups = 20): string {
  const pct = (ms: number) => `${((100 * ms) / s.totalMs).toFixed(1).padStart(5)}%`;
  const lines = [`CPU profile: ${(s.totalMs / 1000).toFixed(1)} s sampled`, "", "self ms    share  group"];
  for (const g of s.groups.slice(0, topGroups)) lines.push(`${g.selfMs.toFixed(0).padStart(8)} ${pct(g.selfMs)}  ${g.group}`);
  lines.push("", "self ms    share  function  (where)");
  for (const f of s.functions) lines.push(`${f.selfMs.toFixed(0).padStart(8)} ${pct(f.selfMs)}  ${f.name}  (${f.where})`);
  return lines.join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "30" } } });
  for (const file of positionals) {
    const profile = JSON.parse(await fs.readFile(file, "utf8")) as Profile;
    console.log(formatSummary(summariseProfile(profile, Number(values.top))));
  }
}
