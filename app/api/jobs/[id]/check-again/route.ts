import { recordAudit } from "@/lib/audit/record";
import { withRoute } from "@/lib/auth/route";
import { getDb } from "@/lib/db";
import { jobIdParam } from "@/lib/http/search-params";
import { checkAgain } from "@/lib/jobs/check-again";
import { wakeJobRunner } from "@/lib/jobs/service";

/** Reads a finished job's unconfirmed rows once more; sends nothing. */
export const POST = withRoute<{ id: string }>("operator", async (_request, ctx, { id }) => {
  if (!jobIdParam(id)) return Response.json({ error: "No such job." }, { status: 404 });
  const result = await checkAgain(await getDb(), id);
  if (!result.ok) return Response.json({ error: result.error }, { status: result.status });
  wakeJobRunner();
  await recordAudit({
    action: "job.checked_again",
    actor: ctx.user,
    target: id,
    details: { rows: result.rows },
    ip: ctx.ip,
  });
  return Response.json({ rows: result.rows });
});
