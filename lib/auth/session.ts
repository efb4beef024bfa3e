import "server-only";
import { sql } from "drizzle-orm";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { getAuth } from "./auth";
import { hasRole, type Role } from "./roles";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** The signed-in user of this request, read from the session row (once per request). */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: await headers() });
  if (!session || session.user.banned) return null;
  const role = session.user.role;
  if (!hasRole(role, "viewer")) return null;
  return {
    id: session.user.id,
    email: session.user.email,
    name: session.user.name,
    role: role as Role,
  };
});

let setupDone = false;

/** Whether any user exists; once true it stays true for this process. */
export async function hasAnyUser(): Promise<boolean> {
  if (setupDone) return true;
  const db = await getDb();
  const result = (await db.execute(sql`select exists(select 1 from auth_user) as "exists"`)) as {
    rows: { exists: boolean }[];
  };
  setupDone = result.rows[0]?.exists === true;
  return setupDone;
}

/** True until the first admin exists; then every page but /setup refuses. Per request. */
export async function needsSetup(): Promise<boolean> {
  // Never at build time: a prerendered answer would be wrong for every visitor.
  await connection();
  return !(await hasAnyUser());
}

/**
 * For pages and layouts: the user, or a redirect to setup / sign-in, or the forbidden page.
 * Each page calls it itself: a layout's check does not run on every navigation.
 */
export async function requireUser(role: Role = "viewer"): Promise<SessionUser> {
  if (await needsSetup()) redirect("/setup");
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  if (!hasRole(user.role, role)) forbidden();
  return user;
}
