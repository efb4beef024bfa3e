import { describe, expect, it } from "vitest";
import {
  DEFAULT_VARIATIONS,
  parseProfileBody,
  profileFaults,
  profileFromEnv,
  resolveProfile,
  SANDBOX_PROFILE_NAMES,
  SANDBOX_PROFILES,
  type SandboxVariations,
  variationValues,
} from "./profile";

const resolved = (selection: Parameters<typeof resolveProfile>[0]) => {
  const result = resolveProfile(selection);
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

describe("profiles", () => {
  it("lists unique names, each with a description, starting with default", () => {
    expect(SANDBOX_PROFILE_NAMES[0]).toBe("default");
    expect(new Set(SANDBOX_PROFILE_NAMES).size).toBe(SANDBOX_PROFILE_NAMES.length);
    for (const p of SANDBOX_PROFILES) expect(p.description.length).toBeGreaterThan(10);
    expect(SANDBOX_PROFILE_NAMES).toEqual(
      expect.arrayContaining([
        "capped-lists",
        "odd-errors",
        "small-bulk",
        "lagging-lists",
        "read-limits",
        "html-502-after-apply",
        "early-expiry",
        "id-formats",
        "sparse-fields",
        "extra-fields",
        "everything",
      ]),
    );
  });

  it("resolves no selection and `default` to today's readings", () => {
    expect(resolved(undefined)).toEqual({
      names: ["default"],
      overrides: {},
      variations: DEFAULT_VARIATIONS,
    });
    expect(resolved("default").variations).toEqual(DEFAULT_VARIATIONS);
    expect(profileFaults(DEFAULT_VARIATIONS.hybridbox)).toEqual({});
    expect(profileFaults(DEFAULT_VARIATIONS.zcom)).toEqual({});
  });

  it("turns every variation away from its default in at least one profile", () => {
    for (const provider of ["hybridbox", "zcom"] as const) {
      for (const key of Object.keys(variationValues(provider))) {
        const changed = SANDBOX_PROFILES.filter((p) => {
          const v = resolved(p.name).variations[provider] as unknown as Record<string, unknown>;
          const d = DEFAULT_VARIATIONS[provider] as unknown as Record<string, unknown>;
          return v[key] !== d[key];
        });
        expect(changed.length, `${provider}.${key}`).toBeGreaterThan(0);
      }
    }
  });

  it("combines profiles in order, later ones winning, with a list or a comma string", () => {
    const both = resolved(["capped-lists", "lagging-lists"]);
    expect(both.names).toEqual(["capped-lists", "lagging-lists"]);
    expect(both.variations.hybridbox).toMatchObject({ pageSizeCap: 50, lagMs: 3000 });
    expect(resolved("capped-lists, lagging-lists")).toEqual(both);
    expect(resolved("odd-errors,odd-errors-html").variations.hybridbox.errorBody).toBe("html");
    expect(resolved("odd-errors-html,odd-errors").variations.hybridbox.errorBody).toBe("openstack");
  });

  it("lays explicit variations over the named profiles", () => {
    const tuned = resolved({ profile: "lagging-lists", hybridbox: { lagMs: 200 } });
    expect(tuned.variations.hybridbox.lagMs).toBe(200);
    expect(tuned.variations.zcom.lagMs).toBe(3000);
    expect(tuned.overrides).toEqual({ hybridbox: { lagMs: 200 } });
    expect(resolved({ zcom: { idFormat: "uuid" } }).names).toEqual(["default"]);
  });

  it("makes everything the union of its profiles", () => {
    const all = resolved("everything").variations;
    const expected: Partial<SandboxVariations> = {
      hybridbox: {
        ...DEFAULT_VARIATIONS.hybridbox,
        pageSizeCap: 50,
        pageOffset: "requested",
        pageSizeEcho: "requested",
        listOrder: "newest-first",
        errorBody: "openstack",
        unauthorizedBody: "empty",
        itemCodes: "upper",
        partialBulkStatus: 207,
        bulkMax: 25,
        bulkOverMax: "413",
        lagMs: 3000,
        readRatePerSecond: 5,
        readMaxInFlight: 4,
        afterApplyErrorRate: 0.2,
        optionalFields: "absent",
        extraFields: true,
        localPartCase: "fold",
        mailboxRef: "id-only",
        statuses: "more",
      },
    };
    expect(all.hybridbox).toEqual(expected.hybridbox);
    expect(all.zcom).toMatchObject({
      limitCap: 100,
      listOrder: "newest-first",
      errorBody: "message-only",
      errorLabels: "reworded",
      tokenDiesAfterMs: 2000,
      tokenDiesAfterRequests: 10,
      idFormat: "numeric",
      unknownDomainStatus: 400,
      optionalFields: "absent",
      extraFields: true,
    });
  });

  it("refuses unknown names, naming them", () => {
    expect(resolveProfile("capped-list")).toEqual({
      ok: false,
      error: expect.stringMatching(/^unknown profile "capped-list" \(known: default, /),
    });
    const two = resolveProfile(["nope", "default", "neither"]);
    expect(!two.ok && two.error).toMatch(/unknown profile "nope", "neither"/);
    expect(resolveProfile([1] as unknown as string[]).ok).toBe(false);
  });

  it("refuses unknown variations, sections and values, naming them", () => {
    const error = (selection: unknown, only?: "hybridbox" | "zcom") => {
      const result = resolveProfile(selection as Parameters<typeof resolveProfile>[0], only);
      return result.ok ? null : result.error;
    };
    expect(error({ hybridbox: { pageSizeCapp: 5 } })).toBe(
      'unknown variation "hybridbox.pageSizeCapp"',
    );
    expect(error({ zcom: { pageSizeCap: 5 } })).toBe('unknown variation "zcom.pageSizeCap"');
    expect(error({ hybrdbox: {} })).toMatch(/unknown variations section "hybrdbox"/);
    expect(error({ hybridbox: { pageSizeCap: 0 } })).toBe(
      "hybridbox.pageSizeCap must be null or an integer >= 1",
    );
    expect(error({ zcom: { idFormat: "base64" } })).toMatch(/^zcom.idFormat must be one of/);
    expect(error({ hybridbox: { extraFields: "yes" } })).toMatch(/extraFields must be true/);
    expect(error({ zcom: { lagMs: 1 } }, "hybridbox")).toBe(
      "variations.zcom do not apply to the Hybridbox sandbox",
    );
    expect(error({ hybridbox: { lagMs: 1 } }, "hybridbox")).toBeNull();
  });

  it("parses the PUT /__sandbox/profile body strictly", () => {
    expect(parseProfileBody({ profile: "small-bulk" }).ok).toBe(true);
    expect(parseProfileBody({ variations: { hybridbox: { bulkMax: 3 } } }).ok).toBe(true);
    expect(parseProfileBody({ profile: ["small-bulk"], variations: {} }).ok).toBe(true);
    expect(parseProfileBody({ profiles: "small-bulk" })).toEqual({
      ok: false,
      error: 'unknown field "profiles" (expected "profile" and/or "variations")',
    });
    expect(parseProfileBody({}).ok).toBe(false);
    expect(parseProfileBody("small-bulk").ok).toBe(false);
    expect(parseProfileBody({ profile: "tiny-bulk" }).ok).toBe(false);
  });

  it("reads SANDBOX_PROFILE, refusing unknown names", () => {
    expect(profileFromEnv({})).toBeUndefined();
    expect(profileFromEnv({ SANDBOX_PROFILE: " " })).toBeUndefined();
    expect(profileFromEnv({ SANDBOX_PROFILE: "capped-lists,lagging-lists" })).toEqual([
      "capped-lists",
      "lagging-lists",
    ]);
    expect(() => profileFromEnv({ SANDBOX_PROFILE: "capped-lists,laggy" })).toThrow(
      /SANDBOX_PROFILE: unknown profile "laggy"/,
    );
  });

  it("lays read limits, Retry-After dates and after-apply errors as a fault layer", () => {
    expect(profileFaults(resolved("read-limits-http-date").variations.zcom)).toEqual({
      readRatePerSecond: 5,
      readMaxInFlight: 4,
      retryAfterFormat: "http-date",
    });
    expect(profileFaults(resolved("html-502-after-apply").variations.hybridbox)).toEqual({
      errorAfterRate: 0.2,
      errorAfterStatus: 502,
      errorAfterBody: "html",
    });
  });
});
