/**
 * Where the site's identity images are published (lib/images/identity.ts makes them; the layouts
 * link them). Not under img/, whose content-addressed names are served as immutable: these names
 * stay the same when the emblem changes, so they get the default (revalidated) caching.
 */
export const IDENTITY_DIR = "/identity/";

/** Emblem squares (CSS 48 px at 1×, 2×, 3×). */
export const EMBLEM_SIZES = [48, 96, 144] as const;

/** Favicon files at the site root: name → square size in pixels. */
export const FAVICON_PNGS: ReadonlyArray<{ name: string; size: number }> = [
  { name: "favicon-32.png", size: 32 },
  { name: "apple-touch-icon.png", size: 180 },
  { name: "icon-192.png", size: 192 },
  { name: "icon-512.png", size: 512 },
];
export const FAVICON_ICO = "favicon.ico";
export const WEB_MANIFEST = "site.webmanifest";
