import type { IncomingHttpHeaders } from "node:http";
import type { Reply } from "./http-io";

export interface HandlerInput {
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type Handler = (input: HandlerInput) => Reply | Promise<Reply>;

/** One address a create request names, and whether it existed when the request arrived. */
export interface CreateAttempt {
  address: string;
  existed: boolean;
}

/** Reads the addresses a create request names (tolerant: whatever it can find in the body). */
export type AttemptReader = (input: Omit<HandlerInput, "params">) => CreateAttempt[];

export interface RouteSpec {
  method: string;
  /** Literal segments and `{name}` placeholders, e.g. `/mailboxes/{mailbox}`. */
  pattern: string;
  /** Create requests are what `scope: "create"` faults aim at. */
  isCreate?: boolean;
  /** For create routes: the addresses the body names, counted in the create-attempt stats. */
  attempts?: AttemptReader;
  handler: Handler;
}

export type RouteMatch =
  | {
      kind: "route";
      key: string;
      isCreate: boolean;
      params: Record<string, string>;
      handler: Handler;
      attempts?: AttemptReader;
    }
  | { kind: "method-not-allowed"; key: string; allow: string[] }
  | { kind: "not-found"; key: string };

/**
 * Matches `segments` (already split, still percent-encoded) against the specs, in order. The
 * first spec that matches both path and method wins, like FastAPI's router.
 */
export function matchRoute(specs: RouteSpec[], method: string, segments: string[]): RouteMatch {
  const allow: string[] = [];
  for (const spec of specs) {
    const params = matchPattern(spec.pattern, segments);
    if (!params) continue;
    if (spec.method !== method) {
      allow.push(spec.method);
      continue;
    }
    return {
      kind: "route",
      key: `${method} ${spec.pattern}`,
      isCreate: spec.isCreate ?? false,
      params,
      handler: spec.handler,
      attempts: spec.attempts,
    };
  }
  if (allow.length > 0)
    return { kind: "method-not-allowed", key: `${method} (no such method)`, allow };
  return { kind: "not-found", key: `${method} (no such route)` };
}

function matchPattern(pattern: string, segments: string[]): Record<string, string> | null {
  const parts = pattern.split("/").filter(Boolean);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const segment = segments[i] ?? "";
    if (part.startsWith("{") && part.endsWith("}")) {
      const value = safeDecode(segment);
      if (value === null || value === "") return null;
      params[part.slice(1, -1)] = value;
    } else if (part !== segment) {
      return null;
    }
  }
  return params;
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** `/a/b/` and `/a/b` split alike would hide a client bug; a trailing slash stays a segment. */
export function splitPath(pathname: string): string[] {
  return pathname.split("/").slice(1);
}
