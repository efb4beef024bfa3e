import { describe, expect, it } from "vitest";
import { ProviderError } from "../errors";
import type { CreateItem, CreateOutcome } from "../types";
import { describeErrorContract } from "@/lib/testing/error-contract";
import { classOf, closedPortUrl, HBX, startHybridboxRig } from "@/lib/testing/provider-harness";
import type { HybridboxProvider } from "../hybridbox/provider";

// Every error class the Hybridbox sandbox can produce, as our client classifies it. Faults are
// seeded and scoped to creates, so each test is deterministic; the runner's rule is checked too:
// an `unknown` outcome is verified with findMailbox, which must tell the truth either way.

const rig = startHybridboxRig();

const DOMAIN = "acme.example";
const ITEM: CreateItem = { localPart: "err.one", firstName: "Err", lastName: "One" };
const SEED = 20_260_101;

async function createOne(provider = rig.provider()): Promise<CreateOutcome> {
  const [outcome] = await provider.create(DOMAIN, [ITEM]);
  if (!outcome) throw new Error("no outcome");
  return outcome;
}

/** Whether the sandbox holds the mailbox (admin route: never limited, never faulted). */
async function created(localPart = ITEM.localPart): Promise<boolean> {
  const all = (await rig.admin("mailboxes")).body.mailboxes as { primary_email: string }[];
  return all.some((m) => m.primary_email === `${localPart}@${DOMAIN}`);
}

const failure = (outcome: CreateOutcome) =>
  outcome.status === "created" ? undefined : outcome.failure;

describeErrorContract({
  seed: SEED,
  faults: (config) => rig.faults(config),
  stats: () => rig.stats(),
  provider: (overrides) => rig.provider(overrides),
  createOne: (provider) => createOne(provider as HybridboxProvider | undefined),
  find: (provider) => provider.findMailbox(DOMAIN, ITEM.localPart),
  created: () => created(),
});

describe("Hybridbox — errors produced by the sandbox, as the client classifies them", () => {
  it("refused connection (nothing listens on the port) → failed, retryable: nothing was sent", async () => {
    const provider = rig.provider({ baseUrl: await closedPortUrl() });
    const outcome = await createOne(provider);
    expect(outcome.status).toBe("failed");
    expect(classOf(failure(outcome))).toEqual({
      code: "unavailable",
      errorClass: "retryable",
      status: undefined,
    });
    expect(failure(outcome)?.message).toMatch(/connection refused before the request was sent/);
    const read = await provider.client.listDomains().catch((e: unknown) => e);
    expect((read as ProviderError).failure.errorClass).toBe("retryable");
  });

  it("401 → unauthorized, final (unknown token, and the sandbox's unauthorizedAfter)", async () => {
    const wrong = await createOne(rig.provider({ token: "not-a-token" }));
    expect(wrong.status).toBe("failed");
    expect(classOf(failure(wrong))).toEqual({
      code: "unauthorized",
      errorClass: "final",
      status: 401,
    });
    expect(failure(wrong)?.message).not.toContain("not-a-token");

    await rig.faults({ seed: SEED, unauthorizedAfter: 0 });
    const revoked = await createOne();
    expect(classOf(failure(revoked))).toEqual({
      code: "unauthorized",
      errorClass: "final",
      status: 401,
    });
    expect(await created()).toBe(false);
  });

  it("403 (the forbidden token) → forbidden, final", async () => {
    const provider = rig.provider({ token: HBX.forbiddenToken });
    const outcome = await createOne(provider);
    expect(classOf(failure(outcome))).toEqual({
      code: "forbidden",
      errorClass: "final",
      status: 403,
    });
    const read = await provider.client.listDomains().catch((e: unknown) => e);
    expect(classOf((read as ProviderError).failure)).toEqual({
      code: "forbidden",
      errorClass: "final",
      status: 403,
    });
  });

  it("404 unknown domain → not_found, final", async () => {
    const [outcome] = await rig.provider().create("nope.example", [ITEM]);
    expect(outcome?.status).toBe("failed");
    expect(classOf(outcome && failure(outcome))).toEqual({
      code: "not_found",
      errorClass: "final",
      status: 404,
    });
  });

  it("409 → already_exists, final (POST /mailboxes; and the bulk item code mailbox_exists)", async () => {
    const provider = rig.provider();
    const error = await provider.client
      .createMailbox({ domain: DOMAIN, localPart: "jane.doe", firstName: "Jane" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(classOf((error as ProviderError).failure)).toEqual({
      code: "already_exists",
      errorClass: "final",
      status: 409,
    });
    const [outcome] = await provider.create(DOMAIN, [{ ...ITEM, localPart: "jane.doe" }]);
    expect(outcome?.status === "failed" && outcome.failure).toMatchObject({
      code: "already_exists",
      errorClass: "final",
      providerCode: "mailbox_exists",
    });
  });

  it("a chunk that fails as a whole stops the later chunks: they are reported not sent (retryable)", async () => {
    await rig.faults({ seed: SEED, scope: "create", errorRate: 1, errorStatuses: [500] });
    const items = Array.from({ length: 150 }, (_, i) => ({ ...ITEM, localPart: `chunk${i}` }));
    const outcomes = await rig.provider().client.bulkCreate(DOMAIN, items);
    expect(outcomes.slice(0, 100).every((o) => o.status === "unknown")).toBe(true);
    expect(
      outcomes
        .slice(100)
        .every((o) => o.status === "failed" && o.failure.errorClass === "retryable"),
    ).toBe(true);
    expect((await rig.stats()).requests).toEqual({
      "POST /v1/public/accounts/{account_id}/mailboxes/bulk": 1,
    });
  });
});
