import { describe, expect, it } from "vitest";
import { inEnglish } from "@/lib/i18n/english";
import { pageCount, parseView, rangeLabel as rangeCode, viewToParams } from "./view";

const rangeLabel = (...a: Parameters<typeof rangeCode>) => inEnglish(rangeCode(...a));

describe("parseView", () => {
  it("gives the first page of 25, unsearched, in the provider's order by default", () => {
    expect(parseView({}, "hybridbox")).toEqual({ page: 1, pageSize: 25, search: "" });
  });

  it("reads page, page size, search and sort from the URL", () => {
    const params = new URLSearchParams("page=3&pageSize=50&search=%20user1%20&sort=-created");
    expect(parseView(params, "hybridbox")).toEqual({
      page: 3,
      pageSize: 50,
      search: "user1",
      sort: { key: "created", dir: "desc" },
    });
  });

  it("falls back to a default for anything it cannot use, rather than failing the page", () => {
    const view = parseView(
      { page: "-2", pageSize: "33", search: "x".repeat(500), sort: "password" },
      "hybridbox",
    );
    expect(view).toEqual({ page: 1, pageSize: 25, search: "" });
    expect(parseView({ page: "abc", pageSize: ["100", "25"] }, "zcom")).toMatchObject({
      page: 1,
      pageSize: 100,
    });
  });

  it("ignores a sort the provider's mailboxes cannot support (Z.com has no names)", () => {
    expect(parseView({ sort: "name" }, "zcom").sort).toBeUndefined();
    expect(parseView({ sort: "usage" }, "zcom").sort).toEqual({ key: "usage", dir: "asc" });
  });
});

describe("viewToParams", () => {
  it("leaves defaults out and round-trips through parseView", () => {
    expect(viewToParams({ page: 1, pageSize: 25, search: "" }).toString()).toBe("");
    const view = {
      page: 2,
      pageSize: 100 as const,
      search: "김",
      sort: { key: "address" as const, dir: "desc" as const },
    };
    const params = viewToParams(view);
    expect(params.toString()).toBe("page=2&pageSize=100&search=%EA%B9%80&sort=-address");
    expect(parseView(params, "hybridbox")).toEqual(view);
  });
});

describe("rangeLabel and pageCount", () => {
  it("says which rows are shown", () => {
    expect(rangeLabel(1, 25, 25, 120)).toBe("1–25 of 120");
    expect(rangeLabel(5, 25, 20, 120)).toBe("101–120 of 120");
    expect(rangeLabel(9, 25, 0, 120)).toBe("0 of 120");
    expect(rangeLabel(1, 25, 0, 0)).toBe("0 of 0");
  });

  it("counts at least one page", () => {
    expect(pageCount(120, 25)).toBe(5);
    expect(pageCount(120, 100)).toBe(2);
    expect(pageCount(0, 25)).toBe(1);
  });
});
