import { sql } from "drizzle-orm";
import { database } from "@/lib/db";

/** Liveness for load balancers and the e2e harness: answers once the database is migrated. */
export async function GET() {
  try {
    const { db, kind } = await database();
    await db.execute(sql`select 1`);
    return Response.json(
      { ok: true, database: kind },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch {
    return Response.json({ ok: false }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}

export const dynamic = "force-dynamic";
