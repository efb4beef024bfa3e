/**
 * `npm start`: validate the configuration, build when the sources changed since the last build,
 * start the built-in provider sandboxes for every provider in sandbox mode, then serve the build
 * (scripts/serve-next.ts: Next's handler behind our own HTTP server).
 * Flags: --no-build (the caller has just built), --port N (else PORT, else 3000).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import nextEnv from "@next/env";
import { ConfigError } from "../lib/config/schema";
import { loadConfig } from "../lib/config/resolve";
import { buildIsCurrent, recordBuild } from "./build-fingerprint";
import { startConfiguredSandboxes } from "./sandboxes";

// Same .env files, same precedence as `next start`, so start-up validates what the server will see.
nextEnv.loadEnvConfig(process.cwd());

const args = process.argv.slice(2);
const portArg = args.indexOf("--port");
const port = portArg >= 0 ? args[portArg + 1] : (process.env.PORT ?? "3000");
const nextBin = "node_modules/next/dist/bin/next";

async function main() {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  if (!args.includes("--no-build") && !buildIsCurrent()) {
    console.log("Building the app (sources changed since the last build)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit" });
    if (build.status !== 0) process.exit(build.status ?? 1);
    recordBuild();
  } else if (!existsSync(".next/BUILD_ID")) {
    console.error("No build found: run `npm run build` first, or drop --no-build.");
    process.exit(1);
  }

  const sandboxes = await startConfiguredSandboxes(config);

  // Our server in front of Next's handler: it takes the client's address from the socket.
  const server = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/serve-next.ts", "--port", String(port)],
    {
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    },
  );
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    server.kill(signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  server.on("exit", async (code, signal) => {
    await sandboxes.close();
    process.exit(code ?? (signal ? 0 : 1));
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
