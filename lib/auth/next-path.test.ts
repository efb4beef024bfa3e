import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

describe("the page to open after sign-in", () => {
  it.each([
    ["/jobs", "/jobs"],
    ["/jobs?page=2#top", "/jobs?page=2#top"],
    ["/domains/hybridbox/acme.example", "/domains/hybridbox/acme.example"],
    ["/a/../users", "/users"],
  ])("keeps a path on this site: %j", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it.each([
    ["//evil.example/x"],
    ["/\\127.0.0.1:4010/steal"], // a backslash is a slash to the browser
    ["/\\/evil.example"],
    ["\\\\evil.example"],
    ["/\t/evil.example/x"], // tabs and line breaks are dropped by the browser
    ["/\n/evil.example"],
    ["/\r\n/evil.example"],
    ["https://evil.example/"],
    ["javascript:alert(1)"],
    ["jobs"],
    [""],
    [undefined],
    [["/jobs", "//evil.example"]],
  ])("sends anything else to the overview: %j", (next) => {
    expect(safeNextPath(next)).toBe("/");
  });

  it("refuses a path too long to be a page of ours", () => {
    expect(safeNextPath(`/${"a".repeat(3000)}`)).toBe("/");
  });
});
