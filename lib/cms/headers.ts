/**
 * Response headers for /admin/: the site's security headers (lib/feeds/headers.ts) with a CSP of
 * its own, because Decap CMS needs what the portal's pages never do — inline styles (React/emotion
 * inject <style> elements), blob: and data: images (uploads before they are saved) and the Git
 * server's API for connect-src. The site's CSP is unchanged; only /admin/* gets this one, in the
 * generated _headers (appended by writeAdmin) and in deploy/nginx.conf (tests/browser/cms.test.ts
 * compares the two).
 */
import { SECURITY_HEADERS } from "../feeds/headers.ts";

/** The Git server's origin the admin page talks to ("" for local mode: same origin). */
export function adminCspDirectives(gitOrigin = ""): (readonly [string, ...string[]])[] {
  const git = gitOrigin ? [gitOrigin] : [];
  return [
    ["default-src", "'self'"],
    // Decap's bundle compiles its config schema validator at run time (ajv: new Function).
    ["script-src", "'self'", "'unsafe-eval'"],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:", ...git],
    ["media-src", "'self'", "blob:"],
    ["font-src", "'self'", "data:"],
    ["connect-src", "'self'", "blob:", ...git],
    // The preview pane is an about:srcdoc-like frame of the same origin; nothing else is framed.
    ["frame-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    // GitLab's PKCE login leaves the page for the Git server and comes back.
    ["form-action", "'self'", ...git],
    ["frame-ancestors", "'none'"],
    ["upgrade-insecure-requests"],
  ];
}

export const adminCsp = (gitOrigin = ""): string =>
  adminCspDirectives(gitOrigin)
    .map((d) => d.join(" "))
    .join("; ");

/** Every header of /admin/ responses, in the order written. */
export function adminHeaders(gitOrigin = ""): Record<string, string> {
  return { ...SECURITY_HEADERS, "Content-Security-Policy": adminCsp(gitOrigin), "Cache-Control": "no-cache" };
}

/**
 * The _headers block for /admin/*. The "/*" block's headers apply here too (hosts merge matching
 * blocks), so this block only replaces the CSP — `! Content-Security-Policy` (Cloudflare Pages
 * syntax) detaches the site's first, so the two policies are not both enforced — and sets no-cache.
 */
export function adminHeadersBlock(pathPrefix: string, gitOrigin = ""): string {
  return [`${pathPrefix}admin/*`, "  ! Content-Security-Policy", `  Content-Security-Policy: ${adminCsp(gitOrigin)}`, "  Cache-Control: no-cache"].join("\n") + "\n";
}
