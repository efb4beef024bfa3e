import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seal } from "@/lib/crypto/secret-box";
import { jobRows, jobs } from "@/lib/db/schema";
import { openTestDatabase } from "@/lib/testing/test-database";
import { jobProgress } from "./progress";

// What the job page polls: each row's state and reason, and nothing the page does not show
// (the cells as pasted, a password) or has no value for.
describe("a job's progress rows", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  const key = randomBytes(32);
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  const PHONE = "+81-3-5550-0199";
  const PASSWORD = "Stored-Passw0rd-7q";

  async function finishedJob() {
    const id = randomUUID();
    await database.db.insert(jobs).values({
      id,
      submissionId: randomUUID(),
      provider: "zcom",
      domain: "example.com",
      domainId: "d-1",
      createdBy: "u-1",
      createdByEmail: "ops@example.test",
      state: "done",
      partsTotal: 1,
      rowsTotal: 2,
      finishedAt: new Date(),
    });
    const base = (rowNo: number) => ({
      jobId: id,
      rowNo,
      input: [["Phone", PHONE]] as [string, string][],
      localPart: `u${rowNo}`,
      address: `u${rowNo}@example.com`,
    });
    await database.db.insert(jobRows).values([
      {
        ...base(0),
        state: "created" as const,
        mailboxId: "m-0",
        passwordEnc: seal(PASSWORD, key, `${id}:0`),
      },
      {
        ...base(1),
        state: "failed" as const,
        errorCode: "already_exists",
        errorMessage: "This address already exists at the provider.",
        errorStatus: 409,
        heldByJob: "job-that-made-it",
      },
    ]);
    return id;
  }

  it("carry no pasted cell and no password, encrypted or not", async () => {
    const id = await finishedJob();
    const progress = await jobProgress(database.db, id, 0, 10);
    const json = JSON.stringify(progress);
    expect(progress!.rows).toHaveLength(2);
    expect(json).not.toContain(PHONE);
    expect(json).not.toContain(PASSWORD);
    expect(json).not.toMatch(/"input"|password_?enc/i);
  });

  it("leave out what a row has no value for, and keep every reason it has", async () => {
    const id = await finishedJob();
    const [created, failed] = (await jobProgress(database.db, id, 0, 10))!.rows;
    expect(Object.values(created!)).not.toContain(null);
    expect(created).not.toHaveProperty("errorCode");
    expect(created).toMatchObject({ state: "created", mailboxId: "m-0", verified: false });
    expect(failed).toMatchObject({
      state: "failed",
      errorCode: "already_exists",
      errorMessage: "This address already exists at the provider.",
      errorStatus: 409,
      heldByJob: "job-that-made-it",
    });
    expect(failed).not.toHaveProperty("mailboxId");
  });
});
