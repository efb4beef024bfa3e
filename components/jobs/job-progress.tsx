"use client";

import { Badge } from "@/components/ui/badge";
import { JOB_STATE_LABELS } from "@/lib/jobs/labels";
import type { JobSummary } from "@/lib/jobs/query-options";

function formatEta(seconds: number | null): string {
  if (seconds === null) return "estimating time left…";
  if (seconds < 60) return `about ${seconds} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}

/** The bar, the counts and an ETA; the sentence under it is announced politely as it changes. */
export function JobProgressPanel({ summary }: { summary: JobSummary }) {
  const { counts, job } = summary;
  const total = job.rowsTotal;
  const done = counts.created + counts.failed + counts.unconfirmed + counts.skipped;
  const checking = counts.check + counts.unknown + counts.verifying;
  const inProgress = counts.pending + counts.waiting + counts.sending + checking;
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  const finished = Boolean(job.finishedAt);
  const unconfirmed = counts.unconfirmed > 0 ? `, ${counts.unconfirmed} unconfirmed` : "";
  const sentence = finished
    ? `Finished: ${counts.created} created, ${counts.failed} failed${unconfirmed}, ${counts.skipped} skipped.`
    : `${done} of ${total} done: ${counts.created} created, ${counts.failed} failed${unconfirmed}, ${inProgress} to go, ${formatEta(summary.etaSeconds)}.`;
  return (
    <section
      aria-labelledby="progress-heading"
      className="rounded-lg border border-slate-200 bg-white p-5"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="progress-heading" className="text-lg font-semibold">
          Progress
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
          {JOB_STATE_LABELS[job.state] ?? job.state}
        </Badge>
      </div>
      <div
        role="progressbar"
        aria-label="Rows done"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${percent}% (${done} of ${total})`}
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
            ["Created", counts.created],
            ["Failed", counts.failed],
            ["Unconfirmed", counts.unconfirmed],
            ["Skipped", counts.skipped],
            ["Waiting", counts.pending + counts.waiting],
            ["Sending", counts.sending],
            ["Checking", checking],
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
          The job was stopped: {job.stopMessage ?? job.stopCode}
        </p>
      ) : job.state === "cancelled" ? (
        <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          Nothing was sent: {job.stopMessage ?? job.stopCode} Submit the list again.
        </p>
      ) : null}
      {counts.unconfirmed > 0 ? (
        <p className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {counts.unconfirmed === 1 ? "1 row is" : `${counts.unconfirmed} rows are`} unconfirmed:
          each was sent, the answer was lost, and the address could not be read to confirm it. They
          may exist. They are not counted as failed; check them again when the provider answers.
        </p>
      ) : null}
    </section>
  );
}
