"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { JobSummary } from "@/lib/jobs/query-options";

const link = (id: string) =>
  function JobLink(chunks: React.ReactNode) {
    return (
      <Link className="underline" href={`/jobs/${id}`}>
        {chunks}
      </Link>
    );
  };

/** The job's kind, and the link between a creation job and the delete that undoes it. */
export function JobLinks({ summary }: { summary: JobSummary }) {
  const t = useTranslations("changes");
  const tKind = useTranslations("jobKinds");
  const { job, undoneBy } = summary;
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
      <Badge tone={job.kind === "delete" ? "warning" : "info"}>{tKind(job.kind)}</Badge>
      {job.undoOf ? (
        <span>{t.rich("undoes", { id: job.undoOf.slice(0, 8), link: link(job.undoOf) })}</span>
      ) : null}
      {undoneBy ? (
        <span>{t.rich("undoneBy", { id: undoneBy.slice(0, 8), link: link(undoneBy) })}</span>
      ) : null}
    </p>
  );
}
