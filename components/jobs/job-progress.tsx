"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { DONE_KEYS as DONE } from "@/lib/jobs/labels";
import type { JobSummary } from "@/lib/jobs/query-options";

/** The bar, the counts and an ETA; the sentence under it is announced politely as it changes. */
export function JobProgressPanel({ summary }: { summary: JobSummary }) {
  const t = useTranslations("progress");
  const tState = useTranslations("jobStates");
  const tChanges = useTranslations("changes");
  const format = useFormatter();
  const { counts, job } = summary;
  const total = job.rowsTotal;
  const done = counts.created + counts.failed + counts.unconfirmed + counts.skipped;
  const checking = counts.check + counts.unknown + counts.verifying;
  const inProgress = counts.pending + counts.waiting + counts.sending + checking;
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  const finished = Boolean(job.finishedAt);
  const eta = (seconds: number | null): string => {
    if (seconds === null) return t("etaEstimating");
    // A duration in the reader's words ("3 min", "3분", "3 分"), through Intl.
    const [value, unit] = seconds < 60 ? [seconds, "second"] : [Math.round(seconds / 60), "minute"];
    return t("etaLeft", {
      duration: format.number(value, { style: "unit", unit, unitDisplay: "short" }),
    });
  };
  const values = {
    done,
    total,
    created: counts.created,
    failed: counts.failed,
    unconfirmed: counts.unconfirmed,
    skipped: counts.skipped,
  };
  const withUnconfirmed = counts.unconfirmed > 0;
  // The runner stores its reason in English; the codes it stops for are worded here.
  const stopReason =
    job.stopCode === "unauthorized"
      ? t("stopUnauthorized")
      : job.stopCode === "forbidden"
        ? t("stopForbidden")
        : (job.stopMessage ?? job.stopCode ?? "");
  const sentence = finished
    ? t(withUnconfirmed ? "finishedUnconfirmed" : "finished", values)
    : t(withUnconfirmed ? "runningUnconfirmed" : "running", {
        ...values,
        toGo: inProgress,
        eta: eta(summary.etaSeconds),
      });
  return (
    <section
      aria-labelledby="progress-heading"
      className="rounded-lg border border-slate-200 bg-white p-5"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="progress-heading" className="text-lg font-semibold">
          {t("heading")}
        </h2>
        <Badge
          tone={
            job.state === "stopped" || job.state === "cancelled"
              ? "danger"
              : finished
                ? counts.failed + counts.unconfirmed > 0
                  ? "warning"
                  : "success"
                : "info"
          }
        >
          {tState.has(job.state as "done") ? tState(job.state as "done") : job.state}
        </Badge>
      </div>
      <div
        role="progressbar"
        aria-label={t("barLabel")}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={t("barValue", { percent, done, total })}
        className="mt-3 flex h-3 w-full overflow-hidden rounded-full bg-slate-100"
      >
        <div
          className="bg-green-600"
          style={{ width: `${(counts.created / Math.max(total, 1)) * 100}%` }}
        />
        <div
          className="bg-red-600"
          style={{ width: `${(counts.failed / Math.max(total, 1)) * 100}%` }}
        />
        <div
          className="bg-amber-500"
          style={{ width: `${(counts.unconfirmed / Math.max(total, 1)) * 100}%` }}
        />
        <div
          className="bg-slate-400"
          style={{ width: `${(counts.skipped / Math.max(total, 1)) * 100}%` }}
        />
      </div>
      <p aria-live="polite" className="mt-3 text-sm text-slate-700">
        {sentence}
      </p>
      <dl className="mt-3 grid grid-cols-3 gap-2 text-sm sm:grid-cols-7">
        {(
          [
            [job.kind === "create" ? t("created") : tChanges(DONE[job.kind]), counts.created],
            [t("failed"), counts.failed],
            [t("unconfirmed"), counts.unconfirmed],
            [t("skipped"), counts.skipped],
            [t("waiting"), counts.pending + counts.waiting],
            [t("sending"), counts.sending],
            [t("checking"), checking],
          ] as const
        ).map(([label, value]) => (
          <div key={label} className="rounded-md bg-slate-50 px-2 py-1">
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      {job.state === "stopped" ? (
        <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {t("stopped", { reason: stopReason })}
        </p>
      ) : job.state === "cancelled" ? (
        <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {t("cancelled", { reason: stopReason })}
        </p>
      ) : null}
      {counts.unconfirmed > 0 ? (
        <p className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("unconfirmedNote", { count: counts.unconfirmed })}
        </p>
      ) : null}
    </section>
  );
}
