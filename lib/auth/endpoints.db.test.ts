import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadConfig } from "@/lib/config/resolve";
import { authUser } from "@/lib/db/schema";
import { CLIENT_IP_HEADER, markClientIpStamped } from "@/lib/http/forwarded";
import { useAsAppDatabase } from "@/lib/testing/app-database";
import { openTestDatabase } from "@/lib/testing/test-database";
import { createAuth, type Auth } from "./auth";
import { exposedEndpoints } from "./exposed";

// The app's logger reads the configuration, which wants these with DATABASE_URL (test:db on
// PostgreSQL); its audit lines would only be noise here.
vi.hoisted(() => {
  process.env.AUTH_SECRET ??= "test-auth-secret-0123456789abcdef0123";
  process.env.ENCRYPTION_KEY ??= "00".repeat(32);
  process.env.LOG_LEVEL ??= "silent";
});

const APP = "http://console.test";

/**
 * Every endpoint Better Auth has, called over HTTP as each role: only the ones the console's own
 * pages use answer; user management happens in our audited server actions only.
 */
describe("Better Auth over HTTP", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let restore: () => void;
  let auth: Auth;
  const cookies: Record<string, string> = { stranger: "" };
  const users = {
    admin: { email: "ada@example.test", password: "ada-Passw0rd-correct", name: "Ada" },
    operator: { email: "otto@example.test", password: "otto-Passw0rd-correct", name: "Otto" },
    viewer: { email: "vera@example.test", password: "vera-Passw0rd-correct", name: "Vera" },
  } as const;

  const call = (method: string, path: string, cookie: string, body?: unknown, ip = "192.0.2.5") =>
    auth.handler(
      new Request(`${APP}/api/auth${path}`, {
        method,
        headers: {
          origin: APP,
          cookie,
          [CLIENT_IP_HEADER]: ip,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );

  beforeAll(async () => {
    database = await openTestDatabase();
    restore = useAsAppDatabase(database);
    markClientIpStamped();
    auth = createAuth({
      db: database.db,
      config: loadConfig({ APP_URL: APP, SIGN_IN_ATTEMPTS_PER_MINUTE: "1000" }),
      secret: "endpoints-db-test-secret-0123456789",
    });
    for (const [role, user] of Object.entries(users)) {
      await auth.api.createUser({ body: { ...user, role: role as "admin" } });
      const signedIn = await call("POST", "/sign-in/email", "", user);
      expect(signedIn.status, role).toBe(200);
      cookies[role] = signedIn.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
    }
  });
  afterAll(async () => {
    restore?.();
    await database?.close();
  });

  const allowed = exposedEndpoints({ oidc: false });
  const endpoints = () =>
    Object.values(auth.api as Record<string, { path?: string; options?: { method?: unknown } }>)
      .filter((e) => typeof e.path === "string")
      .flatMap((e) => {
        const methods = [e.options?.method ?? "GET"].flat().filter((m) => m !== "*") as string[];
        return methods.map((method) => ({ method, path: e.path!.replace(/:\w+/g, "x") }));
      });

  it("answers only the endpoints the console's pages use, for every role", async () => {
    const victim = (
      await database.db.select().from(authUser).where(eq(authUser.email, users.operator.email))
    )[0]!;
    const body = {
      userId: victim.id,
      role: "admin",
      newPassword: "intruder-Passw0rd-1",
      name: "x".repeat(50_000),
      image: "javascript:alert(1)",
      email: "intruder@example.test",
      password: "intruder-Passw0rd-1",
    };
    const answered: string[] = [];
    for (const { method, path } of endpoints()) {
      const isAllowed = allowed.some((a) => a.method === method && a.path === path);
      if (path === "/sign-out" || path === "/sign-in/email") continue; // below
      for (const [i, [role, cookie]] of Object.entries(cookies).entries()) {
        // One address per role: Better Auth's stricter limits on some paths answer 429 first.
        const ip = `192.0.2.${10 + i}`;
        const response = await call(method, path, cookie, method === "GET" ? undefined : body, ip);
        if (response.status !== 404)
          answered.push(`${role} ${method} ${path} → ${response.status}`);
        expect(isAllowed, `${method} ${path}`).toBe(false);
      }
    }
    expect(answered).toEqual([]);
    // Nothing changed: the operator is still an operator with their name and password.
    const after = (await database.db.select().from(authUser).where(eq(authUser.id, victim.id)))[0]!;
    expect({ role: after.role, name: after.name, image: after.image }).toEqual({
      role: "operator",
      name: "Otto",
      image: null,
    });
    expect((await call("POST", "/sign-in/email", "", users.operator)).status).toBe(200);
  });

  it("exposes sign-in and sign-out, and nothing else without single sign-on", () => {
    expect(allowed).toEqual([
      { method: "POST", path: "/sign-in/email" },
      { method: "POST", path: "/sign-out" },
    ]);
    expect(exposedEndpoints({ oidc: true })).toEqual([
      { method: "POST", path: "/sign-in/email" },
      { method: "POST", path: "/sign-out" },
      { method: "POST", path: "/sign-in/social" },
      { method: "GET", path: "/callback/oidc" },
      { method: "POST", path: "/callback/oidc" },
    ]);
  });

  it("grants admins no impersonation, not even on the server", async () => {
    const admin = (
      await database.db.select().from(authUser).where(eq(authUser.email, users.admin.email))
    )[0]!;
    const victim = (
      await database.db.select().from(authUser).where(eq(authUser.email, users.viewer.email))
    )[0]!;
    const refused = await auth.api
      .impersonateUser({
        body: { userId: victim.id },
        headers: new Headers({ cookie: cookies.admin!, origin: APP }),
      })
      .then(
        () => null,
        (error: { statusCode?: number; message?: string }) => error,
      );
    expect(refused).toMatchObject({ statusCode: 403, message: expect.stringMatching(/imperson/i) });
    expect(admin.role).toBe("admin");
  });
});
