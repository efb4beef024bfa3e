import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passwordProblems } from "@/lib/mailboxes/rules";
import type { Domain, MailProvider } from "@/lib/providers/types";
import { EMPTY_DOMAIN, type Rig, startRig } from "@/lib/testing/job-rig";
import { UserError } from "@/lib/user-error";
import { planDelete, planNameChanges, planPasswordReset } from "./plan";

/**
 * What an action will change is decided from what the provider has now, never from the browser's
 * list: the typed domain and count must match it; a typed password is for one mailbox; names are
 * swapped from the provider's own.
 */
async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserError) return { key: error.code?.key, fields: error.fieldErrors };
    throw error;
  }
  throw new Error("not refused");
}

async function setUp(rig: Rig, providerId: "zcom" | "hybridbox", rows: object[]) {
  const jobId = await rig.submit(rows as never);
  await rig.waitUntilFinished(jobId);
  const domain = (await rig.provider.listDomains()).find(
    (d) => d.name === EMPTY_DOMAIN[providerId],
  ) as Domain;
  return domain;
}

describe("zcom: delete and reset plans", () => {
  let rig: Rig;
  let provider: MailProvider;
  let domain: Domain;
  beforeAll(async () => {
    rig = await startRig("zcom");
    await rig.runner.start();
    provider = rig.provider;
    domain = await setUp(rig, "zcom", [
      { localPart: "plan-a1" },
      { localPart: "plan-a2" },
      { localPart: "plan-a3" },
    ]);
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  });

  it("a delete needs the domain and the count the server finds now", async () => {
    const all = { mode: "search", search: "plan-a" } as const;
    expect(
      await planDelete(provider, domain, all, { confirmDomain: domain.name, confirmCount: 3 }),
    ).toHaveLength(3);
    expect(
      await refusal(
        planDelete(provider, domain, all, { confirmDomain: domain.name, confirmCount: 2 }),
      ),
    ).toMatchObject({
      key: "changes.confirmAgain",
      fields: { confirmCount: [expect.any(String)] },
    });
    expect(
      await refusal(
        planDelete(provider, domain, all, { confirmDomain: "big.zcom.example", confirmCount: 3 }),
      ),
    ).toMatchObject({ fields: { confirmDomain: [expect.any(String)] } });
  }, 30_000);

  it("ids the browser sends that are not on the domain are not counted or deleted", async () => {
    const [mine] = await planDelete(
      provider,
      domain,
      { mode: "search", search: "plan-a1" },
      { confirmDomain: domain.name, confirmCount: 1 },
    );
    const big = (await provider.listDomains()).find((d) => d.name === "big.zcom.example")!;
    let foreign = "";
    for await (const batch of provider.scanMailboxes(big)) {
      foreign = batch[0]!.id;
      break;
    }
    const typed = { confirmDomain: domain.name, confirmCount: 1 };
    const planned = await planDelete(
      provider,
      domain,
      { mode: "ids", ids: [mine!.id, foreign, "made-up"] },
      typed,
    );
    expect(planned).toEqual([{ id: mine!.id, address: mine!.address }]);
  }, 30_000);

  it("passwords: generated one each to Z.com's rules, or typed for one mailbox only", async () => {
    const all = { mode: "search", search: "plan-a" } as const;
    const generated = await planPasswordReset(provider, domain, all, { mode: "generate" }, 3);
    expect(new Set(generated.map((t) => t.password)).size).toBe(3);
    for (const t of generated) {
      expect(passwordProblems(t.password!)).toEqual([]);
      expect(t.generated).toBe(true);
    }
    expect(
      await refusal(
        planPasswordReset(provider, domain, all, { mode: "typed", password: "Typed-Passw0rd" }, 3),
      ),
    ).toMatchObject({ fields: { password: [expect.any(String)] } });
    expect(
      await refusal(planPasswordReset(provider, domain, all, { mode: "generate" }, 4)),
    ).toMatchObject({ fields: { confirmCount: [expect.any(String)] } });
    const one = await planPasswordReset(
      provider,
      domain,
      { mode: "search", search: "plan-a2" },
      { mode: "typed", password: "Typed-Passw0rd" },
      1,
    );
    expect(one).toMatchObject([{ password: "Typed-Passw0rd", generated: false }]);
  }, 30_000);
});

describe("hybridbox: name plans", () => {
  let rig: Rig;
  let domain: Domain;
  beforeAll(async () => {
    rig = await startRig("hybridbox");
    await rig.runner.start();
    domain = await setUp(rig, "hybridbox", [
      { localPart: "nm-1", firstName: "Smith", lastName: "John" },
      { localPart: "nm-2", firstName: "Lee", lastName: "" },
    ]);
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  });

  it("swaps from the provider's names, leaving out what cannot be swapped", async () => {
    const all = { mode: "search", search: "nm-" } as const;
    const swapped = await planNameChanges(rig.provider, domain, {
      mode: "swap",
      selection: all,
      confirmCount: 2,
    });
    expect(swapped).toMatchObject([
      { address: `nm-1@${domain.name}`, firstName: "John", lastName: "Smith" },
    ]);
    expect(
      await refusal(
        planNameChanges(rig.provider, domain, { mode: "swap", selection: all, confirmCount: 1 }),
      ),
    ).toMatchObject({ fields: { confirmCount: [expect.any(String)] } });
  }, 30_000);

  it("sets typed names only where they change, only on the domain", async () => {
    const [a, b] = (await planDelete(
      rig.provider,
      domain,
      { mode: "search", search: "nm-" },
      { confirmDomain: domain.name, confirmCount: 2 },
    ))!;
    const set = await planNameChanges(rig.provider, domain, {
      mode: "set",
      items: [
        { id: a!.id, firstName: "Smith", lastName: "John" }, // unchanged
        { id: b!.id, firstName: "Lee", lastName: "Min" },
        { id: "not-here", firstName: "X", lastName: "Y" },
      ],
    });
    expect(set).toMatchObject([{ id: b!.id, firstName: "Lee", lastName: "Min" }]);
  }, 30_000);
});
