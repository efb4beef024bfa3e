import { randomBytes, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seal } from "@/lib/crypto/secret-box";
import { auditEvents, jobRows, jobs } from "@/lib/db/schema";
import { useAsAppDatabase } from "@/lib/testing/app-database";
import { openTestDatabase } from "@/lib/testing/test-database";
import { failedRowsCsv, takeCredentials } from "./exports";
import { purgePasswords } from "./ledger/purge";

// The app's logger reads the configuration, which wants these with DATABASE_URL (test:db on
// PostgreSQL); its audit lines would only be noise here.
vi.hoisted(() => {
  process.env.AUTH_SECRET ??= "test-auth-secret-0123456789abcdef0123";
  process.env.ENCRYPTION_KEY ??= "00".repeat(32);
  process.env.LOG_LEVEL ??= "silent";
});

const parse = (csv: string) =>
  Papa.parse<string[]>(csv.replace(/^\uFEFF/, "").replace(/\r\n$/, ""), { delimiter: "," }).data;

describe("job exports", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let restore: () => void;
  const key = randomBytes(32);
  const submitter = { id: "u-otto", email: "otto@example.test", role: "operator" as const };
  const otherOperator = { id: "u-olga", email: "olga@example.test", role: "operator" as const };
  const admin = { id: "u-ada", email: "ada@example.test", role: "admin" as const };
  beforeAll(async () => {
    database = await openTestDatabase();
    restore = useAsAppDatabase(database);
  });
  afterAll(async () => {
    restore?.();
    await database?.close();
  });

  /** A finished job with the given rows (state, input cells, optional stored password). */
  async function job(
    provider: "zcom" | "hybridbox",
    rows: { state: "created" | "failed"; input?: [string, string][]; password?: string }[],
    extra: Partial<typeof jobs.$inferInsert> = {},
  ) {
    const id = randomUUID();
    await database.db.insert(jobs).values({
      id,
      submissionId: randomUUID(),
      provider,
      domain: "example.com",
      domainId: "d-1",
      createdBy: submitter.id,
      createdByEmail: submitter.email,
      state: "done",
      partsTotal: 1,
      rowsTotal: rows.length,
      finishedAt: new Date(),
      ...extra,
    });
    await database.db.insert(jobRows).values(
      rows.map((r, rowNo) => ({
        passwordEnc: r.password === undefined ? null : seal(r.password, key, `${id}:${rowNo}`),
        jobId: id,
        rowNo,
        input: r.input ?? [],
        localPart: `u${rowNo}`,
        address: `u${rowNo}@example.com`,
        state: r.state,
        ...(r.state === "failed" ? { errorCode: "quota_exceeded", errorMessage: "full" } : {}),
      })),
    );
    return id;
  }

  it("guards every pasted cell of the failed rows against formulas", async () => {
    const tricky = [" =1+1", "\u00a0=1+1", '"\n=1+1', "\uff1d1+1", "\t@x", "plain"];
    const id = await job("hybridbox", [
      { state: "failed", input: tricky.map((v, i) => [`c${i}`, v]) },
      { state: "created", input: [["c0", "=not exported"]] },
    ]);
    const rows = parse((await failedRowsCsv(database.db, id))!);
    expect(rows[0]).toEqual([...tricky.map((_, i) => `c${i}`), "Error"]);
    expect(rows.slice(1).map((r) => r.slice(0, -1))).toEqual([
      [...tricky.slice(0, -1).map((v) => `'${v}`), "plain"],
    ]);
  });

  const stored = async (jobId: string) => {
    const [job] = await database.db.select().from(jobs).where(eq(jobs.id, jobId));
    const rows = await database.db.select().from(jobRows).where(eq(jobRows.jobId, jobId));
    return {
      downloadedAt: job!.credentialsDownloadedAt,
      passwords: rows.filter((r) => r.passwordEnc !== null).length,
      purged: rows.filter((r) => r.passwordPurgedAt !== null).length,
    };
  };
  const zcomJob = () =>
    job("zcom", [
      { state: "created", password: "Created-Passw0rd-1" },
      { state: "created", password: "Created-Passw0rd-2" },
      { state: "failed", password: "Failed-Passw0rd-3" },
    ]);

  describe("credentials", () => {
    it("go to the submitter once, and taking them purges the passwords handed out", async () => {
      const id = await zcomJob();
      const taken = await takeCredentials(database.db, key, id, submitter, {}, "192.0.2.1");
      expect(taken.ok).toBe(true);
      const lines = parse(taken.ok ? taken.csv : "");
      expect(lines.slice(1).map((l) => l[1])).toEqual(["Created-Passw0rd-1", "Created-Passw0rd-2"]);
      // The failed row's password is kept for a retry until purgePasswords' deadline.
      expect(await stored(id)).toMatchObject({ passwords: 1, purged: 2 });
      const again = await takeCredentials(database.db, key, id, submitter, {}, null);
      expect(again).toMatchObject({ ok: false, status: 410 });
    });

    it("are refused to another operator, and stay stored for the submitter", async () => {
      const id = await zcomJob();
      const refused = await takeCredentials(database.db, key, id, otherOperator, {}, null);
      expect(refused).toMatchObject({ ok: false, status: 403 });
      expect(await stored(id)).toEqual({ downloadedAt: null, passwords: 3, purged: 0 });
      expect((await takeCredentials(database.db, key, id, submitter, {}, null)).ok).toBe(true);
    });

    it("go to an admin only with a reason, which the audit trail keeps", async () => {
      const id = await zcomJob();
      for (const reason of [undefined, "", "   ", "because"]) {
        const refused = await takeCredentials(database.db, key, id, admin, { reason }, null);
        expect(refused, String(reason)).toMatchObject({ ok: false, status: 403 });
        expect(await stored(id)).toEqual({ downloadedAt: null, passwords: 3, purged: 0 });
      }
      const reason = "Otto is on leave; the new hires start today.";
      const taken = await takeCredentials(database.db, key, id, admin, { reason }, null);
      expect(taken.ok).toBe(true);
      const [event] = await database.db
        .select()
        .from(auditEvents)
        .where(
          and(eq(auditEvents.action, "job.credentials_downloaded"), eq(auditEvents.target, id)),
        );
      expect(event).toMatchObject({
        actorEmail: admin.email,
        details: { passwords: 2, reason, submittedBy: submitter.email },
      });
    });

    it("are delivered byte-exact, whatever a password starts with", async () => {
      const passwords = [
        "=1+1Passw0rd",
        "+Passw0rd-plus",
        "-Passw0rd-minus",
        "@Passw0rd-at",
        "\tTabbed-Passw0rd",
        "\rCr-Passw0rd",
        '"Quoted"-Passw0rd',
        "'Apos-Passw0rd",
        "Back\\slash\\Passw0rd",
        " Spaced Passw0rd ",
        "Comma,Passw0rd;semi",
        "\uff1dFullwidth-Passw0rd",
        "Line\nBreak-Passw0rd",
      ];
      const id = await job(
        "zcom",
        passwords.map((password) => ({ state: "created" as const, password })),
      );
      const taken = await takeCredentials(database.db, key, id, submitter, {}, null);
      const csv = taken.ok ? taken.csv : "";
      const [header, ...lines] = parse(csv);
      expect(header).toEqual(["Address", "Password", "Generated"]);
      expect(lines.map((l) => l[1])).toEqual(passwords);
      // Nothing added in the file either: only CSV's own quote doubling touches a password.
      const bytes = Buffer.from(csv, "utf8");
      for (const p of passwords.filter((p) => !p.includes('"')))
        expect(bytes.includes(Buffer.from(p, "utf8")), p).toBe(true);
    });

    it("are kept until the job is finished", async () => {
      const id = await job("zcom", [{ state: "created", password: "Pending-Passw0rd-1" }], {
        state: "running",
        finishedAt: null,
      });
      expect(await takeCredentials(database.db, key, id, submitter, {}, null)).toMatchObject({
        ok: false,
        status: 409,
      });
      expect(await stored(id)).toMatchObject({ passwords: 1 });
    });
  });

  describe("purging stored passwords", () => {
    it("purges what was taken or finished before the limit, and nothing else", async () => {
      const longAgo = new Date(Date.now() - 25 * 3_600_000);
      const old = await zcomJob();
      await database.db.update(jobRows).set({ finishedAt: longAgo }).where(eq(jobRows.jobId, old));
      const recent = await zcomJob();
      await database.db
        .update(jobRows)
        .set({ finishedAt: new Date() })
        .where(eq(jobRows.jobId, recent));
      const taken = await zcomJob();
      await database.db
        .update(jobRows)
        .set({ passwordTakenAt: new Date() })
        .where(and(eq(jobRows.jobId, taken), eq(jobRows.state, "created")));
      const running = await job("zcom", [{ state: "created", password: "Run-Passw0rd-1" }], {
        state: "running",
        finishedAt: null,
      });
      await database.db.update(jobRows).set({ state: "pending" }).where(eq(jobRows.jobId, running));

      const before = await Promise.all([old, recent, taken, running].map(stored));
      expect(before.map((b) => b.passwords)).toEqual([3, 3, 3, 1]);
      const purged = await purgePasswords(database.db);
      const after = await Promise.all([old, recent, taken, running].map(stored));
      expect(after.map((a) => a.passwords)).toEqual([0, 3, 1, 1]);
      // Earlier tests' rows have no finish time and were not taken: only these five go.
      expect(purged).toBe(5);
      expect(await purgePasswords(database.db)).toBe(0);
    });
  });
});
