import { describe, expect, it } from "vitest";
import { ProviderError } from "../errors";
import type { CreateItem, CreateOutcome } from "../types";
import { createInChunks, mapBulkAnswer } from "./bulk";

const items: CreateItem[] = ["a", "b", "c", "d", "e"].map((localPart) => ({ localPart }));
const context = { label: "Hybridbox POST /mailboxes/bulk", status: 200 };
const dto = (localPart: string) => ({
  id: `id-${localPart}`,
  local_part: localPart,
  primary_email: `${localPart}@example.com`,
  domain_id: "d",
  domain_name: "example.com",
});
const summary = (outcomes: CreateOutcome[]) =>
  outcomes.map((o) => (o.status === "created" ? "created" : `${o.status}:${o.failure.code}`));

describe("mapBulkAnswer", () => {
  it("gives every item exactly one outcome, whatever the answer looks like", () => {
    const outcomes = mapBulkAnswer(
      items,
      {
        created: [
          { index: 0, mailbox: dto("a") },
          { index: 1, mailbox: dto("zzz") }, // answered for another row
          { index: 2, mailbox: { id: "x" } }, // unreadable, index known
          { index: 9, mailbox: dto("a") }, // out of range: ignored
          { mailbox: dto("d") }, // no index: d is reported missing
        ],
        failed: [
          { index: 0, code: "invalid_name", message: "dup" }, // clashes with created[0]
          { index: 4, code: "brand_new_code", message: "  " },
        ],
      },
      context,
    );
    expect(summary(outcomes)).toEqual([
      "unknown:bad_response",
      "unknown:bad_response",
      "unknown:bad_response",
      "unknown:bad_response",
      "failed:provider_error",
    ]);
    expect(outcomes[4]).toEqual({
      status: "failed",
      failure: {
        code: "provider_error",
        errorClass: "final",
        providerCode: "brand_new_code",
        message: "Hybridbox refused this mailbox (brand_new_code)",
      },
    });
    const messages = outcomes.map((o) => (o.status === "created" ? "" : o.failure.message));
    expect(messages[0]).toContain('item 0 ("a") was reported twice');
    expect(messages[1]).toContain('item 1 was answered with "zzz"');
    expect(messages[2]).toContain("unreadable result for item 2 (mailbox.local_part:");
    expect(messages[3]).toContain('no result for item 3 ("d")');
  });

  it("maps the known per-item codes", () => {
    const codes = [
      "mailbox_exists",
      "invalid_local_part",
      "invalid_name",
      "duplicate_in_request",
      "quota_exceeded",
    ];
    const outcomes = mapBulkAnswer(
      items,
      { failed: codes.map((code, index) => ({ index, code, message: code })) },
      context,
    );
    expect(summary(outcomes)).toEqual([
      "failed:already_exists",
      "failed:invalid_local_part",
      "failed:invalid_name",
      "failed:duplicate_in_request",
      "failed:quota_exceeded",
    ]);
  });

  it("compares local parts case-insensitively", () => {
    const [outcome] = mapBulkAnswer(
      [{ localPart: "Ann" }],
      { created: [{ index: 0, mailbox: dto("ann") }] },
      context,
    );
    expect(outcome?.status).toBe("created");
  });
});

describe("createInChunks", () => {
  it("treats a chunk answered with the wrong number of outcomes as unknown", async () => {
    const outcomes = await createInChunks(
      items,
      () => 5,
      async () => [],
    );
    expect(summary(outcomes)).toEqual(Array(5).fill("unknown:unknown_outcome"));
  });

  it("keeps refusals final for the chunks it did not send", async () => {
    let calls = 0;
    const outcomes = await createInChunks(
      items,
      () => 2,
      async () => {
        calls++;
        throw new ProviderError({
          code: "forbidden",
          errorClass: "final",
          status: 403,
          message: "no",
        });
      },
    );
    expect(calls).toBe(1);
    expect(summary(outcomes)).toEqual(Array(5).fill("failed:forbidden"));
    expect(outcomes[4]).toMatchObject({ failure: { errorClass: "final" } });
    expect(outcomes[4]).not.toHaveProperty("failure.status");
  });
});
