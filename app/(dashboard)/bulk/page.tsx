import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { BulkEditor, type BulkEditorProps } from "@/components/bulk/bulk-editor";
import type { ProviderDomains } from "@/components/bulk/target-picker";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { failedRowsForRetry } from "@/lib/bulk/retry-rows";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { bulkParams, readParams } from "@/lib/http/search-params";
import { PROVIDER_LABELS } from "@/lib/mailboxes/provider-id";
import { domainCatalog } from "@/lib/domains/catalog";
import { providerIds } from "@/lib/providers";
import { ProviderError } from "@/lib/providers/errors";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("bulk.page"))("title") };
}

export default async function BulkPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const params = readParams(bulkParams, await searchParams);
  const [t, tRole] = await Promise.all([getTranslations("bulk.page"), getTranslations("roles")]);
  const header = <PageHeader title={t("title")} description={t("description")} />;
  if (!hasRole(user.role, "operator")) {
    return (
      <>
        {header}
        <p role="status" className="rounded-md bg-slate-100 px-4 py-3 text-sm">
          {t("viewerNote", { role: tRole(user.role) })}
        </p>
      </>
    );
  }

  const config = env();
  const providers: ProviderDomains[] = await Promise.all(
    providerIds.map(async (id) => {
      const base = { id, label: PROVIDER_LABELS[id], sandbox: config[id].mode === "sandbox" };
      try {
        const domains = await domainCatalog(id).list();
        return { ...base, domains: domains.map((d) => d.name).sort() };
      } catch (error) {
        const reason = error instanceof ProviderError ? error.failure.message : t("noAnswer");
        return { ...base, domains: [], error: t("domainsUnread", { reason }) };
      }
    }),
  );

  const initial: BulkEditorProps["initial"] = {};
  if (params.provider) initial.provider = params.provider;
  if (params.domain) initial.domain = params.domain;
  let retryNote: React.ReactNode = null;
  if (params.retry) {
    const retry = await failedRowsForRetry(await getDb(), params.retry);
    if (retry) {
      initial.provider = retry.job.provider as typeof initial.provider;
      initial.domain = retry.job.domain;
      initial.retryOf = retry.job.id;
      initial.rows = retry.rows.map(({ error: _error, ...row }) => row);
      retryNote = (
        <p className="mb-4 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {t.rich("retryNote", {
            count: retry.rows.length,
            link: (chunks) => (
              <Link className="underline" href={`/jobs/${retry.job.id}`}>
                {chunks}
              </Link>
            ),
          })}
        </p>
      );
    }
  }
  return (
    <>
      {header}
      {retryNote}
      <BulkEditor providers={providers} initial={initial} />
    </>
  );
}
