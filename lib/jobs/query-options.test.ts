import { describe, expect, it } from "vitest";
import type { PublicRow } from "./progress";
import { type JobProgress, mergeProgress } from "./query-options";

const row = (rowNo: number, state: PublicRow["state"]): PublicRow =>
  ({ rowNo, state, address: `u${rowNo}@x`, localPart: `u${rowNo}` }) as PublicRow;
const progress = (rows: PublicRow[], cursor: number): JobProgress =>
  ({
    job: { id: "j" },
    counts: {},
    credentialsAvailable: false,
    etaSeconds: null,
    rows,
    cursor,
    hasMore: false,
  }) as unknown as JobProgress;

describe("merging progress deltas", () => {
  it("keeps every row once, in list order, with its latest state", () => {
    const first = mergeProgress(
      undefined,
      progress([row(2, "pending"), row(0, "pending"), row(1, "pending")], 3),
    );
    const next = mergeProgress(first, progress([row(1, "created"), row(2, "failed")], 5));
    expect(next.rows.map((r) => [r.rowNo, r.state])).toEqual([
      [0, "pending"],
      [1, "created"],
      [2, "failed"],
    ]);
    expect(next.cursor).toBe(5);
  });

  it("replaces a changed row whole: a key the new copy leaves out is gone", () => {
    // The server leaves out what a row has no value for: an unconfirmed row checked again and
    // found created must not keep the old row's error.
    const unconfirmed = { ...row(0, "unconfirmed"), errorCode: "unknown_outcome" };
    const first = mergeProgress(undefined, progress([unconfirmed], 1));
    const next = mergeProgress(first, progress([row(0, "created")], 2));
    expect(next.rows[0]).not.toHaveProperty("errorCode");
    expect(next.rows[0]!.state).toBe("created");
  });
});
