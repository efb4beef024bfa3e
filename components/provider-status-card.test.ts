import { describe, expect, it } from "vitest";
import { describeLoad } from "./provider-status-card";

const base = {
  inFlight: 6,
  limit: 8,
  max: 8,
  slowedAt: null,
  slowedReason: null,
  perSecond: null,
  shared: true,
};

describe("describeLoad", () => {
  it("says how many are in flight of the limit", () => {
    expect(describeLoad(base, 0)).toBe("6 in flight of 8");
  });

  it("says when and why the provider slowed us, and the limit it left", () => {
    const now = 10 * 60_000;
    expect(
      describeLoad(
        {
          ...base,
          inFlight: 4,
          limit: 4,
          slowedAt: now - 2 * 60_000,
          slowedReason: "429 from the provider",
        },
        now,
      ),
    ).toBe("4 in flight of 4 (at most 8); slowed by 429 from the provider 2 minutes ago");
  });

  it("forgets a slow-down after an hour and names a per-second limit", () => {
    expect(
      describeLoad(
        { ...base, perSecond: 5, slowedAt: 0, slowedReason: "503 from the provider" },
        2 * 3_600_000,
      ),
    ).toBe("6 in flight of 8, at most 5 per second");
  });
});
