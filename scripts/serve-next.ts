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

const stop = () => server.close(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
