import { describe, expect, it } from "vitest";
import { createDomainCache } from "./domain-cache";
import type { Domain } from "./types";

describe("the domain cache", () => {
  it("reads once while fresh, keeps no failure, and reads again on a miss", async () => {
    let reads = 0;
    let clock = 0;
    let domains: Domain[] = [{ id: "d1", name: "Example.com" }];
    let failNext = false;
    const cache = createDomainCache(
      async () => {
        reads++;
        if (failNext) {
          failNext = false;
          throw new Error("down");
        }
        return domains;
      },
      { maxAgeMs: 60_000, now: () => clock },
    );
    await Promise.all([cache.list(), cache.list()]);
    expect(reads).toBe(1);
    expect(await cache.find("example.COM")).toEqual({ id: "d1", name: "Example.com" });
    expect(await cache.find("d1")).not.toBeNull();
    expect(reads).toBe(1);

    // A domain added since: the miss reads afresh and finds it.
    clock += 2_000;
    domains = [...domains, { id: "d2", name: "new.example" }];
    expect((await cache.find("new.example"))?.id).toBe("d2");
    expect(reads).toBe(2);
    expect(await cache.find("nowhere.example")).toBeNull();

    clock += 61_000;
    failNext = true;
    await expect(cache.list()).rejects.toThrow("down");
    expect(await cache.list()).toHaveLength(2); // the failure was not kept
  });
});
