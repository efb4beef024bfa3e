import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadConfig } from "@/lib/config/resolve";
import { auditEvents, authAccount, authUser } from "@/lib/db/schema";
import { useAsAppDatabase } from "@/lib/testing/app-database";
import { openTestDatabase } from "@/lib/testing/test-database";
import { applySsoRole, SSO_PROVIDER_ID } from "./sso";

vi.hoisted(() => {
  process.env.AUTH_SECRET ??= "test-auth-secret-0123456789abcdef0123";
  process.env.ENCRYPTION_KEY ??= "00".repeat(32);
  process.env.LOG_LEVEL ??= "silent";
});

const sso = {
  OIDC_ISSUER: "https://id.example.test",
  OIDC_CLIENT_ID: "console",
  OIDC_CLIENT_SECRET: "client-secret",
};
const mapped = loadConfig({
  ...sso,
  OIDC_ROLE_CLAIM: "groups",
  OIDC_ADMIN_VALUES: "console-admins",
  OIDC_OPERATOR_VALUES: "mail-operators",
}).auth.oidc!;

/** An unsigned token is enough here: Better Auth has verified the real one before this runs. */
const idToken = (claims: Record<string, unknown>) =>
  `e30.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.sig`;

/**
 * Roles from the identity provider at each sign-in, on the database: what the role becomes, and
 * what the audit trail says about who got it and from where (e2e/sso.spec.ts drives the flow).
 */
describe("roles from single sign-on", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let restore: () => void;

  beforeAll(async () => {
    database = await openTestDatabase();
    restore = useAsAppDatabase(database);
  });
  afterAll(async () => {
    restore?.();
    await database?.close();
  });

  async function person(id: string, role: string, claims: Record<string, unknown>) {
    await database.db
      .insert(authUser)
      .values({ id, name: id, email: `${id}@example.test`, emailVerified: true, role });
    await database.db.insert(authAccount).values({
      id: `acc-${id}`,
      accountId: id,
      providerId: SSO_PROVIDER_ID,
      userId: id,
      idToken: idToken({ sub: id, ...claims }),
    });
  }
  const roleOf = async (id: string) =>
    (await database.db.select().from(authUser).where(eq(authUser.id, id)))[0]?.role;
  const changes = (id: string) =>
    database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "user.role_changed"),
          eq(auditEvents.target, `${id}@example.test`),
        ),
      );

  it("promotes by the claim and records the claim, the values and the issuer", async () => {
    await person("gina", "viewer", { groups: ["staff", "console-admins"] });
    await applySsoRole(database.db, mapped, { userId: "gina", ipAddress: "192.0.2.5" });
    expect(await roleOf("gina")).toBe("admin");
    const [event] = await changes("gina");
    expect(event).toMatchObject({
      actorEmail: "gina@example.test",
      ip: "192.0.2.5",
      details: {
        from: "viewer",
        to: "admin",
        via: "single-sign-on",
        issuer: "https://id.example.test",
        claim: "groups",
        values: ["console-admins"],
      },
    });
  });

  it("demotes to the default when the provider no longer lists the group", async () => {
    await person("omar", "admin", { groups: ["staff"] });
    await applySsoRole(database.db, mapped, { userId: "omar" });
    expect(await roleOf("omar")).toBe("viewer");
    expect((await changes("omar"))[0]?.details).toMatchObject({
      from: "admin",
      to: "viewer",
      matched: "none: default",
    });
  });

  it("writes nothing when the role stands, or when no mapping is configured", async () => {
    await person("olive", "operator", { groups: ["mail-operators"] });
    await applySsoRole(database.db, mapped, { userId: "olive" });
    await person("adam", "admin", { groups: [] });
    await applySsoRole(database.db, loadConfig(sso).auth.oidc!, { userId: "adam" });
    expect([await roleOf("olive"), await roleOf("adam")]).toEqual(["operator", "admin"]);
    expect([...(await changes("olive")), ...(await changes("adam"))]).toEqual([]);
  });
});
