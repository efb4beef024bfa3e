import { randomUUID } from "node:crypto";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobRows, jobs } from "@/lib/db/schema";
import { useAsAppDatabase } from "@/lib/testing/app-database";
import { openTestDatabase } from "@/lib/testing/test-database";
import { failedRowsCsv } from "./exports";

const parse = (csv: string) =>
  Papa.parse<string[]>(csv.replace(/^\uFEFF/, "").replace(/\r\n$/, ""), { delimiter: "," }).data;

describe("job exports", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let restore: () => void;
  const submitter = { id: "u-otto", email: "otto@example.test" };
  beforeAll(async () => {
    database = await openTestDatabase();
    restore = useAsAppDatabase(database);
  });
  afterAll(async () => {
    restore?.();
    await database?.close();
  });

  /** A finished job with the given rows (state, input cells, optional stored password). */
  async function job(
    provider: "zcom" | "hybridbox",
    rows: { state: "created" | "failed"; input?: [string, string][]; passwordEnc?: string }[],
    extra: Partial<typeof jobs.$inferInsert> = {},
  ) {
    const id = randomUUID();
    await database.db.insert(jobs).values({
      id,
      submissionId: randomUUID(),
      provider,
      domain: "example.com",
      domainId: "d-1",
      createdBy: submitter.id,
      createdByEmail: submitter.email,
      state: "done",
      partsTotal: 1,
      rowsTotal: rows.length,
      finishedAt: new Date(),
      ...extra,
    });
    await database.db.insert(jobRows).values(
      rows.map((r, rowNo) => ({
        jobId: id,
        rowNo,
        input: r.input ?? [],
        localPart: `u${rowNo}`,
        address: `u${rowNo}@example.com`,
        state: r.state,
        ...(r.state === "failed" ? { errorCode: "quota_exceeded", errorMessage: "full" } : {}),
        passwordEnc: r.passwordEnc ?? null,
      })),
    );
    return id;
  }

  it("guards every pasted cell of the failed rows against formulas", async () => {
    const tricky = [" =1+1", "\u00a0=1+1", '"\n=1+1', "\uff1d1+1", "\t@x", "plain"];
    const id = await job("hybridbox", [
      { state: "failed", input: tricky.map((v, i) => [`c${i}`, v]) },
      { state: "created", input: [["c0", "=not exported"]] },
    ]);
    const rows = parse((await failedRowsCsv(database.db, id))!);
    expect(rows[0]).toEqual([...tricky.map((_, i) => `c${i}`), "Error"]);
    expect(rows.slice(1).map((r) => r.slice(0, -1))).toEqual([
      [...tricky.slice(0, -1).map((v) => `'${v}`), "plain"],
    ]);
  });
});
