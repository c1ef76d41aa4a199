/**
 * npm run check — checks all content without building the site (seconds, not minutes):
 * front matter, dates, columns, encodings, photos (headers only; unlisted photos), links, stale or
 * empty columns.
 *   npm run check                          grouped by file, your changed files (git) first, Chinese first,
 *                                          with line numbers and fixes; site-wide reminders last, one line each
 *   npm run check -- content/news/jydt/x   these files first
 *   npm run check -- --json                {errors, warnings, issues:[…]} for tools
 * Exit code 1 when there are errors; warnings alone exit with 0. See lib/editor/check.ts.
 */
import { withoutStackTraces } from "../lib/editor/build-cli.ts";
import { runCheckCli } from "../lib/editor/check.ts";

process.exitCode = await withoutStackTraces(process.cwd(), process.stderr, () => runCheckCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }));
