import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHybridboxProvider } from "@/lib/providers/hybridbox/provider";
import { ProviderError } from "@/lib/providers/errors";
import { patiently } from "@/lib/providers/paging";
import type { MailProvider } from "@/lib/providers/types";
import { createZcomProvider } from "@/lib/providers/zcom/provider";
import {
  createHybridboxSandbox,
  createZcomSandbox,
  SANDBOX_PROFILES,
  sandboxCredentials,
} from "@/sandbox/index";

/**
 * Our clients against every reading of what the providers leave unpublished (the sandbox
 * profiles): a provider may cap page sizes, count pages its own way, order lists differently,
 * lag, limit reads, word errors in any shape, drop optional fields or add new ones. Whatever it
 * does, every mailbox of a domain is reached — by a whole-domain read and by the view's pages —
 * each once, a lookup finds what exists and nothing else, and a refusal reads as words.
 */
const BIG = { hybridbox: "big.example", zcom: "big.zcom.example" } as const;
const local = { hybridbox: (n: number) => `user${pad(n)}`, zcom: (n: number) => `user-${pad(n)}` };
const pad = (n: number) => String(n).padStart(3, "0");

async function expectEveryMailboxReached(
  provider: MailProvider,
  domain: string,
  fresh: () => MailProvider,
) {
  const scanned: string[] = [];
  for await (const batch of provider.scanMailboxes(domain))
    scanned.push(...batch.map((m) => m.address));
  expect(scanned).toHaveLength(120);
  expect(new Set(scanned).size).toBe(120);
  for (const pageSize of [25, 50, 100]) {
    // A new client that has learned nothing yet, asked for the last page first: a cap must be
    // found out on any page, not only on the first.
    const viewer = fresh();
    const paged: string[] = [];
    let total = 0;
    for (let page = Math.ceil(120 / pageSize); page >= 1; page--) {
      const answer = await viewer.listMailboxes(domain, { page, pageSize });
      expect(answer.items.length, `page ${page} of ${pageSize}`).toBe(
        Math.min(pageSize, 120 - (page - 1) * pageSize),
      );
      paged.push(...answer.items.map((m) => m.address));
      total = answer.total;
    }
    expect(total).toBe(120);
    expect(new Set(paged).size, `pages of ${pageSize}`).toBe(120);
    expect(new Set(paged)).toEqual(new Set(scanned));
  }
}

/** Waits out 429/503 (the read- and write-limit profiles): the runner does the same. */
const soon = <T>(call: () => Promise<T>) => patiently(call, 20_000);

async function refusal(call: () => Promise<unknown>) {
  try {
    await soon(call);
  } catch (error) {
    if (error instanceof ProviderError) return error.failure;
    throw error;
  }
  return undefined;
}

/**
 * After creation, by id: read, change, delete. A delete that the provider does not serve is a
 * 404/405 while the mailbox still reads as there; a delete of what is gone is a 404 and a read
 * of null.
 */
async function expectChangesById(
  provider: MailProvider,
  domain: string,
  localPart: string,
  deleteServed: boolean,
) {
  const found = await soon(() => provider.findMailbox(domain, localPart));
  expect(found).not.toBeNull();
  const ref = { id: found!.id, address: found!.address };
  expect((await soon(() => provider.readMailbox(ref)))?.address).toBe(ref.address);
  expect(await soon(() => provider.readMailbox({ ...ref, id: `${ref.id}0nope` }))).toBeNull();
  if (provider.updateNames) {
    const changed = await soon(() =>
      provider.updateNames!(ref, { firstName: "Renamed", lastName: "Person" }),
    );
    expect(changed).toMatchObject({ firstName: "Renamed", lastName: "Person" });
    expect(await soon(() => provider.readMailbox(ref))).toMatchObject({ firstName: "Renamed" });
  }
  if (provider.setPassword) {
    await soon(() => provider.setPassword!(ref, "New-Passw0rd-22"));
    // Repeatable [doc]: the same PUT again is fine.
    await soon(() => provider.setPassword!(ref, "New-Passw0rd-22"));
    expect(await refusal(() => provider.setPassword!(ref, "short"))).toMatchObject({
      code: "invalid_password",
      status: 400,
    });
  }
  const first = await refusal(() => provider.deleteMailbox(ref));
  if (!deleteServed) {
    expect([404, 405]).toContain(first?.status);
    expect(await soon(() => provider.readMailbox(ref))).not.toBeNull();
    return;
  }
  expect(first).toBeUndefined();
  expect(await soon(() => provider.readMailbox(ref))).toBeNull();
  expect((await refusal(() => provider.deleteMailbox(ref)))?.status).toBe(404);
}

