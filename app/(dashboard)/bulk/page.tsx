import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Bulk create" };

export default async function BulkPage() {
  await requireUser();
  return (
    <PageHeader
      title="Bulk create"
      description="Paste a list of people from a spreadsheet, a CSV file or plain lines, check every row against the provider's rules, and create their mailboxes in one job."
    />
  );
}
