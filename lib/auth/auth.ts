import "server-only";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { admin } from "better-auth/plugins/admin";
import { createAccessControl } from "better-auth/plugins/access";
import { adminAc, defaultStatements } from "better-auth/plugins/admin/access";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record";
import { loadOrCreateAuthSecret } from "@/lib/crypto/key-file";
import { getDb } from "@/lib/db";
import {
  authAccount,
  authRateLimit,
  authSession,
  authUser,
  authVerification,
} from "@/lib/db/schema";
import { env } from "@/lib/env";
import { trustedOrigins } from "./origins";
import { ACCOUNT_FAILURE_LIMIT, ACCOUNT_FAILURE_WINDOW_MS, recentFailures } from "./throttle";

/**
 * Better Auth, built once per process after the database is open. Only what we use is enabled:
 * email + password (no self sign-up: admins add users), the admin plugin for roles and user
 * management, and generic OAuth for OIDC single sign-on when configured.
 */
async function buildAuth() {
  const config = env();
  const db = await getDb();
  const { secret } = loadOrCreateAuthSecret(config.auth.secret, config.dataDir);
  const oidc = config.auth.oidc;

  // Better Auth's admin permissions (manage users) belong to our admin only.
  const ac = createAccessControl(defaultStatements);
  const roles = {
    admin: ac.newRole(adminAc.statements),
    operator: ac.newRole({ user: [], session: [] }),
    viewer: ac.newRole({ user: [], session: [] }),
  };

  const emailOf = async (userId: string) =>
    (await db.select({ email: authUser.email }).from(authUser).where(eq(authUser.id, userId)))[0]
      ?.email ?? "(unknown)";

  return betterAuth({
    appName: "Mailbox Console",
    baseURL: config.auth.appUrl,
    basePath: "/api/auth",
    secret,
    trustedOrigins: trustedOrigins(config.auth.appUrl),
    telemetry: { enabled: false },
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: {
        user: authUser,
        session: authSession,
        account: authAccount,
        verification: authVerification,
        rateLimit: authRateLimit,
      },
    }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: 12,
      maxPasswordLength: 128,
    },
    session: {
      expiresIn: 60 * 60 * 12,
      updateAge: 60 * 60,
      // Read the session row on every request, so a role change or a disabled user counts at once.
      cookieCache: { enabled: false },
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 120,
      customRules: {
        "/sign-in/email": { window: 60, max: config.auth.signInAttemptsPerMinute },
        "/sign-in/oauth2": { window: 60, max: 20 },
      },
    },
    advanced: {
      useSecureCookies: config.auth.appUrl.startsWith("https://"),
      cookiePrefix: "mbc",
    },
    plugins: [
      admin({ ac, roles, defaultRole: "viewer", adminRoles: ["admin"] }),
      ...(oidc
        ? [
            genericOAuth({
              config: [
                {
                  providerId: "oidc",
                  discoveryUrl: `${oidc.issuer}/.well-known/openid-configuration`,
                  clientId: oidc.clientId,
                  clientSecret: oidc.clientSecret,
                  scopes: ["openid", "email", "profile"],
                  pkce: true,
                },
              ],
            }),
          ]
        : []),
    ],
    databaseHooks: {
      user: {
        create: {
          // People who arrive through single sign-on start with the configured role.
          before: async (user, ctx) =>
            oidc && ctx?.path?.includes("oauth2")
              ? { data: { ...user, role: oidc.defaultRole } }
              : undefined,
        },
      },
      session: {
        create: {
          after: async (session) => {
            await recordAudit({
              action: "auth.signed_in",
              actor: { id: session.userId, email: await emailOf(session.userId) },
              ip: session.ipAddress ?? null,
            });
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === "/sign-in/email") {
          const email = (ctx.body as { email?: unknown } | undefined)?.email;
          if (
            typeof email === "string" &&
            (await recentFailures(email.trim().toLowerCase())) >= ACCOUNT_FAILURE_LIMIT
          ) {
            throw new APIError(
              "TOO_MANY_REQUESTS",
              { message: "Too many failed sign-ins for this account. Try again later." },
              { "X-Retry-After": String(ACCOUNT_FAILURE_WINDOW_MS / 1000) },
            );
          }
          return;
        }
        if (ctx.path !== "/sign-out") return;
        const session = await getSessionFromCtx(ctx).catch(() => null);
        if (session) {
          await recordAudit({
            action: "auth.signed_out",
            actor: { id: session.user.id, email: session.user.email },
          });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const returned = ctx.context.returned;
        if (returned instanceof APIError) {
          const email = (ctx.body as { email?: unknown } | undefined)?.email;
          await recordAudit({
            action: "auth.sign_in_failed",
            // The address typed, never the password.
            target: typeof email === "string" ? email.trim().toLowerCase().slice(0, 200) : null,
            details: { status: returned.statusCode },
          });
        }
      }),
    },
  });
}

export type Auth = Awaited<ReturnType<typeof buildAuth>>;

const holder = globalThis as typeof globalThis & { __mailboxAuth?: Promise<Auth> };

export function getAuth(): Promise<Auth> {
  holder.__mailboxAuth ??= buildAuth().catch((error: unknown) => {
    holder.__mailboxAuth = undefined;
    throw error;
  });
  return holder.__mailboxAuth;
}
