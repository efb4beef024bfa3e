import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { JobView } from "@/components/jobs/job-view";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { jobIdParam } from "@/lib/http/search-params";
import { credentialAccess } from "@/lib/jobs/exports";
import { jobProgress } from "@/lib/jobs/progress";
import { jobProgressKey, mergeProgress } from "@/lib/jobs/query-options";
import { PROVIDER_LABELS, type ProviderId } from "@/lib/mailboxes/provider-id";
import { getQueryClient } from "@/lib/query/get-query-client";
import { toWire } from "@/lib/wire";

export const metadata: Metadata = { title: "Job" };

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = jobIdParam((await params).id);
  if (!id) notFound();
  // The first rows come with the page; the browser asks for the rest (and every change) itself.
  const db = await getDb();
  const progress = await jobProgress(db, id, 0, 2_000);
  if (!progress) notFound();
  const queryClient = getQueryClient();
  queryClient.setQueryData(jobProgressKey(id), mergeProgress(undefined, toWire(progress)));
  const { job } = progress;
  return (
    <>
      <PageHeader
        title={`${PROVIDER_LABELS[job.provider as ProviderId] ?? job.provider} · ${job.domain}`}
        description={
          <>
            {job.rowsTotal} rows, submitted by {job.createdByEmail} at{" "}
            {job.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC
            {job.retryOf && jobIdParam(job.retryOf) ? (
              <>
                {" "}
                · retries the failed rows of{" "}
                <Link className="underline" href={`/jobs/${job.retryOf}`}>
                  an earlier job
                </Link>
              </>
            ) : null}
            .
          </>
        }
        actions={
          <Link href="/jobs" className="px-3 py-2 text-sm text-slate-700 underline">
            All jobs
          </Link>
        }
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <JobView
          jobId={id}
          canOperate={hasRole(user.role, "operator")}
          credentials={await credentialAccess(db, id, user)}
        />
      </HydrationBoundary>
    </>
  );
}
