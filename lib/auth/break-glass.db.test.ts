import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadConfig } from "@/lib/config/resolve";
import { auditEvents } from "@/lib/db/schema";
import { CLIENT_IP_HEADER, markClientIpStamped } from "@/lib/http/forwarded";
import { useAsAppDatabase } from "@/lib/testing/app-database";
import { openTestDatabase } from "@/lib/testing/test-database";
import { createAuth, type Auth } from "./auth";

vi.hoisted(() => {
  process.env.AUTH_SECRET ??= "test-auth-secret-0123456789abcdef0123";
  process.env.ENCRYPTION_KEY ??= "00".repeat(32);
  process.env.LOG_LEVEL ??= "silent";
});

const APP = "http://console.test";
const breakGlass = { email: "root@example.test", password: "break-glass-Passw0rd-1", name: "Root" };
const person = { email: "pat@example.test", password: "pat-Passw0rd-correct", name: "Pat" };

/**
 * AUTH_PASSWORD_SIGNIN=false: single sign-on only, but the break-glass admin (ADMIN_EMAIL) still
 * signs in by password, and every such sign-in is audited. Driven over Better Auth's handler.
 */
describe("password sign-in switched off", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let restore: () => void;
  let auth: Auth;

  beforeAll(async () => {
    database = await openTestDatabase();
    restore = useAsAppDatabase(database);
    markClientIpStamped();
    const config = loadConfig({
      APP_URL: APP,
      SIGN_IN_ATTEMPTS_PER_MINUTE: "1000",
      AUTH_PASSWORD_SIGNIN: "false",
      ADMIN_EMAIL: breakGlass.email,
      ADMIN_PASSWORD: breakGlass.password,
      // Nothing answers here: the SSO provider is skipped, which password sign-in never needs.
      OIDC_ISSUER: "http://127.0.0.1:9",
      OIDC_CLIENT_ID: "console",
      OIDC_CLIENT_SECRET: "client-secret",
    });
    auth = createAuth({ db: database.db, config, secret: "break-glass-test-secret-0123456789ab" });
    await auth.api.createUser({ body: { ...breakGlass, role: "admin" } });
    await auth.api.createUser({ body: { ...person, role: "operator" } });
  });
  afterAll(async () => {
    restore?.();
    await database?.close();
  });

  const signIn = (email: string, password: string, ip: string) =>
    auth.handler(
      new Request(`${APP}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: APP, [CLIENT_IP_HEADER]: ip },
        body: JSON.stringify({ email, password }),
      }),
    );
  const events = (action: string, ip: string) =>
    database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), eq(auditEvents.ip, ip)));

  it("refuses everyone else's password, even the right one, and makes no session", async () => {
    const response = await signIn(person.email, person.password, "192.0.2.10");
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: "PASSWORD_SIGN_IN_OFF" });
    expect(response.headers.getSetCookie().join()).not.toContain("session_token");
    expect(await events("auth.signed_in", "192.0.2.10")).toEqual([]);
  });

  it("lets the break-glass admin in by password, and audits each time", async () => {
    for (const email of [breakGlass.email, breakGlass.email.toUpperCase()]) {
      expect((await signIn(email, breakGlass.password, "192.0.2.11")).status).toBe(200);
    }
    const uses = await events("auth.break_glass_signed_in", "192.0.2.11");
    expect(uses.map((e) => [e.actorEmail, e.target])).toEqual([
      [breakGlass.email, breakGlass.email],
      [breakGlass.email, breakGlass.email],
    ]);
  });

  it("still checks the break-glass password and audits the failure", async () => {
    expect((await signIn(breakGlass.email, "not-the-password", "192.0.2.12")).status).toBe(401);
    expect(await events("auth.break_glass_signed_in", "192.0.2.12")).toEqual([]);
    expect((await events("auth.sign_in_failed", "192.0.2.12")).map((e) => e.target)).toEqual([
      breakGlass.email,
    ]);
  });
});
