import { z } from "zod";

// Lives apart from schema.ts so rules.ts and lib/providers can name a provider without a cycle.
export const PROVIDER_IDS = ["hybridbox", "zcom"] as const;

export const providerIdSchema = z.enum(PROVIDER_IDS, {
  error: "Choose Hybridbox or Z.com",
});

export type ProviderId = z.infer<typeof providerIdSchema>;

export const PROVIDER_LABELS: Readonly<Record<ProviderId, string>> = {
  hybridbox: "Hybridbox",
  zcom: "Z.com Mail Hosting",
};
