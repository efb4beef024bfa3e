import { isRecord, type Reply } from "./http-io";
import type { OptionalFields } from "./profile";
import { errorPage } from "./runtime";

/*
 * Wire presentation shared by both providers' `present` hooks: what a profile changes in an
 * answer after the handler (or the pipeline) has made it.
 */

/** The fields `extraFields` adds to every object: unknown to the contract, of several types. */
export const EXTRA_FIELDS = {
  x_sandbox_extra: "an unknown field: a client must ignore it",
  x_sandbox_extra_object: { nested: [1, "two", null], flag: true },
} as const;

/** A JSON error body a profile may reshape: an error status with a JSON (not raw) body. */
export const isJsonError = (reply: Reply): boolean =>
  reply.status >= 400 && reply.raw === undefined && reply.body !== undefined;

/** The reply with its body replaced by a non-JSON error (`html`, `text` or `empty`), headers kept. */
export function asErrorPage(
  reply: Reply,
  format: "html" | "text" | "empty",
  message: string,
): Reply {
  const page = errorPage(reply.status, format, message);
  return { ...page, headers: reply.headers };
}

/** A 401 with its headers (e.g. WWW-Authenticate) and no body at all. */
export const emptyBody = (reply: Reply): Reply => ({
  status: reply.status,
  headers: reply.headers,
});

/** Copies `value` with every plain object (envelopes included) carrying EXTRA_FIELDS. */
export function withExtraFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withExtraFields);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = withExtraFields(v);
  return { ...out, ...structuredClone(EXTRA_FIELDS) };
}

/**
 * Copies `value` with `fields` left out (`absent`) or set to null (`null`) in every object
 * `matches` picks, wherever it sits in the body.
 */
export function withOptionalFields(
  value: unknown,
  mode: OptionalFields,
  matches: (o: Record<string, unknown>) => readonly string[] | null,
): unknown {
  if (mode === "present") return value;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!isRecord(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, inner] of Object.entries(v)) out[k] = walk(inner);
    for (const field of matches(v) ?? []) {
      if (mode === "absent") delete out[field];
      else out[field] = null;
    }
    return out;
  };
  return walk(value);
}

/** Applies a body transform to a JSON reply; raw and empty replies pass unchanged. */
export function mapJsonBody(reply: Reply, f: (body: unknown) => unknown): Reply {
  if (reply.raw !== undefined || reply.body === undefined) return reply;
  return { ...reply, body: f(reply.body) };
}
