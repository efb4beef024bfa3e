import { describe, expect, it } from "vitest";
import { inEnglish } from "@/lib/i18n/english";
import { describeFailure as describeCoded, explainFailure } from "./catalog";

/** The codes worded in English, as the page shows them to an English reader. */
function describeFailure(...args: Parameters<typeof describeCoded>) {
  const text = describeCoded(...args);
  const reference = text.reference
    .map((part) => (typeof part === "string" ? part : inEnglish(part)))
    .join(" · ");
  return {
    title: inEnglish(text.title),
    advice: inEnglish(text.advice),
    reference: reference || undefined,
  };
}

describe("describeFailure", () => {
  it("explains each provider failure in plain words, with the status and code to quote", () => {
    const cases = [
      [{ code: "unauthorized", status: 401 }, /refused our credentials/, "HTTP 401"],
      [{ code: "forbidden", status: 403 }, /does not allow this/, "HTTP 403"],
      [{ code: "not_found", status: 404 }, /not found/, "HTTP 404"],
      [{ code: "rate_limited", status: 429, retryAfterSeconds: 7 }, /limiting/, "HTTP 429"],
      [{ code: "unavailable", status: 503 }, /not available/, "HTTP 503"],
      [
        { code: "provider_error", status: 500, providerCode: "E42" },
        /error on its side/,
        "HTTP 500 · code E42",
      ],
      [{ code: "bad_response", status: 200 }, /could not read/, "HTTP 200"],
    ] as const;
    for (const [failure, title, reference] of cases) {
      const text = describeFailure(failure, "Hybridbox");
      expect(text.title).toMatch(title);
      expect(text.title).toMatch(/^Hybridbox /);
      expect(text.reference).toBe(reference);
    }
    expect(describeFailure(cases[3][0], "Z.com").advice).toBe("Wait 7 s, then try again.");
  });

  it("passes on how long a busy provider asked us to wait, and does not repeat the status", () => {
    const text = describeFailure(
      { code: "unavailable", status: 503, providerCode: "503", retryAfterSeconds: 2 },
      "Z.com",
    );
    expect(text.advice).toBe("It asked us to wait 2 s; try again then.");
    expect(text.reference).toBe("HTTP 503");
  });

  it("tells a timeout from an outage", () => {
    const timeout = describeFailure(
      { code: "unavailable", detail: "GET host/v1/emails: no complete answer within 30000 ms" },
      "Z.com",
    );
    expect(timeout.title).toBe("Z.com took too long to answer.");
    expect(timeout.reference).toBeUndefined();
  });

  it("names the unknown domain, and gives our reference for our own faults", () => {
    expect(
      describeFailure({ code: "unknown_domain", status: 404 }, "Z.com", "no.example").title,
    ).toBe("Z.com has no domain “no.example” in this account.");
    expect(describeFailure({ code: "internal", ref: "ab12cd34" }, "Z.com").reference).toBe(
      "reference ab12cd34",
    );
  });
});

describe("row failure reasons", () => {
  it("explains known codes and names unknown ones", () => {
    expect(explainFailure("quota_exceeded")).toMatch(/quota/);
    expect(explainFailure("held_by_job")).toMatch(/Another job/);
    expect(explainFailure("weird_code")).toBe('The provider reported "weird_code".');
    expect(explainFailure("toString")).toBe('The provider reported "toString".');
  });
});
