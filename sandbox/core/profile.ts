import type { FaultConfig } from "./fault-config";
import { isRecord } from "./http-io";

/*
 * Profiles: every [assumed] behaviour of the two providers (what their docs leave open) is a
 * named variation with several readings; a profile is a named set of them. This file holds the
 * names, the defaults (today's readings), the profiles and the parsing; the providers read the
 * resolved values at their hook points (lists, creates, error bodies, tokens, ids).
 */

export type OptionalFields = "present" | "absent" | "null";

/** Variations both providers have, each sandbox its own copy. */
export interface CommonVariations {
  /** A new mailbox stays invisible to every read for this long after its creation (ms). */
  lagMs: number;
  /** Reads (GET) admitted per second on the listener; past it 429 with Retry-After. */
  readRatePerSecond: number | null;
  /** Reads open at once on the listener; past it 429 with Retry-After. */
  readMaxInFlight: number | null;
  /** Writes (every other method) admitted per second on the listener. */
  writeRatePerSecond: number | null;
  /** Writes open at once on the listener. */
  writeMaxInFlight: number | null;
  /** Retry-After of every limit answer: delta-seconds or an HTTP date. */
  retryAfterFormat: "seconds" | "http-date";
  /** Status of every limit answer. */
  limitStatus: 429 | 503;
  /** Share of creates applied and then answered with a proxy's HTML 502 page (seeded dice). */
  afterApplyErrorRate: number;
  /** Every 401 with the provider's body, or with an empty one. */
  unauthorizedBody: "provider" | "empty";
  /** Fields the contract marks optional (or is silent about): present, left out, or null. */
  optionalFields: OptionalFields;
  /** Unknown extra fields in every JSON object and envelope the provider answers. */
  extraFields: boolean;
}

export type HybridboxErrorBody = "fastapi" | "openstack" | "html" | "text" | "empty";

export interface HybridboxVariations extends CommonVariations {
  /** page_size above this is silently served as this many items (null: no cap). */
  pageSizeCap: number | null;
  /** Page offset `(page-1) * size` from the requested page_size or the capped one. */
  pageOffset: "requested" | "capped";
  /** The `page_size` echoed in the envelope: the requested one or the capped one. */
  pageSizeEcho: "requested" | "capped";
  /** Lists (mailboxes, domains, a domain's mailboxes) oldest or newest first. */
  listOrder: "oldest-first" | "newest-first";
  /** Shape of every error body. */
  errorBody: HybridboxErrorBody;
  /** Bulk `failed[].code`: the sandbox's snake_case codes or other, unknown upper-case ones. */
  itemCodes: "snake" | "upper";
  /** Status of a bulk answer with at least one failed item. */
  partialBulkStatus: 200 | 207;
  /** Items per bulk request (null: the `bulkMax` limit, default 100). */
  bulkMax: number | null;
  /** How a bulk over the maximum is refused (nothing is created either way). */
  bulkOverMax: "fastapi-422" | "413" | "422";
  /** Upper case in a local part: refused, or folded to lower case and created. */
  localPartCase: "reject" | "fold";
  /** `/mailboxes/{mailbox}` takes an id or the primary address, or only an id. */
  mailboxRef: "id-or-address" | "id-only";
  /** Mailbox statuses: active and paused only, or also others (suspended, pending_deletion). */
  statuses: "active-paused" | "more";
  /** The [assumed] `GET /domains` route: served, or absent (404 like an unknown path). */
  domainsRoute: "served" | "absent";
  /** The [assumed] `DELETE /mailboxes/{mailbox}` route: served, or absent (405). */
  deleteRoute: "served" | "absent";
}

export type ZcomErrorBody = "default" | "message-only" | "html" | "text" | "empty";
export type ZcomIdFormat = "hex" | "numeric" | "uuid" | "short";

