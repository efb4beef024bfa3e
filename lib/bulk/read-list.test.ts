import { describe, expect, it } from "vitest";
import { readListOffThread } from "./read-in-worker";
import { readList } from "./read-list";
import { BulkRowStore } from "./row-store";

const PASTE = [
  "First name\tLast name\tLocal part",
  "Ann\tLee\t",
  "Bo\tKim\tbo.kim",
  "Cy\tLee\tbo.kim",
  "\tNoFirst\tnofirst",
  "민준\t김\t",
].join("\n");

const input = {
  text: PASTE,
  provider: "hybridbox" as const,
  pattern: "first.last" as const,
  existing: ["ann.lee"],
  domain: "example.test",
};

describe("reading a pasted list (in the worker or on the page)", () => {
  it("parses, makes local parts around existing ones, and checks every row", () => {
    const result = readList(input);
    if ("error" in result) throw new Error(result.error);
    expect(result.rows.map((r) => r.localPart)).toEqual([
      expect.stringMatching(/^ann\.lee.+/), // ann.lee exists: a visible suffix
      "bo.kim",
      "bo.kim",
      "nofirst",
      "", // Hangul names are never guessed
    ]);
    expect(result.rows[0]).toMatchObject({ derived: true, suffixed: true });
    expect(result.issues[3]!.firstName).toBeTruthy();
    expect(result.issues[4]!.localPart).toBeTruthy();
  });

  it("gives the store what a check on the page would: the same problems and plan", () => {
    const result = readList(input);
    if ("error" in result) throw new Error(result.error);
    const fromWorker = new BulkRowStore("hybridbox", []);
    fromWorker.replace(result.rows, result.issues);
    const onPage = new BulkRowStore("hybridbox", []);
    onPage.replace(result.rows);
    expect(fromWorker.plan()).toEqual(onPage.plan());
    for (let i = 0; i < result.rows.length; i++) {
      expect(fromWorker.issuesOf(i), `row ${i + 1}`).toEqual(onPage.issuesOf(i));
    }
    // Duplicates inside the list are the store's to find, whoever checked the rows.
    expect(fromWorker.issuesOf(1).localPart).toBe("Also on row 3");
  });

  it("refuses a list longer than a job, and says so", () => {
    const long = ["First name\tLast name\tLocal part"];
    for (let i = 0; i < 100_001; i++) long.push(`A\tB\tu${i}`);
    expect(readList({ ...input, text: long.join("\n") })).toEqual({
      error: expect.stringContaining("a job takes at most 100,000"),
    });
  });

  it("reads on the page when no worker can be had", async () => {
    expect(typeof Worker).toBe("undefined");
    expect(await readListOffThread(input)).toEqual(readList(input));
  });
});
