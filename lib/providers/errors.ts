import type { CreateOutcome, ErrorClass, FailureCode, ProviderFailure } from "./types";

const BRAND = Symbol.for("mailbox-console.ProviderError");

/** Every failure of a provider call: the runner reads `failure`, never parses the message. */
export class ProviderError extends Error {
  override readonly name = "ProviderError";
  readonly failure: ProviderFailure;

  constructor(failure: ProviderFailure, options?: { cause?: unknown }) {
    super(failure.message, options);
    this.failure = failure;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /**
   * The server bundles this module once per route graph (pages, route handlers, instrumentation),
   * but the provider instances are shared through globalThis: an error thrown by a provider that
   * one graph created must still be a ProviderError to another graph's `instanceof`. The brand is
   * a registered symbol, the same in every copy.
   */
  static override [Symbol.hasInstance](value: unknown): value is ProviderError {
    return typeof value === "object" && value !== null && BRAND in value;
  }
}

/** The generic meaning of an HTTP status; provider modules refine 400 and 409 with the body. */
export function classifyStatus(status: number): { code: FailureCode; errorClass: ErrorClass } {
  switch (status) {
    case 400:
    case 422:
      return { code: "invalid_request", errorClass: "final" };
    case 401:
      return { code: "unauthorized", errorClass: "final" };
    case 403:
      return { code: "forbidden", errorClass: "final" };
    case 404:
      return { code: "not_found", errorClass: "final" };
    case 409:
      return { code: "already_exists", errorClass: "final" };
    case 408: // the server gave up before it had the whole request
    case 503:
      return { code: "unavailable", errorClass: "retryable" };
    case 429:
      return { code: "rate_limited", errorClass: "retryable" };
  }
  // 500, 502, 504 and any other 5xx: it may have been done before things went wrong.
  if (status >= 500 && status <= 599) return { code: "provider_error", errorClass: "ambiguous" };
  if (status >= 400 && status <= 499) return { code: "invalid_request", errorClass: "final" };
  // 1xx/3xx: we follow no redirects, and an API that redirects is misconfigured, not busy.
  return { code: "bad_response", errorClass: "final" };
}

/**
 * `Retry-After` in either form: delta-seconds (`120`) or an HTTP date. Returns milliseconds from
 * `now`, 0 for a date in the past, undefined for anything unparseable.
 */
export function parseRetryAfter(
  value: string | readonly string[] | undefined,
  now: number = Date.now(),
): number | undefined {
  const raw = (typeof value === "string" ? value : value?.[0])?.trim();
  if (!raw) return undefined;
  if (/^\d+$/.test(raw)) {
    const seconds = Number(raw);
    return Number.isSafeInteger(seconds * 1000) ? seconds * 1000 : undefined;
  }
  // Date.parse accepts bare numbers ("1.5" → a year); a real HTTP date has a month name.
  if (!/[a-z]{3}/i.test(raw)) return undefined;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const MAX_MESSAGE = 300;

/**
 * A short message from an error body of any shape: FastAPI `{detail}` (string or list),
 * `{error:{message}}`, `{error: "…"}`, `{message}`, `{errors:[{message|detail}]}`, RFC 7807
 * `{title, detail}`, OpenStack `{"badRequest": {"message", "code"}}` (one key named after the
 * error), plain text or an HTML page from a proxy. Undefined when empty.
 */
export function messageFromBody(json: unknown, text: string): string | undefined {
  const fromJson = messageFromJson(json);
  if (fromJson) return truncate(fromJson);
  const plain = text
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return plain ? truncate(plain) : undefined;
}

function messageFromJson(json: unknown, depth = 0): string | undefined {
  if (typeof json === "string") return json.trim() || undefined;
  if (typeof json !== "object" || json === null || depth > 2) return undefined;
  if (Array.isArray(json)) {
    const parts = json.map((item) => messageFromJson(item, depth + 1)).filter(Boolean);
    return parts.length > 0 ? parts.join("; ") : undefined;
  }
  const record = json as Record<string, unknown>;
  const { detail, error, message, errors, title, msg } = record;
  if (Array.isArray(detail)) {
    const parts = detail.map((d: unknown) => {
      if (typeof d !== "object" || d === null) return String(d);
      const { loc, msg: text } = d as { loc?: unknown; msg?: unknown };
      const where = Array.isArray(loc) ? loc.join(".") : "";
      return where ? `${where}: ${String(text)}` : String(text);
    });
    return parts.join("; ");
  }
  for (const candidate of [message, detail, msg, error, errors]) {
    const found = messageFromJson(candidate, depth + 1);
    if (found) return found;
  }
  if (typeof title === "string" && title.trim()) return title.trim();
  // OpenStack style: a key names the error, its object holds the message (other keys may sit
  // beside it).
  for (const value of Object.values(record)) {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      const inner = (value as { message?: unknown }).message;
      if (typeof inner === "string" && inner.trim()) return inner.trim();
    }
  }
  const keys = Object.keys(record);
  if (keys.length === 1) return messageFromJson(record[keys[0]!], depth + 1);
  return undefined;
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}

/** Replaces every occurrence of each secret (a password, a token) that a provider might echo. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  }
  return out;
}

/**
 * The outcome of a create that failed. An ambiguous failure means the mailbox may exist, so it is
 * `unknown` and must be verified; its code says why (`bad_response` stays, as the answer came
 * but was unreadable; anything else becomes `unknown_outcome`, keeping status and message).
 */
export function createOutcomeFromFailure(failure: ProviderFailure): CreateOutcome {
  if (failure.errorClass !== "ambiguous") return { status: "failed", failure };
  const code = failure.code === "bad_response" ? "bad_response" : "unknown_outcome";
  return { status: "unknown", failure: { ...failure, code } };
}

/**
 * For a create: anything thrown that is not a ProviderError is a bug somewhere on our side, and
 * we cannot prove the request was not sent, so it is treated as an unknown outcome.
 */
export function failureFromUnknown(error: unknown): ProviderFailure {
  if (error instanceof ProviderError) return error.failure;
  const detail = error instanceof Error ? error.message : String(error);
  return {
    code: "unknown_outcome",
    errorClass: "ambiguous",
    message: `Unexpected error while creating: ${truncate(detail)}`,
  };
}
