import { describe, expect, it } from "vitest";
import { words } from "@/lib/testing/words";
import { z } from "zod";
import {
  duplicateLocalParts,
  hybridboxRowSchema,
  providerIdSchema,
  rowListSchema,
  rowSchema,
  zcomRowSchema,
} from "./schema";

describe("providerIdSchema", () => {
  it("accepts the two providers only", () => {
    expect(providerIdSchema.parse("zcom")).toBe("zcom");
    expect(words(providerIdSchema.safeParse("gmail").error?.issues[0]?.message)).toBe(
      "Choose Hybridbox or Z.com",
    );
  });
});

describe("rowSchema", () => {
  it("returns the provider's schema", () => {
    expect(rowSchema("hybridbox")).toBe(hybridboxRowSchema);
    expect(rowSchema("zcom")).toBe(zcomRowSchema);
  });

  it("normalises a Hybridbox row and defaults the last name", () => {
    expect(rowSchema("hybridbox").parse({ firstName: " Ann ", localPart: "Ann.Lee" })).toEqual({
      firstName: "Ann",
      lastName: "",
      localPart: "ann.lee",
    });
  });

  it("drops a password given for Hybridbox, which takes none", () => {
    const row = rowSchema("hybridbox").parse({ firstName: "A", localPart: "a", password: "x" });
    expect(row).not.toHaveProperty("password");
  });

  it("treats an empty or missing Z.com password as 'generate'", () => {
    const schema = rowSchema("zcom");
    expect(schema.parse({ localPart: "ann", password: "" }).password).toBeUndefined();
    expect(schema.parse({ localPart: "ann" })).toEqual({
      firstName: "",
      lastName: "",
      localPart: "ann",
      password: undefined,
    });
    expect(schema.parse({ localPart: "ann", password: "ZE!Zr0vKO" }).password).toBe("ZE!Zr0vKO");
  });

  it("reports field errors the form can show, one message per problem", () => {
    const result = rowSchema("zcom").safeParse({ localPart: "a.b", password: " " });
    expect(result.success).toBe(false);
    const { fieldErrors } = z.flattenError(result.error!);
    expect(fieldErrors.localPart?.map(words)).toEqual([
      'Only a–z, 0–9 and - are allowed (no dots); found "."',
    ]);
    expect(fieldErrors.password?.map(words)).toEqual([
      "Must be 9–70 characters (this one has 1)",
      "Needs at least one capital letter (A–Z)",
      "Needs at least one small letter (a–z)",
      "Needs at least one digit (0–9)",
      "Character not allowed: space",
    ]);
  });

  it("requires a first name for Hybridbox", () => {
    const result = rowSchema("hybridbox").safeParse({ localPart: "ann" });
    expect(z.flattenError(result.error!).fieldErrors.firstName?.map(words)).toEqual([
      "Enter a first name",
    ]);
  });
});

describe("rowListSchema", () => {
  it("reports duplicates after normalisation on every row involved", () => {
    const result = rowListSchema("hybridbox").safeParse([
      { firstName: "A", localPart: "John.Doe" },
      { firstName: "B", localPart: "ann" },
      { firstName: "C", localPart: " john.doe" },
    ]);
    expect(result.error?.issues.map((i) => [i.path, words(i.message)])).toEqual([
      [[0, "localPart"], '"john.doe" is also on row 3'],
      [[2, "localPart"], '"john.doe" is also on row 1'],
    ]);
  });

  it("still reports duplicates when other rows are invalid", () => {
    const result = rowListSchema("zcom").safeParse([
      { localPart: "ann" },
      { localPart: "x.y" },
      { localPart: "ANN" },
    ]);
    const paths = result.error?.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(["1.localPart", "0.localPart", "2.localPart"]);
  });

  it("rejects empty and over-long lists", () => {
    expect(words(rowListSchema("zcom").safeParse([]).error?.issues[0]?.message)).toBe(
      "Add at least one mailbox",
    );
    const rows = Array.from({ length: 3 }, (_, i) => ({ localPart: `user${i}` }));
    expect(words(rowListSchema("zcom", 2).safeParse(rows).error?.issues[0]?.message)).toBe(
      "At most 2 mailboxes per job; split the list",
    );
  });

  it("summarises long duplicate groups", () => {
    const found = duplicateLocalParts(Array.from({ length: 6 }, () => ({ localPart: "a" })));
    expect(found.get("a")).toEqual([0, 1, 2, 3, 4, 5]);
    const result = rowListSchema("hybridbox").safeParse(
      Array.from({ length: 6 }, () => ({ firstName: "A", localPart: "a" })),
    );
    expect(words(result.error?.issues[0]?.message)).toBe('"a" is also on rows 2, 3, 4 and 2 more');
  });
});
