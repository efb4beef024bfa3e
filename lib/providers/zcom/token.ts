import "server-only";
import { ProviderError } from "../errors";
import type { HttpClient } from "../http";
import { buildUrl, failureFromResponse, isSuccess, parseAnswer } from "../wire";
import { type TokenRequestDTO, tokenResponseSchema } from "./schemas";

export interface TokenSource {
  /** Whether a new token can be fetched after a 401 (false for a ready-made token). */
  readonly renewable: boolean;
  get(): Promise<string>;
  /** Forget `token` after a 401, unless a newer token has already replaced it. */
  invalidate(token: string): void;
}

export function staticToken(token: string): TokenSource {
  return { renewable: false, get: () => Promise.resolve(token), invalidate: () => {} };
}

export interface IdentityConfig {
  /**
   * The Identity API host root, e.g. `https://identity.tyo1.cloud.z.com`; `/v2.0/tokens` is
   * appended. A URL already ending in `/v2.0` (as in the docs' examples) is accepted too.
   */
  identityUrl: string;
  username: string;
  password: string;
  tenantId?: string;
}

const FIVE_MINUTES = 5 * 60_000;
/** When `expires` is missing or unreadable: short, so a bad guess costs little. */
const FALLBACK_LIFETIME = 10 * 60_000;

/**
 * Fetches a token on first use and caches it until shortly before it expires: 5 minutes or 10% of
 * its lifetime before, whichever margin is smaller. Concurrent callers share one in-flight
 * request. Callers' abort signals are not passed on: one caller giving up must not fail the
 * others waiting on the same token, and the request has its own timeouts.
 */
export function identityTokenSource(
  config: IdentityConfig,
  http: HttpClient,
  now: () => number = Date.now,
): TokenSource {
  const url = buildUrl(config.identityUrl.replace(/\/v2\.0\/?$/, ""), "/v2.0/tokens");
  let cached: { token: string; refreshAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const json: TokenRequestDTO = {
      auth: {
        passwordCredentials: { username: config.username, password: config.password },
        ...(config.tenantId ? { tenantId: config.tenantId } : {}),
      },
    };
    const context = "Z.com identity POST /v2.0/tokens";
    const requestedAt = now();
    try {
      const response = await http.request({ method: "POST", url, json });
      if (!isSuccess(response)) {
        throw new ProviderError(
          failureFromResponse(response, context, { secrets: [config.password] }),
        );
      }
      const { token } = parseAnswer(tokenResponseSchema, response, context).access;
      cached = { token: token.id, refreshAt: refreshTime(token, requestedAt) };
      return token.id;
    } catch (error) {
      throw asTokenError(error);
    }
  }

  return {
    renewable: true,
    get() {
      if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
      inflight ??= fetchToken().finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}

/**
 * Lifetime from the token's own `issued_at` and `expires` when both are there (both are server
 * clock, so our clock's skew does not matter), else from our clock.
 */
function refreshTime(
  token: { expires?: string | null | undefined; issued_at?: string | null | undefined },
  requestedAt: number,
): number {
  const expires = token.expires ? parseServerTime(token.expires) : NaN;
  const issued = token.issued_at ? parseServerTime(token.issued_at) : NaN;
  const lifetime = Number.isNaN(expires)
    ? FALLBACK_LIFETIME
    : Number.isNaN(issued)
      ? expires - requestedAt
      : expires - issued;
  if (lifetime <= 0) return requestedAt; // already stale by our clock: use once, then renew
  return requestedAt + lifetime - Math.min(FIVE_MINUTES, lifetime * 0.1);
}

/**
 * Keystone prints `issued_at` without a zone ("2026-11-21T00:00:00.000") and `expires` with one.
 * Both are UTC; Date.parse would read the zoneless one in this server's local zone.
 */
function parseServerTime(text: string): number {
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim());
  return Date.parse(zoned ? text : `${text.trim()}Z`);
}

/**
 * Getting a token changes nothing at Z.com, so even a lost answer is safe to repeat: an ambiguous
 * token failure is retryable. And the mail request it was for was not sent, which the message
 * says.
 */
function asTokenError(error: unknown): unknown {
  if (!(error instanceof ProviderError)) return error;
  const { failure } = error;
  return new ProviderError(
    {
      ...failure,
      errorClass: failure.errorClass === "ambiguous" ? "retryable" : failure.errorClass,
      message: `Could not get a Z.com token, so nothing was sent: ${failure.message}`,
    },
    { cause: error },
  );
}
