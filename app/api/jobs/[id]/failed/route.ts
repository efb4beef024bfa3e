import { withRoute } from "@/lib/auth/route";
import { jobIdParam } from "@/lib/http/search-params";
import { getDb } from "@/lib/db";
import { failedRowsCsv } from "@/lib/jobs/exports";
import { failedWordsInLocale } from "@/lib/jobs/export-words";

export const GET = withRoute<{ id: string }>("viewer", async (_request, _ctx, { id }) => {
  if (!jobIdParam(id)) return Response.json({ error: "No such job." }, { status: 404 });
  const csv = await failedRowsCsv(await getDb(), id, await failedWordsInLocale());
  if (csv === null) return Response.json({ error: "No such job." }, { status: 404 });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="job-${id.slice(0, 8)}-failed-rows.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
