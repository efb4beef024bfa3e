import { createFormatter, createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import ja from "@/messages/ja.json";
import { describeLoad as describeIn } from "./provider-status-card";

const english = {
  t: createTranslator({ locale: "en", messages: en, namespace: "providerCard" }),
  format: createFormatter({ locale: "en" }),
};
const describeLoad = (load: Parameters<typeof describeIn>[0], now: number) =>
  describeIn(load, now, english.t, english.format);

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

  it("words the load in the reader's locale", () => {
    const t = createTranslator({ locale: "ja", messages: ja, namespace: "providerCard" });
    const now = 10 * 60_000;
    const load = { ...base, slowedAt: now - 2 * 60_000, slowedReason: "429" };
    expect(describeIn(load, now, t, createFormatter({ locale: "ja" }))).toBe(
      "処理中 6/8; 2 分前に減速（429）",
    );
  });
});
