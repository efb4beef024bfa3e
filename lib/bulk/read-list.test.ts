import { words } from "@/lib/testing/words";
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
  longVowels: "short" as const,
};

describe("reading a pasted list (in the worker or on the page)", () => {
  it("parses, makes local parts around existing ones, and checks every row", () => {
    const result = readList(input);
    if ("error" in result) throw new Error(result.error.key);
    expect(result.rows.map((r) => r.localPart)).toEqual([
      expect.stringMatching(/^ann\.lee.+/), // ann.lee exists: a visible suffix
      "bo.kim",
      "bo.kim",
      "nofirst",
      "minjun.kim", // romanised from Hangul: a suggestion
    ]);
    expect(result.rows[0]).toMatchObject({ derived: true, suffixed: true, suggested: false });
    expect(result.rows[4]).toMatchObject({ derived: true, suggested: true });
    expect(result.issues[3]!.firstName).toBeTruthy();
    // The names stay as pasted; only the local part is romanised.
    expect(result.rows[4]).toMatchObject({ firstName: "민준", lastName: "김" });
  });

  it("romanises readings in the chosen long-vowel style, and asks where it cannot", () => {
    const text = [
      "氏名\tフリガナ\tID",
      "佐藤 花子\tサトウ ハナコ\t",
      "大野 太郎\tオオノ タロウ\t",
      "山田 一郎\t\t", // kanji without a reading: asked, as before
      "鈴木 次郎\tスズキ ジロウ\tjiro", // typed: never replaced
    ].join("\n");
    const read = (longVowels: "short" | "spelled") => {
      const result = readList({ ...input, text, existing: [], longVowels });
      if ("error" in result) throw new Error(result.error.key);
      return result;
    };
    const short = read("short");
    expect(short.rows.map((r) => [r.localPart, r.suggested])).toEqual([
      ["hanako.sato", true],
      ["taro.ono", true],
      ["", false],
      ["jiro", false],
    ]);
    expect(short.rows[0]!.reading).toBe("サトウ ハナコ");
    expect(short.issues[2]!.localPart).toBeTruthy();
    expect(read("spelled").rows.map((r) => r.localPart)).toEqual([
      "hanako.satou",
      "tarou.oono",
      "",
      "jiro",
    ]);
    // The admin's mapping of the columns is read, and reported back.
    const mapped = readList({
      ...input,
      text,
      existing: [],
      columns: ["fullName", "ignore", "localPart"],
    });
    if ("error" in mapped) throw new Error(mapped.error.key);
    expect(mapped.rows.map((r) => r.localPart)).toEqual(["", "", "", "jiro"]);
    expect(mapped.columns.map((c) => c.kind)).toEqual(["fullName", "ignore", "localPart"]);
  });

  it("makes suggested local parts unique against each other and the domain", () => {
    const text = "氏名\tフリガナ\n佐藤 花子\tサトウ ハナコ\n佐藤 花子\tサトウ ハナコ\n";
    const result = readList({ ...input, text, existing: ["hanako.sato"] });
    if ("error" in result) throw new Error(result.error.key);
    const locals = result.rows.map((r) => r.localPart);
    expect(new Set([...locals, "hanako.sato"]).size).toBe(3);
    expect(result.rows.every((r) => r.suggested && r.suffixed)).toBe(true);
  });

  it("gives the store what a check on the page would: the same problems and plan", () => {
    const result = readList(input);
    if ("error" in result) throw new Error(result.error.key);
    const fromWorker = new BulkRowStore("hybridbox", []);
    fromWorker.replace(result.rows, result.issues);
    const onPage = new BulkRowStore("hybridbox", []);
    onPage.replace(result.rows);
    expect(fromWorker.plan()).toEqual(onPage.plan());
    for (let i = 0; i < result.rows.length; i++) {
      expect(fromWorker.issuesOf(i), `row ${i + 1}`).toEqual(onPage.issuesOf(i));
    }
    // Duplicates inside the list are the store's to find, whoever checked the rows.
    expect(words(fromWorker.issuesOf(1).localPart)).toBe("Also on row 3");
  });

  it("refuses a list longer than a job, and says so", () => {
    const long = ["First name\tLast name\tLocal part"];
    for (let i = 0; i < 100_001; i++) long.push(`A\tB\tu${i}`);
    const result = readList({ ...input, text: long.join("\n") });
    expect(result).toEqual({
      error: { key: "bulk.read.tooMany", params: { count: 100_001, max: 100_000 } },
    });
    expect("error" in result && words(result.error)).toBe(
      "That is 100,001 rows; a job takes at most 100,000. Split the list.",
    );
  });

  it("reads on the page when no worker can be had", async () => {
    expect(typeof Worker).toBe("undefined");
    expect(await readListOffThread(input)).toEqual(readList(input));
  });
});
