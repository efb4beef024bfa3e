import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { getQueryClient } from "@/lib/query/get-query-client";
import type { Wire } from "@/lib/wire";
import type { JobProgress as ServerProgress, PublicRow } from "./progress";

/**
 * The job page's data: the summary, and every row, kept up to date by asking only for rows
 * changed since the last cursor (the server numbers every change).
 */
/** The progress as the browser has it: the route's JSON (dates as ISO strings). */
export type JobProgress = Wire<ServerProgress>;
export type JobSummary = Omit<JobProgress, "rows" | "cursor" | "hasMore">;
export interface JobView {
  summary: JobSummary;
  rows: PublicRow[];
  cursor: number;
}

export const jobProgressKey = (jobId: string) => ["jobs", jobId, "progress"] as const;

export function mergeProgress(previous: JobView | undefined, next: JobProgress): JobView {
  const byNo = new Map((previous?.rows ?? []).map((r) => [r.rowNo, r]));
  for (const row of next.rows) byNo.set(row.rowNo, row);
  const { rows: _rows, cursor, hasMore: _more, ...summary } = next;
  return { summary, rows: [...byNo.values()].sort((a, b) => a.rowNo - b.rowNo), cursor };
}

export function jobProgressQuery(jobId: string) {
  return queryOptions({
    queryKey: jobProgressKey(jobId),
    queryFn: async (): Promise<JobView> => {
      let view = getQueryClient().getQueryData<JobView>(jobProgressKey(jobId));
      for (let page = 0; page < 100; page++) {
        const progress = await fetchJson<JobProgress>(
          `/api/jobs/${jobId}/progress?since=${view?.cursor ?? 0}&limit=5000`,
          { cache: "no-store" },
        );
        view = mergeProgress(view, progress);
        if (!progress.hasMore) break;
      }
      return view!;
    },
    refetchInterval: (query) => (query.state.data?.summary.job.finishedAt ? false : 1_000),
    staleTime: 0,
  });
}
