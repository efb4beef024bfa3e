import { describe, expect, it } from "vitest";
import { fileKind } from "./file-kind";

const bytes = (...b: number[]) => Uint8Array.from(b);

describe("fileKind", () => {
  it("takes a zip as a workbook whatever its name, and an .xlsx by its name", () => {
    expect(fileKind("staff.csv", bytes(0x50, 0x4b, 0x03, 0x04, 0x14))).toBe("xlsx");
    expect(fileKind("STAFF.XLSX", bytes(0x41))).toBe("xlsx");
  });

  it("names an old binary .xls instead of decoding it as text", () => {
    expect(fileKind("staff.xls", bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0))).toBe(
      "xls",
    );
  });

  it("reads anything else as text", () => {
    expect(fileKind("staff.csv", new TextEncoder().encode("姓,名\n"))).toBe("text");
    expect(fileKind("staff.txt", bytes(0x50, 0x4b))).toBe("text");
    expect(fileKind("staff.xlsx.csv", bytes(0x41))).toBe("text");
  });
});
