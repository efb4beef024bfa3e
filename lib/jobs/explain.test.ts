import { describe, expect, it } from "vitest";
import { csvCell, csvLine, explainFailure } from "./explain";

describe("CSV cells", () => {
  it("defuses formula triggers, tab and CR", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@sum")).toBe("'@sum");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("\rx")).toBe(`"'\rx"`);
    expect(csvCell("jane.doe@acme.example")).toBe("jane.doe@acme.example");
    expect(csvCell("a-b")).toBe("a-b");
  });

  it("quotes separators and keeps CJK as is", () => {
    expect(csvLine(["佐藤, 花子", 'say "hi"', null, 3])).toBe(`"佐藤, 花子","say ""hi""",,3\r\n`);
  });
});

describe("failure reasons", () => {
  it("explains known codes and names unknown ones", () => {
    expect(explainFailure("quota_exceeded")).toMatch(/quota/);
    expect(explainFailure("weird_code")).toBe('The provider reported "weird_code".');
  });
});
