import { utils, write } from "@e965/xlsx";
import { describe, expect, it } from "vitest";
import { parsePaste } from "@/lib/mailboxes/paste";
import { openWorkbook, rowsToTsv } from "./xlsx";

// The workbook is written here by the same library, with what HR files hold: employee numbers
// with leading zeros (as text and as a "00000" number format), dates, and a formula.
function workbook(): Uint8Array {
  const staff = utils.aoa_to_sheet([["社員番号", "姓", "名", "入社日", "登録日", "コード", "倍"]]);
  staff["A2"] = { t: "s", v: "00123" };
  staff["B2"] = { t: "s", v: "山田" };
  staff["C2"] = { t: "s", v: "太郎" };
  staff["D2"] = { t: "n", v: 45306, z: "yyyy/m/d" }; // 2024-01-15, an explicit format
  staff["E2"] = { t: "d", v: new Date(Date.UTC(2024, 0, 15)) }; // Excel's short date (14)
  staff["F2"] = { t: "n", v: 42, z: "00000" };
  staff["G2"] = { t: "n", v: 84, f: "F2*2" }; // cached value, as Excel saves it
  staff["!ref"] = "A1:G2";
  const book = utils.book_new();
  utils.book_append_sheet(book, staff, "社員");
  utils.book_append_sheet(book, utils.aoa_to_sheet([["名前"], ["김민준"]]), "한국");
  return new Uint8Array(write(book, { type: "array", bookType: "xlsx" }) as ArrayBuffer);
}

describe("openWorkbook", () => {
  it("lists the sheets in workbook order", () => {
    expect(openWorkbook(workbook()).sheets).toEqual(["社員", "한국"]);
  });

  it("reads cells as Excel displays them", () => {
    const [header, row] = openWorkbook(workbook()).rows("社員");
    expect(header).toEqual(["社員番号", "姓", "名", "入社日", "登録日", "コード", "倍"]);
    expect(row).toEqual(["00123", "山田", "太郎", "2024/1/15", "2024-01-15", "00042", "84"]);
  });

  it("reads a chosen sheet, and nothing for an unknown one", () => {
    const book = openWorkbook(workbook());
    expect(book.rows("한국")).toEqual([["名前"], ["김민준"]]);
    expect(book.rows("missing")).toEqual([]);
  });
});

describe("rowsToTsv", () => {
  it("gives the paste parser the cells unchanged, quotes and tabs included", () => {
    const rows = [
      ["First name", "Last name", "Local part"],
      ['Ja"ne', "Doe\tSmith", "00123"],
    ];
    const parsed = parsePaste(rowsToTsv(rows));
    expect(parsed.delimiter).toBe("\t");
    expect(parsed.rows[0]).toMatchObject({ localPart: "00123" });
    expect(parsed.rows[0]!.source).toEqual({
      "First name": 'Ja"ne',
      "Last name": "Doe\tSmith",
      "Local part": "00123",
    });
  });
});
