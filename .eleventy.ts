/**
 * Eleventy configuration, kept thin: everything is a plugin per concern (lib/<concern>/plugin.ts),
 * registered by lib/portal/plugin.ts. Run through tsx:
 *   tsx node_modules/@11ty/eleventy/cmd.cjs --config=.eleventy.ts
 * `npm run build` adds the atomic publish around the same configuration (scripts/build.ts).
 */
import type { EleventyConfig } from "./lib/portal/eleventy.ts";
import { configurePortal } from "./lib/portal/configure.ts";

export default function (eleventyConfig: EleventyConfig): void {
  configurePortal(eleventyConfig, { root: process.cwd() });
}
