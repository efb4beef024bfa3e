import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { jobRows, jobs } from "@/lib/db/schema";
import type { Database } from "@/lib/db/open";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import type { Mailbox } from "@/lib/providers/types";
import { openTestDatabase } from "@/lib/testing/test-database";
import { EMPTY_DOMAIN, people, type Rig, startRig } from "@/lib/testing/job-rig";
import type { FaultConfig } from "@/sandbox/index";
import { storeChangeJob, type ChangeJobInput, type ChangeTarget } from "./changes";
import { resultsCsv, takeCredentials } from "./exports";

// The results file imports the app's logger, which reads the configuration, which wants these
// with DATABASE_URL (test:db on PostgreSQL).
vi.hoisted(() => {
  process.env.AUTH_SECRET ??= "test-auth-secret-0123456789abcdef0123";
  process.env.ENCRYPTION_KEY ??= "00".repeat(32);
  process.env.LOG_LEVEL ??= "silent";
});

/**
 * Jobs that change mailboxes that exist, through the same ledger and runner as creation, against
 * the real sandboxes: a delete removes exactly its selection, settles lost answers by reading
 * (gone = done), and stops where the provider has no delete route; a password reset and a name
 * change reach the provider even when answers are lost.
 */
let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
}, 60_000);
afterAll(async () => {
  await database?.close();
});

const ACTOR = { id: "user-1", email: "admin@example.test" };
const LOST: FaultConfig = { scope: "writes", seed: 7, hangAfterRate: 0.5, hangMs: 900 };
const BROKEN: FaultConfig = {
  scope: "writes",
  seed: 9,
  errorRate: 0.3,
  errorStatuses: [500, 502, 503],
  resetAfterRate: 0.2,
  retryAfterSeconds: 0,
};

async function everything(rig: Rig, domain: string): Promise<Mailbox[]> {
  const all: Mailbox[] = [];
  for await (const batch of rig.provider.scanMailboxes(domain)) all.push(...batch);
  return all;
}

async function runChange(
  rig: Rig,
  providerId: ProviderId,
  kind: ChangeJobInput["kind"],
  targets: ChangeTarget[],
) {
  const domain = (await rig.provider.listDomains()).find(
    (d) => d.name === EMPTY_DOMAIN[providerId],
  )!;
  const { jobId } = await storeChangeJob(
    { db: rig.db, key: rig.key },
    { kind, provider: providerId, domain, targets },
    ACTOR,
  );
  rig.runner.wake();
  const job = await rig.waitUntilFinished(jobId);
  return { job, rows: await rig.rows(jobId) };
}

/** Makes `n` mailboxes with a creation job (no faults), and returns them as the provider has them. */
async function made(rig: Rig, providerId: ProviderId, n: number, prefix: string) {
  const created = await rig.submit(people(n, prefix));
  await rig.waitUntilFinished(created);
  const all = await everything(rig, EMPTY_DOMAIN[providerId]);
  return all.filter((m) => m.localPart.startsWith(prefix));
}

