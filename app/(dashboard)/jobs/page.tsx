import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { jobsParams, readParams } from "@/lib/http/search-params";
import { getDb } from "@/lib/db";
import { listJobs } from "@/lib/jobs/list";
import { PROVIDER_LABELS, type ProviderId } from "@/lib/mailboxes/provider-id";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("jobs"))("title") };
}

export default async function JobsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireUser();
  const { page } = readParams(jobsParams, await searchParams);
  const { jobs, hasMore } = await listJobs(await getDb(), page);
  const [t, tState, tKind, format] = await Promise.all([
    getTranslations("jobs"),
    getTranslations("jobStates"),
    getTranslations("jobKinds"),
    getFormatter(),
  ]);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link
            href="/bulk"
            className="rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white"
          >
            {t("newJob")}
          </Link>
        }
      />
      <DataTable
        caption={t("caption")}
        rows={jobs}
        rowKey={(job) => job.id}
        empty={t.rich("empty", {
          link: (chunks) => (
            <Link href="/bulk" className="text-blue-700 underline">
              {chunks}
            </Link>
          ),
        })}
        columns={[
          {
            header: t("colStarted"),
            className: "whitespace-nowrap",
            cell: (job) => (
              <Link href={`/jobs/${job.id}`} className="text-blue-700 underline">
                {format.dateTime(job.createdAt, { dateStyle: "medium", timeStyle: "short" })}
              </Link>
            ),
          },
          {
            header: t("colKind"),
            cell: (job) => (
              <Badge
                tone={
                  job.kind === "delete" ? "warning" : job.kind === "create" ? "neutral" : "info"
                }
              >
                {tKind(job.kind)}
              </Badge>
            ),
          },
          {
            header: t("colProvider"),
            cell: (job) => PROVIDER_LABELS[job.provider as ProviderId] ?? job.provider,
          },
          { header: t("colDomain"), cell: (job) => job.domain },
          { header: t("colBy"), cell: (job) => job.createdByEmail },
          {
            header: t("colState"),
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
                {tState.has(job.state as "done") ? tState(job.state as "done") : job.state}
              </Badge>
            ),
          },
          { header: t("colRows"), className: "tabular-nums", cell: (job) => job.rowsTotal },
          { header: t("colCreated"), className: "tabular-nums", cell: (job) => job.created },
          { header: t("colFailed"), className: "tabular-nums", cell: (job) => job.failed },
          { header: t("colSkipped"), className: "tabular-nums", cell: (job) => job.skipped },
          {
            header: t("colInProgress"),
            className: "tabular-nums",
            cell: (job) => job.inProgress,
          },
        ]}
      />
      <nav aria-label={t("pages")} className="mt-4 flex justify-between text-sm">
        {page > 1 ? <Link href={`/jobs?page=${page - 1}`}>{t("newer")}</Link> : <span />}
        {hasMore ? <Link href={`/jobs?page=${page + 1}`}>{t("older")}</Link> : <span />}
      </nav>
    </>
  );
}
