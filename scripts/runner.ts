/**
 * `npm run runner`: a job runner without the web server. Several of them (and web servers with
 * RUNNER_ENABLED=false) can share one PostgreSQL; each row is worked by one process only.
 * --exit-when-idle: stop once no job is left unfinished (tests and one-off catch-up runs).
 * Run with `node --conditions=react-server --import tsx` (server-only modules refuse otherwise).
 */
import nextEnv from "@next/env";
import { isNull } from "drizzle-orm";
import { database } from "../lib/db";
import { jobs } from "../lib/db/schema";
import { startJobRunner } from "../lib/jobs/service";
import { env } from "../lib/env";
import { log } from "../lib/log";
import { serveMetrics } from "../lib/metrics/serve";
import { SHUTDOWN_BUDGET_MS, onShutdown, shutdown } from "../lib/server/shutdown";
import { stopServerParts } from "../lib/server/stop";

nextEnv.loadEnvConfig(process.cwd());
const exitWhenIdle = process.argv.includes("--exit-when-idle");

async function main() {
  const runner = await startJobRunner();
  log.info({ runner: runner.id, pid: process.pid }, "runner process ready");
  const { token, port } = env().metrics;
  if (token && port) {
    await serveMetrics(port, token);
    log.info({ port }, "runner metrics on /metrics");
  }
  // As the web server stops (scripts/serve-next.ts): within the same budget.
  onShutdown(stopServerParts);
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const result = await shutdown(SHUTDOWN_BUDGET_MS);
    process.exit(result === "timed out" ? 1 : code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  if (exitWhenIdle) {
    const { db } = await database();
    for (;;) {
      await new Promise((r) => setTimeout(r, 200));
      const open = await db
        .select({ id: jobs.id })
        .from(jobs)
        .where(isNull(jobs.finishedAt))
        .limit(1);
      if (open.length === 0) return stop(0);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
