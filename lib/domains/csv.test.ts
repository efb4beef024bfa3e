import { describe, expect, it } from "vitest";
import { csvFileName, csvHeader, csvRow } from "./csv";

describe("mailbox rows", () => {
  it("has per-provider columns, with the job that created the mailbox last", () => {
    expect(csvHeader("hybridbox")).toBe(
      "address,first_name,last_name,status,quota_used,quota_allowed,aliases,created_at,created_by_job\r\n",
    );
    expect(csvHeader("zcom")).toBe(
      "address,username,usage,spam_filter,virus_check,created_by_job\r\n",
    );
  });

  it("words the header in the admin's locale when asked", () => {
    const ja = { address: "アドレス", username: "ユーザー名" } as Record<string, string>;
    expect(csvHeader("zcom", (c) => ja[c] ?? c)).toMatch(/^アドレス,ユーザー名,usage,/);
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

  it("names the file after the domain and the day, with nothing unsafe in it", () => {
    const day = new Date("2026-11-21T10:00:00Z");
    expect(csvFileName("big.example", day)).toBe("big.example-mailboxes-2026-11-21.csv");
    expect(csvFileName('a"b/c\\d', day)).toBe("a_b_c_d-mailboxes-2026-11-21.csv");
  });
});