export interface ZcomVariations extends CommonVariations {
  /** `limit` above this is silently served as this many items (null: no cap). */
  limitCap: number | null;
  /** Lists sorted as asked, or always newest first whatever sort_key / sort_type say. */
  listOrder: "as-requested" | "newest-first";
  /** Shape of every error body (mail and identity listeners). */
  errorBody: ZcomErrorBody;
  /** The [assumed] 400 labels as the sandbox words them, or worded otherwise. */
  errorLabels: "default" | "reworded";
  /** Lifetime of new tokens, announced in `expires` (null: the `tokenTtlSeconds` limit). */
  tokenTtlSeconds: number | null;
  /** A token dies this long after it is issued, whatever `expires` says (null: never early). */
  tokenDiesAfterMs: number | null;
  /** A token dies after this many mail API requests (null: never early). */
  tokenDiesAfterRequests: number | null;
  /** Format of service, domain and email ids. */
  idFormat: ZcomIdFormat;
  /** A create naming an unknown domain_id: 404 Not Found, or 400 Invalid Domain. */
  unknownDomainStatus: 404 | 400;
}

export interface SandboxVariations {
  hybridbox: HybridboxVariations;
  zcom: ZcomVariations;
}

export type ProviderName = keyof SandboxVariations;

/** Explicit variations, each field optional (unnamed ones keep their default). */
export interface SandboxVariationsInput {
  hybridbox?: Partial<HybridboxVariations>;
  zcom?: Partial<ZcomVariations>;
}

/**
 * What a start option accepts: a profile name, several (combined in order, later ones win
 * where two set the same variation), or explicit variations, optionally on top of profiles.
 */
export type ProfileSelection =
  string | readonly string[] | (SandboxVariationsInput & { profile?: string | readonly string[] });

export interface ResolvedProfile {
  /** The profiles combined, in order (`["default"]` when none was named). */
  names: string[];
  /** Explicit variations laid on top of the profiles. */
  overrides: SandboxVariationsInput;
  variations: SandboxVariations;
}

