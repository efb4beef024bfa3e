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
      // A bulk job is sent in parts of up to 10,000 rows; the default 1 MB limit answers 413.
      bodySizeLimit: "10mb",
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

export default nextConfig;
