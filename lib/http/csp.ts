/**
 * The Content-Security-Policy of every page (proxy.ts): scripts only with this response's nonce
 * (Next puts it on its own scripts) and what they load ('strict-dynamic'); styles from our own
 * files or with the nonce; nothing framed, no plugins, no foreign form targets. Style attributes
 * are allowed: React server-renders positions and widths as `style="…"`, and CSS in an
 * attribute cannot run script. Isomorphic and pure.
 */
export function contentSecurityPolicy({
  nonce,
  dev = false,
  https = false,
}: {
  nonce: string;
  dev?: boolean;
  https?: boolean;
}): string {
  return [
    "default-src 'self'",
    // React's dev build uses eval for debugging information; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    // The bulk page reads a pasted list in a Web Worker from our own origin (lib/bulk/read-in-worker.ts).
    "worker-src 'self'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** 128 random bits, base64: a fresh one for every response. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
