import "server-only";
import { createHybridboxProvider, type HybridboxProvider } from "./hybridbox/provider";
import type { HybridboxConfig } from "./hybridbox/client";
import { createZcomProvider, type ZcomProvider } from "./zcom/provider";
import type { ZcomConfig } from "./zcom/client";

/** What lib/env.ts builds from configuration, one per configured provider. */
export type ProviderConfig =
  ({ provider: "hybridbox" } & HybridboxConfig) | ({ provider: "zcom" } & ZcomConfig);

export type AnyProvider = HybridboxProvider | ZcomProvider;

export function createMailProvider(config: ProviderConfig): AnyProvider {
  return config.provider === "hybridbox"
    ? createHybridboxProvider(config)
    : createZcomProvider(config);
}
