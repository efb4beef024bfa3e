import { getTranslations } from "next-intl/server";
import { withRoute } from "@/lib/auth/route";
import { jobIdParam } from "@/lib/http/search-params";
import { getDb } from "@/lib/db";
import { resultsCsv, type ResultsWords } from "@/lib/jobs/exports";

export const GET = withRoute<{ id: string }>("viewer", async (_request, _ctx, { id }) => {
  if (!jobIdParam(id)) return Response.json({ error: "No such job." }, { status: 404 });
  const csv = await resultsCsv(await getDb(), id, await wordsInLocale());
  if (csv === null) return Response.json({ error: "No such job." }, { status: 404 });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="job-${id.slice(0, 8)}-results.csv"`,
      "Cache-Control": "no-store",
    },
  });
});

/** Headers, states and reasons in the admin's locale (the file is read, not imported again). */
async function wordsInLocale(): Promise<ResultsWords> {
  const [t, tState, tFailure, tReason] = await Promise.all([
    getTranslations("resultsCsv"),
    getTranslations("rowStates"),
    getTranslations("failures"),
    getTranslations("failures.row"),
  ]);
  return {
    word: (name) => t(name),
    state: (state) => (tState.has(state as "created") ? tState(state as "created") : state),
    reason: (code) =>
      !code
        ? tFailure("none")
        : tReason.has(code as "stopped")
          ? tReason(code as "stopped")
          : tFailure("other", { code }),
  };
}