describe.each(["zcom", "hybridbox"] as const)("%s: delete as a job", (providerId) => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig(providerId, { database, totalTimeoutMs: 600 });
    await rig.runner.start();
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  });

  it.each([
    ["no faults", {}],
    ["answers lost after the delete", LOST],
    ["5xx, resets after the delete", BROKEN],
  ] as const)(
    "deletes exactly its selection (%s)",
    async (_name, faults) => {
      const prefix = `d${Math.random().toString(36).slice(2, 6)}`;
      const mine = await made(rig, providerId, 8, prefix);
      expect(mine).toHaveLength(8);
      const others = (await everything(rig, EMPTY_DOMAIN[providerId])).filter(
        (m) => !m.localPart.startsWith(prefix),
      );
      const selected = mine.slice(0, 5);
      await rig.faults(faults);
      const { job, rows } = await runChange(
        rig,
        providerId,
        "delete",
        selected.map((m) => ({ id: m.id, address: m.address })),
      );
      await rig.faults({});
      expect(job.state).toBe("done");
      expect(rows.map((r) => `${r.address}:${r.state}`)).toEqual(
        selected.map((m) => `${m.address.toLowerCase()}:created`),
      );
      // "Read absent before the first send" is a creation's evidence; nothing here was read so.
      expect(rows.some((r) => r.absentBefore)).toBe(false);
      const left = new Set((await everything(rig, EMPTY_DOMAIN[providerId])).map((m) => m.address));
      for (const m of selected) expect(left.has(m.address), m.address).toBe(false);
      for (const m of [...mine.slice(5), ...others])
        expect(left.has(m.address), m.address).toBe(true);
    },
    60_000,
  );

  it("a lost answer whose delete was not applied is read, found, and sent again", async () => {
    const mine = await made(rig, providerId, 3, `r${Math.random().toString(36).slice(2, 6)}`);
    const domain = (await rig.provider.listDomains()).find(
      (d) => d.name === EMPTY_DOMAIN[providerId],
    )!;
    const deletesSent = async () =>
      Object.entries((await rig.stats()).requests)
        .filter(([route]) => route.startsWith("DELETE"))
        .reduce((n, [, c]) => n + c, 0);
    const before = await deletesSent();
    // Every delete is answered 502 before it is applied, until the first three were sent.
    await rig.faults({ scope: "writes", errorRate: 1, errorStatuses: [502] });
    const { jobId } = await storeChangeJob(
      { db: rig.db, key: rig.key },
      { kind: "delete", provider: providerId, domain, targets: mine },
      ACTOR,
    );
    rig.runner.wake();
    for (let i = 0; i < 200; i++) {
      if ((await deletesSent()) - before >= 3) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await rig.faults({});
    const job = await rig.waitUntilFinished(jobId);
    expect(job.state).toBe("done");
    const rows = await rig.rows(jobId);
    expect(rows.every((r) => r.state === "created" && r.ambiguousAttempts > 0)).toBe(true);
    const left = new Set((await everything(rig, EMPTY_DOMAIN[providerId])).map((m) => m.address));
    for (const m of mine) expect(left.has(m.address), m.address).toBe(false);
  }, 60_000);

  it("a mailbox already gone is done (a 404 on the delete, then a read)", async () => {
    const [gone] = await made(rig, providerId, 1, `g${Math.random().toString(36).slice(2, 6)}`);
    await rig.provider.deleteMailbox(gone!);
    const { job, rows } = await runChange(rig, providerId, "delete", [gone!]);
    expect(job.state).toBe("done");
    expect(rows[0]).toMatchObject({ state: "created", verified: true });
    // The results file says what the job did, not "Created".
    const csv = (await resultsCsv(rig.db, job.id))!;
    expect(csv).toContain(",Deleted,");
    expect(csv).not.toContain(",Created,");
  }, 60_000);
});

describe("hybridbox without the (unpublished) DELETE route", () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig("hybridbox", {
      database,
      profile: "unpublished-routes",
    });
    await rig.runner.start();
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  });

  it("stops with 'this provider does not allow deleting here', sending nothing more", async () => {
    const mine = await made(rig, "hybridbox", 4, "nodel");
    const { job, rows } = await runChange(rig, "hybridbox", "delete", mine);
    expect(job).toMatchObject({ state: "stopped", stopCode: "delete_not_supported" });
    expect(job.stopMessage).toMatch(/does not allow deleting here/);
    expect(rows.map((r) => r.state)).toEqual(["failed", "failed", "failed", "failed"]);
    expect(rows[0]!.errorCode).toBe("delete_not_supported");
    expect(rows.slice(1).every((r) => r.errorCode === "delete_not_supported")).toBe(true);
    const stats = await rig.stats();
    const deletes = Object.entries(stats.requests).filter(([route]) => route.startsWith("DELETE"));
    expect(deletes.reduce((n, [, c]) => n + c, 0)).toBe(1);
    expect(await everything(rig, EMPTY_DOMAIN.hybridbox)).toHaveLength(4);
  }, 60_000);
});

/**
 * Stores a change job on the Z.com rig and starts it, its rows waiting out a backoff of `waitMs`
 * (as after a lost answer): the job holds its mailboxes, and sends nothing until then.
 */
async function startedWaiting(
  rig: Rig,
  kind: ChangeJobInput["kind"],
  targets: ChangeTarget[],
  waitMs: number,
) {
  const domain = (await rig.provider.listDomains()).find((d) => d.name === EMPTY_DOMAIN.zcom)!;
  const { jobId } = await storeChangeJob(
    { db: rig.db, key: rig.key },
    { kind, provider: "zcom", domain, targets },
    ACTOR,
  );
  await rig.db
    .update(jobRows)
    .set({ nextAttemptAt: new Date(Date.now() + waitMs) })
    .where(eq(jobRows.jobId, jobId));
  rig.runner.wake();
  await vi.waitFor(async () => {
    const [job] = await rig.db.select().from(jobs).where(eq(jobs.id, jobId));
    expect(job?.state).toBe("running");
  });
  return jobId;
}

