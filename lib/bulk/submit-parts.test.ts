import { describe, expect, it, vi } from "vitest";
import type { Coded } from "@/lib/i18n/coded";
import { inEnglish } from "@/lib/i18n/english";
import type { JobPartInput } from "@/lib/jobs/submission";
import type { EditorRow } from "./editor-rows";
import { BulkRowStore } from "./row-store";
import { submitInParts, wireRows, type SendPart, type WireRow } from "./submit-parts";

const rows = (n: number): WireRow[] =>
  Array.from({ length: n }, (_, i) => ({
    firstName: "Ann",
    lastName: `Lee${i}`,
    localPart: `ann.lee${i}`,
    skip: false,
    source: {},
  }));

const job = (n: number) => ({
  submissionId: "5b0f6f2e-8d4e-4b43-9d0b-5d1a3c1e2f00",
  provider: "hybridbox" as const,
  domain: "empty.example",
  rows: rows(n),
});

describe("submitting a list in parts", () => {
  it("sends parts of at most 10,000 rows in order, each knowing its place", async () => {
    const sent: JobPartInput[] = [];
    const send: SendPart = async (part) => {
      sent.push(part);
      return { ok: true, data: { jobId: "job-1" } };
    };
    const labels: Coded[] = [];
    const outcome = await submitInParts(
      { ...job(25_000), retryOf: "job-0" },
      send,
      (l) => void labels.push(l),
    );
    expect(outcome).toEqual({ ok: true, jobId: "job-1" });
    expect(sent.map((p) => [p.partNo, p.partsTotal, p.firstRow, p.rows.length])).toEqual([
      [0, 3, 0, 10_000],
      [1, 3, 10_000, 10_000],
      [2, 3, 20_000, 5_000],
    ]);
    expect(sent.every((p) => p.rowsTotal === 25_000 && p.retryOf === "job-0")).toBe(true);
    expect(labels.map(inEnglish)).toEqual([
      "Sending part 1 of 3…",
      "Sending part 2 of 3…",
      "Sending part 3 of 3…",
    ]);
  });

  it("stops at a refused part, says which, and points at its first refused row", async () => {
    const send = vi.fn<SendPart>(async (part) =>
      part.partNo === 1
        ? { ok: false, formError: "Fix the rows.", fieldErrors: { "rows.7.localPart": ["Bad"] } }
        : { ok: true, data: { jobId: "job-1" } },
    );
    const outcome = await submitInParts(job(20_001), send, () => {});
    expect(outcome).toEqual({
      ok: false,
      message: { key: "bulk.submit.serverSaid", params: { text: "Fix the rows." } },
      part: { part: 2, parts: 3 },
      row: 10_007,
    });
    expect(send).toHaveBeenCalledTimes(2);
  });

  it("says the server did not take a part it refused outright", async () => {
    const outcome = await submitInParts(
      job(1),
      async () => {
        throw new Error("Body exceeded 2mb limit");
      },
      () => {},
    );
    expect(outcome).toEqual({
      ok: false,
      message: { key: "bulk.submit.notTaken", params: { reason: "Body exceeded 2mb limit" } },
    });
    if (!outcome.ok) {
      expect(inEnglish(outcome.message)).toMatch(
        /^The server did not take it \(Body exceeded 2mb limit\)/,
      );
    }
  });
});

describe("the rows as sent", () => {
  const row = (over: Partial<EditorRow>): EditorRow => ({
    firstName: "Ann",
    lastName: "Lee",
    localPart: "ann-lee",
    password: "Kept-Passw0rd!",
    skip: false,
    derived: false,
    suffixed: false,
    source: { Email: "ann-lee@x" },
    ...over,
  });

  it("skip only rows that exist, and a password only for Z.com", () => {
    const store = new BulkRowStore("zcom", [
      row({ skip: true }),
      row({ localPart: "bob-lee", skip: true }),
    ]);
    store.setExisting(new Set(["ann-lee"]));
    expect(wireRows(store)).toEqual([
      {
        firstName: "Ann",
        lastName: "Lee",
        localPart: "ann-lee",
        password: "Kept-Passw0rd!",
        skip: true,
        source: { Email: "ann-lee@x" },
      },
      {
        firstName: "Ann",
        lastName: "Lee",
        localPart: "bob-lee",
        password: "Kept-Passw0rd!",
        skip: false,
        source: { Email: "ann-lee@x" },
      },
    ]);
    store.setProvider("hybridbox");
    expect(wireRows(store)[0]).not.toHaveProperty("password");
  });
});
