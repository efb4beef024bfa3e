import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Jobs" };

export default function JobsPage() {
  return (
    <PageHeader
      title="Jobs"
      description="Every bulk job with its progress and the created and failed rows."
    />
  );
}
