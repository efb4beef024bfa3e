import "server-only";
import type { z } from "zod";
import { classifyStatus, messageFromBody, parseRetryAfter, ProviderError, redact } from "./errors";
import type { HttpResponse } from "./http";
import type { ErrorClass, FailureCode, ProviderFailure } from "./types";

// Shared by both provider clients: URLs, reading answers with zod, and failures from statuses.

export type Query = Readonly<Record<string, string | number | null | undefined>>;

/** `base` may carry a path prefix (a proxy, the sandbox); empty query values are left out. */
export function buildUrl(base: string, path: string, query: Query = {}): URL {
  const url = new URL(base.replace(/\/+$/, "") + path);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") {
      url.searchParams.set(key, String(value));
    }
  }
  return url;
}

export const segment = encodeURIComponent;

export function isSuccess(response: HttpResponse): boolean {
  return response.status >= 200 && response.status <= 299;
}

/** Zod issues as `path: message`, so a bad answer says which field was wrong. */
export function describeIssues(error: z.ZodError, max = 3): string {
  const parts = error.issues
    .slice(0, max)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(body)"}: ${issue.message}`);
  const more = error.issues.length > max ? ` (and ${error.issues.length - max} more)` : "";
  return parts.join("; ") + more;
}

/**
 * The failure for a 2xx answer we cannot read. The provider did act on the request, so it is
 * ambiguous: for a create, the mailbox may exist.
 */
export function badResponse(context: string, status: number, detail: string): ProviderFailure {
  return {
    code: "bad_response",
    errorClass: "ambiguous",
    status,
    message: `${context}: unexpected answer (HTTP ${status}): ${detail}`,
  };
}

/** Parses a 2xx answer's JSON, or throws a `bad_response` ProviderError naming the field. */
export function parseAnswer<S extends z.ZodType>(
  schema: S,
  response: HttpResponse,
  context: string,
): z.output<S> {
  if (response.json === undefined) {
    const what = response.text.trim() === "" ? "empty body" : "body is not JSON";
    throw new ProviderError(badResponse(context, response.status, what));
  }
  const result = schema.safeParse(response.json);
  if (!result.success) {
    throw new ProviderError(badResponse(context, response.status, describeIssues(result.error)), {
      cause: result.error,
    });
  }
  return result.data;
}

/** An answer with the "Provider METHOD /path" prefix its messages carry. */
export interface Answer {
  response: HttpResponse;
  context: string;
}

/** A reader of 2xx answers for a client's `call`: parse with `schema`, or ignore the body. */
export function readJson<S extends z.ZodType>(schema: S): (answer: Answer) => z.output<S> {
  return (answer) => parseAnswer(schema, answer.response, answer.context);
}
export const ignoreBody = (): void => undefined;

export interface FailureRefinement {
  code: FailureCode;
  errorClass?: ErrorClass;
}

/**
 * The failure for a non-2xx answer: the generic status meaning, refined by the provider module
 * (which knows its own bodies), with the provider's message and code kept, and any secret that
 * the provider echoed (a password in "invalid password: …") redacted.
 */
export function failureFromResponse(
  response: HttpResponse,
  context: string,
  options: {
    refine?: (status: number, providerMessage: string | undefined) => FailureRefinement | undefined;
    secrets?: readonly (string | undefined)[];
  } = {},
): ProviderFailure {
  const { status } = response;
  const providerMessage = messageFromBody(response.json, response.text);
  const refined = options.refine?.(status, providerMessage);
  const generic = classifyStatus(status);
  const failure: ProviderFailure = {
    code: refined?.code ?? generic.code,
    errorClass: refined?.errorClass ?? generic.errorClass,
    status,
    message: redact(
      `${context}: HTTP ${status}${providerMessage ? ` ${providerMessage}` : ""}`,
      options.secrets ?? [],
    ),
  };
  const providerCode = codeFromBody(response.json);
  if (providerCode !== undefined) failure.providerCode = providerCode;
  const retryAfterMs = parseRetryAfter(response.headers["retry-after"]);
  if (retryAfterMs !== undefined) failure.retryAfterMs = retryAfterMs;
  return failure;
}

/** The provider's own error code, wherever its body keeps it (top level, `error`, OpenStack). */
function codeFromBody(json: unknown): string | undefined {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return undefined;
  const record = json as Record<string, unknown>;
  const keys = Object.keys(record);
  const inner = (value: unknown) =>
    typeof value === "object" && value !== null ? (value as { code?: unknown }).code : undefined;
  const value =
    record.code ??
    inner(record.error) ??
    (Array.isArray(record.errors) ? inner(record.errors[0]) : undefined) ??
    keys.map((key) => inner(record[key])).find((code) => code !== undefined);
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}
