import { codedText } from "@/lib/i18n/coded";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AimdOptions, initialState, LatencyWatch, lowered, type Signal, step } from "./aimd";

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
    expect(state).toMatchObject({
      limit: 4,
      slowedAt: 100,
      slowedReason: codedText("providerCard.slowThrottled", { status: 429 }),
    });
    // The same burst of 429s is one signal.
    state = step(state, { kind: "throttled", status: 429 }, options, 500);
    expect(state.limit).toBe(4);
    state = step(state, { kind: "throttled", status: 503 }, options, 2_200);
    expect(state).toMatchObject({
      limit: 2,
      slowedReason: codedText("providerCard.slowThrottled", { status: 503 }),
    });
  });

  it("halves on 429/503 and takes one off on slow answers, never below one", () => {
    expect([8, 7, 2, 1].map((n) => lowered(n, "throttled"))).toEqual([4, 3, 1, 1]);
    expect([8, 7, 2, 1].map((n) => lowered(n, "slow"))).toEqual([7, 6, 1, 1]);
  });

  it("takes one off when answers only grew slow", () => {
    const state = step(initialState(8, 0), { kind: "slow", ms: 300, baselineMs: 50 }, options, 10);
    expect(state).toMatchObject({
      limit: 7,
      slowedReason: codedText("providerCard.slowLatency", { ms: 300, baselineMs: 50 }),
    });
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
            else expect([state.limit, lowered(state.limit, s.kind)]).toContain(next.limit);
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

  it("keeps a baseline per route: a slower route is not a slow provider", () => {
    const watch = new LatencyWatch(options);
    for (let i = 0; i < 30; i++) expect(watch.observe(40, "GET /domains").kind).toBe("calm");
    // A bulk create of 100 takes 300 ms from its first answer on: its own normal.
    for (let i = 0; i < 30; i++) {
      expect(watch.observe(300, "POST /mailboxes/bulk").kind).toBe("calm");
    }
    let last: Signal = { kind: "calm" };
    for (let i = 0; i < 30; i++) last = watch.observe(400, "GET /domains");
    expect(last).toMatchObject({ kind: "slow" });
  });

  it("does not take its own busy event loop for a slow provider", () => {
    let lag = 0;
    const watch = new LatencyWatch(options, () => lag);
    for (let i = 0; i < 30; i++) watch.observe(40);
    lag = 200; // the loop was blocked: answers were read late
    for (let i = 0; i < 30; i++) expect(watch.observe(400).kind).toBe("calm");
    lag = 0;
    expect(watch.observe(400)).toMatchObject({ kind: "slow" });
  });

  it("does not judge before its warm-up", () => {
    const watch = new LatencyWatch(options);
    watch.observe(1);
    for (let i = 0; i < 3; i++) expect(watch.observe(1_000).kind).toBe("calm");
  });
});
