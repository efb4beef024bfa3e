import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import {
  ProviderCard,
  ProviderDomains,
  type ProviderInfo,
} from "@/components/domains/provider-domains";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { loadDomains } from "@/lib/domains/data";
import { domainsQuery } from "@/lib/domains/query-options";
import { env } from "@/lib/env";
import { PROVIDER_LABELS } from "@/lib/mailboxes/provider-id";
import { providerIds } from "@/lib/providers";
import { getQueryClient } from "@/lib/query/get-query-client";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("domains"))("title") };
}

export default async function DomainsPage() {
  await requireUser();
  const t = await getTranslations("domains");
  const config = env();
  const providers: ProviderInfo[] = providerIds.map((id) => ({
    id,
    label: PROVIDER_LABELS[id],
    mode: config[id].mode,
  }));

  // Both providers are asked at once and not awaited: each card streams in when its provider
  // answers, so a slow or failing provider never holds up the other's domains.
  const queryClient = getQueryClient();
  for (const { id } of providers) {
    void queryClient.prefetchQuery({ ...domainsQuery(id), queryFn: () => loadDomains(id) });
  }

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <div className="grid gap-4 md:grid-cols-2">
          {providers.map((provider) => (
            <Suspense
              key={provider.id}
              fallback={
                <ProviderCard provider={provider}>
                  <p role="status" className="text-sm text-slate-600">
                    {t("asking", { provider: provider.label })}
                  </p>
                </ProviderCard>
              }
            >
              <ProviderDomains provider={provider} />
            </Suspense>
          ))}
        </div>
      </HydrationBoundary>
    </>
  );
}
