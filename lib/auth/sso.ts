import "server-only";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record";
import type { AppConfig } from "@/lib/config/resolve";
import { authAccount, authUser } from "@/lib/db/schema";
import type { Db } from "@/lib/db/open";
import type { Role } from "./roles";
import { roleFromClaims } from "./sso-roles";

/** Better Auth's id for our one generic OAuth provider (the callback is /callback/oidc). */
export const SSO_PROVIDER_ID = "oidc";

type Oidc = NonNullable<AppConfig["auth"]["oidc"]>;

/** Whether a Better Auth endpoint context is the single sign-on callback. */
export const isSsoCallback = (ctx: { path?: string } | null | undefined) =>
  Boolean(ctx?.path?.startsWith("/callback/"));

/** The payload of an ID token Better Auth has already verified (signature, iss, aud, nonce). */
function claimsOf(idToken: string | null | undefined): Record<string, unknown> {
  const payload = idToken?.split(".")[1];
  if (!payload) return {};
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return claims && typeof claims === "object" ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** First sign-in through single sign-on: the account is created with the default role. */
export async function auditSsoUserCreated(
  user: { id: string; email: string; role?: string | null },
  oidc: Oidc,
) {
  await recordAudit({
    action: "user.created",
    actor: { id: user.id, email: user.email },
    target: user.email,
    details: { via: "single-sign-on", issuer: oidc.issuer, role: user.role ?? oidc.defaultRole },
  });
}

/**
 * At every single sign-on, before its session is made: with a role claim configured, the
 * identity provider decides the role (its ID token, just verified and stored on the account).
 * A change is written and audited with the claim and values it came from; without a mapping the
 * role stays as it is (the default at first, then whatever an admin set).
 */
export async function applySsoRole(
  db: Db,
  oidc: Oidc,
  session: { userId: string; ipAddress?: string | null },
) {
  if (!oidc.roleMapping) return;
  const [row] = await db
    .select({
      email: authUser.email,
      role: authUser.role,
      banned: authUser.banned,
      idToken: authAccount.idToken,
    })
    .from(authUser)
    .innerJoin(
      authAccount,
      and(eq(authAccount.userId, authUser.id), eq(authAccount.providerId, SSO_PROVIDER_ID)),
    )
    .where(eq(authUser.id, session.userId));
  if (!row || row.banned) return; // a disabled user gets no session (the admin plugin refuses)
  const decision = roleFromClaims(claimsOf(row.idToken), oidc.roleMapping, oidc.defaultRole);
  if (row.role === decision.role) return;
  await db
    .update(authUser)
    .set({ role: decision.role satisfies Role, updatedAt: new Date() })
    .where(eq(authUser.id, session.userId));
  await recordAudit({
    action: "user.role_changed",
    actor: { id: session.userId, email: row.email },
    target: row.email,
    details: {
      from: row.role,
      to: decision.role,
      via: "single-sign-on",
      issuer: oidc.issuer,
      claim: oidc.roleMapping.claim,
      ...(decision.from === "claim" ? { values: decision.values } : { matched: "none: default" }),
    },
    ip: session.ipAddress ?? null,
  });
}
