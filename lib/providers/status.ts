import "server-only";
import { env } from "@/lib/env";
import { codedText } from "@/lib/i18n/coded";
import { providerLoad, type ProviderLoad } from "@/lib/limits";
import { PROVIDER_LABELS } from "@/lib/mailboxes/provider-id";
import { getProvider, providerIds } from "./index";
import { ProviderError } from "./errors";
import { isNotNow } from "./paging";
import type { ProviderId } from "@/lib/mailboxes/provider-id";

/**
 * `busy`: the provider answered, but "not now" (429, 503): it is up and limiting us, which is not
 * the same as not answering at all.
 */
export type ProviderHealth =
  | { answers: true; latencyMs: number; domainCount: number }
  | { answers: "busy"; status: number; retryAfterSeconds?: number; reason: string }
  | { answers: false; reason: string };

export interface ProviderStatus {
  id: ProviderId;
  label: string;
  mode: "sandbox" | "real";
  /** Scheme and host only: never a path with an account id, never a credential. */
  endpoint: string;
  health: ProviderHealth;
  /** Requests in flight and the adaptive limit, across every process on the database. */
  load: ProviderLoad;
  /** When this was read (epoch ms): the card says "2 min ago" from here. */
  readAt: number;
}

const PROBE_TIMEOUT_MS = 4_000;

/** Whether each provider answers, by listing its domains (a read, cheap, needs valid auth). */
export async function providerStatuses(): Promise<ProviderStatus[]> {
  return Promise.all(providerIds.map(providerStatus));
}

async function providerStatus(id: ProviderId): Promise<ProviderStatus> {
  const config = env();
  const settings = id === "hybridbox" ? config.hybridbox : config.zcom;
  const url = new URL(id === "hybridbox" ? config.hybridbox.baseUrl : config.zcom.mailUrl);
  const started = performance.now();
  let health: ProviderHealth;
  try {
    const domains = await getProvider(id).listDomains({
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      // A probe reports what it hears; it does not wait a throttle out.
      waitBudgetMs: 0,
    });
    health = {
      answers: true,
      latencyMs: Math.round(performance.now() - started),
      domainCount: domains.length,
    };
  } catch (error) {
    const failure = error instanceof ProviderError ? error.failure : undefined;
    if (isNotNow(failure)) {
      health = {
        answers: "busy",
        status: failure.status!,
        ...(failure.retryAfterMs !== undefined
          ? { retryAfterSeconds: Math.ceil(failure.retryAfterMs / 1000) }
          : {}),
        reason: failure.message,
      };
    } else {
      health = { answers: false, reason: explain(error) };
    }
  }
  const load = await providerLoad(id);
  return {
    id,
    label: PROVIDER_LABELS[id],
    mode: settings.mode,
    endpoint: url.origin,
    health,
    load,
    readAt: Date.now(),
  };
}

/** Ours as catalog codes (worded on the Overview); otherwise the provider's own message. */
function explain(error: unknown): string {
  if (!(error instanceof ProviderError)) return codedText("providerCard.noAnswer");
  const { code, message } = error.failure;
  if (code === "unauthorized") return codedText("providerCard.refused");
  if (code === "forbidden") return codedText("providerCard.noPermission");
  return message;
}
