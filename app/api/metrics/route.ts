import { env } from "@/lib/env";
import { metrics } from "@/lib/metrics/registry";
import { bearerMatches } from "@/lib/metrics/serve";

/**
 * Prometheus metrics (docs/metrics.md). Off unless METRICS_TOKEN is set; then only a scraper
 * that sends `Authorization: Bearer <METRICS_TOKEN>` is answered. No session, no cookies: this
 * is for machines, and it says nothing about any person or mailbox.
 */
export async function GET(request: Request) {
  const token = env().metrics.token;
  if (!token) return new Response("Not found", { status: 404 });
  if (!bearerMatches(request.headers.get("authorization"), token)) {
    return new Response("Unauthorized", {
      status: 401,
      headers: { "WWW-Authenticate": 'Bearer realm="metrics"' },
    });
  }
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" },
  });
}

export const dynamic = "force-dynamic";