describe.each(SANDBOX_PROFILES.map((p) => p.name))("profile %s", (profile) => {
  describe("Hybridbox", () => {
    const sandbox = createHybridboxSandbox({ profile });
    let provider: MailProvider & { close(): void };
    const opened: { close(): void }[] = [];
    let connect: () => MailProvider & { close(): void };
    beforeAll(async () => {
      const baseUrl = await sandbox.listen(0, "127.0.0.1");
      connect = () => {
        const made = createHybridboxProvider({
          baseUrl,
          accountId: sandboxCredentials.hybridbox.accountId,
          token: sandboxCredentials.hybridbox.token,
        });
        opened.push(made);
        return made;
      };
      provider = connect();
    });
    afterAll(async () => {
      for (const p of opened) p.close();
      await sandbox.close();
    });

    it("lists the domains, reaches every mailbox, finds by address", async () => {
      const domains = await provider.listDomains();
      expect(domains.map((d) => d.name)).toContain(BIG.hybridbox);
      await expectEveryMailboxReached(provider, BIG.hybridbox, connect);
      expect((await provider.findMailbox(BIG.hybridbox, local.hybridbox(77)))?.address).toBe(
        `${local.hybridbox(77)}@${BIG.hybridbox}`,
      );
      expect(await provider.findMailbox(BIG.hybridbox, "nobody-here")).toBeNull();
    }, 60_000);

    it("words a refusal, whatever shape its body has", async () => {
      const [outcome] = await provider.create(BIG.hybridbox, [
        { localPart: local.hybridbox(1), firstName: "Taken" },
      ]);
      // Failed (the address is taken), or unknown when the answer is a proxy's 502 page.
      expect(outcome?.status).not.toBe("created");
      const message = outcome?.status !== "created" ? (outcome?.failure.message ?? "") : "";
      expect(message).not.toMatch(/^\s*[{[]/);
      expect(message.length).toBeGreaterThan(0);
    });

    it("reads, renames and deletes one mailbox by id", async () => {
      const deleteServed = !["unpublished-routes"].includes(profile);
      await expectChangesById(provider, BIG.hybridbox, local.hybridbox(110), deleteServed);
    }, 60_000);
  });

  describe("Z.com", () => {
    const sandbox = createZcomSandbox({ profile });
    let provider: MailProvider & { close(): void };
    const opened: { close(): void }[] = [];
    let connect: () => MailProvider & { close(): void };
    beforeAll(async () => {
      const urls = await sandbox.listen({ mailPort: 0, identityPort: 0, host: "127.0.0.1" });
      connect = () => {
        const made = createZcomProvider({
          mailUrl: urls.mailUrl,
          identityUrl: urls.identityUrl,
          username: sandboxCredentials.zcom.username,
          password: sandboxCredentials.zcom.password,
        });
        opened.push(made);
        return made;
      };
      provider = connect();
    });
    afterAll(async () => {
      for (const p of opened) p.close();
      await sandbox.close();
    });

    it("lists the domains, reaches every mailbox, finds by address", async () => {
      const domains = await provider.listDomains();
      expect(domains.map((d) => d.name)).toContain(BIG.zcom);
      await expectEveryMailboxReached(provider, BIG.zcom, connect);
      expect((await provider.findMailbox(BIG.zcom, local.zcom(77)))?.address).toBe(
        `${local.zcom(77)}@${BIG.zcom}`,
      );
      expect(await provider.findMailbox(BIG.zcom, "nobody-here")).toBeNull();
    }, 60_000);

    it("words a refusal, whatever shape its body has", async () => {
      const [outcome] = await provider.create(BIG.zcom, [
        { localPart: local.zcom(1), password: "Valid-Passw0rd-1" },
      ]);
      expect(outcome).toMatchObject({ status: "failed", failure: { code: "already_exists" } });
      const message = outcome?.status === "failed" ? outcome.failure.message : "";
      expect(message).not.toMatch(/^\s*[{[]/);
    });

    it("reads, sets a password and deletes one address by id", async () => {
      await expectChangesById(provider, BIG.zcom, local.zcom(110), true);
    }, 60_000);
  });
});
