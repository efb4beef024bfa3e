import { z } from "zod";
import { withRoute } from "@/lib/auth/route";
import { getDb } from "@/lib/db";
import { jobIdParam } from "@/lib/http/search-params";
import { takeCredentials } from "@/lib/jobs/exports";
import { encryptionKey } from "@/lib/jobs/service";

const body = z.object({ reason: z.string().max(2_000).optional() }).catch({});

// POST, not GET: taking the credentials purges them, and a GET may be prefetched or replayed.
// The submitter takes them; an admin may, with a reason (JSON `{ "reason": "…" }`), audited.
export const POST = withRoute<{ id: string }>("operator", async (request, ctx, { id }) => {
  if (!jobIdParam(id)) return Response.json({ error: "No such job." }, { status: 404 });
  const { reason } = body.parse(await request.json().catch(() => ({})));
  const result = await takeCredentials(
    await getDb(),
    encryptionKey(),
    id,
    ctx.user,
    { reason },
    ctx.ip,
  );
  if (!result.ok) return Response.json({ error: result.error }, { status: result.status });
  return new Response(result.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="job-${id.slice(0, 8)}-credentials.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
