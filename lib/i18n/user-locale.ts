import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { authUser } from "@/lib/db/schema";
import { isLocale, type Locale } from "./locales";

/** The language a user saved, or null when they never chose one. */
export async function savedLocale(userId: string): Promise<Locale | null> {
  const db = await getDb();
  const [row] = await db
    .select({ locale: authUser.locale })
    .from(authUser)
    .where(eq(authUser.id, userId));
  return isLocale(row?.locale) ? row.locale : null;
}

export async function saveLocale(userId: string, locale: Locale): Promise<void> {
  const db = await getDb();
  await db.update(authUser).set({ locale }).where(eq(authUser.id, userId));
}
