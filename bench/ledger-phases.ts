/**
 * The ledger's own database work for one 10,000-row Hybridbox job, without any HTTP: claims (as
 * the runner makes them, each row taking its address with its claim) and settlements (as the
 * settle buffer writes them, releasing the addresses). On the
 * embedded database this runs on the runner's thread, so it is time no provider answer is read.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { rawEnvSchema } from "../lib/config/schema";
import { openDatabase } from "../lib/db/open";
import { claimRows, settle } from "../lib/jobs/ledger/rows";
import { jobs } from "../lib/db/schema";
import { eq } from "drizzle-orm";
import { LEDGER_ONLY_PROVIDER, people, submitJob } from "../lib/testing/job-rig";

const ROWS = 10_000;
const provider = LEDGER_ONLY_PROVIDER;

/** PGLITE_WORKER read as the app reads it (default true), so a bench can compare both ways. */
export function pgliteWorker(): boolean {
  return rawEnvSchema.shape.PGLITE_WORKER.parse(process.env.PGLITE_WORKER) as boolean;
}

export async function ledgerPhases(pgUrl?: string) {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "bench-ledger-")), "pglite");
  const database = await openDatabase(
    pgUrl ? { kind: "postgres", url: pgUrl } : { kind: "pglite", dataDir, worker: pgliteWorker() },
  );
  const { db } = database;
  const jobId = await submitJob(
    { db, key: randomBytes(32), provider, providerId: "hybridbox" },
    people(ROWS),
  );
  await db.update(jobs).set({ state: "running", readFrom: new Date() }).where(eq(jobs.id, jobId));
  const t = { claims: 0, settles: 0 };
  let at = performance.now();
  for (;;) {
    at = performance.now();
    const claimed = await claimRows(db, "bench", "hybridbox", "send", 1_600, 10_000);
    t.claims += performance.now() - at;
    if (!claimed) break;
    for (let i = 0; i < claimed.rows.length; i += 200) {
      at = performance.now();
      await settle(
        db,
        "bench",
        claimed.rows
          .slice(i, i + 200)
          .map((r) => ({ id: r.id, state: "created" as const, mailboxId: `m-${r.id}` })),
      );
      t.settles += performance.now() - at;
    }
  }
  await database.close();
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v)]));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await ledgerPhases(process.env.BENCH_DATABASE_URL));
  process.exit(0);
}
