import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { connection } from "next/server";
import { ProviderStatusCard } from "@/components/provider-status-card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { providerStatuses } from "@/lib/providers/status";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("overview"))("title") };
}

export default async function OverviewPage() {
  // Provider health is a live reading; never prerender it at build time.
  await connection();
  await requireUser();
  const [statuses, t] = await Promise.all([providerStatuses(), getTranslations("overview")]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid gap-4 md:grid-cols-2">
        {statuses.map((status) => (
          <ProviderStatusCard key={status.id} status={status} />
        ))}
      </div>
    </>
  );
}
