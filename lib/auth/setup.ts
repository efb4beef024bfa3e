import "server-only";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { appMeta, authUser } from "@/lib/db/schema";
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
    await createAdmin(admin, via);
    return "created";
  } catch (error) {
    await db.delete(appMeta).where(eq(appMeta.key, CLAIM));
    throw error;
  }
}

/**
 * With password sign-in off, the break-glass admin (ADMIN_EMAIL / ADMIN_PASSWORD) must exist even
 * on an installation whose first admin came from the setup screen: it is the way in when single
 * sign-on is down. An existing account is left as it is (its password is not reset).
 */
export async function ensureBreakGlassAdmin(
  admin: FirstAdmin,
): Promise<"created" | "exists" | "not-an-active-admin"> {
  const db = await getDb();
  const [existing] = await db
    .select({ role: authUser.role, banned: authUser.banned })
    .from(authUser)
    .where(eq(authUser.email, admin.email.toLowerCase()));
  if (existing) {
    return existing.role === "admin" && !existing.banned ? "exists" : "not-an-active-admin";
  }
  await createAdmin(admin, "break-glass");
  return "created";
}

/** Creates an admin account with its password, audited as made at set-up (and how). */
async function createAdmin(
  admin: FirstAdmin,
  via: "setup-screen" | "configuration" | "break-glass",
): Promise<void> {
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
}
