/**
 * `npm run check`: every problem in the content, without rendering anything. Fast enough to run
 * before each commit (seconds on thousands of articles): it validates with loadContent() (as a
 * build would: an unfinished body is an error), reads only photo headers (plus a few tail bytes),
 * and parses Markdown bodies only to find links.
 *
 * The checks on top of loadContent() live in check/: photos.ts (real images, bombs, truncation,
 * size; photos in the folder but not listed), links.ts (links in bodies), freshness.ts (stale and
 * empty columns), cli.ts (the command line: own files first, site-wide reminders last).
 * Errors make the command exit with 1; warnings alone exit with 0.
 */
export { checkJson, checkSite, exitCodeOf, type CheckResult } from "./check/site.ts";
export { runCheckCli } from "./check/cli.ts";
