import { beforeEach, describe, expect, it } from "vitest";
import { ProviderError } from "../errors";
import type { CreateOutcome, Domain } from "../types";
import { describeErrorContract } from "@/lib/testing/error-contract";
import { classOf, closedPortUrl, startZcomRig } from "@/lib/testing/provider-harness";
import type { ZcomProvider } from "../zcom/provider";

// Every error class the Z.com sandbox can produce, as our client classifies it. POST /v1/emails
// is not repeatable, so the line between "failed" (safe to resend) and "unknown" (verify first)
// is what matters. Faults are seeded and scoped to creates; the domain is passed as a Domain so
// a create is exactly one mail API request (plus the token, which is never faulted).

const rig = startZcomRig();

const PASSWORD = "ZE!Zr0vKO";
const LOCAL = "err-one";
const SEED = 20_260_101;
let domain: Domain;

beforeEach(async () => {
  domain = { id: await rig.domainId("empty.zcom.example"), name: "empty.zcom.example" };
});

async function createOne(provider = rig.provider(), target: Domain | string = domain) {
  const [outcome] = await provider.create(target, [{ localPart: LOCAL, password: PASSWORD }]);
  if (!outcome) throw new Error("no outcome");
  return outcome;
}

async function created(): Promise<boolean> {
  const all = (await rig.admin("mailboxes")).body.mailboxes as { email: string }[];
  return all.some((m) => m.email === `${LOCAL}@${domain.name}`);
}

const failure = (outcome: CreateOutcome) =>
  outcome.status === "created" ? undefined : outcome.failure;

describeErrorContract({
  seed: SEED,
  faults: (config) => rig.faults(config),
  stats: () => rig.stats(),
  provider: (overrides) => rig.provider(overrides),
  createOne: (provider) => createOne(provider as ZcomProvider | undefined),
  find: (provider) => provider.findMailbox(domain, LOCAL),
  created: () => created(),
  // The token first, so a timer measures only the create.
  warmUp: (provider) => provider.listDomains(),
});

describe("Z.com — errors produced by the sandbox, as the client classifies them", () => {
  it("refused connection on the mail API → failed, retryable: nothing was sent", async () => {
    const provider = rig.providerWithToken(await rig.token(), { mailUrl: await closedPortUrl() });
    const outcome = await createOne(provider);
    expect(outcome.status).toBe("failed");
    expect(classOf(failure(outcome))).toEqual({
      code: "unavailable",
      errorClass: "retryable",
      status: undefined,
    });
    // Resolving a domain by name reads first; that read failing is retryable too.
    const byName = await createOne(provider, "empty.zcom.example");
    expect(classOf(failure(byName))).toEqual({
      code: "unavailable",
      errorClass: "retryable",
      status: undefined,
    });
  });

  it("refused connection on the identity API → failed, retryable (no token, so no create was sent)", async () => {
    const provider = rig.provider({ identityUrl: await closedPortUrl() });
    const outcome = await createOne(provider);
    expect(outcome.status).toBe("failed");
    expect(failure(outcome)).toMatchObject({ code: "unavailable", errorClass: "retryable" });
    expect(failure(outcome)?.message).toMatch(/Could not get a Z\.com token, so nothing was sent/);
    expect((await rig.stats()).requests["POST /v1/emails"]).toBeUndefined();
  });

  it("identity 401 (wrong API password) → unauthorized, final; the password is not in the message", async () => {
    const provider = rig.provider({ password: "Wrong-Passw0rd" });
    const outcome = await createOne(provider);
    expect(classOf(failure(outcome))).toEqual({
      code: "unauthorized",
      errorClass: "final",
      status: 401,
    });
    expect(failure(outcome)?.message).not.toContain("Wrong-Passw0rd");
  });

  it("401 → unauthorized, final (a ready token that is not valid)", async () => {
    const outcome = await createOne(rig.providerWithToken("0".repeat(32)));
    expect(outcome.status).toBe("failed");
    expect(classOf(failure(outcome))).toEqual({
      code: "unauthorized",
      errorClass: "final",
      status: 401,
    });
    expect(failure(outcome)?.message).toContain("Access Denied");
    expect(await created()).toBe(false);
  });

  it("403 (injected; Z.com documents none) → forbidden, final", async () => {
    await rig.faults({ seed: SEED, scope: "create", errorRate: 1, errorStatuses: [403] });
    const outcome = await createOne();
    expect(classOf(failure(outcome))).toEqual({
      code: "forbidden",
      errorClass: "final",
      status: 403,
    });
  });

  it("404 unknown domain → not_found, final", async () => {
    const outcome = await createOne(rig.provider(), {
      id: "ffffffffffffffffffff",
      name: "nope.example",
    });
    expect(classOf(failure(outcome))).toEqual({
      code: "not_found",
      errorClass: "final",
      status: 404,
    });
    // By name, the provider finds no such domain in the list before sending anything.
    const byName = await createOne(rig.provider(), "nope.example");
    expect(failure(byName)).toMatchObject({ code: "not_found", errorClass: "final" });
    expect((await rig.stats()).requests["POST /v1/emails"]).toBe(1);
  });

  it("409 Duplicate → already_exists, final", async () => {
    const provider = rig.provider();
    const [outcome] = await provider.create("zcom-demo.example", [
      { localPart: "info", password: PASSWORD },
    ]);
    expect(outcome?.status).toBe("failed");
    expect(classOf(outcome && failure(outcome))).toEqual({
      code: "already_exists",
      errorClass: "final",
      status: 409,
    });
  });

  it("[assumed] 400 Quota Exceeded → quota_exceeded, final", async () => {
    await rig.admin("limits", { method: "PUT", json: { mailboxCapPerDomain: 0 } });
    const outcome = await createOne();
    expect(classOf(failure(outcome))).toEqual({
      code: "quota_exceeded",
      errorClass: "final",
      status: 400,
    });
  });

  it("client-level 401 handling: a 401 on the create itself is repeated once with a new token, then final", async () => {
    const provider = rig.provider();
    await provider.listDomains();
    await rig.faults({ seed: SEED, unauthorizedAfter: 0 });
    const outcome = await createOne(provider);
    expect(classOf(failure(outcome))).toEqual({
      code: "unauthorized",
      errorClass: "final",
      status: 401,
    });
    const stats = await rig.stats();
    expect(stats.requests["POST /v1/emails"]).toBe(2);
    expect(stats.createsTotal).toBe(0);
    const error = await provider.client.listDomains().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
  });
});