describe("zcom: reset passwords as a job", () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig("zcom", { database, totalTimeoutMs: 600 });
    await rig.runner.start();
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  });

  it.each([
    ["no faults", {}],
    ["answers lost after the PUT", LOST],
    ["5xx, resets after the PUT", BROKEN],
  ] as const)(
    "the new password opens each mailbox (%s)",
    async (_name, faults) => {
      const prefix = `p${Math.random().toString(36).slice(2, 6)}`;
      const mine = await made(rig, "zcom", 6, prefix);
      const targets = mine.map((m, i) => ({
        id: m.id,
        address: m.address,
        password: `Fresh-Passw0rd-${i}`,
      }));
      await rig.faults(faults);
      const { job, rows } = await runChange(rig, "zcom", "reset_password", targets);
      await rig.faults({});
      expect(job.state).toBe("done");
      expect(rows.every((r) => r.state === "created")).toBe(true);
      if (faults === LOST) expect(rows.some((r) => r.ambiguousAttempts > 0)).toBe(true);
      for (const t of targets) expect(await rig.checkPassword(t.address, t.password)).toBe(true);
      for (const t of targets) expect(rig.logText()).not.toContain(t.password);
    },
    60_000,
  );

  it("a second reset of a mailbox waits until the first one's row has ended", async () => {
    // A's row waits out a backoff (as after a lost answer: its password may still land). B, made
    // meanwhile for the same mailbox, must not send before A ends, or A's late password would
    // replace B's and B would hand out a password that does not open the mailbox.
    const [m] = await made(rig, "zcom", 1, `r${Math.random().toString(36).slice(2, 6)}`);
    const a = await startedWaiting(
      rig,
      "reset_password",
      [{ ...m!, password: "First-Passw0rd-1" }],
      1_500,
    );
    const b = await runChange(rig, "zcom", "reset_password", [
      { ...m!, password: "Second-Passw0rd-2" },
    ]);
    await rig.waitUntilFinished(a);
    const [rowA] = await rig.rows(a);
    const [rowB] = b.rows;
    expect([rowA!.state, rowB!.state]).toEqual(["created", "created"]);
    expect(rowB!.finishedAt!.getTime()).toBeGreaterThan(rowA!.finishedAt!.getTime());
    expect(await rig.checkPassword(m!.address, "Second-Passw0rd-2")).toBe(true);
  }, 60_000);

  it("a reset made while a delete of the mailbox is under way fails: the mailbox is gone", async () => {
    const [m] = await made(rig, "zcom", 1, `d${Math.random().toString(36).slice(2, 6)}`);
    const del = await startedWaiting(rig, "delete", [m!], 1_000);
    const reset = await runChange(rig, "zcom", "reset_password", [
      { ...m!, password: "Never-Handed-0ut" },
    ]);
    await rig.waitUntilFinished(del);
    const [deleted] = await rig.rows(del);
    const [refused] = reset.rows;
    expect(deleted!.state).toBe("created");
    expect([refused!.state, refused!.errorCode]).toEqual(["failed", "mailbox_gone"]);
  }, 60_000);

  it("a reset left unconfirmed lets go of the mailbox: the next reset goes through", async () => {
    const [m] = await made(rig, "zcom", 1, `u${Math.random().toString(36).slice(2, 6)}`);
    await rig.faults({ scope: "writes", hangAfterRate: 1, hangMs: 900 });
    const lost = await runChange(rig, "zcom", "reset_password", [
      { ...m!, password: "Lost-Passw0rd-1" },
    ]);
    await rig.faults({});
    expect(lost.rows[0]!.state).toBe("unconfirmed");
    const next = await runChange(rig, "zcom", "reset_password", [
      { ...m!, password: "Next-Passw0rd-2" },
    ]);
    expect(next.rows[0]!.state).toBe("created");
    expect(await rig.checkPassword(m!.address, "Next-Passw0rd-2")).toBe(true);
  }, 60_000);

  it("a reset or a delete drops the password an earlier job still stores for that mailbox", async () => {
    // Job A made three mailboxes and its passwords were not downloaded yet. One is reset, one
    // deleted: A's download must hand out only the password that still opens its mailbox.
    const prefix = `s${Math.random().toString(36).slice(2, 6)}`;
    const createJob = await rig.submit(people(3, prefix));
    await rig.waitUntilFinished(createJob);
    const mine = (await everything(rig, EMPTY_DOMAIN.zcom))
      .filter((m) => m.localPart.startsWith(prefix))
      .sort((x, y) => x.address.localeCompare(y.address));
    const [resetOne, deletedOne, keptOne] = mine;
    const reset = await runChange(rig, "zcom", "reset_password", [
      { ...resetOne!, password: "Later-Passw0rd-1" },
    ]);
    const deleted = await runChange(rig, "zcom", "delete", [deletedOne!]);
    const rows = new Map((await rig.rows(createJob)).map((r) => [r.address, r]));
    expect(rows.get(resetOne!.address)).toMatchObject({
      passwordEnc: null,
      passwordReplacedBy: reset.job.id,
    });
    expect(rows.get(deletedOne!.address)).toMatchObject({
      passwordEnc: null,
      passwordReplacedBy: deleted.job.id,
    });
    expect(rows.get(keptOne!.address)).toMatchObject({ passwordReplacedBy: null });
    const submitter = { id: "user-1", email: "ops@example.test", role: "operator" };
    const taken = await takeCredentials(rig.db, rig.key, createJob, submitter, {}, null);
    const handedOut = taken.ok ? taken.csv.split("\n").slice(1).filter(Boolean) : [];
    expect(handedOut.map((l) => l.split(",")[0])).toEqual([keptOne!.address]);
    // The reset's own password is the one that opens the mailbox: it stays for its download.
    expect(reset.rows[0]).toMatchObject({ state: "created", passwordReplacedBy: null });
    expect(reset.rows[0]!.passwordEnc).not.toBeNull();
    expect(await rig.checkPassword(resetOne!.address, "Later-Passw0rd-1")).toBe(true);
    // A newer reset replaces that one in turn; a later write to the older reset's done row (any
    // write: it ended long ago) replaces nothing, and the newest password stays for its download.
    const newer = await runChange(rig, "zcom", "reset_password", [
      { ...resetOne!, password: "Newest-Passw0rd-2" },
    ]);
    expect((await rig.rows(reset.job.id))[0]).toMatchObject({ passwordReplacedBy: newer.job.id });
    await rig.db
      .update(jobRows)
      .set({ attempts: sql`${jobRows.attempts}` })
      .where(eq(jobRows.jobId, reset.job.id));
    expect((await rig.rows(newer.job.id))[0]).toMatchObject({ passwordReplacedBy: null });
    expect((await rig.rows(newer.job.id))[0]!.passwordEnc).not.toBeNull();
  }, 60_000);

  it("a password the provider refuses fails that row only", async () => {
    const [a, b] = await made(rig, "zcom", 2, `q${Math.random().toString(36).slice(2, 6)}`);
    const { rows } = await runChange(rig, "zcom", "reset_password", [
      { id: a!.id, address: a!.address, password: "short" },
      { id: b!.id, address: b!.address, password: "Good-Passw0rd-9" },
    ]);
    expect(rows.map((r) => [r.state, r.errorCode])).toEqual([
      ["failed", "invalid_password"],
      ["created", null],
    ]);
  }, 60_000);
});

