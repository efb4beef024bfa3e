import "server-only";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { appMeta } from "@/lib/db/schema";
import { getAuth } from "./auth";
import { hasAnyUser } from "./session";

export interface FirstAdmin {
  name: string;
  email: string;
  password: string;
}

const CLAIM = "setup_claimed_at";

/**
 * Creates the first admin, once. Two people submitting the setup form at the same moment race for
 * one claim row; the loser is told setup is done. A failed creation releases the claim.
 */
export async function createFirstAdmin(
  admin: FirstAdmin,
  via: "setup-screen" | "configuration",
): Promise<"created" | "already-done"> {
  if (await hasAnyUser()) return "already-done";
  const db = await getDb();
  const claimed = await db
    .insert(appMeta)
    .values({ key: CLAIM, value: new Date().toISOString() })
    .onConflictDoNothing()
    .returning({ key: appMeta.key });
  if (claimed.length === 0) return "already-done";
  try {
    const auth = await getAuth();
    const { user } = await auth.api.createUser({
      body: { name: admin.name, email: admin.email, password: admin.password, role: "admin" },
    });
    await recordAudit({
      action: "setup.admin_created",
      actor: { id: user.id, email: user.email },
      target: user.email,
      details: { via },
    });
    return "created";
  } catch (error) {
    await db.delete(appMeta).where(eq(appMeta.key, CLAIM));
    throw error;
  }
}
