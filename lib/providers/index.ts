import "server-only";
import { env } from "@/lib/env";
import { providerGate } from "@/lib/limits";
import { measuredGate } from "@/lib/metrics/registry";
import type { AppConfig } from "@/lib/config/resolve";
import { PROVIDER_IDS } from "@/lib/mailboxes/provider-id";
import { createMailProvider, type AnyProvider, type ProviderConfig } from "./registry";
import type { ProviderId } from "@/lib/mailboxes/provider-id";

/**
 * The app's provider instances, built from configuration once per process. The tokens they hold
 * never leave this server-only module graph.
 */
export function providerConfig(id: ProviderId, config: AppConfig = env()): ProviderConfig {
  const timeouts = {
    connectTimeoutMs: config.timeouts.connectMs,
    totalTimeoutMs: config.timeouts.totalMs,
  };
  if (id === "hybridbox") {
    const { baseUrl, accountId, token, bulkMax, domains } = config.hybridbox;
    return {
      provider: "hybridbox",
      baseUrl,
      accountId,
      token,
      bulkMax,
      domains,
      gate: measuredGate("hybridbox", providerGate("hybridbox")),
      ...timeouts,
    };
  }
  const { identityUrl, mailUrl, auth } = config.zcom;
  const gate = measuredGate("zcom", providerGate("zcom"));
  return auth.kind === "token"
    ? { provider: "zcom", mailUrl, token: auth.token, gate, ...timeouts }
    : {
        provider: "zcom",
        gate,
        mailUrl,
        identityUrl,
        username: auth.username,
        password: auth.password,
        ...(auth.tenantId ? { tenantId: auth.tenantId } : {}),
        ...timeouts,
      };
}

const holder = globalThis as typeof globalThis & {
  __mailProviders?: Partial<Record<ProviderId, AnyProvider>>;
};

export function getProvider(id: ProviderId): AnyProvider {
  const providers = (holder.__mailProviders ??= {});
  return (providers[id] ??= createMailProvider(providerConfig(id)));
}

export const providerIds = PROVIDER_IDS;
