import "server-only";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { admin } from "better-auth/plugins/admin";
import { createAccessControl } from "better-auth/plugins/access";
import { defaultStatements } from "better-auth/plugins/admin/access";
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
import type { Db } from "@/lib/db/open";
import { env, type AppConfig } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { log } from "@/lib/log";
import { CLIENT_IP_HEADER, clientIpIsStamped } from "@/lib/http/forwarded";
import { exposedEndpoints, exposeOnly } from "./exposed";
import { trustedOrigins } from "./origins";
import { emailSchema } from "./schemas";
import { applySsoRole, auditSsoUserCreated, isSsoCallback, SSO_PROVIDER_ID } from "./sso";
import { admitSignIn, clearAccountAttempts } from "./throttle";

const BASE_PATH = "/api/auth";

/** The email of a sign-in request as an account key: a valid address, normalised, or null. */
function typedEmail(body: unknown): string | null {
  const parsed = emailSchema.safeParse((body as { email?: unknown } | undefined)?.email);
  return parsed.success && parsed.data.length <= 254 ? parsed.data : null;
}

/**
 * Better Auth, built once per process after the database is open. Only what we use is enabled:
 * email + password (no self sign-up: admins add users), the admin plugin for roles and user
 * management, and generic OAuth for OIDC single sign-on when configured.
 */
async function buildAuth() {
  const config = env();
  const { secret } = loadOrCreateAuthSecret(config.auth.secret, config.dataDir);
  return createAuth({ db: await getDb(), config, secret });
}

