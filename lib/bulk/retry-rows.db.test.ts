import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@/lib/db/schema";
import { openTestDatabase } from "@/lib/testing/test-database";
import { refuseRetryOf } from "./retry-rows";

describe("the job a retry names", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  const earlier = randomUUID();
  beforeAll(async () => {
    database = await openTestDatabase();
    await database.db.insert(jobs).values({
      id: earlier,
      submissionId: randomUUID(),
      provider: "zcom",
      domain: "zcom-demo.example",
      domainId: "dom-7",
      createdBy: "u1",
      createdByEmail: "otto@example.test",
      state: "done",
      partsTotal: 1,
      rowsTotal: 1,
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  it("must exist and be on the same provider and domain", async () => {
    const check = (over: object) =>
      refuseRetryOf(database.db, {
        retryOf: earlier,
        provider: "zcom",
        domain: "zcom-demo.example",
        ...over,
      });
    expect(await check({})).toBeNull();
    expect(await check({ domain: "dom-7" })).toBeNull();
    expect(await check({ retryOf: undefined })).toBeNull();
    expect(await check({ retryOf: randomUUID() })).toMatch(/no longer exists/);
    expect(await check({ provider: "hybridbox" })).toMatch(/another provider or domain/);
    expect(await check({ domain: "other.example" })).toMatch(/another provider or domain/);
  });
});
