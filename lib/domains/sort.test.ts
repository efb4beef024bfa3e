import { describe, expect, it } from "vitest";
import type { Mailbox } from "@/lib/providers/types";
import { sortMailboxes } from "./sort";

const box = (local: string, extra: Partial<Mailbox> = {}): Mailbox => ({
  id: local,
  address: `${local}@acme.example`,
  localPart: local,
  domain: "acme.example",
  ...extra,
});

const addresses = (list: Mailbox[]) => list.map((m) => m.localPart);

describe("sortMailboxes", () => {
  it("sorts addresses naturally (user2 before user10), either way", () => {
    const list = [box("user10"), box("user2"), box("admin")];
    expect(addresses(sortMailboxes(list, "address", "asc"))).toEqual(["admin", "user2", "user10"]);
    expect(addresses(sortMailboxes(list, "address", "desc"))).toEqual(["user10", "user2", "admin"]);
  });

  it("puts mailboxes without the value last in both directions, ties by address", () => {
    const list = [
      box("c", { firstName: "Jane" }),
      box("b"),
      box("a", { firstName: "Ada" }),
      box("d", { firstName: "Jane" }),
    ];
    expect(addresses(sortMailboxes(list, "name", "asc"))).toEqual(["a", "c", "d", "b"]);
    expect(addresses(sortMailboxes(list, "name", "desc"))).toEqual(["c", "d", "a", "b"]);
  });

  it("sorts by creation time and by usage", () => {
    const list = [
      box("x", { createdAt: "2026-01-10T00:00:00Z", totalUsage: 5 }),
      box("y", { createdAt: "2026-01-02T00:00:00Z", totalUsage: 50 }),
    ];
    expect(addresses(sortMailboxes(list, "created", "asc"))).toEqual(["y", "x"]);
    expect(addresses(sortMailboxes(list, "usage", "desc"))).toEqual(["y", "x"]);
  });

  it("does not change the list it was given", () => {
    const list = [box("b"), box("a")];
    sortMailboxes(list, "address", "asc");
    expect(addresses(list)).toEqual(["b", "a"]);
  });
});
