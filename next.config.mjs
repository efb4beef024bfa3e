import createNextIntlPlugin from "next-intl/plugin";

// Locale per request, without locale-prefixed URLs (lib/i18n/request.ts). The catalogs' ICU
// messages are compiled at build time, so the browser gets no message parser (~12 KB gzipped).
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: {
    messages: { path: "./messages", format: "json", locales: "infer", precompile: true },
  },
});

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // PGlite ships wasm + data files that break when bundled; pg and pino load native/worker code.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pino"],
  experimental: {
    // forbidden() renders app/forbidden.tsx for a signed-in user without the role a page needs.
    authInterrupts: true,
    serverActions: {
      // Bodies are read before an action checks the session, so no larger than the largest part
      // the bulk page sends (PART_MAX_BYTES, 1.5 MB, in lib/jobs/submission.ts) plus React's
      // encoding; lib/jobs/submission.test.ts holds the two together.
      bodySizeLimit: "2mb",
    },
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
