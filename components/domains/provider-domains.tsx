"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/components/i18n/use-message-text";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { domainsQuery } from "@/lib/domains/query-options";
import type { ProviderDomains as ProviderDomainsData } from "@/lib/domains/types";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import { ConsoleErrorPanel, FailurePanel } from "./failure-panel";

export interface ProviderInfo {
  id: ProviderId;
  label: string;
  mode: "sandbox" | "real";
}

/** One provider's card on the Domains page; its failure never touches the other provider's. */
export function ProviderDomains({ provider }: { provider: ProviderInfo }) {
  const t = useTranslations("domains");
  const errorText = useErrorText();
  const { data, error, refetch, isFetching } = useSuspenseQuery(domainsQuery(provider.id));
  const retry = () => void refetch();
  return (
    <ProviderCard provider={provider}>
      <p aria-live="polite" className="sr-only">
        {isFetching ? t("loading", { provider: provider.label }) : ""}
      </p>
      {error && !isFetching ? (
        <ConsoleErrorPanel message={errorText(error)} onRetry={retry} retrying={isFetching} />
      ) : data.ok ? (
        <DomainTable provider={provider} data={data.data} />
      ) : (
        <FailurePanel
          failure={data.failure}
          providerLabel={provider.label}
          onRetry={retry}
          retrying={isFetching}
        />
      )}
    </ProviderCard>
  );
}

export function ProviderCard({
  provider,
  children,
}: {
  provider: ProviderInfo;
  children: React.ReactNode;
}) {
  const t = useTranslations("providerCard");
  const headingId = `domains-${provider.id}`;
  return (
    <Card aria-labelledby={headingId}>
      <div className="mb-3 flex items-start justify-between gap-3">
        <h2 id={headingId} className="text-lg font-semibold">
          {provider.label}
        </h2>
        {provider.mode === "sandbox" ? (
          <Badge tone="info">{t("sandbox")}</Badge>
        ) : (
          <Badge>{t("real")}</Badge>
        )}
      </div>
      {children}
    </Card>
  );
}

function DomainTable({ provider, data }: { provider: ProviderInfo; data: ProviderDomainsData }) {
  const t = useTranslations("domains");
  if (data.domains.length === 0) {
    return <p className="text-sm text-slate-600">{t("noDomains")}</p>;
  }
  const countsGiven = data.domains.some((d) => d.mailboxCount !== undefined);
  return (
    <>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t("caption", { provider: provider.label })}</caption>
        <thead className="text-slate-600">
          <tr className="border-b border-slate-200">
            <th scope="col" className="py-2 font-medium">
              {t("colDomain")}
            </th>
            <th scope="col" className="py-2 text-right font-medium">
              {t("colMailboxes")}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.domains.map((domain) => (
            <tr key={domain.id} className="border-b border-slate-100 last:border-0">
              <th scope="row" className="py-2 font-normal">
                <Link
                  href={`/domains/${provider.id}/${encodeURIComponent(domain.name)}`}
                  className="font-medium text-blue-800 underline-offset-2 hover:underline"
                >
                  {domain.name}
                </Link>
              </th>
              <td className="py-2 text-right tabular-nums">
                {domain.mailboxCount ?? (
                  <span className="text-slate-500">
                    <span aria-hidden="true">—</span>
                    <span className="sr-only">{t("notGiven")}</span>
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {countsGiven ? null : (
        <p className="mt-3 text-xs text-slate-500">{t("noCounts", { provider: provider.label })}</p>
      )}
    </>
  );
}
