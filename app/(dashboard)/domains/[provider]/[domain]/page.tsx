import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { MailboxBrowser, type MailboxActions } from "@/components/domains/mailbox-browser";
import { Badge } from "@/components/ui/badge";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { loadMailboxes } from "@/lib/domains/data";
import { mailboxesQuery } from "@/lib/domains/query-options";
import { safeDecode } from "@/lib/domains/respond";
import { type MailboxView, parseView } from "@/lib/domains/view";
import { env } from "@/lib/env";
import { PROVIDER_LABELS, providerIdSchema } from "@/lib/mailboxes/provider-id";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import { getQueryClient } from "@/lib/query/get-query-client";

type Props = {
  params: Promise<{ provider: string; domain: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: safeDecode((await params).domain) };
}

export default async function DomainPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const raw = await params;
  const parsed = providerIdSchema.safeParse(raw.provider);
  if (!parsed.success) notFound();
  const provider = parsed.data;
  const domain = safeDecode(raw.domain);
  const label = PROVIDER_LABELS[provider];
  const view = parseView(await searchParams, provider);

  const [t, tCard] = await Promise.all([
    getTranslations("domain"),
    getTranslations("providerCard"),
  ]);
  const encoded = encodeURIComponent(domain);
  const bulk = `/bulk?${new URLSearchParams({ provider, domain })}`;
  return (
    <>
      <nav aria-label={t("breadcrumb")} className="mb-2 text-sm text-slate-600">
        <Link href="/domains" className="text-blue-800 underline">
          {t("domains")}
        </Link>{" "}
        <span aria-hidden="true">/</span> {label}
      </nav>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight break-all">{domain}</h1>
          <p className="mt-1 flex items-center gap-2 text-sm text-slate-600">
            {t("mailboxesOn", { provider: label })}
            {env()[provider].mode === "sandbox" ? (
              <Badge tone="info">{tCard("sandbox")}</Badge>
            ) : null}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <a
            href={`/api/domains/${provider}/${encoded}/export`}
            download
            className="rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-900 ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
          >
            {t("export")}
          </a>
          <Link
            href={bulk}
            className="rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700"
          >
            {t("bulkHere")}
          </Link>
        </div>
      </div>
      {/* The header above is sent at once (and a bad provider is a real 404, decided before
          anything streams); the mailboxes follow when the provider answers. */}
      <Suspense
        fallback={
          <p role="status" className="text-sm text-slate-600">
            {t("asking", { provider: label })}
          </p>
        }
      >
        <Mailboxes
          provider={provider}
          label={label}
          domain={domain}
          view={view}
          actions={{
            delete: hasRole(user.role, "admin"),
            resetPasswords: provider === "zcom" && hasRole(user.role, "operator"),
            editNames: provider === "hybridbox" && hasRole(user.role, "operator"),
          }}
        />
      </Suspense>
    </>
  );
}

async function Mailboxes({
  provider,
  label,
  domain,
  view,
  actions,
}: {
  provider: ProviderId;
  label: string;
  domain: string;
  view: MailboxView;
  actions: MailboxActions;
}) {
  // Awaited here, below the boundary, so the first page is in the HTML. A provider failure is
  // data (see lib/domains/types.ts): it is rendered with its Retry, never thrown.
  const queryClient = getQueryClient();
  await queryClient.prefetchQuery({
    ...mailboxesQuery(provider, domain, view),
    queryFn: () => loadMailboxes(provider, domain, view),
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <MailboxBrowser provider={provider} label={label} domain={domain} actions={actions} />
    </HydrationBoundary>
  );
}
