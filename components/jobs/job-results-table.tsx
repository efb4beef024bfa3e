"use client";

import type { JobKind } from "@/lib/db/tables/jobs";
import { DONE_KEYS as DONE } from "@/lib/jobs/labels";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useTranslations } from "next-intl";
import { useMemo, useRef, useState, type ReactNode } from "react";
import Link from "next/link";
import type { PublicRow } from "@/lib/jobs/progress";

const FILTERS = [
  { id: "all", label: "filterAll", match: () => true },
  { id: "created", label: "filterCreated", match: (r: PublicRow) => r.state === "created" },
  { id: "failed", label: "filterFailed", match: (r: PublicRow) => r.state === "failed" },
  {
    id: "unconfirmed",
    label: "filterUnconfirmed",
    match: (r: PublicRow) => r.state === "unconfirmed",
  },
  { id: "skipped", label: "filterSkipped", match: (r: PublicRow) => r.state === "skipped" },
  {
    id: "open",
    label: "filterOpen",
    match: (r: PublicRow) => !["created", "failed", "unconfirmed", "skipped"].includes(r.state),
  },
] as const;
type FilterId = (typeof FILTERS)[number]["id"];
type SortKey = "rowNo" | "address" | "state";

const STATE_MARK: Record<string, string> = {
  created: "✓",
  failed: "✕",
  unconfirmed: "?",
  skipped: "–",
};

/** Rich-text values for a message that links a job: `<link>job {id}</link>`. */
const jobLink = (id: string) => ({
  id: id.slice(0, 8),
  link: (chunks: ReactNode) => (
    <Link href={`/jobs/${id}`} className="underline">
      {chunks}
    </Link>
  ),
});
const GRID = "grid grid-cols-[4rem_minmax(12rem,1.2fr)_7rem_minmax(14rem,2fr)] gap-2";

/**
 * Every row of the job, virtualised (a 10,000-row job keeps a few dozen rows in the DOM),
 * filterable by state and sortable; each failed row says why in plain words, with the
 * provider's code and message.
 */
export function JobResultsTable({ rows, kind = "create" }: { rows: PublicRow[]; kind?: JobKind }) {
  const t = useTranslations("jobRows");
  const tState = useTranslations("rowStates");
  const tChanges = useTranslations("changes");
  const [filter, setFilter] = useState<FilterId>("all");
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: "rowNo", dir: 1 });
  const parentRef = useRef<HTMLDivElement>(null);

  const shown = useMemo(() => {
    const match = FILTERS.find((f) => f.id === filter)!.match;
    const list = rows.filter(match);
    const { key, dir } = sort;
    return key === "rowNo"
      ? dir === 1
        ? list
        : list.reverse()
      : list.sort((a, b) => String(a[key]).localeCompare(String(b[key])) * dir);
  }, [rows, filter, sort]);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders on scroll by design
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => 44,
    overscan: 10,
  });

  const header = (key: SortKey, label: string) => {
    const active = sort.key === key;
    return (
      <div
        role="columnheader"
        aria-sort={active ? (sort.dir === 1 ? "ascending" : "descending") : "none"}
      >
        <button
          type="button"
          className="font-medium hover:underline"
          onClick={() => setSort({ key, dir: active ? (sort.dir === 1 ? -1 : 1) : 1 })}
        >
          {label}
          {active ? (sort.dir === 1 ? " ▲" : " ▼") : ""}
        </button>
      </div>
    );
  };

  return (
    <section
      aria-labelledby="results-heading"
      className="rounded-lg border border-slate-200 bg-white"
    >
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 p-4">
        <h2 id="results-heading" className="text-lg font-semibold">
          {t("heading")}
        </h2>
        <div role="group" aria-label={t("showRows")} className="flex flex-wrap gap-1">
          {FILTERS.map((f) => {
            const n = rows.filter(f.match).length;
            return (
              <button
                key={f.id}
                type="button"
                aria-pressed={filter === f.id}
                onClick={() => setFilter(f.id)}
                className="rounded-md px-2 py-1 text-sm ring-1 ring-slate-300 aria-pressed:bg-slate-900 aria-pressed:text-white"
              >
                {t("filterCount", { label: t(f.label), count: n })}
              </button>
            );
          })}
        </div>
      </div>
      <div
        role="table"
        aria-label={t("tableLabel")}
        aria-rowcount={shown.length + 1}
        className="text-sm"
      >
        <div role="rowgroup">
          <div
            role="row"
            className={`${GRID} border-b border-slate-100 bg-slate-50 px-4 py-2 text-slate-600`}
          >
            {header("rowNo", t("colRow"))}
            {header("address", t("colAddress"))}
            {header("state", t("colState"))}
            <div role="columnheader">{t("colDetails")}</div>
          </div>
        </div>
        <div ref={parentRef} className="max-h-[32rem] overflow-auto" data-testid="rows-scroller">
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = shown[item.index]!;
              return (
                <div
                  key={row.rowNo}
                  role="row"
                  aria-rowindex={item.index + 2}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  className={`${GRID} absolute left-0 w-full border-b border-slate-100 px-4 py-2`}
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <div role="cell" className="text-slate-500 tabular-nums">
                    {row.rowNo + 1}
                  </div>
                  <div role="cell" className="break-all">
                    {row.address}
                  </div>
                  <div role="cell">
                    <span aria-hidden="true">{STATE_MARK[row.state] ?? "…"} </span>
                    {kind !== "create" && row.state === "created"
                      ? tChanges(DONE[kind])
                      : tState.has(row.state as "created")
                        ? tState(row.state as "created")
                        : row.state}
                  </div>
                  <div role="cell" className="text-slate-700">
                    <RowDetails row={row} />
                  </div>
                </div>
              );
            })}
          </div>
        </div>
        {shown.length === 0 ? <p className="p-4 text-slate-500">{t("empty")}</p> : null}
      </div>
    </section>
  );
}

