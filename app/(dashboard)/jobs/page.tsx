import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
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
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Bulk jobs, newest first</caption>
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              {[
                "Started",
                "Provider",
                "Domain",
                "By",
                "State",
                "Rows",
                "Created",
                "Failed",
                "Skipped",
                "In progress",
              ].map((h) => (
                <th key={h} scope="col" className="px-3 py-2 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {jobs.length === 0 ? (
              <tr>
                <td colSpan={10} className="px-3 py-8 text-center text-slate-500">
                  No jobs yet.{" "}
                  <Link href="/bulk" className="text-blue-700 underline">
                    Create mailboxes in bulk
                  </Link>
                  .
                </td>
              </tr>
            ) : (
              jobs.map((job) => (
                <tr key={job.id} className="border-t border-slate-100">
                  <td className="px-3 py-2 whitespace-nowrap">
                    <Link href={`/jobs/${job.id}`} className="text-blue-700 underline">
                      {job.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    {PROVIDER_LABELS[job.provider as ProviderId] ?? job.provider}
                  </td>
                  <td className="px-3 py-2">{job.domain}</td>
                  <td className="px-3 py-2">{job.createdByEmail}</td>
                  <td className="px-3 py-2">
                    <Badge
                      tone={
                        job.state === "done"
                          ? job.failed > 0
                            ? "warning"
                            : "success"
                          : job.state === "stopped"
                            ? "danger"
                            : "info"
                      }
                    >
                      {JOB_STATE_LABELS[job.state] ?? job.state}
                    </Badge>
                  </td>
                  <td className="px-3 py-2 tabular-nums">{job.rowsTotal}</td>
                  <td className="px-3 py-2 tabular-nums">{job.created}</td>
                  <td className="px-3 py-2 tabular-nums">{job.failed}</td>
                  <td className="px-3 py-2 tabular-nums">{job.skipped}</td>
                  <td className="px-3 py-2 tabular-nums">{job.inProgress}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <nav aria-label="Job pages" className="mt-4 flex justify-between text-sm">
        {page > 1 ? <Link href={`/jobs?page=${page - 1}`}>← Newer</Link> : <span />}
        {hasMore ? <Link href={`/jobs?page=${page + 1}`}>Older →</Link> : <span />}
      </nav>
    </>
  );
}
