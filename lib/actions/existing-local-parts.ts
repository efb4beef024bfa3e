"use server";

import { z } from "zod";
import { action } from "@/lib/actions";
import { UserError } from "@/lib/user-error";
import { readDomain } from "@/lib/jobs/domain-index";
import { providerIdSchema } from "@/lib/mailboxes/provider-id";
import { ProviderError } from "@/lib/providers/errors";
import { domainCatalog } from "@/lib/domains/catalog";
import { getProvider } from "@/lib/providers";

/** The local parts that already exist on the domain, so the page can offer to skip them. */
export const existingLocalPartsAction = action(
  {
    name: "existingLocalParts",
    schema: z.object({ provider: providerIdSchema, domain: z.string().trim().min(1).max(253) }),
    role: "operator",
  },
  async ({ provider, domain }) => {
    const mail = getProvider(provider);
    const found = await domainCatalog(provider).find(domain);
    if (!found) throw new UserError(`"${domain}" is not one of the provider's domains.`);
    try {
      // The admin waits on the page: wait a busy provider out a little, not for a minute.
      const index = await readDomain(mail, found, { waitBudgetMs: 15_000 });
      return { localParts: [...index.keys()] };
    } catch (error) {
      if (error instanceof ProviderError) {
        const { code, retryAfterMs, message } = error.failure;
        if (code === "rate_limited" || code === "unavailable") {
          const wait = retryAfterMs ? ` in ${Math.ceil(retryAfterMs / 1000)} s` : " in a moment";
          throw new UserError(
            `The provider is busy and asked us to slow down (${message}). The existing addresses could not be checked; try again${wait}. The job itself checks them again before sending.`,
          );
        }
        throw new UserError(`Could not read the domain's mailboxes: ${message}`);
      }
      throw error;
    }
  },
);
