import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { localPartSchema, normalizeLocalPart } from "@/lib/mailboxes/rules";
import { rowSchema } from "@/lib/mailboxes/schema";
import type { CreateItem, CreateOutcome } from "../types";
import { hybridboxValidLetteredLocalPart, localPartArb, nameArb } from "@/lib/testing/arbitraries";
import { startHybridboxRig } from "@/lib/testing/provider-harness";

// Agreement: for generated inputs, the shared zod schemas in lib/mailboxes accept a value
// exactly when the Hybridbox sandbox (an independent reading of the same rules) accepts it.
// The schema normalises (local parts: NFKC, trim, lower case; names: trim), so what is compared
// is what we would actually send: the schema's output, or the same normalisation of a value it
// rejects. One bulk request per 100 inputs keeps 500 inputs per property well under a second.

const rig = startHybridboxRig();

const BATCH = 100; // the sandbox's (and our client's) bulk maximum
const RUNS = 5; // × BATCH = 500 inputs per property
const DOMAIN = "acme.example";

type Verdict = "accepted" | "rejected";

/** What the sandbox said about the rule under test; anything unexpected fails loudly. */
function verdict(outcome: CreateOutcome | undefined, rejectCode: string): Verdict {
  if (outcome?.status === "created") return "accepted";
  if (outcome?.status === "failed") {
    const code = outcome.failure.providerCode;
    if (code === rejectCode) return "rejected";
    // Both come after the rule checks: the value passed them.
    if (code === "mailbox_exists" || code === "duplicate_in_request") return "accepted";
  }
  throw new Error(`unexpected outcome ${JSON.stringify(outcome)}`);
}

async function sendBatch(items: CreateItem[]): Promise<CreateOutcome[]> {
  rig.sandbox.reset(); // fresh data per batch: no leftovers, far from the per-domain cap
  const outcomes = await rig.provider().client.bulkCreate(DOMAIN, items);
  expect(outcomes).toHaveLength(items.length);
  return outcomes;
}

const show = (s: string) => JSON.stringify(s);

/** Hand-picked edges, run before the generated batches. */
const LOCAL_PART_EDGES = [
  "a",
  "a".repeat(64),
  "a".repeat(65),
  "a.b",
  "a..b",
  ".a",
  "a.",
  "-a",
  "a-",
  "_a",
  "a_",
  "a_b-c.d",
  "John.Doe",
  "ＪＯＨＮ",
  "ﬁx",
  "\u212aelvin",
  " padded ",
  "\u00a0nbsp\u00a0",
  "\u3000ideographic\u3000",
  "a+b",
  "a@b",
  "",
  " ",
  "jürgen",
  "İstanbul",
  "ı",
  "a\u200bb",
  "😀",
  "ａ．ｂ",
  "a\tb",
  "0",
  "9-9",
];

