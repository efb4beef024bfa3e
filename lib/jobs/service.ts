import "server-only";
import { database } from "@/lib/db";
import { loadOrCreateKey } from "@/lib/crypto/key-file";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { getProvider, providerIds } from "@/lib/providers";
import { DEFAULT_RETRY_POLICY } from "./runner/retry-policy";
import { JobRunner } from "./runner/runner";

/**
 * The process-wide runner and key. The web server starts a runner unless RUNNER_ENABLED=false
 * (e.g. when dedicated runner processes, `npm run runner`, do the work on PostgreSQL).
 */
const holder = globalThis as typeof globalThis & {
  __jobRunner?: JobRunner;
  __encryptionKey?: Uint8Array;
};

export function encryptionKey(): Uint8Array {
  const config = env();
  holder.__encryptionKey ??= loadOrCreateKey(config.encryptionKey, config.dataDir).key;
  return holder.__encryptionKey;
}

export async function startJobRunner(): Promise<JobRunner> {
  if (holder.__jobRunner) return holder.__jobRunner;
  const config = env();
  const { db, kind } = await database();
  const runner = new JobRunner({
    db,
    key: encryptionKey(),
    log: log.child({ component: "runner" }),
    providers: Object.fromEntries(providerIds.map((id) => [id, getProvider(id)])),
    options: {
      concurrency: config.runner.concurrency,
      leaseMs: config.runner.leaseMs,
      receivingTimeoutMs: config.runner.submissionTimeoutMs,
      policy: {
        ...DEFAULT_RETRY_POLICY,
        listLagMs: config.runner.listLagMs,
        unconfirmedAfterMs: config.runner.unconfirmedAfterMs,
      },
      // PGlite is one process by construction: every older claim is stale at start.
      exclusive: kind === "pglite",
    },
  });
  holder.__jobRunner = runner;
  await runner.start();
  return runner;
}

/** Tells this process's runner to look for work now (a job was just queued). */
export function wakeJobRunner(): void {
  holder.__jobRunner?.wake();
}

export async function stopJobRunner(): Promise<void> {
  await holder.__jobRunner?.stop();
  holder.__jobRunner = undefined;
}
