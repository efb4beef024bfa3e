const PLACEHOLDER_ORIGIN = "http://console.invalid";
const MAX_LENGTH = 2_000;

/**
 * The page to open after sign-in: a path on this site, or the overview. The check is the
 * browser's own reading of the URL (WHATWG URL: `\` counts as `/`, tab and line breaks are
 * dropped), so `/\evil.example` or `/<tab>/evil.example` cannot leave the site; what is returned
 * is the path as parsed, never the raw text. Isomorphic.
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.length > MAX_LENGTH) return "/";
  let url: URL;
  try {
    url = new URL(next, PLACEHOLDER_ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A second parse of the result must stay here too (no "//" that a later reader takes as a host).
  return path.startsWith("/") && !path.startsWith("//") ? path : "/";
}
