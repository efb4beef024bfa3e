import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { CSV_BOM, csvCell, csvLine } from ".";

/** The text a spreadsheet would see in the cell: the CSV parsed back. */
const parsed = (line: string) =>
  Papa.parse<string[]>(line.replace(/\r\n$/, ""), { delimiter: "," }).data[0] ?? [""];

describe("the formula guard", () => {
  it.each([
    ['=HYPERLINK("http://evil")'],
    ["+1-555"],
    ["-2+3"],
    ["@SUM(A1)"],
    ["\tcmd"],
    ["\rcmd"],
    ["\ncmd"],
    // What the first-character check let through:
    [" =1+1"],
    ["   @SUM(A1)"],
    ["\u00a0=1+1"], // no-break space
    ["\u3000=1+1"], // ideographic space
    ["\u200b=1+1"], // zero-width space
    ["\ufeff=1+1"], // a byte-order mark inside the cell
    ['"\n=1+1'], // a quote and a line break
    ["'\n=1+1"],
    ["\uff1d1+1"], // full-width ＝
    ["\uff0b1"], // full-width ＋
    ["\uff0d1"], // full-width －
    ["\uff20SUM(A1)"], // full-width ＠
    ["\ufe66cmd"], // small ＝
  ])("defuses %j", (text) => {
    const cell = parsed(csvLine([text]))[0]!;
    expect(cell).toBe(`'${text}`);
  });

  it("leaves ordinary text, and such characters later in a cell, alone", () => {
    for (const text of ["jane.doe@acme.example", "a=b", "佐藤 花子", "", "a-b", "x @y", "1+1"]) {
      expect(parsed(csvLine([text]))[0]).toBe(text);
    }
  });

  it("writes numbers and booleans as they are, and nothing for a missing value", () => {
    expect(csvLine([0, -5, 10240, true, undefined, null])).toBe("0,-5,10240,true,,\r\n");
  });
});

describe("quoting (RFC 4180)", () => {
  it("quotes commas, quotes and line breaks, and ends lines with CRLF", () => {
    expect(csvCell("Doe, Jane")).toBe('"Doe, Jane"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvLine(["佐藤, 花子", 'say "hi"', null, 3])).toBe(`"佐藤, 花子","say ""hi""",,3\r\n`);
  });

  it("round-trips any text through a CSV parser, guarded or not", () => {
    const texts = ["a,b", 'q"q', "line\r\nbreak", " lead", "trail ", "\\back\\slash", "タブ\tin"];
    const back = parsed(csvLine(texts));
    expect(back).toEqual(texts);
  });

  it("writes an exact cell unguarded, only quoted when it must be", () => {
    expect(csvLine(["=a", { exact: "=a" }, { exact: '"=b",' }])).toBe(`'=a,=a,"""=b"","\r\n`);
  });

  it("has a UTF-8 byte-order mark for Excel", () => {
    expect(new TextEncoder().encode(CSV_BOM)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });
});
