/**
 * npm run check — checks all content without building the site (seconds, not minutes):
 * front matter, dates, columns, encodings, photos (headers only), links, stale or empty columns.
 *   npm run check            grouped by file, Chinese first, with line numbers and fixes
 *   npm run check -- --json  {errors, warnings, issues:[…]} for tools
 * Exit code 1 when there are errors; warnings alone exit with 0. See lib/editor/check.ts.
 */
import { runCheckCli } from "../lib/editor/check.ts";

process.exitCode = await runCheckCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
