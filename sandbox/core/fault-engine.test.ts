import { describe, expect, it } from "vitest";
import { parseFaultConfig } from "./fault-config";
import { FaultEngine } from "./fault-engine";

const draws = (engine: FaultEngine, n: number) => Array.from({ length: n }, () => engine.draw());

describe("FaultEngine", () => {
  it("replays the same draws for the same seed, and others for another seed", () => {
    const config = { seed: 42, errorRate: 0.5, resetAfterRate: 0.3, jitterMs: 50 };
    const a = draws(new FaultEngine(config), 50);
    expect(draws(new FaultEngine(config), 50)).toEqual(a);
    expect(draws(new FaultEngine({ ...config, seed: 43 }), 50)).not.toEqual(a);
  });

  it("keeps each fault's dice independent of the others being switched on", () => {
    const withErrors = draws(new FaultEngine({ seed: 7, errorRate: 0.5, resetAfterRate: 0.3 }), 40);
    const withoutErrors = draws(new FaultEngine({ seed: 7, resetAfterRate: 0.3 }), 40);
    expect(withoutErrors.map((d) => d.resetAfter)).toEqual(withErrors.map((d) => d.resetAfter));
    expect(withoutErrors.every((d) => d.errorStatus === null)).toBe(true);
  });

  it("restarts the sequence when configured again", () => {
    const engine = new FaultEngine({ seed: 1, errorRate: 0.5 });
    const first = draws(engine, 10);
    engine.configure({ seed: 1, errorRate: 0.5 });
    expect(draws(engine, 10)).toEqual(first);
  });

  it("admits up to maxInFlight at once and frees a slot on release", () => {
    const engine = new FaultEngine({ maxInFlight: 2 });
    const a = engine.admit(0);
    const b = engine.admit(0);
    const c = engine.admit(0);
    expect("release" in a && "release" in b).toBe(true);
    expect(c).toEqual({ limit: { status: 429, retryAfter: "1" } });
    if ("release" in a) a.release();
    expect("release" in engine.admit(0)).toBe(true);
  });

  it("admits ratePerSecond requests in any one-second window", () => {
    const engine = new FaultEngine({ ratePerSecond: 2, limitStatus: 503, retryAfterSeconds: 3 });
    expect("release" in engine.admit(1000)).toBe(true);
    expect("release" in engine.admit(1500)).toBe(true);
    expect(engine.admit(1999)).toEqual({ limit: { status: 503, retryAfter: "3" } });
    expect("release" in engine.admit(2000)).toBe(true);
  });

  it("formats an HTTP-date Retry-After rounded up to the next whole second", () => {
    const engine = new FaultEngine({
      maxInFlight: 1,
      retryAfterFormat: "http-date",
      retryAfterSeconds: 1,
    });
    engine.admit(0);
    const decision = engine.admit(Date.UTC(2026, 0, 2, 3, 4, 5, 250));
    expect(decision).toEqual({
      limit: { status: 429, retryAfter: "Fri, 02 Jan 2026 03:04:07 GMT" },
    });
  });
});

describe("parseFaultConfig", () => {
  it("accepts every documented field and treats null as unset", () => {
    const parsed = parseFaultConfig({
      seed: 1,
      latencyMs: 10,
      jitterMs: 5,
      maxInFlight: 3,
      ratePerSecond: 2.5,
      limitStatus: 503,
      retryAfterFormat: "http-date",
      retryAfterSeconds: 0,
      errorRate: 0.1,
      errorStatuses: [500],
      errorBody: "empty",
      resetBeforeRate: 0,
      resetAfterRate: 1,
      hangAfterRate: 0.5,
      hangMs: 10,
      unauthorizedAfter: 0,
      scope: "all",
    });
    expect(parsed.ok).toBe(true);
    expect(parseFaultConfig({ seed: 1, latencyMs: null })).toEqual({
      ok: true,
      config: { seed: 1 },
    });
    expect(parseFaultConfig({ latency: null })).toEqual({
      ok: false,
      error: 'unknown fault field "latency"',
    });
  });

  it.each([
    [{ errorRate: -0.1 }],
    [{ maxInFlight: 0 }],
    [{ limitStatus: 500 }],
    [{ scope: "everything" }],
    [{ errorStatuses: [200] }],
    [{ toString: 1 }],
    [[]],
  ])("rejects %j", (input) => {
    expect(parseFaultConfig(input).ok).toBe(false);
  });
});