/** The auth instance for a database and configuration (tests build their own). */
export function createAuth({ db, config, secret }: { db: Db; config: AppConfig; secret: string }) {
  const oidc = config.auth.oidc;
  const origins = trustedOrigins(config.auth.appUrl);
  // With password sign-in off, only the break-glass admin (ADMIN_EMAIL) may use a password.
  const breakGlass = config.auth.passwordSignIn
    ? null
    : (config.auth.initialAdmin?.email.toLowerCase() ?? null);

  // Better Auth's admin permissions belong to our admin only, and only those our audited server
  // actions use (lib/actions/*-user*.ts, set-role.ts): no impersonation, deletion or profile edits.
  const ac = createAccessControl(defaultStatements);
  const roles = {
    admin: ac.newRole({ user: ["create", "set-role", "ban", "set-password"], session: [] }),
    operator: ac.newRole({ user: [], session: [] }),
    viewer: ac.newRole({ user: [], session: [] }),
  };

  const emailOf = async (userId: string) =>
    (await db.select({ email: authUser.email }).from(authUser).where(eq(authUser.id, userId)))[0]
      ?.email ?? "(unknown)";
  const accountEmail = async (email: string) =>
    (await db.select({ email: authUser.email }).from(authUser).where(eq(authUser.email, email)))[0]
      ?.email ?? null;

  return betterAuth({
    appName: "Mailbox Console",
    baseURL: config.auth.appUrl,
    basePath: BASE_PATH,
    secret,
    trustedOrigins: origins,
    telemetry: { enabled: false },
    // A failed single sign-on (denied, stale or forged state, expired code, a token that fails
    // verification) lands on the sign-in page, which words Better Auth's `?error=` code.
    onAPIError: { errorURL: `${config.auth.appUrl}/sign-in` },
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
        // Counted by our own hook instead (atomic, per address and per account at an address).
        "/sign-in/email": false,
        "/sign-in/social": { window: 60, max: 20 },
      },
    },
    advanced: {
      useSecureCookies: config.auth.appUrl.startsWith("https://"),
      cookiePrefix: "mbc",
      // The session's and the rate limiter's client address: the header our server writes from
      // the socket (lib/http/forwarded.ts). Without that server (`next dev`) none is believable.
      ipAddress: clientIpIsStamped()
        ? { ipAddressHeaders: [CLIENT_IP_HEADER] }
        : { disableIpTracking: true },
    },
    plugins: [
      // First: everything but the endpoints our pages use answers 404 over HTTP.
      exposeOnly(exposedEndpoints({ oidc: Boolean(oidc) }), BASE_PATH),
      admin({ ac, roles, defaultRole: "viewer", adminRoles: ["admin"] }),
      ...(oidc
        ? [
            genericOAuth({
              config: [
                {
                  providerId: SSO_PROVIDER_ID,
                  discoveryUrl: `${oidc.issuer}/.well-known/openid-configuration`,
                  clientId: oidc.clientId,
                  clientSecret: oidc.clientSecret,
                  scopes: oidc.scopes,
                  authentication: oidc.clientAuth,
                  pkce: true,
                  // Never a profile from an unverified ID token: discovery must give issuer and
                  // keys, and each token's signature, iss, aud and nonce are checked.
                  requireIdTokenVerification: true,
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
            oidc && isSsoCallback(ctx) ? { data: { ...user, role: oidc.defaultRole } } : undefined,
          after: async (user, ctx) => {
            if (oidc && isSsoCallback(ctx)) await auditSsoUserCreated(user, oidc);
          },
        },
      },
      session: {
        create: {
          // Roles from the identity provider, when mapped, are set before the session exists.
          before: async (session, ctx) => {
            if (oidc && isSsoCallback(ctx)) await applySsoRole(db, oidc, session);
          },
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
          // Counted before the password is checked, atomically (lib/auth/throttle.ts).
          const admitted = await admitSignIn(db, {
            email: typedEmail(ctx.body),
            ip: clientIp(ctx.headers ?? ctx.request?.headers),
            perMinute: config.auth.signInAttemptsPerMinute,
          });
          if (admitted.ok && breakGlass !== null && typedEmail(ctx.body) !== breakGlass) {
            throw new APIError("FORBIDDEN", {
              code: "PASSWORD_SIGN_IN_OFF",
              message: "Password sign-in is off: sign in with single sign-on.",
            });
          }
          if (!admitted.ok) {
            throw new APIError(
              "TOO_MANY_REQUESTS",
              {
                message:
                  admitted.scope === "account"
                    ? "Too many sign-in attempts for this account from here. Try again later."
                    : "Too many sign-in attempts from here. Try again later.",
              },
              { "X-Retry-After": String(admitted.retryAfterSeconds) },
            );
          }
          return;
        }
        if (ctx.path === "/sign-in/social") {
          // Better Auth checks the origin here only when cookies come along; a single sign-on
          // started by a foreign page (login CSRF) is refused whatever the browser sends.
          const origin = ctx.request?.headers.get("origin");
          if (ctx.request && !(origin && origins.includes(origin))) {
            throw new APIError("FORBIDDEN", { message: "Sign-in must start on this site." });
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
        const email = typedEmail(ctx.body);
        const ip = clientIp(ctx.headers ?? ctx.request?.headers);
        if (!(returned instanceof APIError)) {
          if (email) await clearAccountAttempts(db, email, ip);
          if (breakGlass !== null && email === breakGlass) {
            // Passwords are off: this is the emergency way in, and each use is on the record.
            const user = (returned as { user?: { id: string; email: string } } | null)?.user;
            await recordAudit({
              action: "auth.break_glass_signed_in",
              actor: user ? { id: user.id, email: user.email } : null,
              target: email,
              ip,
            });
            log.warn({ email }, "break-glass admin signed in with a password");
          }
          // The session token lives in the HttpOnly cookie only: a script on the page (an XSS)
          // must not read it from the JSON. Server-side calls (no request) keep Better Auth's shape.
          if (ctx.request && returned && typeof returned === "object" && "token" in returned) {
            const { token: _token, ...rest } = returned as Record<string, unknown>;
            return ctx.json(rest);
          }
          return;
        }
        if (returned.statusCode === 429) return; // refused before any check: nothing to record
        // Never the text typed: only the address of an account that exists (else a note).
        const account = email ? await accountEmail(email) : null;
        await recordAudit({
          action: "auth.sign_in_failed",
          target: account,
          details: {
            status: returned.statusCode,
            ...(account ? {} : { account: email ? "unknown" : "invalid" }),
          },
          ip,
        });
      }),
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const holder = globalThis as typeof globalThis & { __mailboxAuth?: Promise<Auth> };

export function getAuth(): Promise<Auth> {
  holder.__mailboxAuth ??= buildAuth().catch((error: unknown) => {
    holder.__mailboxAuth = undefined;
    throw error;
  });
  return holder.__mailboxAuth;
}
