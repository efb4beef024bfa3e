import "server-only";
import { providerIdSchema } from "@/lib/mailboxes/provider-id";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import type { Loaded, PublicFailure } from "./types";

const NO_STORE = { "Cache-Control": "no-store" };

/** The HTTP status a failure travels with: the body always says the rest. */
export function failureStatus(failure: PublicFailure): number {
  if (failure.code === "unknown_domain") return 404;
  if (failure.code === "internal") return 500;
  return 502; // the provider failed us: a bad gateway, whatever its own status was
}

export function loadedResponse<T>(loaded: Loaded<T>): Response {
  return Response.json(loaded, {
    status: loaded.ok ? 200 : failureStatus(loaded.failure),
    headers: NO_STORE,
  });
}

export function failureResponse(failure: PublicFailure): Response {
  return loadedResponse({ ok: false, failure });
}

export type DomainTarget =
  { ok: true; provider: ProviderId; domain: string } | { ok: false; response: Response };

/** `[provider]/[domain]` from a route: a known provider id and a plausible domain name. */
export function readDomainTarget(params: { provider: string; domain: string }): DomainTarget {
  const provider = providerIdSchema.safeParse(params.provider);
  const domain = safeDecode(params.domain).trim();
  if (!provider.success || domain.length === 0 || domain.length > 253) {
    return {
      ok: false,
      response: Response.json(
        { error: "No such provider or domain." },
        { status: 404, headers: NO_STORE },
      ),
    };
  }
  return { ok: true, provider: provider.data, domain };
}

/** Route params may arrive still percent-encoded; a domain name never holds a literal `%`. */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
