import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { jobsParams, readParams } from "@/lib/http/search-params";
import { getDb } from "@/lib/db";
import { JOB_STATE_LABELS } from "@/lib/jobs/labels";
import { listJobs } from "@/lib/jobs/list";
import { PROVIDER_LABELS, type ProviderId } from "@/lib/mailboxes/provider-id";

export const metadata: Metadata = { title: "Jobs" };

export default async function JobsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireUser();
  const { page } = readParams(jobsParams, await searchParams);
  const { jobs, hasMore } = await listJobs(await getDb(), page);
  return (
    <>
      <PageHeader
        title="Jobs"
        description="Every bulk job with its progress and the created and failed rows."
        actions={
          <Link
            href="/bulk"
            className="rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white"
          >
            New bulk job
          </Link>
        }
      />
      <DataTable
        caption="Bulk jobs, newest first"
        rows={jobs}
        rowKey={(job) => job.id}
        empty={
          <>
            No jobs yet.{" "}
            <Link href="/bulk" className="text-blue-700 underline">
              Create mailboxes in bulk
            </Link>
            .
          </>
        }
        columns={[
          {
            header: "Started",
            className: "whitespace-nowrap",
            cell: (job) => (
              <Link href={`/jobs/${job.id}`} className="text-blue-700 underline">
                {job.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC
              </Link>
            ),
          },
          {
            header: "Provider",
            cell: (job) => PROVIDER_LABELS[job.provider as ProviderId] ?? job.provider,
          },
          { header: "Domain", cell: (job) => job.domain },
          { header: "By", cell: (job) => job.createdByEmail },
          {
            header: "State",
            cell: (job) => (
              <Badge
                tone={
                  job.state === "done"
                    ? job.failed > 0
                      ? "warning"
                      : "success"
                    : job.state === "stopped" || job.state === "cancelled"
                      ? "danger"
                      : "info"
                }
              >
                {JOB_STATE_LABELS[job.state] ?? job.state}
              </Badge>
            ),
          },
          { header: "Rows", className: "tabular-nums", cell: (job) => job.rowsTotal },
          { header: "Created", className: "tabular-nums", cell: (job) => job.created },
          { header: "Failed", className: "tabular-nums", cell: (job) => job.failed },
          { header: "Skipped", className: "tabular-nums", cell: (job) => job.skipped },
          { header: "In progress", className: "tabular-nums", cell: (job) => job.inProgress },
        ]}
      />
      <nav aria-label="Job pages" className="mt-4 flex justify-between text-sm">
        {page > 1 ? <Link href={`/jobs?page=${page - 1}`}>← Newer</Link> : <span />}
        {hasMore ? <Link href={`/jobs?page=${page + 1}`}>Older →</Link> : <span />}
      </nav>
    </>
  );
}
