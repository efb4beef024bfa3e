import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "@/lib/db/schema";
import { dbMessage, openTestDatabase } from "@/lib/testing/test-database";

describe("the audit trail", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it("takes new events and refuses to change or delete them", async () => {
    const { db } = database;
    const [event] = await db
      .insert(auditEvents)
      .values({
        action: "user.created",
        actorEmail: "ada@example.test",
        target: "otto@example.test",
        details: { role: "operator" },
      })
      .returning();
    expect(event?.id).toBeGreaterThan(0);
    expect(event?.at).toBeInstanceOf(Date);

    const refused = async (attempt: Promise<unknown>) =>
      expect(
        dbMessage(
          await attempt.then(
            () => null,
            (e: unknown) => e,
          ),
        ),
      ).toMatch(/append-only/);
    await refused(
      db.update(auditEvents).set({ target: "someone-else" }).where(eq(auditEvents.id, event!.id)),
    );
    await refused(db.delete(auditEvents).where(eq(auditEvents.id, event!.id)));
    await refused(db.execute(sql`truncate audit_event`));

    const [still] = await db.select().from(auditEvents).where(eq(auditEvents.id, event!.id));
    expect(still?.target).toBe("otto@example.test");
    expect(still?.details).toEqual({ role: "operator" });
  });
});