/** Why a row is where it is, in words; never a guess, and every job it depends on linked. */
function RowDetails({ row }: { row: PublicRow }) {
  const t = useTranslations("jobRows");
  const tFailure = useTranslations("failures");
  const tReason = useTranslations("failures.row");
  // A code we never wrote (a provider's own) is named as it came.
  const explainFailure = (code: string | undefined) =>
    !code
      ? tFailure("none")
      : tReason.has(code as "stopped")
        ? tReason(code as "stopped")
        : tFailure("other", { code });
  const code = (
    <span className="font-mono text-xs text-slate-500">
      [{row.errorCode}
      {row.errorStatus ? ` · HTTP ${row.errorStatus}` : ""}
      {row.providerCode && row.providerCode !== String(row.errorStatus)
        ? ` · ${row.providerCode}`
        : ""}
      ]
    </span>
  );
  const inherited = row.inheritedFrom ? (
    <span className="block text-xs text-slate-500">
      {t.rich(row.passwordLost ? "continuesPasswordLost" : "continues", jobLink(row.inheritedFrom))}
    </span>
  ) : null;
  if (row.state === "failed") {
    return (
      <>
        {explainFailure(row.errorCode)} {code}
        {row.heldByJob && row.errorCode === "already_exists" ? (
          <span className="block text-xs text-slate-500">
            {t.rich("createdBy", jobLink(row.heldByJob))}
          </span>
        ) : row.heldByJob ? (
          <span className="block text-xs text-slate-500">
            {t.rich("see", jobLink(row.heldByJob))}
          </span>
        ) : null}
        {row.errorMessage ? (
          <span className="block text-xs text-slate-500">{row.errorMessage}</span>
        ) : null}
        {inherited}
      </>
    );
  }
  if (row.state === "unconfirmed") {
    return (
      <>
        {row.supersededBy
          ? t.rich("takenOver", jobLink(row.supersededBy))
          : tFailure("unconfirmed")}{" "}
        {code}
        {row.errorMessage ? (
          <span className="block text-xs text-slate-500">{row.errorMessage}</span>
        ) : null}
      </>
    );
  }
  if (row.state === "waiting" && row.heldByJob) {
    return <>{t.rich("heldBy", jobLink(row.heldByJob))}</>;
  }
  if (row.state === "created") {
    return (
      <>
        {row.verified ? t("verified") : null}
        {inherited}
        {row.passwordReplacedBy ? (
          <span className="block text-xs text-slate-500">
            {t.rich("passwordReplaced", jobLink(row.passwordReplacedBy))}
          </span>
        ) : null}
      </>
    );
  }
  return row.attempts > 1 ? <>{t("attempt", { count: row.attempts })}</> : null;
}
