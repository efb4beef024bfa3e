import { describe, expect, it } from "vitest";
import { backoffMs, DEFAULT_RETRY_POLICY } from "./retry-policy";

describe("backoff", () => {
  it("grows exponentially up to the cap, with the full range as jitter", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseMs: 100, capMs: 1_000 };
    expect(backoffMs(1, policy, () => 0.999)).toBe(99);
    expect(backoffMs(2, policy, () => 0.999)).toBe(199);
    expect(backoffMs(4, policy, () => 0.999)).toBe(799);
    expect(backoffMs(5, policy, () => 0.999)).toBe(999);
    expect(backoffMs(30, policy, () => 0.999)).toBe(999);
    expect(backoffMs(3, policy, () => 0)).toBe(0);
  });

  it("spreads many rows over the window instead of bunching them", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseMs: 1_000, capMs: 1_000 };
    const waits = Array.from({ length: 2_000 }, () => backoffMs(1, policy));
    const buckets = [0, 0, 0, 0];
    for (const w of waits) buckets[Math.floor(w / 250)]! += 1;
    for (const b of buckets) expect(b).toBeGreaterThan(350);
  });
});
