import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
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

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("job"))("metaTitle") };
}

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
  const [t, format] = await Promise.all([getTranslations("job"), getFormatter()]);
  return (
    <>
      <PageHeader
        title={`${PROVIDER_LABELS[job.provider as ProviderId] ?? job.provider} · ${job.domain}`}
        description={
          <>
            {t("submitted", {
              rows: job.rowsTotal,
              email: job.createdByEmail,
              // In the reader's time zone, which the footer names once.
              at: format.dateTime(job.createdAt, { dateStyle: "medium", timeStyle: "short" }),
            })}
            {job.retryOf && jobIdParam(job.retryOf) ? (
              <>
                {" · "}
                {t.rich("retries", {
                  link: (chunks) => (
                    <Link className="underline" href={`/jobs/${job.retryOf}`}>
                      {chunks}
                    </Link>
                  ),
                })}
              </>
            ) : null}
          </>
        }
        actions={
          <Link href="/jobs" className="px-3 py-2 text-sm text-slate-700 underline">
            {t("allJobs")}
          </Link>
        }
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <JobView
          jobId={id}
          canOperate={hasRole(user.role, "operator")}
          canAdmin={hasRole(user.role, "admin")}
          credentials={await credentialAccess(db, id, user)}
        />
      </HydrationBoundary>
    </>
  );
}
