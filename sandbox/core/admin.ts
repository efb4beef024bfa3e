import type { IncomingMessage, ServerResponse } from "node:http";
import { parseFaultConfig } from "./fault-config";
import { json, parseJson, type Reply, readBody, sendReply } from "./http-io";
import type { SandboxRuntime } from "./runtime";

export type AdminResult = { ok: true; value: unknown } | { ok: false; error: string };

/** What each simulator plugs into the shared `/__sandbox/*` routes. */
export interface AdminHooks {
  /** Full reset: data, limits, faults, counters (the sandbox's own reset()). */
  reset(): void;
  /** Every mailbox of every domain, never with a password or hash. */
  mailboxes(): unknown[];
  getLimits(): unknown;
  /** Merges the given limit fields; answers the limits now in force. */
  setLimits(input: unknown): AdminResult;
  /** The profile and variations in force (GET /__sandbox/profile). */
  getProfile(): unknown;
  /** Replaces them from `{"profile": …}` and/or `{"variations": {…}}`; answers as getProfile. */
  setProfile(input: unknown): AdminResult;
  /** Provider-only routes, keyed `"POST revoke-tokens"`. */
  extra?: Record<string, (body: unknown) => AdminResult | Reply>;
}

const badRequest = (error: string): Reply => json(400, { error });

/**
 * The test-control surface. It never asks for the provider's auth, and its calls are neither
 * counted in stats nor subject to faults, so a test can always see and steer the sandbox.
 */
export async function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  runtime: SandboxRuntime,
  hooks: AdminHooks,
): Promise<void> {
  const read = await readBody(req);
  if (!read.ok) return void sendReply(res, json(413, { error: "body too large" }));
  const parsed = parseJson(read.bytes);
  if (!parsed.ok) return void sendReply(res, badRequest(`invalid JSON: ${parsed.error}`));
  sendReply(res, route(`${req.method ?? "GET"} ${path}`, parsed.value, runtime, hooks));
}

function route(key: string, body: unknown, runtime: SandboxRuntime, hooks: AdminHooks): Reply {
  switch (key) {
    case "GET health":
      return json(200, { ok: true });
    case "POST reset":
      hooks.reset();
      return json(200, { ok: true });
    case "GET faults":
      return json(200, runtime.faults.describe());
    case "PUT faults": {
      const parsed = parseFaultConfig(body ?? {});
      if (!parsed.ok) return badRequest(parsed.error);
      runtime.faults.configure(parsed.config);
      return json(200, runtime.faults.describe());
    }
    case "GET stats":
      return json(200, runtime.stats.snapshot());
    case "GET mailboxes": {
      const mailboxes = hooks.mailboxes();
      return json(200, { mailboxes, total: mailboxes.length });
    }
    case "GET limits":
      return json(200, hooks.getLimits());
    case "PUT limits":
      return toReply(hooks.setLimits(body ?? {}));
    case "GET profile":
      return json(200, hooks.getProfile());
    case "PUT profile":
      return toReply(hooks.setProfile(body));
  }
  const extra = hooks.extra?.[key];
  if (extra) return toReply(extra(body));
  return json(404, { error: `no admin route ${key}` });
}

function toReply(result: AdminResult | Reply): Reply {
  if ("status" in result) return result;
  return result.ok ? json(200, result.value) : badRequest(result.error);
}
