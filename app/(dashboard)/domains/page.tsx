import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Domains" };

export default function DomainsPage() {
  return (
    <PageHeader
      title="Domains"
      description="The domains of each provider and the mailboxes on them."
    />
  );
}
