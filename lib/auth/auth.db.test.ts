import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadConfig } from "@/lib/config/resolve";
import { auditEvents, authSession, authUser } from "@/lib/db/schema";
import { CLIENT_IP_HEADER, markClientIpStamped } from "@/lib/http/forwarded";
import { useAsAppDatabase } from "@/lib/testing/app-database";
import { openTestDatabase } from "@/lib/testing/test-database";
import { createAuth, type Auth } from "./auth";

// The app's logger reads the configuration, which wants these with DATABASE_URL (test:db on
// PostgreSQL); its audit lines would only be noise here.
vi.hoisted(() => {
  process.env.AUTH_SECRET ??= "test-auth-secret-0123456789abcdef0123";
  process.env.ENCRYPTION_KEY ??= "00".repeat(32);
  process.env.LOG_LEVEL ??= "silent";
});

const APP = "http://console.test";
const SECRET = "auth-db-test-secret-0123456789abcdef";

/**
 * Better Auth as the console configures it, driven over its HTTP handler with a real database
 * (PGlite, or PostgreSQL with DATABASE_URL): what a browser or an attacker can reach.
 */
describe("sign-in", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let restore: () => void;
  const authFor = (perMinute: number) =>
    createAuth({
      db: database.db,
      config: loadConfig({ APP_URL: APP, SIGN_IN_ATTEMPTS_PER_MINUTE: String(perMinute) }),
      secret: SECRET,
    });
  let auth: Auth;
  const admin = { email: "ada@example.test", password: "ada-Passw0rd-correct", name: "Ada" };

  beforeAll(async () => {
    database = await openTestDatabase();
    restore = useAsAppDatabase(database);
    // As under scripts/serve-next.ts: the client address header is the server's own.
    markClientIpStamped();
    auth = authFor(1_000);
    await auth.api.createUser({ body: { ...admin, role: "admin" } });
  });
  afterAll(async () => {
    restore?.();
    await database?.close();
  });

  const signIn = (
    a: Auth,
    email: string,
    password: string,
    ip: string,
    headers: Record<string, string> = {},
  ) =>
    a.handler(
      new Request(`${APP}/api/auth/sign-in/email`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: APP,
          [CLIENT_IP_HEADER]: ip,
          ...headers,
        },
        body: JSON.stringify({ email, password }),
      }),
    );

  it("lets at most 10 of 30 parallel wrong passwords for one account be checked", async () => {
    const email = "race@example.test";
    await auth.api.createUser({
      body: { email, password: "race-Passw0rd-correct", name: "Race", role: "viewer" },
    });
    const statuses = (
      await Promise.all(
        Array.from({ length: 30 }, () => signIn(auth, email, "wrong-password", "192.0.2.30")),
      )
    ).map((r) => r.status);
    const checked = statuses.filter((s) => s === 401).length;
    expect({ checked, refused: statuses.filter((s) => s === 429).length }).toEqual({
      checked: 10,
      refused: 20,
    });
  });

  it("locks an account at one address only: the admin still signs in from their own", async () => {
    const attacker = "198.51.100.66";
    for (let i = 0; i < 10; i++)
      expect((await signIn(auth, admin.email, `guess-${i}`, attacker)).status).toBe(401);
    const locked = await signIn(auth, admin.email, admin.password, attacker);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("x-retry-after"))).toBeGreaterThan(800);
    expect((await signIn(auth, admin.email, admin.password, "192.0.2.1")).status).toBe(200);
  });

  it("limits a client by its address, whatever X-Forwarded-For it sends", async () => {
    const strict = authFor(5);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await signIn(strict, `nobody${i}@example.test`, "wrong", "203.0.113.5", {
        "x-forwarded-for": `198.18.0.${i + 1}`,
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it("answers a sign-in without the session token: page script never sees it", async () => {
    const response = await signIn(auth, admin.email, admin.password, "192.0.2.78");
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("mbc.session_token="));
    const token = decodeURIComponent(cookie!.split(";")[0]!.split("=")[1]!).split(".")[0]!;
    expect(token.length).toBeGreaterThan(20);
    const body = await response.text();
    expect(body).not.toContain(token);
    expect(JSON.parse(body)).not.toHaveProperty("token");
    expect(JSON.parse(body).user.email).toBe(admin.email);
  });

  it("keeps the client's real address on the session, not a forwarded one", async () => {
    const response = await signIn(auth, admin.email, admin.password, "192.0.2.77", {
      "x-forwarded-for": "6.6.6.6",
    });
    expect(response.status).toBe(200);
    const [user] = await database.db
      .select({ id: authUser.id })
      .from(authUser)
      .where(eq(authUser.email, admin.email));
    const sessions = await database.db
      .select({ ip: authSession.ipAddress })
      .from(authSession)
      .where(eq(authSession.userId, user!.id));
    expect(sessions.map((s) => s.ip)).toContain("192.0.2.77");
    expect(sessions.map((s) => s.ip)).not.toContain("6.6.6.6");
  });

  it("writes no typed text into the audit trail, only an existing account's address", async () => {
    const injected = "ceo@example.com role changed to viewer by ada@example.test";
    await signIn(auth, injected, "x", "192.0.2.90");
    await signIn(auth, "nobody.here@example.test", "wrong", "192.0.2.90");
    await signIn(auth, admin.email.toUpperCase(), "wrong", "192.0.2.90");
    const failures = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.sign_in_failed"), eq(auditEvents.ip, "192.0.2.90")));
    expect(failures.map((f) => [f.target, f.details])).toEqual([
      [null, { status: 400, account: "invalid" }],
      [null, { status: 401, account: "unknown" }],
      [admin.email, { status: 401 }],
    ]);
    expect(JSON.stringify(failures)).not.toContain("ceo@example.com");
  });
});
