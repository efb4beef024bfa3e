import "server-only";
import { and, asc, count, eq, ne, or, isNull } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { authUser } from "@/lib/db/schema";
import type { Role } from "./roles";

export interface UserRow {
  id: string;
  name: string;
  email: string;
  role: string | null;
  disabled: boolean;
  createdAt: Date;
}

const userColumns = {
  id: authUser.id,
  name: authUser.name,
  email: authUser.email,
  role: authUser.role,
  banned: authUser.banned,
  createdAt: authUser.createdAt,
};

const toRow = ({
  banned,
  ...row
}: { banned: boolean | null } & Omit<UserRow, "disabled">): UserRow => ({
  ...row,
  disabled: banned === true,
});

export async function listUsers(): Promise<UserRow[]> {
  const db = await getDb();
  const rows = await db.select(userColumns).from(authUser).orderBy(asc(authUser.createdAt));
  return rows.map(toRow);
}

export async function findUser(id: string): Promise<UserRow | null> {
  const db = await getDb();
  const [row] = await db.select(userColumns).from(authUser).where(eq(authUser.id, id));
  return row ? toRow(row) : null;
}

/** Admins who can still sign in, other than `exceptId`: the console must never lose its last. */
export async function otherActiveAdmins(exceptId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(authUser)
    .where(
      and(
        eq(authUser.role, "admin" satisfies Role),
        ne(authUser.id, exceptId),
        or(isNull(authUser.banned), eq(authUser.banned, false)),
      ),
    );
  return row?.n ?? 0;
}
