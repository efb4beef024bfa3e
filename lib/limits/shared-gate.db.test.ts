import { codedText } from "@/lib/i18n/coded";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open";
import { openTestDatabase } from "@/lib/testing/test-database";
import { readLimit } from "./permits";
import { SharedGate } from "./shared-gate";

// Several gates on one database stand for several processes (each has its own holder id); on
// PostgreSQL (CI's second pass) they are the same statements several processes would run.

let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
});

beforeEach(async () => {
  // Each test starts from a provider nobody has slowed down yet.
  await database.db.execute(sql`delete from provider_permit`);
  await database.db.execute(sql`delete from provider_limit`);
});

afterAll(async () => {
  await database.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("SharedGate", () => {
  it("keeps the cap across processes, however many requests each has waiting", async () => {
    const gates = [0, 1, 2].map(
      () => new SharedGate(database.db, "hybridbox", { max: 3, leaseMs: 2_000, holdMaxMs: 50 }),
    );
    let inFlight = 0;
    let peak = 0;
    let done = 0;
    await Promise.all(
      gates.flatMap((gate, g) =>
        Array.from({ length: 12 }, async (_, i) => {
          const permit = await gate.acquire();
          inFlight += 1;
          peak = Math.max(peak, inFlight);
          await sleep(5 + ((g * 7 + i * 3) % 11));
          inFlight -= 1;
          permit.release({ status: 201, ms: 10 });
          done += 1;
        }),
      ),
    );
    expect(done).toBe(36);
    expect(peak).toBeLessThanOrEqual(3);
    // Every process took its turn: not one process holding the permits throughout.
    expect(peak).toBeGreaterThan(1);
    for (const gate of gates) await gate.close();
  });

  it("a permit taken again while its last end was being written stays with its new request", async () => {
    const a = new SharedGate(database.db, "zcom", { max: 1, leaseMs: 5_000, holdMaxMs: 0 });
    const b = new SharedGate(database.db, "zcom", { max: 1, leaseMs: 5_000 });
    // A 429: its end writes a slow-down before the permit is looked at again (held long enough
    // to go back to the pool) ...
    (await a.acquire()).release({ status: 429, ms: 10 });
    // ... and meanwhile a request waiting in the same process takes the idle permit.
    const second = await a.acquire();
    // While it is out, no other process gets the only permit.
    const other = b.acquire();
    const first = await Promise.race([other.then(() => "other"), sleep(600).then(() => "out")]);
    expect(first).toBe("out");
    second.release({ status: 201, ms: 10 });
    (await other).release({ status: 201, ms: 10 });
    await a.close();
    await b.close();
  });

  it("gets a crashed process's permits back within the lease", async () => {
    const crashed = new SharedGate(database.db, "zcom", { max: 2, leaseMs: 600 });
    const held = [await crashed.acquire(), await crashed.acquire()];
    expect(held).toHaveLength(2);
    // The process dies: no release, no renewal, nothing given back.
    for (const timer of (crashed as unknown as { timers: NodeJS.Timeout[] }).timers) {
      clearInterval(timer);
    }
    const other = new SharedGate(database.db, "zcom", { max: 2, leaseMs: 600 });
    const started = Date.now();
    const permit = await other.acquire();
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThan(300);
    expect(waited).toBeLessThan(600 + 1_500);
    permit.release({ status: 201, ms: 5 });
    await other.close();
  });

  it("shares a slow-down: a 429 seen by one process lowers every process's limit", async () => {
    const a = new SharedGate(database.db, "hybridbox", { max: 4, leaseMs: 2_000 });
    const b = new SharedGate(database.db, "hybridbox", { max: 4, leaseMs: 2_000 });
    await a.acquire().then((p) => p.release({ status: 201, ms: 5 }));
    await b.acquire().then((p) => p.release({ status: 429, ms: 5 }));
    await sleep(50);
    const limit = await readLimit(database.db, "hybridbox");
    expect(limit).toMatchObject({
      current: 2,
      max: 4,
      slowedReason: codedText("providerCard.slowThrottled", { status: 429 }),
    });
    // a learns it at its next renewal at the latest, and then lets only 2 in at once.
    await sleep(800);
    expect(a.snapshot()).toMatchObject({ limit: 2, max: 4 });
    const permits = [await a.acquire(), await a.acquire()];
    let third = false;
    const waiting = a.acquire().then((p) => {
      third = true;
      return p;
    });
    await sleep(200);
    expect(third).toBe(false);
    for (const p of permits) p.release({ status: 201, ms: 5 });
    (await waiting).release({ status: 201, ms: 5 });
    await a.close();
    await b.close();
  });
});
