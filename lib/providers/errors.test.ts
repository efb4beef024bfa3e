import { describe, expect, it, vi } from "vitest";
import {
  classifyStatus,
  createOutcomeFromFailure,
  failureFromUnknown,
  messageFromBody,
  parseRetryAfter,
  ProviderError,
  redact,
} from "./errors";

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-21T10:00:00Z");

  it("reads delta seconds", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter(["7", "9"], now)).toBe(7_000);
  });

  it("reads an HTTP date, and clamps one in the past to 0", () => {
    expect(parseRetryAfter("Sat, 21 Nov 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Sat, 21 Nov 2026 09:59:00 GMT", now)).toBe(0);
  });

  it("ignores anything else", () => {
    for (const value of [
      undefined,
      "",
      "  ",
      "-1",
      "1.5",
      "soon",
      "Xyz, 99 Foo 2026",
      "99999999999999999",
    ]) {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    }
  });
});

describe("classifyStatus", () => {
  it.each([
    [400, "invalid_request", "final"],
    [401, "unauthorized", "final"],
    [403, "forbidden", "final"],
    [404, "not_found", "final"],
    [409, "already_exists", "final"],
    [422, "invalid_request", "final"],
    [418, "invalid_request", "final"],
    [408, "unavailable", "retryable"],
    [429, "rate_limited", "retryable"],
    [503, "unavailable", "retryable"],
    [500, "provider_error", "ambiguous"],
    [502, "provider_error", "ambiguous"],
    [504, "provider_error", "ambiguous"],
    [599, "provider_error", "ambiguous"],
    [302, "bad_response", "final"],
  ] as const)("%i → %s, %s", (status, code, errorClass) => {
    expect(classifyStatus(status)).toEqual({ code, errorClass });
  });
});

describe("messageFromBody", () => {
  it("reads the usual JSON error shapes", () => {
    expect(messageFromBody({ detail: "Not found" }, "")).toBe("Not found");
    expect(
      messageFromBody(
        { detail: [{ loc: ["body", "items", 0], msg: "field required", type: "x" }] },
        "",
      ),
    ).toBe("body.items.0: field required");
    expect(messageFromBody({ error: { code: 400, message: "Invalid Password" } }, "")).toBe(
      "Invalid Password",
    );
    expect(messageFromBody({ message: "nope" }, "")).toBe("nope");
  });

  it("reads the other shapes real APIs answer with", () => {
    // OpenStack: one key named after the error.
    expect(messageFromBody({ badRequest: { message: "Invalid local part", code: 400 } }, "")).toBe(
      "Invalid local part",
    );
    expect(messageFromBody({ itemNotFound: { message: "No such domain" } }, "")).toBe(
      "No such domain",
    );
    expect(
      messageFromBody({ overLimit: { message: "Too Many Requests", code: 429 }, extra: "x" }, ""),
    ).toBe("Too Many Requests");
    expect(messageFromBody({ error: { message: "Duplicate" } }, "")).toBe("Duplicate");
    expect(messageFromBody({ error: "quota exceeded" }, "")).toBe("quota exceeded");
    expect(messageFromBody({ errors: [{ detail: "a" }, { message: "b" }] }, "")).toBe("a; b");
    expect(messageFromBody({ type: "about:blank", title: "Conflict" }, "")).toBe("Conflict");
    // Nothing readable in the JSON: the text is used, and an empty body is nothing.
    expect(messageFromBody({ unrelated: 1, other: 2 }, '{"unrelated":1,"other":2}')).toBe(
      '{"unrelated":1,"other":2}',
    );
    expect(messageFromBody({}, "")).toBeUndefined();
  });

  it("survives HTML, plain text and empty bodies", () => {
    const html =
      "<html><head><style>b{}</style><title>502</title></head><body><h1>Bad Gateway</h1></body></html>";
    expect(messageFromBody(undefined, html)).toBe("502 Bad Gateway");
    expect(messageFromBody(undefined, "upstream timed out\n")).toBe("upstream timed out");
    expect(messageFromBody(undefined, "")).toBeUndefined();
    expect(messageFromBody(undefined, "x".repeat(1000))).toHaveLength(300);
  });
});

describe("createOutcomeFromFailure", () => {
  it("turns an ambiguous failure into an unknown outcome, keeping status and message", () => {
    expect(
      createOutcomeFromFailure({
        code: "provider_error",
        errorClass: "ambiguous",
        status: 502,
        message: "m",
      }),
    ).toEqual({
      status: "unknown",
      failure: { code: "unknown_outcome", errorClass: "ambiguous", status: 502, message: "m" },
    });
    expect(
      createOutcomeFromFailure({ code: "bad_response", errorClass: "ambiguous", message: "m" }),
    ).toMatchObject({ status: "unknown", failure: { code: "bad_response" } });
  });

  it("keeps final and retryable failures as failed", () => {
    const failure = { code: "rate_limited", errorClass: "retryable", message: "m" } as const;
    expect(createOutcomeFromFailure(failure)).toEqual({ status: "failed", failure });
  });

  it("treats a thrown non-provider error as an unknown outcome", () => {
    expect(failureFromUnknown(new TypeError("boom"))).toMatchObject({
      code: "unknown_outcome",
      errorClass: "ambiguous",
    });
    const failure = { code: "forbidden", errorClass: "final", message: "m" } as const;
    expect(failureFromUnknown(new ProviderError(failure))).toBe(failure);
  });
});

describe("redact", () => {
  it("removes secrets a provider might echo", () => {
    expect(redact("Invalid Password: ZE!Zr0vKO (ZE!Zr0vKO)", ["ZE!Zr0vKO", undefined])).toBe(
      "Invalid Password: [redacted] ([redacted])",
    );
  });
});

describe("ProviderError across bundles", () => {
  it("is recognised by instanceof in another copy of this module", async () => {
    vi.resetModules();
    const other = await import("./errors");
    expect(other.ProviderError).not.toBe(ProviderError);
    const failure = { code: "not_found", errorClass: "final", message: "gone" } as const;
    expect(new other.ProviderError(failure)).toBeInstanceOf(ProviderError);
    expect(new ProviderError(failure) instanceof other.ProviderError).toBe(true);
    expect(new Error("plain") instanceof ProviderError).toBe(false);
    expect({ failure } instanceof ProviderError).toBe(false);
    expect((null as unknown) instanceof ProviderError).toBe(false);
  });
});
