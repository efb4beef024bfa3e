import { withRoute } from "@/lib/auth/route";
import { jobIdParam } from "@/lib/http/search-params";
import { getDb } from "@/lib/db";
import { takeCredentials } from "@/lib/jobs/exports";
import { encryptionKey } from "@/lib/jobs/service";

// POST, not GET: taking the credentials purges them, and a GET may be prefetched or replayed.
export const POST = withRoute<{ id: string }>("operator", async (_request, ctx, { id }) => {
  if (!jobIdParam(id)) return Response.json({ error: "No such job." }, { status: 404 });
  const result = await takeCredentials(await getDb(), encryptionKey(), id, ctx.user, ctx.ip);
  if (!result.ok) return Response.json({ error: result.error }, { status: result.status });
  return new Response(result.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="job-${id.slice(0, 8)}-credentials.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
