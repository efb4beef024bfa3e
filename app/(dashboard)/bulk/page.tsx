import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Bulk create" };

export default function BulkPage() {
  return (
    <PageHeader
      title="Bulk create"
      description="Paste a list of people from a spreadsheet, a CSV file or plain lines, check every row against the provider's rules, and create their mailboxes in one job."
    />
  );
}