describe("Hybridbox agreement: lib/mailboxes schemas ⇔ sandbox", () => {
  it(`local parts: localPartSchema("hybridbox") accepts ⇔ the sandbox accepts what we send (${RUNS * BATCH} inputs)`, async () => {
    const schema = localPartSchema("hybridbox");
    const seen = { accepted: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(localPartArb(), { minLength: BATCH, maxLength: BATCH }),
        async (raws) => {
          const checked = raws.map((raw) => {
            const parsed = schema.safeParse(raw);
            // The schema's output IS the normalisation; for a rejected value we send the same.
            if (parsed.success) expect(parsed.data).toBe(normalizeLocalPart(raw));
            return { raw, ok: parsed.success, wire: normalizeLocalPart(raw) };
          });
          const outcomes = await sendBatch(
            checked.map((c) => ({ localPart: c.wire, firstName: "Agree", lastName: "" })),
          );
          const disagreements = checked.flatMap((c, i) => {
            const sandbox = verdict(outcomes[i], "invalid_local_part");
            const schemaSays: Verdict = c.ok ? "accepted" : "rejected";
            return sandbox === schemaSays
              ? []
              : [`${show(c.raw)} → sent ${show(c.wire)}: schema ${schemaSays}, sandbox ${sandbox}`];
          });
          for (const c of checked) seen[c.ok ? "accepted" : "rejected"] += 1;
          expect(disagreements).toEqual([]);
        },
      ),
      // Examples count as runs: the edges, then RUNS generated batches.
      { numRuns: RUNS + 1, examples: [[LOCAL_PART_EDGES]] },
    );
    // A meaningful mix: both verdicts well represented.
    expect(seen.accepted + seen.rejected).toBeGreaterThanOrEqual(RUNS * BATCH);
    expect(Math.min(seen.accepted, seen.rejected)).toBeGreaterThan(RUNS * BATCH * 0.15);
  });

  it("upper case is rejected on the wire (the schema folds it; the sandbox does not)", async () => {
    const schema = localPartSchema("hybridbox");
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc
            .tuple(
              hybridboxValidLetteredLocalPart(),
              fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
            )
            .map(([lower, flips]) => {
              const letters = [...lower].map((ch, i) =>
                /[a-z]/.test(ch) && flips[i] ? ch.toUpperCase() : ch,
              );
              // At least one capital: the first letter (there always is one).
              const first = letters.findIndex((ch) => /[a-z]/i.test(ch));
              letters[first] = (letters[first] ?? "").toUpperCase();
              return { lower, upper: letters.join("") };
            }),
          { minLength: BATCH, maxLength: BATCH },
        ),
        async (pairs) => {
          // Raw, bypassing the schema: the sandbox must refuse every one.
          const rawOutcomes = await sendBatch(
            pairs.map((p) => ({ localPart: p.upper, firstName: "Upper", lastName: "" })),
          );
          const accepted = pairs.filter(
            (_, i) => verdict(rawOutcomes[i], "invalid_local_part") === "accepted",
          );
          expect(accepted.map((p) => p.upper)).toEqual([]);
          // Through the schema they become the lower-case form, which both accept.
          for (const p of pairs) expect(schema.parse(p.upper)).toBe(p.lower);
          const folded = await sendBatch(
            pairs.map((p) => ({
              localPart: schema.parse(p.upper),
              firstName: "Upper",
              lastName: "",
            })),
          );
          const refused = pairs.filter(
            (_, i) => verdict(folded[i], "invalid_local_part") === "rejected",
          );
          expect(refused.map((p) => p.lower)).toEqual([]);
        },
      ),
      { numRuns: 3 },
    );
  });

  it(`names: rowSchema("hybridbox") first/last name accepted ⇔ the sandbox accepts what we send (${RUNS * BATCH} inputs)`, async () => {
    const schema = rowSchema("hybridbox");
    const seen = { accepted: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(nameArb(), nameArb()), { minLength: BATCH, maxLength: BATCH }),
        async (pairs) => {
          const checked = pairs.map(([firstName, lastName], i) => {
            const localPart = `name${i}`; // always valid and unique: only the names are judged
            const parsed = schema.safeParse({ firstName, lastName, localPart });
            const wire = parsed.success
              ? parsed.data
              : { firstName: firstName.trim(), lastName: lastName.trim(), localPart };
            return { firstName, lastName, ok: parsed.success, wire };
          });
          for (const c of checked) seen[c.ok ? "accepted" : "rejected"] += 1;
          const outcomes = await sendBatch(checked.map((c) => c.wire));
          const disagreements = checked.flatMap((c, i) => {
            const sandbox = verdict(outcomes[i], "invalid_name");
            const schemaSays: Verdict = c.ok ? "accepted" : "rejected";
            return sandbox === schemaSays
              ? []
              : [
                  `first ${show(c.firstName)} last ${show(c.lastName)}: schema ${schemaSays}, sandbox ${sandbox}`,
                ];
          });
          expect(disagreements).toEqual([]);
        },
      ),
      {
        numRuns: RUNS + 1,
        examples: [
          [
            [
              ["", ""],
              [" ", ""],
              ["A", ""],
              ["A".repeat(100), "B".repeat(100)],
              ["A".repeat(101), ""],
              ["A", "B".repeat(101)],
              ["😀".repeat(100), ""],
              ["😀".repeat(101), ""],
              [" Padded\t", "\nPadded "],
              ["Tab\tInside", ""],
              ["Nul\u0000", ""],
              ["Del\u007f", ""],
              ["Nel\u0085", ""],
              ["佐藤", "花子"],
              ["\u3000Wide\u3000", ""],
            ],
          ],
        ],
      },
    );
    expect(seen.accepted + seen.rejected).toBeGreaterThanOrEqual(RUNS * BATCH);
    expect(Math.min(seen.accepted, seen.rejected)).toBeGreaterThan(RUNS * BATCH * 0.15);
  });

  it("why names are compared after trimming: the sandbox refuses control characters even at the ends, the schema trims them away", async () => {
    const parsed = rowSchema("hybridbox").parse({
      firstName: "\tJohn\n",
      lastName: " Doe\r\n",
      localPart: "john",
    });
    expect(parsed).toMatchObject({ firstName: "John", lastName: "Doe" });
    const [rawOutcome, sentOutcome] = await sendBatch([
      { localPart: "raw.john", firstName: "\tJohn\n", lastName: " Doe\r\n" },
      { localPart: "john", firstName: parsed.firstName, lastName: parsed.lastName },
    ]);
    expect(verdict(rawOutcome, "invalid_name")).toBe("rejected");
    expect(verdict(sentOutcome, "invalid_name")).toBe("accepted");
  });
});
