import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Mailbox } from "@/lib/providers/types";
import { EMPTY_DOMAIN, people, type Rig, startRig } from "@/lib/testing/job-rig";
import { createdAndStillThere, readSelection } from "./select";

/**
 * The server's own reading of what an admin selected: whatever ids the browser sends, only
 * mailboxes of that domain, as the provider has them now; an undo covers only what the job
 * created and still exists.
 */
describe.each(["zcom", "hybridbox"] as const)("%s: reading a selection", (providerId) => {
  let rig: Rig;
  const domainName = EMPTY_DOMAIN[providerId];
  const all = async (domain: string) => {
    const found: Mailbox[] = [];
    for await (const batch of rig.provider.scanMailboxes(domain)) found.push(...batch);
    return found;
  };
  beforeAll(async () => {
    rig = await startRig(providerId);
    await rig.runner.start();
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  });

  it("by id: only ids on this domain; by search: every match on it", async () => {
    const jobId = await rig.submit(people(6, "sel"));
    await rig.waitUntilFinished(jobId);
    const domain = (await rig.provider.listDomains()).find((d) => d.name === domainName)!;
    const here = await all(domainName);
    const otherDomain = (await rig.provider.listDomains()).find(
      (d) => d.name !== domainName && !d.name.startsWith("empty"),
    )!;
    const foreign = (await all(otherDomain.name))[0]!;
    const byId = await readSelection(rig.provider, domain, {
      mode: "ids",
      ids: [here[0]!.id, here[1]!.id, foreign.id, "no-such-id"],
    });
    expect(byId.map((m) => m.address).sort()).toEqual([here[0]!.address, here[1]!.address].sort());
    const bySearch = await readSelection(rig.provider, domain, { mode: "search", search: "sel0" });
    expect(bySearch).toHaveLength(6);
    expect(bySearch.every((m) => m.address.endsWith(`@${domainName}`))).toBe(true);
  }, 60_000);

  it("undo: the rows the job created that still exist, nothing else", async () => {
    const before = await rig.submit(people(2, "old"));
    await rig.waitUntilFinished(before);
    const jobId = await rig.submit([...people(4, "und"), ...people(1, "old")]);
    const job = await rig.waitUntilFinished(jobId);
    const rows = await rig.rows(jobId);
    // The job's own "old0001" failed (it existed): not the job's to delete.
    expect(rows.filter((r) => r.state === "created")).toHaveLength(4);
    const gone = rows.find((r) => r.state === "created")!;
    await rig.provider.deleteMailbox({ id: gone.mailboxId!, address: gone.address });
    const left = await createdAndStillThere(rig.db, rig.provider, job);
    expect(left.map((m) => m.address.toLowerCase()).sort()).toEqual(
      rows
        .filter((r) => r.state === "created" && r.id !== gone.id)
        .map((r) => r.address)
        .sort(),
    );
  }, 60_000);
});
