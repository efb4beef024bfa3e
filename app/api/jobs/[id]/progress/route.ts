import { z } from "zod";
import { withRoute } from "@/lib/auth/route";
import { jobIdParam } from "@/lib/http/search-params";
import { getDb } from "@/lib/db";
import { jobProgress } from "@/lib/jobs/progress";

const query = z.object({
  since: z.coerce.number().int().min(0).catch(0),
  limit: z.coerce.number().int().min(1).max(10_000).catch(2_000),
});

/** Polled by the job page (React Query): counts, ETA and the rows changed since `since`. */
export const GET = withRoute<{ id: string }>("viewer", async (request, _ctx, { id }) => {
  if (!jobIdParam(id)) return Response.json({ error: "No such job." }, { status: 404 });
  const { since, limit } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const progress = await jobProgress(await getDb(), id, since, limit);
  if (!progress) return Response.json({ error: "No such job." }, { status: 404 });
  return Response.json(progress, { headers: { "Cache-Control": "no-store" } });
});
