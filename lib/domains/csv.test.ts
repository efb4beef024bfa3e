import { describe, expect, it } from "vitest";
import { CSV_BOM, csvCell, csvFileName, csvHeader, csvLine, csvRow } from "./csv";

describe("csvCell", () => {
  it("prefixes every cell a spreadsheet would run as a formula with a quote", () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell("+1-555")).toBe("'+1-555");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell("\rcmd")).toBe('"\'\rcmd"');
  });

  it("leaves ordinary text, and such characters later in a cell, alone", () => {
    expect(csvCell("jane.doe@acme.example")).toBe("jane.doe@acme.example");
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("佐藤 花子")).toBe("佐藤 花子");
    expect(csvCell("")).toBe("");
  });

  it("quotes commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvCell("Doe, Jane")).toBe('"Doe, Jane"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
  });

  it("writes numbers and booleans as they are, and nothing for a missing value", () => {
    expect(csvCell(0)).toBe("0");
    expect(csvCell(10240)).toBe("10240");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(null)).toBe("");
  });
});

describe("mailbox rows", () => {
  it("ends lines with CRLF", () => {
    expect(csvLine(["a", 1, undefined])).toBe("a,1,\r\n");
  });

  it("has per-provider columns, with the job that created the mailbox last", () => {
    expect(csvHeader("hybridbox")).toBe(
      "address,first_name,last_name,status,quota_used,quota_allowed,aliases,created_at,created_by_job\r\n",
    );
    expect(csvHeader("zcom")).toBe(
      "address,username,usage,spam_filter,virus_check,created_by_job\r\n",
    );
  });

  it("writes a Hybridbox mailbox, escaping a formula-like name", () => {
    const row = csvRow("hybridbox", {
      id: "1",
      address: "hanako.sato@acme.example",
      localPart: "hanako.sato",
      domain: "acme.example",
      firstName: "=cmd|' /C calc'!A0",
      lastName: "佐藤",
      status: "active",
      quota: { used: 5, allowed: 10240 },
      aliases: ["postmaster@acme.example", "hs@acme.example"],
      createdAt: "2026-01-02T03:04:05Z",
      createdByJob: "job-1",
    });
    expect(row).toBe(
      "hanako.sato@acme.example,'=cmd|' /C calc'!A0,佐藤,active,5,10240,postmaster@acme.example hs@acme.example,2026-01-02T03:04:05Z,job-1\r\n",
    );
  });

  it("writes a Z.com address with its filters as on/off", () => {
    const row = csvRow("zcom", {
      id: "e1",
      address: "info@zcom-demo.example",
      localPart: "info",
      domain: "zcom-demo.example",
      username: "paasmail_00000001",
      totalUsage: 50,
      spamFilter: true,
      virusCheck: false,
    });
    expect(row).toBe("info@zcom-demo.example,paasmail_00000001,50,on,off,\r\n");
  });

  it("starts the file with a UTF-8 byte-order mark so Excel reads Korean and Japanese", () => {
    expect(new TextEncoder().encode(CSV_BOM)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it("names the file after the domain and the day, with nothing unsafe in it", () => {
    const day = new Date("2026-11-21T10:00:00Z");
    expect(csvFileName("big.example", day)).toBe("big.example-mailboxes-2026-11-21.csv");
    expect(csvFileName('a"b/c\\d', day)).toBe("a_b_c_d-mailboxes-2026-11-21.csv");
  });
});