/** Shared tables are frozen: a test that mutated one would change every later sandbox. */
const deepFreeze = <T>(value: T): T => {
  if (typeof value === "object" && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
};

type Check = (value: unknown) => string | null;

interface VariationSpec {
  check: Check;
  /** Allowed values, for messages and the README. */
  values: string;
}

const oneOf = (...allowed: unknown[]): VariationSpec => ({
  values: allowed.map((a) => JSON.stringify(a)).join(" | "),
  check: (v) =>
    allowed.includes(v)
      ? null
      : `must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`,
});
const intOrNull = (min: number): VariationSpec => ({
  values: `null | integer >= ${min}`,
  check: (v) =>
    v === null || (typeof v === "number" && Number.isInteger(v) && v >= min)
      ? null
      : `must be null or an integer >= ${min}`,
});
const positiveOrNull: VariationSpec = {
  values: "null | number > 0",
  check: (v) =>
    v === null || (typeof v === "number" && Number.isFinite(v) && v > 0)
      ? null
      : "must be null or a number > 0",
};
const nonNegative: VariationSpec = {
  values: "number >= 0",
  check: (v) =>
    typeof v === "number" && Number.isFinite(v) && v >= 0 ? null : "must be a number >= 0",
};
const probability: VariationSpec = {
  values: "number 0..1",
  check: (v) => (typeof v === "number" && v >= 0 && v <= 1 ? null : "must be a number from 0 to 1"),
};
const bool: VariationSpec = {
  values: "true | false",
  check: (v) => (typeof v === "boolean" ? null : "must be true or false"),
};

const COMMON_SPECS: Record<keyof CommonVariations, VariationSpec> = {
  lagMs: nonNegative,
  readRatePerSecond: positiveOrNull,
  readMaxInFlight: intOrNull(1),
  writeRatePerSecond: positiveOrNull,
  writeMaxInFlight: intOrNull(1),
  retryAfterFormat: oneOf("seconds", "http-date"),
  limitStatus: oneOf(429, 503),
  afterApplyErrorRate: probability,
  unauthorizedBody: oneOf("provider", "empty"),
  optionalFields: oneOf("present", "absent", "null"),
  extraFields: bool,
};

const SPECS: { [P in ProviderName]: Record<keyof SandboxVariations[P], VariationSpec> } = {
  hybridbox: {
    ...COMMON_SPECS,
    pageSizeCap: intOrNull(1),
    pageOffset: oneOf("requested", "capped"),
    pageSizeEcho: oneOf("requested", "capped"),
    listOrder: oneOf("oldest-first", "newest-first"),
    errorBody: oneOf("fastapi", "openstack", "html", "text", "empty"),
    itemCodes: oneOf("snake", "upper"),
    partialBulkStatus: oneOf(200, 207),
    bulkMax: intOrNull(1),
    bulkOverMax: oneOf("fastapi-422", "413", "422"),
    localPartCase: oneOf("reject", "fold"),
    mailboxRef: oneOf("id-or-address", "id-only"),
    statuses: oneOf("active-paused", "more"),
    domainsRoute: oneOf("served", "absent"),
    deleteRoute: oneOf("served", "absent"),
  },
  zcom: {
    ...COMMON_SPECS,
    limitCap: intOrNull(1),
    listOrder: oneOf("as-requested", "newest-first"),
    errorBody: oneOf("default", "message-only", "html", "text", "empty"),
    errorLabels: oneOf("default", "reworded"),
    tokenTtlSeconds: positiveOrNull,
    tokenDiesAfterMs: intOrNull(0),
    tokenDiesAfterRequests: intOrNull(0),
    idFormat: oneOf("hex", "numeric", "uuid", "short"),
    unknownDomainStatus: oneOf(404, 400),
  },
};

const COMMON_DEFAULTS: CommonVariations = {
  lagMs: 0,
  readRatePerSecond: null,
  readMaxInFlight: null,
  writeRatePerSecond: null,
  writeMaxInFlight: null,
  retryAfterFormat: "seconds",
  limitStatus: 429,
  afterApplyErrorRate: 0,
  unauthorizedBody: "provider",
  optionalFields: "present",
  extraFields: false,
};

/** Today's readings: the `default` profile. */
export const DEFAULT_VARIATIONS: SandboxVariations = deepFreeze<SandboxVariations>({
  hybridbox: {
    ...COMMON_DEFAULTS,
    pageSizeCap: null,
    pageOffset: "requested",
    pageSizeEcho: "requested",
    listOrder: "oldest-first",
    errorBody: "fastapi",
    itemCodes: "snake",
    partialBulkStatus: 200,
    bulkMax: null,
    bulkOverMax: "fastapi-422",
    localPartCase: "reject",
    mailboxRef: "id-or-address",
    statuses: "active-paused",
    domainsRoute: "served",
    deleteRoute: "served",
  },
  zcom: {
    ...COMMON_DEFAULTS,
    limitCap: null,
    listOrder: "as-requested",
    errorBody: "default",
    errorLabels: "default",
    tokenTtlSeconds: null,
    tokenDiesAfterMs: null,
    tokenDiesAfterRequests: null,
    idFormat: "hex",
    unknownDomainStatus: 404,
  },
});

/** The variation names of one provider, with the values each accepts. */
export function variationValues(provider: ProviderName): Record<string, string> {
  return Object.fromEntries(Object.entries(SPECS[provider]).map(([k, spec]) => [k, spec.values]));
}

export interface ProfileDefinition {
  name: string;
  description: string;
  variations: SandboxVariationsInput;
}

const both = (v: Partial<CommonVariations>): SandboxVariationsInput => ({
  hybridbox: v,
  zcom: v,
});

const READ_LIMITS: Partial<CommonVariations> = { readRatePerSecond: 5, readMaxInFlight: 4 };

const PROFILE_LIST: ProfileDefinition[] = [
  {
    name: "default",
    description: "Today's readings of every [assumed] behaviour (the README's [assumed] lists).",
    variations: {},
  },
  {
    name: "capped-lists",
    description:
      "Hybridbox serves at most 50 items per page but offsets pages by the requested page_size and echoes it, and lists newest first; Z.com serves at most 100 per page and ignores sort_key/sort_type (newest first).",
    variations: {
      hybridbox: {
        pageSizeCap: 50,
        pageOffset: "requested",
        pageSizeEcho: "requested",
        listOrder: "newest-first",
      },
      zcom: { limitCap: 100, listOrder: "newest-first" },
    },
  },
  {
    name: "capped-lists-honest",
    description:
      "Hybridbox caps page_size at 50 but offsets pages by the capped size and echoes it (a client that pages by the echoed page_size sees every item).",
    variations: { hybridbox: { pageSizeCap: 50, pageOffset: "capped", pageSizeEcho: "capped" } },
  },
  {
    name: "odd-errors",
    description:
      'Every error body in another shape (Hybridbox OpenStack-style {"itemNotFound":{"message","code"}}, Z.com {"error":{"message"}}), empty 401s, unknown Hybridbox item codes, 207 for a bulk with failed items, Z.com 400 labels reworded and 400 for an unknown domain_id on create.',
    variations: {
      hybridbox: {
        errorBody: "openstack",
        unauthorizedBody: "empty",
        itemCodes: "upper",
        partialBulkStatus: 207,
      },
      zcom: {
        errorBody: "message-only",
        unauthorizedBody: "empty",
        errorLabels: "reworded",
        unknownDomainStatus: 400,
      },
    },
  },
  {
    name: "odd-errors-html",
    description: "Every error answered with a proxy's HTML page.",
    variations: { hybridbox: { errorBody: "html" }, zcom: { errorBody: "html" } },
  },
  {
    name: "odd-errors-text",
    description: "Every error answered with a plain-text message.",
    variations: { hybridbox: { errorBody: "text" }, zcom: { errorBody: "text" } },
  },
  {
    name: "odd-errors-empty",
    description: "Every error answered with an empty body.",
    variations: { hybridbox: { errorBody: "empty" }, zcom: { errorBody: "empty" } },
  },
  {
    name: "small-bulk",
    description:
      'Hybridbox bulk maximum 25; a longer bulk is refused whole with 413 "too many items, at most 25".',
    variations: { hybridbox: { bulkMax: 25, bulkOverMax: "413" } },
  },
  {
    name: "small-bulk-422",
    description:
      'Hybridbox bulk maximum 25; a longer bulk is refused whole with 422 "too many items, at most 25".',
    variations: { hybridbox: { bulkMax: 25, bulkOverMax: "422" } },
  },
  {
    name: "lagging-lists",
    description:
      "A new mailbox is invisible to every read (lists, totals, GET one, a domain's mailboxes) for 3 s after its creation; creates still see it.",
    variations: both({ lagMs: 3000 }),
  },
  {
    name: "read-limits",
    description:
      "Reads limited too: 5 per second and 4 at once per listener, then 429 with Retry-After in seconds.",
    variations: both({ ...READ_LIMITS, retryAfterFormat: "seconds" }),
  },
  {
    name: "read-limits-http-date",
    description: "As read-limits, with Retry-After as an HTTP date.",
    variations: both({ ...READ_LIMITS, retryAfterFormat: "http-date" }),
  },
  {
    name: "read-limits-503",
    description: "As read-limits, answered 503 (with Retry-After) instead of 429.",
    variations: both({ ...READ_LIMITS, limitStatus: 503 }),
  },
  {
    name: "write-limits",
    description:
      "Writes limited on their own: 5 per second and 2 at once per listener, then 429 with Retry-After in seconds (left out of everything).",
    variations: both({ writeRatePerSecond: 5, writeMaxInFlight: 2 }),
  },
  {
    name: "html-502-after-apply",
    description:
      "1 create in 5 (seeded dice) is applied, then answered with a proxy's HTML 502 page.",
    variations: both({ afterApplyErrorRate: 0.2 }),
  },
  {
    name: "early-expiry",
    description:
      "Z.com tokens announce 24 h but die after 2 s or after 10 mail API requests, whichever comes first.",
    variations: { zcom: { tokenDiesAfterMs: 2000, tokenDiesAfterRequests: 10 } },
  },
  {
    name: "early-expiry-short",
    description: "Z.com tokens announce (and live) only 30 s.",
    variations: { zcom: { tokenTtlSeconds: 30 } },
  },
  {
    name: "id-formats",
    description: "Z.com ids are numeric strings.",
    variations: { zcom: { idFormat: "numeric" } },
  },
  {
    name: "id-formats-uuid",
    description: "Z.com ids are UUIDs.",
    variations: { zcom: { idFormat: "uuid" } },
  },
  {
    name: "id-formats-short",
    description: 'Z.com ids are short strings (9 hex, like the docs\' "08e16a49a").',
    variations: { zcom: { idFormat: "short" } },
  },
  {
    name: "odd-statuses",
    description:
      'Hybridbox mailbox statuses beyond active/paused: ichiro.suzuki@acme.example is "suspended", seoyeon.lee@kr.example "pending_deletion".',
    variations: { hybridbox: { statuses: "more" } },
  },
  {
    name: "id-only-lookups",
    description:
      "Hybridbox /mailboxes/{mailbox} takes only an id; a primary address answers 404 Mailbox not found.",
    variations: { hybridbox: { mailboxRef: "id-only" } },
  },
  {
    name: "folding-local-parts",
    description:
      "Hybridbox folds upper case in a local part to lower case and creates the mailbox, instead of refusing it.",
    variations: { hybridbox: { localPartCase: "fold" } },
  },
  {
    name: "unpublished-routes",
    description:
      "The routes the Hybridbox docs do not publish are absent: GET /domains answers 404 and DELETE /mailboxes/{mailbox} 405 (left out of everything).",
    variations: { hybridbox: { domainsRoute: "absent", deleteRoute: "absent" } },
  },
  {
    name: "sparse-fields",
    description:
      "Optional fields left out: Hybridbox aliases, workspace_id, workspace_name, mailbox_count; Z.com every email field but email_id, email, domain_id.",
    variations: both({ optionalFields: "absent" }),
  },
  {
    name: "sparse-fields-null",
    description: "The same optional fields present but null.",
    variations: both({ optionalFields: "null" }),
  },
  {
    name: "extra-fields",
    description: "Unknown extra fields in every object and envelope.",
    variations: both({ extraFields: true }),
  },
];

/** The profiles `everything` combines, in order; the others are their alternatives. */
const EVERYTHING_OF = [
  "capped-lists",
  "odd-errors",
  "small-bulk",
  "lagging-lists",
  "read-limits",
  "html-502-after-apply",
  "early-expiry",
  "id-formats",
  "odd-statuses",
  "id-only-lookups",
  "folding-local-parts",
  "sparse-fields",
  "extra-fields",
];

PROFILE_LIST.push({
  name: "everything",
  description: `Every variation at once: ${EVERYTHING_OF.join(" + ")}. Where readings exclude each other it takes those profiles' and not their alternatives (capped-lists-honest, odd-errors-html/-text/-empty, small-bulk-422, read-limits-http-date, read-limits-503, early-expiry-short, id-formats-uuid/-short, sparse-fields-null); write-limits is left out so a job's creates are not throttled to 5 a second, and unpublished-routes so the domain list stays.`,
  variations: mergeInputs(
    EVERYTHING_OF.map((n) => PROFILE_LIST.find((p) => p.name === n)?.variations ?? {}),
  ),
});

/** Every profile, in a stable order, with what it turns on (tests iterate over this). */
export const SANDBOX_PROFILES: readonly ProfileDefinition[] = deepFreeze(PROFILE_LIST);
export const SANDBOX_PROFILE_NAMES: readonly string[] = PROFILE_LIST.map((p) => p.name);

export const SANDBOX_PROFILE_ENV = "SANDBOX_PROFILE";

function mergeInputs(inputs: SandboxVariationsInput[]): SandboxVariationsInput {
  const merged: SandboxVariationsInput = {};
  for (const input of inputs) {
    if (input.hybridbox) merged.hybridbox = { ...merged.hybridbox, ...input.hybridbox };
    if (input.zcom) merged.zcom = { ...merged.zcom, ...input.zcom };
  }
  return merged;
}

type Result<T> = { ok: true; value: T } | { ok: false; error: string };

function parseNames(input: unknown): Result<string[]> {
  const list =
    typeof input === "string"
      ? input.split(",").map((n) => n.trim())
      : Array.isArray(input)
        ? (input as unknown[])
        : null;
  if (!list || list.some((n) => typeof n !== "string")) {
    return { ok: false, error: "profile must be a profile name or a list of names" };
  }
  const names = (list as string[]).filter((n) => n !== "");
  const unknown = names.filter((n) => !SANDBOX_PROFILE_NAMES.includes(n));
  if (unknown.length > 0) {
    return {
      ok: false,
      error: `unknown profile ${unknown.map((n) => `"${n}"`).join(", ")} (known: ${SANDBOX_PROFILE_NAMES.join(", ")})`,
    };
  }
  return { ok: true, value: names };
}

function parseVariations(input: unknown, only?: ProviderName): Result<SandboxVariationsInput> {
  if (!isRecord(input)) return { ok: false, error: "variations must be a JSON object" };
  const out: SandboxVariationsInput = {};
  for (const [section, values] of Object.entries(input)) {
    if (section !== "hybridbox" && section !== "zcom") {
      return {
        ok: false,
        error: `unknown variations section "${section}" (known: hybridbox, zcom)`,
      };
    }
    if (only && section !== only) {
      return {
        ok: false,
        error: `variations.${section} do not apply to the ${only === "hybridbox" ? "Hybridbox" : "Z.com"} sandbox`,
      };
    }
    if (!isRecord(values)) return { ok: false, error: `variations.${section} must be an object` };
    const specs: Record<string, VariationSpec> = SPECS[section];
    for (const [key, value] of Object.entries(values)) {
      const spec = Object.hasOwn(specs, key) ? specs[key] : undefined;
      if (!spec) return { ok: false, error: `unknown variation "${section}.${key}"` };
      const problem = spec.check(value);
      if (problem) return { ok: false, error: `${section}.${key} ${problem}` };
    }
    (out as Record<string, unknown>)[section] = { ...values };
  }
  return { ok: true, value: out };
}

function build(names: string[], overrides: SandboxVariationsInput): ResolvedProfile {
  const layers = names.map((n) => PROFILE_LIST.find((p) => p.name === n)?.variations ?? {});
  const merged = mergeInputs([...layers, overrides]);
  return {
    names: names.length > 0 ? names : ["default"],
    overrides,
    variations: {
      hybridbox: { ...DEFAULT_VARIATIONS.hybridbox, ...merged.hybridbox },
      zcom: { ...DEFAULT_VARIATIONS.zcom, ...merged.zcom },
    },
  };
}

/**
 * A start option's selection → the variations in force. With `only`, explicit variations for
 * the other provider are refused (they would silently do nothing there).
 */
export function resolveProfile(
  selection: ProfileSelection | undefined,
  only?: ProviderName,
): Result<ResolvedProfile> {
  if (selection === undefined) return { ok: true, value: build([], {}) };
  if (typeof selection === "string" || Array.isArray(selection)) {
    const names = parseNames(selection);
    return names.ok ? { ok: true, value: build(names.value, {}) } : names;
  }
  if (!isRecord(selection))
    return { ok: false, error: "profile must be a name, a list or an object" };
  const { profile, ...variations } = selection as Record<string, unknown>;
  const names = profile === undefined ? { ok: true as const, value: [] } : parseNames(profile);
  if (!names.ok) return names;
  const parsed = parseVariations(variations, only);
  if (!parsed.ok) return parsed;
  return { ok: true, value: build(names.value, parsed.value) };
}

/** `PUT /__sandbox/profile`: `{"profile": name | [names]}` and/or `{"variations": {…}}`. */
export function parseProfileBody(body: unknown, only?: ProviderName): Result<ResolvedProfile> {
  if (!isRecord(body)) {
    return { ok: false, error: 'expected {"profile": "name"} or {"variations": {…}}' };
  }
  const unknown = Object.keys(body).filter((k) => k !== "profile" && k !== "variations");
  if (unknown.length > 0) {
    return {
      ok: false,
      error: `unknown field ${unknown.map((k) => `"${k}"`).join(", ")} (expected "profile" and/or "variations")`,
    };
  }
  if (body.profile === undefined && body.variations === undefined) {
    return { ok: false, error: 'expected {"profile": "name"} or {"variations": {…}}' };
  }
  const names =
    body.profile === undefined ? { ok: true as const, value: [] } : parseNames(body.profile);
  if (!names.ok) return names;
  const parsed =
    body.variations === undefined
      ? { ok: true as const, value: {} }
      : parseVariations(body.variations, only);
  if (!parsed.ok) return parsed;
  return { ok: true, value: build(names.value, parsed.value) };
}

/**
 * Reads `SANDBOX_PROFILE=<name>[,<name>…]` the way `npm run sandbox` does; undefined when unset
 * or empty. Throws on an unknown name, naming it, so a typo stops the start script.
 */
export function profileFromEnv(
  env: Record<string, string | undefined> = process.env,
): string[] | undefined {
  const raw = env[SANDBOX_PROFILE_ENV];
  if (raw === undefined || raw.trim() === "") return undefined;
  const names = parseNames(raw);
  if (!names.ok) throw new Error(`${SANDBOX_PROFILE_ENV}: ${names.error}`);
  return names.value;
}

/** The fault layer a profile lays under the configured faults (its limits and after-apply errors). */
export function profileFaults(v: CommonVariations): FaultConfig {
  const faults: FaultConfig = {};
  if (v.readRatePerSecond !== null) faults.readRatePerSecond = v.readRatePerSecond;
  if (v.readMaxInFlight !== null) faults.readMaxInFlight = v.readMaxInFlight;
  if (v.writeRatePerSecond !== null) faults.writeRatePerSecond = v.writeRatePerSecond;
  if (v.writeMaxInFlight !== null) faults.writeMaxInFlight = v.writeMaxInFlight;
  if (v.retryAfterFormat !== "seconds") faults.retryAfterFormat = v.retryAfterFormat;
  if (v.limitStatus !== 429) faults.limitStatus = v.limitStatus;
  if (v.afterApplyErrorRate > 0) {
    faults.errorAfterRate = v.afterApplyErrorRate;
    faults.errorAfterStatus = 502;
    faults.errorAfterBody = "html";
  }
  return faults;
}

/** What `GET /__sandbox/profile` answers for one provider's sandbox. */
export function describeProfile(profile: ResolvedProfile, provider: ProviderName) {
  const overrides = profile.overrides[provider];
  return {
    profile: profile.names,
    overrides: overrides ? { [provider]: overrides } : {},
    variations: { [provider]: profile.variations[provider] },
    profiles: SANDBOX_PROFILES.map((p) => ({ name: p.name, description: p.description })),
  };
}
