import { words } from "@/lib/testing/words";
import { describe, expect, it } from "vitest";
import { checkRow, plan, RowChecker, type EditorRow } from "./editor-rows";

const row = (over: Partial<EditorRow>): EditorRow => ({
  firstName: "Ann",
  lastName: "Lee",
  localPart: "ann.lee",
  password: "",
  skip: false,
  derived: false,
  suffixed: false,
  source: {},
  ...over,
});

describe("bulk editor rows", () => {
  it("reports each field's problem with the provider's rules", () => {
    expect(checkRow("hybridbox", row({}))).toEqual({});
    expect(checkRow("zcom", row({})).localPart).toMatch(/dot|\./i);
    expect(
      checkRow("zcom", row({ localPart: "ann-lee", password: "short" })).password,
    ).toBeTruthy();
    expect(checkRow("hybridbox", row({ firstName: "" })).firstName).toBeTruthy();
  });

  it("flags duplicates on every row involved and clears them when one is edited", () => {
    const rows = [row({ localPart: "a" }), row({ localPart: "b" }), row({ localPart: "A" })];
    const checker = new RowChecker("hybridbox", () => rows);
    checker.checkAll();
    expect(words(checker.issuesOf(0).localPart)).toBe("Also on row 3");
    expect(words(checker.issuesOf(2).localPart)).toBe("Also on row 1");
    expect(checker.hasIssues(1)).toBe(false);
    rows[2] = row({ localPart: "c" });
    expect(checker.checkOne(2)).toEqual([0]);
    expect(checker.hasIssues(0)).toBe(false);
    expect(checker.hasIssues(2)).toBe(false);
  });

  it("plans create, skip and blocked", () => {
    const rows = [
      row({ localPart: "a" }),
      row({ localPart: "exists", skip: true }),
      row({ localPart: "" }),
    ];
    const checker = new RowChecker("hybridbox", () => rows);
    checker.checkAll();
    expect(plan(rows, checker, new Set(["exists"]))).toEqual({
      create: 1,
      skip: 1,
      blocked: 1,
      suggested: 0,
    });
  });
});
