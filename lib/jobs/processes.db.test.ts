import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type DbTarget } from "@/lib/db/open";
import { jobEvents, jobs } from "@/lib/db/schema";
import { createZcomProvider } from "@/lib/providers/zcom/provider";
import { openTestDatabase } from "@/lib/testing/test-database";
import { createZcomSandbox, sandboxCredentials } from "@/sandbox/index";
import {
  expectLedgerMatchesProvider,
  people,
  sandboxAdmin,
  submitJob,
} from "@/lib/testing/job-rig";

/**
 * Real runner processes (`npm run runner`) against a real sandbox: killed mid-job and started
 * again, and two at once on one PostgreSQL.
 */
const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children) child.kill("SIGKILL");
  children.clear();
});

async function setup(target: DbTarget) {
  const sandbox = createZcomSandbox();
  const urls = await sandbox.listen({ mailPort: 0, identityPort: 0 });
  const admin = sandboxAdmin(urls.mailUrl);
  const keyHex = randomBytes(32).toString("hex");
  const key = Uint8Array.from(Buffer.from(keyHex, "hex"));
  const provider = createZcomProvider({
    mailUrl: urls.mailUrl,
    identityUrl: urls.identityUrl,
    username: sandboxCredentials.zcom.username,
    password: sandboxCredentials.zcom.password,
  });
  const env = {
    ...process.env,
    ...(target.kind === "postgres"
      ? { DATABASE_URL: target.url, AUTH_SECRET: "x".repeat(32) }
      : { DATA_DIR: path.dirname(target.dataDir) }),
    ENCRYPTION_KEY: keyHex,
    ZCOM_MAIL_URL: urls.mailUrl,
    ZCOM_IDENTITY_URL: urls.identityUrl,
    ZCOM_CONCURRENCY: "4",
    LOG_LEVEL: "debug",
    // Short, so a test sees a lease lost and taken back within seconds.
    RUNNER_LEASE_MS: "2000",
    PROVIDER_LIST_LAG_MS: "300",
  };
  let log = "";
  const runner = (extra: string[] = []) => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/runner.ts", ...extra],
      {
        env,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    child.stdout!.on("data", (c: Buffer) => (log += c.toString()));
    child.stderr!.on("data", (c: Buffer) => (log += c.toString()));
    children.add(child);
    const exited = new Promise<number | null>((resolve) =>
      child.on("exit", (code) => resolve(code)),
    );
    return { child, exited };
  };
  return { sandbox, admin, key, provider, runner, log: () => log };
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("runner processes", () => {
  it("a runner killed (SIGKILL) mid-job is started again and the job completes, nothing twice", async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "crash-")), "pglite");
    const shared = process.env.DATABASE_URL ? await openTestDatabase() : undefined;
    const target: DbTarget = shared?.url
      ? { kind: "postgres", url: shared.url }
      : { kind: "pglite", dataDir };
    const rig = await setup(target);
    // Slow answers, some lost after the create: the kill lands with requests out.
    await rig.admin.faults({
      seed: 7,
      latencyMs: 15,
      jitterMs: 20,
      hangAfterRate: 0.1,
      hangMs: 400,
    });

    // PGlite is single-process: the test writes the job, then lets the runner have the data.
    const writer = shared ?? (await openDatabase(target));
    const jobId = await submitJob(
      { db: writer.db, key: rig.key, provider: rig.provider, providerId: "zcom" },
      people(300),
    );
    if (!shared) await writer.close();

    const first = rig.runner();
    await until(async () => (await rig.admin.stats()).createsTotal >= 60, 30_000, "60 creates");
    first.child.kill("SIGKILL");
    await first.exited;
    const createdAtKill = (await rig.admin.stats()).createsTotal;
    expect(createdAtKill).toBeLessThan(300);

    const second = rig.runner(["--exit-when-idle"]);
    expect(
      await Promise.race([
        second.exited,
        new Promise((r) => setTimeout(() => r("timeout"), 60_000)),
      ]),
    ).toBe(0);

    const reader = shared ?? (await openDatabase(target));
    const db = reader.db;
    const [job] = await db.select().from(jobs).where(eq(jobs.id, jobId));
    expect(job?.state).toBe("done");
    const rows = await expectLedgerMatchesProvider({
      db,
      key: rig.key,
      admin: rig.admin,
      providerId: "zcom",
      jobId,
      submitted: 300,
      logText: rig.log(),
    });
    expect(rows.filter((r) => r.state === "created")).toHaveLength(300);
    // The rows that were in flight at the kill were read back, not blindly resent: no create
    // was ever sent for an address that already existed.
    const stats = await rig.admin.stats();
    expect(Object.values(stats.createAttemptsOnExisting).filter((n) => n > 0)).toEqual([]);
    const reclaimed = await db
      .select()
      .from(jobEvents)
      .where(eq(jobEvents.kind, "claims_reclaimed"));
    expect(reclaimed.length).toBeGreaterThan(0);
    await rig.sandbox.close();
    await reader.close();
  }, 120_000);

  it.runIf(process.env.DATABASE_URL)(
    "two runner processes on one PostgreSQL share a job; each row is worked by one of them",
    async () => {
      const database = await openTestDatabase();
      const rig = await setup({ kind: "postgres", url: database.url! });
      await rig.admin.faults({
        seed: 9,
        latencyMs: 10,
        jitterMs: 10,
        hangAfterRate: 0.05,
        resetAfterRate: 0.05,
        hangMs: 400,
      });
      const jobId = await submitJob(
        { db: database.db, key: rig.key, provider: rig.provider, providerId: "zcom" },
        people(400),
      );
      const a = rig.runner(["--exit-when-idle"]);
      const b = rig.runner(["--exit-when-idle"]);
      const timeout = new Promise((r) => setTimeout(() => r("timeout"), 90_000));
      expect(await Promise.race([Promise.all([a.exited, b.exited]), timeout])).toEqual([0, 0]);
      const rows = await expectLedgerMatchesProvider({
        db: database.db,
        key: rig.key,
        admin: rig.admin,
        providerId: "zcom",
        jobId,
        submitted: 400,
        logText: rig.log(),
      });
      expect(rows.filter((r) => r.state === "created")).toHaveLength(400);
      const workers = await database.db
        .selectDistinct({ runner: jobEvents.runner })
        .from(jobEvents)
        .where(eq(jobEvents.kind, "sent"));
      expect(workers.filter((w) => w.runner).length).toBe(2);
      await rig.sandbox.close();
      await database.close();
    },
    120_000,
  );

  it.runIf(process.env.DATABASE_URL)(
    "a runner paused past its lease sends nothing it had claimed when it wakes",
    async () => {
      const database = await openTestDatabase();
      const rig = await setup({ kind: "postgres", url: database.url! });
      // Slow answers: the runner always has requests out and more claimed, queued behind them.
      await rig.admin.faults({ seed: 4, latencyMs: 250, jitterMs: 50 });
      const jobId = await submitJob(
        { db: database.db, key: rig.key, provider: rig.provider, providerId: "zcom" },
        people(120),
      );
      const paused = rig.runner();
      await until(async () => (await rig.admin.stats()).createsTotal >= 8, 30_000, "8 creates");
      // Pause it while it holds claimed rows it has not sent yet (more rows `sending` than
      // requests open at the sandbox).
      await until(
        async () => {
          const [claimed] = (
            (await database.db.execute(
              sql`select count(*)::int as n from job_row where state = 'sending'`,
            )) as { rows: { n: number }[] }
          ).rows;
          return (claimed?.n ?? 0) > (await rig.admin.stats()).inFlight + 1;
        },
        30_000,
        "rows claimed but not yet sent",
      );
      paused.child.kill("SIGSTOP");
      const attemptsAtPause = (await rig.admin.stats()).createAttemptsTotal;
      // Another runner takes the paused one's claims back once its lease runs out, and finishes.
      const other = rig.runner(["--exit-when-idle"]);
      const timeout = new Promise((r) => setTimeout(() => r("timeout"), 90_000));
      expect(await Promise.race([other.exited, timeout])).toBe(0);
      const [job] = await database.db.select().from(jobs).where(eq(jobs.id, jobId));
      expect(job?.state).toBe("done");
      const settled = (await rig.admin.stats()).createAttemptsTotal;
      expect(settled).toBeGreaterThan(attemptsAtPause);

      // The paused runner wakes up with units it claimed long ago: it must find its lease gone.
      paused.child.kill("SIGCONT");
      await until(
        async () => rig.log().includes("lease was taken over"),
        15_000,
        "the woken runner to notice its lost lease",
      );
      await new Promise((r) => setTimeout(r, 1_000));
      // It woke with claimed units queued, and sent none of them.
      const stats = await rig.admin.stats();
      expect(stats.createAttemptsTotal).toBe(settled);
      expect(Object.values(stats.createAttemptsOnExisting).filter((n) => n > 0)).toEqual([]);
      const dropped = Number(rig.log().match(/"droppedUnits":(\d+)/)?.[1] ?? 0);
      const fenced = rig.log().split("claimed under a lease this runner has lost").length - 1;
      expect(dropped + fenced).toBeGreaterThan(0);
      const rows = await expectLedgerMatchesProvider({
        db: database.db,
        key: rig.key,
        admin: rig.admin,
        providerId: "zcom",
        jobId,
        submitted: 120,
        logText: rig.log(),
      });
      expect(rows.filter((r) => r.state === "created")).toHaveLength(120);
      paused.child.kill("SIGKILL");
      await rig.sandbox.close();
      await database.close();
    },
    150_000,
  );
});
