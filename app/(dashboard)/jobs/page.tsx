import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Jobs" };

export default async function JobsPage() {
  await requireUser();
  return (
    <PageHeader
      title="Jobs"
      description="Every bulk job with its progress and the created and failed rows."
    />
  );
}
