import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Domains" };

export default async function DomainsPage() {
  await requireUser();
  return (
    <PageHeader
      title="Domains"
      description="The domains of each provider and the mailboxes on them."
    />
  );
}
