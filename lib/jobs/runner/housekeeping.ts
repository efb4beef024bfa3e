import "server-only";
import type { Logger } from "pino";
import type { Db } from "@/lib/db/open";
import { acquireHolds, inheritFromRetried, pruneHolds } from "../ledger/holds";
import { finishDoneJobs, jobsWithWaitingRows } from "../ledger/jobs";
import { purgePasswords } from "../ledger/purge";
import { cancelStalledSubmissions } from "../ledger/submissions";
import { vacuumIfDue } from "../ledger/vacuum";
import type { Job } from "../ledger/types";
import type { RunnerOptions } from "./options";

/**
 * The runner's timers besides its loop: lease and reclaim (given by the runner), finishing jobs,
 * rows that wait for another job's address, purging taken passwords and old holds, cancelling
 * submissions that stopped arriving, vacuuming the embedded database. Returns a function that
 * stops them.
 */
export function startHousekeeping(
  deps: { db: Db; key: Uint8Array; log: Logger; options: RunnerOptions; wake: () => void },
  lease: { beat: () => Promise<unknown>; reclaim: () => Promise<unknown> },
): () => void {
  const { db, key, options, wake } = deps;
  const { listLagMs } = options.policy;
  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number, fn: () => Promise<unknown>) => {
    const timer = setInterval(
      () =>
        void fn().catch((err: unknown) => deps.log.error({ err }, "runner housekeeping failed")),
      ms,
    );
    timer.unref();
    timers.push(timer);
  };
  every(Math.max(250, options.leaseMs / 5), lease.beat);
  if (!options.exclusive) every(Math.max(1_000, options.leaseMs / 3), lease.reclaim);
  every(500, async () => {
    if ((await finishDoneJobs(db)).length > 0) wake();
  });
  every(1_000, async () => {
    const waiting = await jobsWithWaitingRows(db);
    if (waiting.length > 0 && (await promoteWaiting(db, key, waiting, listLagMs)) > 0) wake();
  });
  every(60_000, async () => {
    await purgePasswords(db);
    await pruneHolds(db, listLagMs);
  });
  // The embedded database has no autovacuum of its own (vacuum.ts).
  if (options.exclusive) {
    every(60_000, async () => {
      const tables = await vacuumIfDue(db);
      if (tables.length > 0) deps.log.info({ tables }, "vacuumed the embedded database");
    });
  }
  every(Math.min(60_000, options.receivingTimeoutMs / 4), () =>
    cancelStalledSubmissions(db, options.receivingTimeoutMs),
  );
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}

/**
 * Rows of running jobs that wait for an address another job held: take it up when it is free,
 * or end when the other job left it unconfirmed.
 */
export async function promoteWaiting(
  db: Db,
  key: Uint8Array,
  jobsWithWaiting: Job[],
  listLagMs: number,
): Promise<number> {
  let moved = 0;
  for (const job of jobsWithWaiting) {
    moved += await inheritFromRetried(db, key, job, "waiting");
    const { acquired, blocked } = await acquireHolds(db, job, "waiting", listLagMs);
    moved += acquired + blocked;
  }
  return moved;
}
