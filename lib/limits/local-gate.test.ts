import { codedText } from "@/lib/i18n/coded";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Permit } from "@/lib/providers/gate";
import { LocalGate } from "./local-gate";

const tick = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
});

describe("LocalGate", () => {
  it("never lets more than the limit in flight, whatever the order of answers", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.constantFrom(200, 201, 409, 429, 503), { minLength: 40, maxLength: 40 }),
        async (max, delays, statuses) => {
          const gate = new LocalGate({ max, aimd: { growEveryMs: 1 } });
          let inFlight = 0;
          let peak = 0;
          await Promise.all(
            delays.map(async (delay, i) => {
              const permit = await gate.acquire();
              inFlight += 1;
              peak = Math.max(peak, inFlight);
              for (let k = 0; k < delay; k++) await tick();
              inFlight -= 1;
              permit.release({ status: statuses[i]!, ms: 1 });
            }),
          );
          expect(peak).toBeLessThanOrEqual(max);
          expect(gate.snapshot().inFlight).toBe(0);
        },
      ),
    );
  });

  it("halves the limit on a 429 and grows back after calm", async () => {
    vi.useFakeTimers({ now: 0 });
    const gate = new LocalGate({ max: 8, aimd: { growEveryMs: 1_000, cooldownMs: 2_000 } });
    const permit = await gate.acquire();
    permit.release({ status: 429, ms: 5 });
    expect(gate.snapshot()).toMatchObject({
      limit: 4,
      max: 8,
      inFlight: 0,
      slowedReason: codedText("providerCard.slowThrottled", { status: 429 }),
    });
    // Only 4 go in now; the fifth waits.
    const held: Permit[] = [];
    for (let i = 0; i < 4; i++) held.push(await gate.acquire());
    let fifth = false;
    void gate.acquire().then(() => (fifth = true));
    await vi.advanceTimersByTimeAsync(500);
    expect(fifth).toBe(false);
    // After a calm second the limit grows by one and the waiter goes in.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fifth).toBe(true);
    expect(gate.snapshot()).toMatchObject({ limit: 5, inFlight: 5 });
  });

  it("keeps a per-second limit", async () => {
    vi.useFakeTimers({ now: 0 });
    const gate = new LocalGate({ max: 50, perSecond: 10 });
    let admitted = 0;
    for (let i = 0; i < 40; i++) {
      void gate.acquire().then((p) => {
        admitted += 1;
        p.release({ status: 200, ms: 1 });
      });
    }
    await vi.advanceTimersByTimeAsync(0);
    expect(admitted).toBe(10);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(admitted).toBeGreaterThanOrEqual(19);
    expect(admitted).toBeLessThanOrEqual(21);
  });

  it("lets a request that is given up while waiting leave the queue", async () => {
    const gate = new LocalGate({ max: 1 });
    const first = await gate.acquire();
    const controller = new AbortController();
    const waiting = gate.acquire(controller.signal);
    controller.abort(new Error("gave up"));
    await expect(waiting).rejects.toThrow("gave up");
    first.release({ status: 200, ms: 1 });
    // The slot is free for the next one, not taken by the request that left.
    const next = await gate.acquire();
    expect(gate.snapshot().inFlight).toBe(1);
    next.release({ status: 200, ms: 1 });
  });

  it("counts a permit released twice once", async () => {
    const gate = new LocalGate({ max: 2 });
    const permit = await gate.acquire();
    permit.release({ status: 200, ms: 1 });
    permit.release({ status: 200, ms: 1 });
    expect(gate.snapshot().inFlight).toBe(0);
  });
});