describe("hybridbox: edit names as a job", () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig("hybridbox", { database, totalTimeoutMs: 600 });
    await rig.runner.start();
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  });

  it.each([
    ["no faults", {}],
    ["answers lost after the PATCH", LOST],
  ] as const)(
    "each mailbox gets its new names (%s)",
    async (_name, faults) => {
      const prefix = `n${Math.random().toString(36).slice(2, 6)}`;
      const mine = await made(rig, "hybridbox", 5, prefix);
      const targets = mine.map((m) => ({
        id: m.id,
        address: m.address,
        firstName: m.lastName ?? "",
        lastName: m.firstName ?? "",
      }));
      await rig.faults(faults);
      const { job, rows } = await runChange(rig, "hybridbox", "update_names", targets);
      await rig.faults({});
      expect(job.state).toBe("done");
      expect(rows.map((r) => r.state)).toEqual(targets.map(() => "created"));
      // The faults did bite: some answers were lost, and those PATCHes were sent again.
      if (faults === LOST) expect(rows.some((r) => r.ambiguousAttempts > 0)).toBe(true);
      for (const t of targets) {
        expect(await rig.provider.readMailbox(t)).toMatchObject({
          firstName: t.firstName,
          lastName: t.lastName,
        });
      }
    },
    60_000,
  );
});

it("a change job is stored with its kind, and a double submit finds the same job", async () => {
  const { db } = database;
  const input: ChangeJobInput = {
    kind: "delete",
    provider: "zcom",
    domain: { id: "d1", name: "x.example" },
    targets: [{ id: "m1", address: "a@x.example" }],
    submissionId: "same-submission",
  };
  const first = await storeChangeJob({ db, key: new Uint8Array(32) }, input, ACTOR);
  const second = await storeChangeJob({ db, key: new Uint8Array(32) }, input, ACTOR);
  expect(second).toEqual({ jobId: first.jobId, created: false });
  const [job] = await db.select().from(jobs).where(eq(jobs.id, first.jobId));
  expect(job).toMatchObject({ kind: "delete", state: "queued", rowsTotal: 1 });
});
