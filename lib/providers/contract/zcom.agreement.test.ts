import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { localPartSchema, normalizeLocalPart, zcomPasswordSchema } from "@/lib/mailboxes/rules";
import type { CreateOutcome, Domain } from "../types";
import { ProviderError } from "../errors";
import { toMailbox, type ZcomProvider } from "../zcom/provider";
import { localPartArb, passwordArb } from "@/lib/testing/arbitraries";
import { startZcomRig } from "@/lib/testing/provider-harness";

// Agreement: for generated inputs, the shared zod schemas in lib/mailboxes accept a value
// exactly when the Z.com sandbox (an independent reading of the published rules) accepts it,
// over HTTP through our provider: 200 = accepted, 409 Duplicate = passed the rules, 400 Invalid
// Email / Invalid Password = rejected. Local parts are compared on what we would send (the
// schema's NFKC + trim + lower-case output); passwords are sent exactly as typed, as the
// product does. Z.com has no bulk call, so requests run concurrently in a small pool.

const rig = startZcomRig();

const BATCH = 100;
const RUNS = 5; // × BATCH = 500 inputs per property
const POOL = 8;
const VALID_PASSWORD = "ZE!Zr0vKO";

type Verdict = "accepted" | "rejected";

let domain: Domain;
beforeEach(async () => {
  domain = { id: await rig.domainId("empty.zcom.example"), name: "empty.zcom.example" };
});

function verdict(outcome: CreateOutcome | undefined, rejectCode: string): Verdict {
  if (outcome?.status === "created") return "accepted";
  if (outcome?.status === "failed") {
    if (outcome.failure.code === rejectCode && outcome.failure.status === 400) return "rejected";
    if (outcome.failure.code === "already_exists") return "accepted"; // 409 comes after the rules
  }
  throw new Error(`unexpected outcome ${JSON.stringify(outcome)}`);
}

/** Runs `work` over `items` with at most `size` in flight, results in item order. */
async function pool<T, R>(
  items: readonly T[],
  size: number,
  work: (item: T, i: number) => Promise<R>,
) {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}

/**
 * One POST /v1/emails per item through our client (createEmail: the password goes out exactly as
 * given, even an empty one, which the provider layer would refuse before sending).
 */
async function createAll(
  provider: ZcomProvider,
  items: readonly { localPart: string; password: string }[],
): Promise<CreateOutcome[]> {
  rig.sandbox.reset(); // fresh data per batch (tokens survive a reset)
  return pool(items, POOL, async ({ localPart, password }): Promise<CreateOutcome> => {
    try {
      const email = await provider.client.createEmail({
        domainId: domain.id,
        email: `${localPart}@${domain.name}`,
        password,
      });
      return { status: "created", mailbox: toMailbox(email) };
    } catch (error) {
      if (error instanceof ProviderError) return { status: "failed", failure: error.failure };
      throw error;
    }
  });
}

const show = (s: string) => JSON.stringify(s);

const LOCAL_PART_EDGES = [
  "a",
  "ab",
  "a".repeat(63),
  "a".repeat(64),
  "-ab",
  "ab-",
  "a-b",
  "a--b",
  "a.b",
  "a_b",
  "John-Doe",
  "ＪＯＨＮ",
  "ﬁx",
  "\u212aelvin",
  " padded ",
  "\u00a0nbsp\u00a0",
  "a+b",
  "a@b",
  "",
  "jürgen",
  "İi",
  "a\u200bb",
  "00",
  "－ab",
];

const PASSWORD_EDGES = [
  "Abcdefg1!",
  "Abcdef1!",
  `Ab1${"x".repeat(67)}`,
  `Ab1${"x".repeat(68)}`,
  'Ab1"quoted"',
  "Ab1\u201cquoted\u201d",
  "Ab1 spaced!",
  "Ab1`tick`!",
  "Ab1<angle>!",
  "Ab1é-accent",
  "Ab1\\back\\",
  `Ab1!#$%&?"'=+-_{}[]^~:;().,/|\\*@`,
  "abcdefgh1",
  "ABCDEFGH1",
  "Abcdefghi",
  "123456789",
  "Ab1😀xxxxx",
  "Ａb1xxxxxx",
  "",
];

