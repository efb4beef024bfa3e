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

describe("FaultEngine: read/write limits, the profile layer, errorAfter", () => {
  it("limits reads and writes each on their own, beside the limits over every request", () => {
    const engine = new FaultEngine({ readRatePerSecond: 2, writeMaxInFlight: 1 });
    expect("release" in engine.admit(0, "read")).toBe(true);
    expect("release" in engine.admit(10, "read")).toBe(true);
    expect(engine.admit(20, "read")).toEqual({ limit: { status: 429, retryAfter: "1" } });
    const write = engine.admit(30, "write");
    expect("release" in write).toBe(true);
    expect("limit" in engine.admit(40, "write")).toBe(true);
    expect("limit" in engine.admit(50, "read")).toBe(true);
    if ("release" in write) write.release();
    expect("release" in engine.admit(60, "write")).toBe(true);
    expect("release" in engine.admit(1000, "read")).toBe(true);
  });

  it("counts reads and writes against maxInFlight / ratePerSecond too", () => {
    const engine = new FaultEngine({ maxInFlight: 2, readMaxInFlight: 5 });
    engine.admit(0, "read");
    engine.admit(0, "write");
    expect("limit" in engine.admit(0, "read")).toBe(true);
  });

  it("lays the profile's faults under the configured ones", () => {
    const engine = new FaultEngine({});
    engine.setProfileFaults({ readRatePerSecond: 1, retryAfterFormat: "http-date" });
    engine.configure({ retryAfterSeconds: 3, retryAfterFormat: "seconds" });
    expect(engine.settings).toMatchObject({
      readRatePerSecond: 1,
      retryAfterFormat: "seconds",
      retryAfterSeconds: 3,
    });
    expect(engine.describe()).toMatchObject({
      config: { retryAfterSeconds: 3, retryAfterFormat: "seconds" },
      profileFaults: { readRatePerSecond: 1, retryAfterFormat: "http-date" },
    });
    engine.reset();
    expect(engine.settings).toMatchObject({ readRatePerSecond: 1, retryAfterFormat: "http-date" });
    engine.setProfileFaults({});
    expect(engine.settings.readRatePerSecond).toBeNull();
  });

  it("draws errorAfter from its own stream: the six dice give the same faults as before", () => {
    const base = { seed: 11, errorRate: 0.3, resetAfterRate: 0.3, jitterMs: 9 };
    const without = draws(new FaultEngine(base), 40);
    const withAfter = draws(new FaultEngine({ ...base, errorAfterRate: 0.5 }), 40);
    const six = ({ errorAfter: _, ...rest }: ReturnType<FaultEngine["draw"]>) => rest;
    expect(withAfter.map(six)).toEqual(without.map(six));
    expect(without.every((d) => !d.errorAfter)).toBe(true);
    const after = withAfter.filter((d) => d.errorAfter).length;
    expect(after).toBeGreaterThan(5);
    expect(after).toBeLessThan(35);
    expect(draws(new FaultEngine({ ...base, errorAfterRate: 0.5 }), 40)).toEqual(withAfter);
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
      readMaxInFlight: 1,
      readRatePerSecond: 0.5,
      writeMaxInFlight: 2,
      writeRatePerSecond: 3,
      errorAfterRate: 0.5,
      errorAfterStatus: 504,
      errorAfterBody: "text",
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
    [{ readRatePerSecond: 0 }],
    [{ writeMaxInFlight: 1.5 }],
    [{ errorAfterStatus: 302 }],
    [{ errorAfterBody: "xml" }],
    [{ toString: 1 }],
    [[]],
  ])("rejects %j", (input) => {
    expect(parseFaultConfig(input).ok).toBe(false);
  });
});
