/**
 * The server Playwright starts: a fresh data directory every run (so every run begins on a new
 * installation), the production build `npm run test:e2e` has just made, and the sandboxes.
 * The local OpenID Provider (e2e/idp/test-op.ts) runs in this process, started before the console.
 * Its output is also written to test-results/server.log so tests can search it for leaked secrets.
 */
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { startTestOp } from "./idp/test-op";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`e2e/serve.ts needs ${name} (see e2e/env.ts)`);
  return value;
}

const dataDir = path.resolve(process.env.DATA_DIR ?? ".data/e2e");
if (!dataDir.includes(`${path.sep}.data${path.sep}`)) {
  throw new Error(`refusing to wipe ${dataDir}: e2e data must live under .data/`);
}
rmSync(dataDir, { recursive: true, force: true });
mkdirSync("test-results", { recursive: true });
const logFile = createWriteStream("test-results/server.log", { flags: "w" });

// The identity provider first: the console reads its discovery document when it starts.
const op = await startTestOp({
  issuer: required("OIDC_ISSUER"),
  clientId: required("OIDC_CLIENT_ID"),
  clientSecret: required("OIDC_CLIENT_SECRET"),
  redirectUri: `${required("APP_URL")}/api/auth/callback/oidc`,
});

const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--no-build"], {
  env: process.env,
  stdio: ["ignore", "pipe", "pipe"],
});
child.stdout.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  logFile.write(chunk);
});
child.stderr.on("data", (chunk: Buffer) => {
  process.stderr.write(chunk);
  logFile.write(chunk);
});
const forward = (signal: NodeJS.Signals) => child.kill(signal);
process.on("SIGINT", forward);
process.on("SIGTERM", forward);
child.on("exit", (code) => {
  logFile.end();
  void op.close();
  process.exit(code ?? 0);
});
