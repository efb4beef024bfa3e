import "server-only";
import { timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import { metrics } from "./registry";

/** Whether an Authorization header carries the metrics token (compared in constant time). */
export function bearerMatches(header: string | null | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? "");
  if (!match) return false;
  const given = Buffer.from(match[1]!);
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/**
 * A runner process has no web server: with METRICS_PORT set it answers GET /metrics on that
 * port, with the same bearer token as the web server's /api/metrics.
 */
export function serveMetrics(port: number, token: string, host = "0.0.0.0"): Promise<Server> {
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== "GET" || req.url?.split("?")[0] !== "/metrics") {
        res.writeHead(404).end("Not found");
        return;
      }
      if (!bearerMatches(req.headers.authorization, token)) {
        res.writeHead(401, { "WWW-Authenticate": 'Bearer realm="metrics"' }).end("Unauthorized");
        return;
      }
      const { registry } = metrics();
      const body = await registry.metrics();
      res.writeHead(200, { "Content-Type": registry.contentType, "Cache-Control": "no-store" });
      res.end(body);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
