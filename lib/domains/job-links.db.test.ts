import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobRows, jobs } from "@/lib/db/schema";
import { openTestDatabase } from "@/lib/testing/test-database";
import { createdByJobs } from "./job-links";

describe("createdByJobs", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    database = await openTestDatabase();
    const { db } = database;
    const job = (id: string, provider: "hybridbox" | "zcom", domain: string, at: string) => ({
      id,
      submissionId: `00000000-0000-4000-8000-00000000000${id.at(-1)}`,
      provider,
      domain,
      domainId: `${domain}-id`,
      createdBy: "u1",
      createdByEmail: "ada@example.test",
      state: "done" as const,
      partsTotal: 1,
      rowsTotal: 2,
      createdAt: new Date(at),
    });
    await db
      .insert(jobs)
      .values([
        job("job-1", "hybridbox", "acme.example", "2026-01-01T00:00:00Z"),
        job("job-2", "hybridbox", "acme.example", "2026-02-01T00:00:00Z"),
        job("job-3", "zcom", "acme.example", "2026-03-01T00:00:00Z"),
        job("job-4", "hybridbox", "other.example", "2026-03-01T00:00:00Z"),
      ]);
    const row = (jobId: string, rowNo: number, local: string, domain: string, state: string) => ({
      jobId,
      rowNo,
      input: [],
      localPart: local,
      address: `${local}@${domain}`,
      state: state as "created",
    });
    await db.insert(jobRows).values([
      row("job-1", 0, "jane", "acme.example", "created"),
      row("job-1", 1, "failed.one", "acme.example", "failed"),
      // Created again by a later job after a delete: the newer job is the one to show.
      row("job-2", 0, "jane", "acme.example", "created"),
      row("job-2", 1, "tom", "acme.example", "created"),
      // The same address on another provider or domain is not this mailbox.
      row("job-3", 0, "ann", "acme.example", "created"),
      row("job-4", 0, "ann", "other.example", "created"),
    ]);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("links each created address on the page to the newest job that created it", async () => {
    const links = await createdByJobs(database.db, "hybridbox", "ACME.example", [
      "Jane@acme.example",
      "tom@acme.example",
      "failed.one@acme.example",
      "ann@acme.example",
      "nobody@acme.example",
    ]);
    expect(Object.fromEntries(links)).toEqual({
      "jane@acme.example": "job-2",
      "tom@acme.example": "job-2",
    });
  });

  it("asks nothing for an empty page", async () => {
    expect((await createdByJobs(database.db, "zcom", "acme.example", [])).size).toBe(0);
  });
});