describe("Z.com agreement: lib/mailboxes schemas ⇔ sandbox", () => {
  it(`local parts: localPartSchema("zcom") accepts ⇔ the sandbox accepts what we send (${RUNS * BATCH} inputs)`, async () => {
    const schema = localPartSchema("zcom");
    const provider = rig.provider();
    const seen = { accepted: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(localPartArb(), { minLength: BATCH, maxLength: BATCH }),
        async (raws) => {
          const checked = raws.map((raw) => {
            const parsed = schema.safeParse(raw);
            if (parsed.success) expect(parsed.data).toBe(normalizeLocalPart(raw));
            return { raw, ok: parsed.success, wire: normalizeLocalPart(raw) };
          });
          for (const c of checked) seen[c.ok ? "accepted" : "rejected"] += 1;
          const outcomes = await createAll(
            provider,
            checked.map((c) => ({ localPart: c.wire, password: VALID_PASSWORD })),
          );
          const disagreements = checked.flatMap((c, i) => {
            const sandbox = verdict(outcomes[i], "invalid_local_part");
            const schemaSays: Verdict = c.ok ? "accepted" : "rejected";
            return sandbox === schemaSays
              ? []
              : [`${show(c.raw)} → sent ${show(c.wire)}: schema ${schemaSays}, sandbox ${sandbox}`];
          });
          expect(disagreements).toEqual([]);
        },
      ),
      { numRuns: RUNS + 1, examples: [[LOCAL_PART_EDGES]] },
    );
    expect(seen.accepted + seen.rejected).toBeGreaterThanOrEqual(RUNS * BATCH);
    expect(Math.min(seen.accepted, seen.rejected)).toBeGreaterThan(RUNS * BATCH * 0.15);
  });

  it(`passwords: zcomPasswordSchema accepts ⇔ the sandbox accepts (${RUNS * BATCH} inputs)`, async () => {
    const provider = rig.provider();
    const seen = { accepted: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(passwordArb(), { minLength: BATCH, maxLength: BATCH }),
        async (passwords) => {
          const checked = passwords.map((password) => ({
            password,
            ok: zcomPasswordSchema.safeParse(password).success,
          }));
          for (const c of checked) seen[c.ok ? "accepted" : "rejected"] += 1;
          const outcomes = await createAll(
            provider,
            // Unique, valid local parts: only the password is judged.
            checked.map((c, i) => ({ localPart: `pw-${i}`, password: c.password })),
          );
          const disagreements = checked.flatMap((c, i) => {
            const sandbox = verdict(outcomes[i], "invalid_password");
            const schemaSays: Verdict = c.ok ? "accepted" : "rejected";
            return sandbox === schemaSays
              ? []
              : [`${show(c.password)}: schema ${schemaSays}, sandbox ${sandbox}`];
          });
          expect(disagreements).toEqual([]);
          // An accepted password really is the mailbox's password.
          const firstCreated = outcomes.findIndex((o) => o.status === "created");
          const created = outcomes[firstCreated];
          if (created?.status === "created") {
            expect(
              await rig.checkPassword(created.mailbox.id, checked[firstCreated]?.password ?? ""),
            ).toBe(true);
          }
        },
      ),
      { numRuns: RUNS + 1, examples: [[PASSWORD_EDGES]] },
    );
    expect(seen.accepted + seen.rejected).toBeGreaterThanOrEqual(RUNS * BATCH);
    expect(Math.min(seen.accepted, seen.rejected)).toBeGreaterThan(RUNS * BATCH * 0.15);
  });
});
