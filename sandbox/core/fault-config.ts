import { isRecord } from "./http-io";

export type RetryAfterFormat = "seconds" | "http-date";
/** `writes`: every request that is not a read (GET/HEAD) — creates, changes and deletes. */
export type FaultScope = "create" | "writes" | "all";
/** How injected errors look: the provider's JSON, or what a proxy in front of it might send. */
export type ErrorBodyFormat = "json" | "html" | "text" | "empty";

/** Every field optional; an absent (or null) field is off / its default. */
export interface FaultConfig {
  /** Seeds the PRNG; without it each configure() picks a random seed. */
  seed?: number;
  latencyMs?: number;
  jitterMs?: number;
  maxInFlight?: number;
  ratePerSecond?: number;
  /** The same two limits counted over reads (GET/HEAD) only, or writes (every other method) only. */
  readMaxInFlight?: number;
  readRatePerSecond?: number;
  writeMaxInFlight?: number;
  writeRatePerSecond?: number;
  limitStatus?: 429 | 503;
  retryAfterFormat?: RetryAfterFormat;
  retryAfterSeconds?: number;
  errorRate?: number;
  errorStatuses?: number[];
  errorBody?: ErrorBodyFormat;
  resetBeforeRate?: number;
  resetAfterRate?: number;
  hangAfterRate?: number;
  hangMs?: number;
  /** Do the work; if it succeeded, answer `errorAfterStatus` with an `errorAfterBody` instead. */
  errorAfterRate?: number;
  errorAfterStatus?: number;
  errorAfterBody?: ErrorBodyFormat;
  unauthorizedAfter?: number;
  scope?: FaultScope;
}

/** The config with defaults filled in; `null` means the limit or counter is off. */
export interface ResolvedFaultConfig {
  seed: number | null;
  latencyMs: number;
  jitterMs: number;
  maxInFlight: number | null;
  ratePerSecond: number | null;
  readMaxInFlight: number | null;
  readRatePerSecond: number | null;
  writeMaxInFlight: number | null;
  writeRatePerSecond: number | null;
  limitStatus: 429 | 503;
  retryAfterFormat: RetryAfterFormat;
  retryAfterSeconds: number;
  errorRate: number;
  errorStatuses: number[];
  errorBody: ErrorBodyFormat;
  resetBeforeRate: number;
  resetAfterRate: number;
  hangAfterRate: number;
  hangMs: number;
  errorAfterRate: number;
  errorAfterStatus: number;
  errorAfterBody: ErrorBodyFormat;
  unauthorizedAfter: number | null;
  scope: FaultScope;
}

export function resolveFaultConfig(config: FaultConfig): ResolvedFaultConfig {
  return {
    seed: config.seed ?? null,
    latencyMs: config.latencyMs ?? 0,
    jitterMs: config.jitterMs ?? 0,
    maxInFlight: config.maxInFlight ?? null,
    ratePerSecond: config.ratePerSecond ?? null,
    readMaxInFlight: config.readMaxInFlight ?? null,
    readRatePerSecond: config.readRatePerSecond ?? null,
    writeMaxInFlight: config.writeMaxInFlight ?? null,
    writeRatePerSecond: config.writeRatePerSecond ?? null,
    limitStatus: config.limitStatus ?? 429,
    retryAfterFormat: config.retryAfterFormat ?? "seconds",
    retryAfterSeconds: config.retryAfterSeconds ?? 1,
    errorRate: config.errorRate ?? 0,
    errorStatuses: config.errorStatuses ?? [500, 502, 503],
    errorBody: config.errorBody ?? "json",
    resetBeforeRate: config.resetBeforeRate ?? 0,
    resetAfterRate: config.resetAfterRate ?? 0,
    hangAfterRate: config.hangAfterRate ?? 0,
    hangMs: config.hangMs ?? 30_000,
    errorAfterRate: config.errorAfterRate ?? 0,
    errorAfterStatus: config.errorAfterStatus ?? 502,
    errorAfterBody: config.errorAfterBody ?? "html",
    unauthorizedAfter: config.unauthorizedAfter ?? null,
    scope: config.scope ?? "create",
  };
}

type Check = (value: unknown) => string | null;

const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);
const intAtLeast =
  (min: number): Check =>
  (v) =>
    isInt(v) && v >= min ? null : `must be an integer >= ${min}`;
const numberAtLeast =
  (min: number, exclusive = false): Check =>
  (v) =>
    typeof v === "number" && Number.isFinite(v) && (exclusive ? v > min : v >= min)
      ? null
      : `must be a number ${exclusive ? ">" : ">="} ${min}`;
const probability: Check = (v) =>
  typeof v === "number" && v >= 0 && v <= 1 ? null : "must be a number from 0 to 1";
const oneOf =
  (...allowed: unknown[]): Check =>
  (v) =>
    allowed.includes(v)
      ? null
      : `must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`;
const statusList: Check = (v) =>
  Array.isArray(v) && v.length > 0 && v.every((s) => isInt(s) && s >= 400 && s <= 599)
    ? null
    : "must be a non-empty array of HTTP statuses 400-599";

const CHECKS: Record<keyof FaultConfig, Check> = {
  seed: (v) => (isInt(v) ? null : "must be an integer"),
  latencyMs: numberAtLeast(0),
  jitterMs: numberAtLeast(0),
  maxInFlight: intAtLeast(1),
  ratePerSecond: numberAtLeast(0, true),
  readMaxInFlight: intAtLeast(1),
  readRatePerSecond: numberAtLeast(0, true),
  writeMaxInFlight: intAtLeast(1),
  writeRatePerSecond: numberAtLeast(0, true),
  limitStatus: oneOf(429, 503),
  retryAfterFormat: oneOf("seconds", "http-date"),
  retryAfterSeconds: intAtLeast(0),
  errorRate: probability,
  errorStatuses: statusList,
  errorBody: oneOf("json", "html", "text", "empty"),
  resetBeforeRate: probability,
  resetAfterRate: probability,
  hangAfterRate: probability,
  hangMs: numberAtLeast(0),
  errorAfterRate: probability,
  errorAfterStatus: (v) =>
    isInt(v) && v >= 400 && v <= 599 ? null : "must be an HTTP status 400-599",
  errorAfterBody: oneOf("json", "html", "text", "empty"),
  unauthorizedAfter: intAtLeast(0),
  scope: oneOf("create", "writes", "all"),
};

/** Validates an admin or start-option config strictly: a typo must fail loudly, not be ignored. */
export function parseFaultConfig(
  input: unknown,
): { ok: true; config: FaultConfig } | { ok: false; error: string } {
  if (input === undefined || input === null) return { ok: true, config: {} };
  if (!isRecord(input)) return { ok: false, error: "fault config must be a JSON object" };
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const check = Object.hasOwn(CHECKS, key) ? CHECKS[key as keyof FaultConfig] : undefined;
    if (!check) return { ok: false, error: `unknown fault field "${key}"` };
    if (value === null) continue;
    const problem = check(value);
    if (problem) return { ok: false, error: `${key} ${problem}` };
    config[key] = value;
  }
  return { ok: true, config: config as FaultConfig };
}
