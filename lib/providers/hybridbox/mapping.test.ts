import { describe, expect, it } from "vitest";
import { toDomain } from "./mapping";
import { domainDtoSchema } from "./schemas";

describe("toDomain", () => {
  const base = { id: "d1", name: "acme.example" };

  it("reads the list's [assumed] mailbox_count when the provider sends it", () => {
    const dto = domainDtoSchema.parse({ ...base, mailbox_count: 120 });
    expect(toDomain(dto)).toEqual({ id: "d1", name: "acme.example", mailboxCount: 120 });
  });

  it("counts a single domain's mailboxes when there is no count", () => {
    const dto = domainDtoSchema.parse({
      ...base,
      mailboxes: [{ id: "m1", email: "a@acme.example" }],
    });
    expect(toDomain(dto).mailboxCount).toBe(1);
  });

  it("leaves the count out when the provider says nothing, rather than showing 0", () => {
    expect(toDomain(domainDtoSchema.parse(base))).toEqual({ id: "d1", name: "acme.example" });
    expect(toDomain(domainDtoSchema.parse({ ...base, mailbox_count: null }))).not.toHaveProperty(
      "mailboxCount",
    );
  });

  it("drops a count it cannot read instead of failing the whole domain list", () => {
    for (const mailbox_count of [-1, "3", 1.5, {}]) {
      const dto = domainDtoSchema.parse({ ...base, mailbox_count });
      expect(toDomain(dto)).toEqual({ id: "d1", name: "acme.example" });
    }
  });
});
