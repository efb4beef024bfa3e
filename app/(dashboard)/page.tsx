import type { Metadata } from "next";
import { connection } from "next/server";
import { ProviderStatusCard } from "@/components/provider-status-card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { providerStatuses } from "@/lib/providers/status";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  // Provider health is a live reading; never prerender it at build time.
  await connection();
  await requireUser();
  const statuses = await providerStatuses();
  return (
    <>
      <PageHeader
        title="Overview"
        description="The mail providers this console creates mailboxes on, and whether they answer right now."
      />
      <div className="grid gap-4 md:grid-cols-2">
        {statuses.map((status) => (
          <ProviderStatusCard key={status.id} status={status} />
        ))}
      </div>
    </>
  );
}
