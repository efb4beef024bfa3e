import { afterEach, describe, expect, it } from "vitest";
import { startZcomRig } from "@/lib/testing/provider-harness";

// Keystone v2 (and the sandbox, imitating it) prints `access.token.issued_at` without a time zone
// ("2026-11-21T00:00:00.000") while `expires` ends in "Z". Read in the server's local zone, the
// lifetime would be off by the UTC offset: +9 h in Asia/Tokyo (a token used after it expired,
// a 401 per expiry), -5 h in America/New_York (a token request before every call). These tests
// run the client in three zones; token.ts reads a zoneless issued_at as UTC.

const START = Date.parse("2026-11-21T00:00:00.000Z");
let clock = START;
const rig = startZcomRig({ now: () => new Date(clock) });

const originalTz = process.env.TZ;
afterEach(() => {
  clock = START;
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

async function renewsBeforeExpiry(tz: string) {
  process.env.TZ = tz;
  const provider = rig.provider({ now: () => clock });
  await provider.listDomains();
  clock += 24 * 3_600_000 + 60_000; // the 24 h token has expired at the sandbox
  await provider.listDomains();
  const stats = await rig.stats();
  return { tokenRequests: await rig.tokenRequests(), mail401s: stats.responses["401"] ?? 0 };
}

describe("Z.com token lifetime (issued_at has no time zone)", () => {
  it("in UTC, an expiring token is renewed before it expires (no 401)", async () => {
    expect(await renewsBeforeExpiry("UTC")).toEqual({ tokenRequests: 2, mail401s: 0 });
  });

  it("in Asia/Tokyo, an expiring token is renewed before it expires (no 401)", async () => {
    // Fails today with mail401s: 1 — the client believes the token lives 33 h.
    expect(await renewsBeforeExpiry("Asia/Tokyo")).toEqual({ tokenRequests: 2, mail401s: 0 });
  });

  it("in America/New_York, a 1-hour token is reused, not fetched before every call", async () => {
    process.env.TZ = "America/New_York";
    await rig.admin("limits", { method: "PUT", json: { tokenTtlSeconds: 3_600 } });
    const provider = rig.provider({ now: () => clock });
    await provider.listDomains();
    await provider.listDomains();
    await provider.listDomains();
    // Fails today with 3 — the client computes a lifetime of 1 h - 5 h < 0.
    expect(await rig.tokenRequests()).toBe(1);
  });
});
