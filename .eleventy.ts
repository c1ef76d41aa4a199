/**
 * Eleventy configuration, kept thin: everything is a plugin per concern (lib/<concern>/plugin.ts),
 * registered by lib/portal/plugin.ts. Run through tsx:
 *   tsx node_modules/@11ty/eleventy/cmd.cjs --config=.eleventy.ts
 * `npm run build` loads this same file and adds the atomic publish (lib/portal/build.ts).
 */
import type { EleventyConfig } from "./lib/portal/eleventy.ts";
import { configurePortal, ELEVENTY_FILE_CONFIG, takePendingOptions } from "./lib/portal/configure.ts";

export const config = ELEVENTY_FILE_CONFIG;

export default function (eleventyConfig: EleventyConfig): void {
  configurePortal(eleventyConfig, takePendingOptions() ?? { root: process.cwd() });
}
