/**
 * Browser-test helpers: Debian's Chromium driven by playwright-core (never a downloaded browser),
 * a static server for a built site that sends the shipped security headers, and console capture
 * so every test can assert a clean console.
 */
import fs from "node:fs/promises";
import http from "node:http";
import { staticFiles } from "../../lib/util/static-files.ts";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
}

/** Parses a Netlify/Cloudflare-style _headers file: only the "/*" block is used here. */
export async function readHeaders(siteDir: string): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  const text = await fs.readFile(path.join(siteDir, "_headers"), "utf8").catch(() => "");
  let inAll = false;
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      inAll = line.trim() === "/*";
      continue;
    }
    const m = line.trim().match(/^([^:]+):\s*(.*)$/);
    if (inAll && m) headers[m[1]!] = m[2]!;
  }
  return headers;
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Serves `siteDir` under `prefix` on 127.0.0.1 with the given headers (e.g. the shipped CSP). */
export async function serve(siteDir: string, options: { headers?: Record<string, string>; prefix?: string } = {}): Promise<Served> {
  const prefix = options.prefix ?? "/";
  const files = staticFiles(siteDir, { prefix, live: true, ...(options.headers ? { headers: options.headers } : {}) });
  const server = http.createServer((req, res) => void files(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Collects console errors, page errors, CSP violations and failed requests for a clean-console assertion. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning") problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("requestfailed", (req) => {
    const error = req.failure()?.errorText ?? "";
    // The browser's own favicon fetch, cut off because the page navigated on (a GET form sent
    // before it finished): not something the page asked for. Any other failure is reported.
    if (error === "net::ERR_ABORTED" && /\/favicon[^/]*\.(png|ico|svg)$/.test(new URL(req.url()).pathname)) return;
    problems.push(`requestfailed: ${req.url()} ${error}`);
  });
  return problems;
}

export async function newPage(browser: Browser, options: Parameters<Browser["newContext"]>[0] = {}): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext(options);
  // tsx compiles test files with esbuild's keepNames, which wraps named functions declared inside
  // page.evaluate callbacks in __name(…): give the page a no-op one so such callbacks can run.
  await context.addInitScript("globalThis.__name ??= (fn) => fn;");
  const page = await context.newPage();
  return { context, page, problems: watchConsole(page) };
}

/** axe-core's own script, through its documented `axe.source` (not a file path into the package). */
const axeSource = async () => (await import("axe-core")).default.source;

/**
 * Loads axe-core into every page of the context as it opens (an init script, not subject to the
 * page's CSP). Much faster than axe()'s own injection when many pages are checked.
 */
export async function preloadAxe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: await axeSource() });
}

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: Array<{ target: unknown; html: string; summary: string }> };

export const WCAG21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] as const;

/**
 * Runs axe-core (WCAG 2.1 A/AA rules) in the page; returns the violations. `rules` enables more
 * rules on top of those tags, e.g. "color-contrast-enhanced" (AAA 7:1) or the best-practice
 * "heading-order" and "landmark-unique". The script is injected through the automation channel
 * (page.evaluate of its text), so the page's CSP does not apply to it.
 */
export async function axe(page: Page, options: { rules?: readonly string[] } = {}): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(await axeSource());
  const rules = Object.fromEntries((options.rules ?? []).map((id) => [id, { enabled: true }]));
  return page.evaluate(
    async ({ tags, rules }) => {
      const w = window as unknown as {
        axe: {
          run(
            ctx: unknown,
            opts: unknown,
          ): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown; html: string; failureSummary?: string }> }> }>;
        };
      };
      const result = await w.axe.run(document, { runOnly: { type: "tag", values: tags }, rules, resultTypes: ["violations"] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary ?? "" })) }));
    },
    { tags: [...WCAG21_AA_TAGS], rules },
  );
}

/** One line per violated node, for assertion messages. */
export function formatViolations(violations: readonly AxeViolation[]): string {
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact ?? "?"}): ${n.html.slice(0, 160)}\n    ${n.summary.replace(/\n/g, " ").slice(0, 240)}`)).join("\n");
}
