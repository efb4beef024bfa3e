import { describe, expect, it } from "vitest";
import { ProviderError } from "./errors";
import {
  PageGeometry,
  patiently,
  readOffsetRange,
  readPagedRange,
  scanList,
  type ScanTiming,
  type Slice,
} from "./paging";

const LIST = Array.from({ length: 137 }, (_, i) => i);

/** A page-number server that serves at most `cap()` items, counting pages one way or the other. */
function pagedServer(cap: () => number, offsetBy: "requested" | "capped") {
  const calls: [number, number][] = [];
  const fetch = async (page: number, size: number): Promise<Slice<number>> => {
    calls.push([page, size]);
    const served = Math.min(size, cap());
    const start = (page - 1) * (offsetBy === "requested" ? size : served);
    return { items: LIST.slice(start, start + served), total: LIST.length };
  };
  return { fetch, calls };
}

const range = (from: number, n: number) => LIST.slice(from, from + n);

describe("readPagedRange", () => {
  it.each(["requested", "capped"] as const)(
    "reads any window exactly when pages are capped at 50 and counted in the %s size",
    async (offsetBy) => {
      for (const [offset, limit] of [
        [100, 100],
        [0, 100],
        [25, 25],
        [120, 50],
        [136, 10],
      ] as const) {
        const server = pagedServer(() => 50, offsetBy);
        const slice = await readPagedRange(server.fetch, new PageGeometry(), offset, limit);
        expect(slice.items, `${offset}+${limit}`).toEqual(range(offset, limit));
        expect(slice.total).toBe(137);
      }
    },
  );

  it("asks page 1 first in a size not yet seen honoured, then keeps what it learned", async () => {
    const server = pagedServer(() => 50, "capped");
    const geometry = new PageGeometry();
    await readPagedRange(server.fetch, geometry, 100, 37);
    // Probe page 1 of 37: honoured (a full page), so page 3 of 37 can be trusted.
    expect(server.calls).toEqual([
      [1, 37],
      [3, 37],
      [4, 37],
    ]);
    expect(geometry.proven).toBe(37);
    server.calls.length = 0;
    await readPagedRange(server.fetch, geometry, 100, 100);
    // 100 was never seen honoured: page 1 of 100 comes back with 50, so 50 is the cap.
    expect(server.calls[0]).toEqual([1, 100]);
    expect(geometry.cap).toBe(50);
    expect(server.calls.slice(1).every(([, size]) => size === 50)).toBe(true);
  });

  it("a provider that lowers its cap later: a short page past the first is read again", async () => {
    let cap = 100;
    const server = pagedServer(() => cap, "capped");
    const geometry = new PageGeometry();
    expect((await readPagedRange(server.fetch, geometry, 0, 100)).items).toEqual(range(0, 100));
    cap = 20;
    const slice = await readPagedRange(server.fetch, geometry, 100, 37);
    expect(slice.items).toEqual(range(100, 37));
    expect(geometry.cap).toBe(20);
  });
});

describe("readOffsetRange", () => {
  it("goes on from what was received when the provider caps its limit", async () => {
    const asked: number[] = [];
    const slice = await readOffsetRange(
      async (offset, limit) => {
        asked.push(offset);
        return { items: LIST.slice(offset, offset + Math.min(limit, 30)), total: LIST.length };
      },
      40,
      100,
    );
    expect(slice.items).toEqual(range(40, 97));
    expect(asked).toEqual([40, 70, 100, 130]);
  });
});

const noWait: ScanTiming = { sleep: async () => {}, random: () => 0.5 };
const throttled = (retryAfterMs?: number) =>
  new ProviderError({
    code: "rate_limited",
    errorClass: "retryable",
    status: 429,
    message: "Too Many Requests",
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });

describe("scanList", () => {
  it("resumes where a 429 stopped it, and yields each item once", async () => {
    const asked: number[] = [];
    let refuse = 2;
    const read = async (offset: number, limit: number) => {
      asked.push(offset);
      if (offset === 60 && refuse-- > 0) throw throttled(1_000);
      return { items: LIST.slice(offset, offset + Math.min(limit, 30)), total: LIST.length };
    };
    const seen: number[] = [];
    for await (const batch of scanList(read, String, { pageSize: 100 }, noWait))
      seen.push(...batch);
    expect(seen).toEqual(LIST);
    expect(asked).toEqual([0, 30, 60, 60, 60, 90, 120]);
  });

  it("gives up once the time it may wait is spent, with the provider's failure", async () => {
    const read = async (): Promise<Slice<number>> => {
      throw throttled(5_000);
    };
    const scan = scanList(read, String, { waitBudgetMs: 12_000 }, noWait);
    await expect(scan.next()).rejects.toThrow("Too Many Requests");
  });

  it("asks again at once when a connection drops under a read, twice at most in a row", async () => {
    let drops = 0;
    const read = async (offset: number): Promise<Slice<number>> => {
      if (offset === 30 && drops++ < 2) {
        throw new ProviderError({
          code: "unknown_outcome",
          errorClass: "ambiguous",
          message: "connection closed by the other side after the request was sent",
        });
      }
      return { items: LIST.slice(offset, offset + 30), total: LIST.length };
    };
    const seen: number[] = [];
    for await (const batch of scanList(read, String, {}, noWait)) seen.push(...batch);
    expect(seen).toEqual(LIST);
    drops = -10; // now it keeps dropping: the third in a row is passed on
    await expect(
      (async () => {
        for await (const _ of scanList(read, String, {}, noWait));
      })(),
    ).rejects.toThrow("connection closed");
  });

  it("does not wait for a connection that was refused: nobody said when to come back", async () => {
    let calls = 0;
    const read = async (): Promise<Slice<number>> => {
      calls++;
      throw new ProviderError({ code: "unavailable", errorClass: "retryable", message: "refused" });
    };
    await expect(scanList(read, String, {}, noWait).next()).rejects.toThrow("refused");
    expect(calls).toBe(1);
  });
});

describe("patiently", () => {
  it("waits out 429s within its budget, then passes the failure on", async () => {
    let calls = 0;
    const answer = await patiently(
      async () => {
        if (++calls < 3) throw throttled(1_000);
        return "ok";
      },
      5_000,
      undefined,
      noWait,
    );
    expect(answer).toBe("ok");
    calls = 0;
    await expect(
      patiently(
        async () => {
          calls++;
          throw throttled(2_000);
        },
        5_000,
        undefined,
        noWait,
      ),
    ).rejects.toThrow("Too Many Requests");
    expect(calls).toBe(3);
  });
});
