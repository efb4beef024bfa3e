import "server-only";
import { jobEvents } from "@/lib/db/schema";
import type { Db } from "@/lib/db/open";

// A job's history (append-only, by trigger): what happened, to which row, when.

export async function addEvent(
  db: Db,
  jobId: string,
  kind: string,
  runner?: string | null,
  detail?: Record<string, unknown>,
  rowNo?: number,
) {
  await db
    .insert(jobEvents)
    .values({ jobId, kind, runner: runner ?? null, detail: detail ?? null, rowNo: rowNo ?? null });
}
