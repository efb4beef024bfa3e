/**
 * The production HTTP server: Next's request handler behind a plain Node server, so the
 * client's address comes from the socket (or, past a TRUSTED_PROXY, from X-Forwarded-For) and
 * never from a header the client chose (lib/http/forwarded.ts). `next start` cannot do this: it
 * keeps any X-Forwarded-For the client sent. Started by scripts/start.ts; `--port N`.
 */
import { createServer } from "node:http";
import nextEnv from "@next/env";
import next from "next";
import { loadConfig } from "../lib/config/resolve";
import { markClientIpStamped, parseTrustedProxies, stampClientIp } from "../lib/http/forwarded";
import { SHUTDOWN_BUDGET_MS, shutdown } from "../lib/server/shutdown";

nextEnv.loadEnvConfig(process.cwd());
const portArg = process.argv.indexOf("--port");
const port = Number(portArg >= 0 ? process.argv[portArg + 1] : (process.env.PORT ?? 3000));
const trusted = parseTrustedProxies(loadConfig(process.env).auth.trustedProxies);

// Before Next starts (its instrumentation may build the auth, which asks): every request this
// process will ever serve carries a CLIENT_IP_HEADER written below.
markClientIpStamped();
const app = next({ dev: false, dir: process.cwd(), port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  stampClientIp(request, trusted);
  void handle(request, response);
});
server.listen(port, () => console.log(`- Local: http://localhost:${port}`));

// On SIGTERM (a service manager, `docker stop`) or SIGINT: no new connections; requests under way
// get a moment to finish; then the runner inside settles what it sent, the permits go back and
// the database closes (lib/server/shutdown.ts), within a budget a service manager allows.
let stopping = false;
const stop = async (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  console.log(`- ${signal}: stopping`);
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections();
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  const result = await shutdown(SHUTDOWN_BUDGET_MS);
  console.log(`- stopped (${result})`);
  process.exit(result === "timed out" ? 1 : 0);
};
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
