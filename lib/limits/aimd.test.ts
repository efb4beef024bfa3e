import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AimdOptions, initialState, LatencyWatch, type Signal, step } from "./aimd";

const options: AimdOptions = {
  max: 8,
  cooldownMs: 2_000,
  growEveryMs: 1_000,
  latencyFactor: 3,
  warmup: 5,
};

describe("AIMD limit", () => {
  it("halves on 429, once per cooldown, and says why", () => {
    let state = initialState(8, 0);
    state = step(state, { kind: "throttled", status: 429 }, options, 100);
    expect(state).toMatchObject({ limit: 4, slowedAt: 100, slowedReason: "429 from the provider" });
    // The same burst of 429s is one signal.
    state = step(state, { kind: "throttled", status: 429 }, options, 500);
    expect(state.limit).toBe(4);
    state = step(state, { kind: "throttled", status: 503 }, options, 2_200);
    expect(state).toMatchObject({ limit: 2, slowedReason: "503 from the provider" });
  });

  it("grows by one per calm spell, never above the maximum", () => {
    let state = step(initialState(8, 0), { kind: "throttled", status: 429 }, options, 0);
    expect(state.limit).toBe(4);
    state = step(state, { kind: "calm" }, options, 500);
    expect(state.limit).toBe(4);
    state = step(state, { kind: "calm" }, options, 1_000);
    expect(state.limit).toBe(5);
    state = step(state, { kind: "calm" }, options, 1_500);
    expect(state.limit).toBe(5);
    for (let t = 2_000; t <= 10_000; t += 1_000) state = step(state, { kind: "calm" }, options, t);
    expect(state.limit).toBe(8);
  });

  it("stays within 1..max whatever the provider says, and only moves by the rules", () => {
    const signal = fc.oneof(
      fc.constant<Signal>({ kind: "calm" }),
      fc.constantFrom(429, 503).map((status): Signal => ({ kind: "throttled", status })),
      fc.integer({ min: 1, max: 5_000 }).map((ms): Signal => ({ kind: "slow", ms, baselineMs: 1 })),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.array(fc.tuple(signal, fc.integer({ min: 0, max: 3_000 })), { maxLength: 200 }),
        (max, events) => {
          let now = 0;
          let state = initialState(max, now);
          for (const [s, gap] of events) {
            now += gap;
            const next = step(state, s, { ...options, max }, now);
            expect(next.limit).toBeGreaterThanOrEqual(1);
            expect(next.limit).toBeLessThanOrEqual(max);
            if (s.kind === "calm") expect(next.limit - state.limit).toBeOneOf([0, 1]);
            else
              expect([state.limit, Math.max(1, Math.floor(state.limit / 2))]).toContain(next.limit);
            state = next;
          }
        },
      ),
    );
  });
});

describe("LatencyWatch", () => {
  it("is calm while answers keep their pace and says slow when they take 3× longer", () => {
    const watch = new LatencyWatch(options);
    for (let i = 0; i < 30; i++) expect(watch.observe(40).kind).toBe("calm");
    let last: Signal = { kind: "calm" };
    for (let i = 0; i < 30; i++) last = watch.observe(400);
    expect(last).toMatchObject({ kind: "slow" });
  });

  it("does not judge before its warm-up", () => {
    const watch = new LatencyWatch(options);
    watch.observe(1);
    for (let i = 0; i < 3; i++) expect(watch.observe(1_000).kind).toBe("calm");
  });
});
