import { describe, expect, it } from "vitest";
import { inEnglish } from "@/lib/i18n/english";
import * as coded from "./notes";
import type { MailboxListing } from "./types";

// The notes are catalog codes; these check them as an English reader sees them.
const searchHint = (...a: Parameters<typeof coded.searchHint>) => inEnglish(coded.searchHint(...a));
const orderNote = (...a: Parameters<typeof coded.orderNote>) => inEnglish(coded.orderNote(...a));
const searchNote = (...a: Parameters<typeof coded.searchNote>) => {
  const note = coded.searchNote(...a);
  return note && inEnglish(note);
};

const listing = (extra: Partial<MailboxListing> = {}): MailboxListing => ({
  provider: "zcom",
  domain: "big.zcom.example",
  items: [],
  total: 120,
  page: 1,
  pageSize: 25,
  ...extra,
});

describe("search notes", () => {
  it("tells the admin Z.com cannot search, before and after searching", () => {
    expect(searchHint("zcom", "Z.com")).toMatch(/no search of its own/);
    expect(searchHint("hybridbox", "Hybridbox")).toBe("Hybridbox searches addresses and names.");
    expect(
      searchNote(listing({ search: { mode: "local", scanned: 120, complete: true } }), "Z.com"),
    ).toBe("Z.com cannot search, so the console read all 120 addresses and filtered them here.");
  });

  it("says how much was searched when the domain was too big to read whole", () => {
    const note = searchNote(
      listing({ search: { mode: "local", scanned: 5000, complete: false } }),
      "Z.com",
    );
    expect(note).toMatch(/searched the first 5,000 addresses only/);
  });

  it("credits the provider for its own search, and says nothing when there was none", () => {
    expect(searchNote(listing({ search: { mode: "provider" } }), "Hybridbox")).toBe(
      "Searched by Hybridbox.",
    );
    expect(searchNote(listing(), "Z.com")).toBeUndefined();
  });
});

describe("order notes", () => {
  it("names the provider's own order when nothing was sorted", () => {
    expect(orderNote(listing(), "Z.com")).toMatch(/By address, A to Z/);
    expect(orderNote(listing({ provider: "hybridbox" }), "Hybridbox")).toMatch(/own order/);
  });

  it("says whether a sort holds across pages or only within this one", () => {
    expect(
      orderNote(listing({ sort: { key: "created", dir: "desc", scope: "all" } }), "Hybridbox"),
    ).toBe("Sorted by creation date, newest first, across all 120 mailboxes.");
    expect(
      orderNote(listing({ sort: { key: "address", dir: "asc", scope: "page" } }), "Hybridbox"),
    ).toMatch(/^Sorted by address, A to Z within this page only/);
  });
});
