import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { open } from "@/lib/crypto/secret-box";
import { jobParts, jobRows, jobs } from "@/lib/db/schema";
import { openTestDatabase } from "@/lib/testing/test-database";
import { cancelStalledSubmissions } from "./ledger/submissions";
import { storeJobPart, type StoreDeps } from "./store-part";
import { jobPartSchema, PART_MAX_ROWS } from "./submission";

describe("storing a submission", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let deps: StoreDeps;
  const actor = { id: "u1", email: "ops@example.test" };
  beforeAll(async () => {
    database = await openTestDatabase();
    deps = {
      db: database.db,
      key: randomBytes(32),
      resolveDomain: async (_p, name) => (name === "example.com" ? { id: "d-1", name } : null),
    };
  });
  afterAll(async () => {
    await database?.close();
  });

  const part = (
    submissionId: string,
    partNo: number,
    partsTotal: number,
    rows: object[],
    rowsTotal: number,
  ) =>
    jobPartSchema.parse({
      submissionId,
      provider: "zcom",
      domain: "example.com",
      partNo,
      partsTotal,
      rowsTotal,
      rows,
    });

  it("stores parts idempotently, in any order, and queues the job when the last one lands", async () => {
    const id = randomUUID();
    // The pasted cells: the page leaves out a column it recognises as passwords, but a password
    // can sit in any column (a note, a second password column), whole or inside other text.
    const typed = "Typed-Passw0rd";
    const first = [
      {
        localPart: "ann",
        password: typed,
        source: { Name: "Ann", Password: typed, Note: ` ${typed} `, Comment: `temp pw ${typed}!` },
      },
      { localPart: "bob", source: { Name: "Bob", Note: "no password here" } },
    ];
    const second = [{ localPart: "cat", skip: true }];
    const a = await storeJobPart(deps, part(id, 1, 2, second, 3), actor);
    expect(a).toMatchObject({ state: "receiving", partsReceived: 1, started: false });
    const again = await storeJobPart(deps, part(id, 1, 2, second, 3), actor);
    expect(again).toMatchObject({ jobId: a.jobId, partsReceived: 1 });
    const b = await storeJobPart(deps, part(id, 0, 2, first, 3), actor);
    expect(b).toMatchObject({ jobId: a.jobId, state: "queued", partsReceived: 2, started: true });
    // A double submit of the whole list finds the same job and stores nothing twice.
    const c = await storeJobPart(deps, part(id, 0, 2, first, 3), actor);
    expect(c).toMatchObject({ jobId: a.jobId, started: false });

    const rows = await database.db
      .select()
      .from(jobRows)
      .where(eq(jobRows.jobId, a.jobId))
      .orderBy(jobRows.rowNo);
    expect(rows.map((r) => [r.rowNo, r.address, r.state])).toEqual([
      [0, "ann@example.com", "pending"],
      [1, "bob@example.com", "pending"],
      [PART_MAX_ROWS, "cat@example.com", "skipped"],
    ]);
    // Typed passwords are kept, empty ones generated; both only encrypted, bound to their row.
    expect(open(rows[0]!.passwordEnc!, deps.key, `${a.jobId}:0`)).toBe("Typed-Passw0rd");
    const generated = open(rows[1]!.passwordEnc!, deps.key, `${a.jobId}:1`);
    expect(generated.length).toBeGreaterThanOrEqual(16);
    expect(rows[1]!.passwordGenerated).toBe(true);
    expect(rows[0]!.input).toEqual([["Name", "Ann"]]);
    expect(rows[1]!.input).toEqual([
      ["Name", "Bob"],
      ["Note", "no password here"],
    ]);
    expect(JSON.stringify(rows.map((r) => [r.input, r.passwordEnc]))).not.toContain(typed);
    expect(rows[2]!.passwordEnc).toBeNull();
    expect(
      await database.db.select().from(jobParts).where(eq(jobParts.jobId, a.jobId)),
    ).toHaveLength(2);
  });

  it("refuses a domain the provider does not have, and stores nothing", async () => {
    const id = randomUUID();
    const attempt = storeJobPart(
      deps,
      { ...part(id, 0, 1, [{ localPart: "ann" }], 1), domain: "evil.example" },
      actor,
    );
    await expect(attempt).rejects.toThrow(/not on this provider/);
    expect(await database.db.select().from(jobs).where(eq(jobs.submissionId, id))).toHaveLength(0);
  });

  it("refuses an address already in another part of the same job", async () => {
    const id = randomUUID();
    await storeJobPart(deps, part(id, 0, 2, [{ localPart: "dan" }], 2), actor);
    await expect(
      storeJobPart(deps, part(id, 1, 2, [{ localPart: "dan" }], 2), actor),
    ).rejects.toThrow(/already in another part/);
  });

  it("numbers rows by each part's first row, so parts split by size leave no gaps", async () => {
    const id = randomUUID();
    const make = (partNo: number, firstRow: number, rows: object[]) =>
      jobPartSchema.parse({
        submissionId: id,
        provider: "hybridbox",
        domain: "example.com",
        partNo,
        partsTotal: 2,
        rowsTotal: 3,
        firstRow,
        rows,
      });
    await storeJobPart(deps, make(1, 2, [{ localPart: "cy", firstName: "Cy" }]), actor);
    const done = await storeJobPart(
      deps,
      make(0, 0, [
        { localPart: "al", firstName: "Al" },
        { localPart: "bo", firstName: "Bo" },
      ]),
      actor,
    );
    expect(done.started).toBe(true);
    const rows = await database.db
      .select({ rowNo: jobRows.rowNo, address: jobRows.address })
      .from(jobRows)
      .where(eq(jobRows.jobId, done.jobId))
      .orderBy(jobRows.rowNo);
    expect(rows.map((r) => [r.rowNo, r.address])).toEqual([
      [0, "al@example.com"],
      [1, "bo@example.com"],
      [2, "cy@example.com"],
    ]);
  });

  it("a list whose parts do not add up is cancelled at once, says so on every row, and can be sent again", async () => {
    const id = randomUUID();
    await storeJobPart(deps, part(id, 0, 2, [{ localPart: "eve" }], 3), actor);
    // The last part makes 2 rows, not the 3 announced: it can never complete.
    await expect(
      storeJobPart(deps, part(id, 1, 2, [{ localPart: "fay" }], 3), actor),
    ).rejects.toThrow(/hold 2 rows, not the 3 announced.*Nothing was sent/);
    const [cancelled] = await database.db
      .select()
      .from(jobs)
      .where(eq(jobs.submissionId, `${id}:cancelled:${(await jobOf(id, true))!.id}`));
    expect(cancelled).toMatchObject({ state: "cancelled", stopCode: "incomplete_submission" });
    expect(cancelled!.finishedAt).not.toBeNull();
    const rows = await database.db.select().from(jobRows).where(eq(jobRows.jobId, cancelled!.id));
    expect(rows.map((r) => [r.state, r.errorCode])).toEqual([
      ["failed", "incomplete_submission"],
      ["failed", "incomplete_submission"],
    ]);
    // The same submission sent again, whole, makes a new job.
    const again = await storeJobPart(
      deps,
      part(id, 0, 1, [{ localPart: "eve" }, { localPart: "fay" }], 2),
      actor,
    );
    expect(again).toMatchObject({ state: "queued", started: true });
    expect(again.jobId).not.toBe(cancelled!.id);
  });

  it("a submission whose parts stop arriving is cancelled after the timeout; the rows say why", async () => {
    const id = randomUUID();
    const first = await storeJobPart(deps, part(id, 0, 3, [{ localPart: "gus" }], 3), actor);
    expect(await cancelStalledSubmissions(database.db, 60_000)).not.toContain(first.jobId);
    expect(await cancelStalledSubmissions(database.db, 0)).toContain(first.jobId);
    const [job] = await database.db.select().from(jobs).where(eq(jobs.id, first.jobId));
    expect(job).toMatchObject({ state: "cancelled", stopCode: "incomplete_submission" });
    expect(job!.stopMessage).toMatch(/only 1 of 3 parts/);
    const [row] = await database.db.select().from(jobRows).where(eq(jobRows.jobId, first.jobId));
    expect(row).toMatchObject({ state: "failed", errorCode: "incomplete_submission" });
  });

  async function jobOf(submissionId: string, cancelled = false) {
    const all = await database.db.select().from(jobs);
    return all.find((j) =>
      cancelled
        ? j.submissionId.startsWith(`${submissionId}:cancelled:`)
        : j.submissionId === submissionId,
    );
  }
});
