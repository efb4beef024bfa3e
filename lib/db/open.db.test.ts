import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "@/lib/testing/test-database";
import {
  DatabaseUnavailableError,
  migrationsFolder,
  openDatabase,
  type Db,
  type DbTarget,
} from "./open";
import { appMeta } from "./schema";

describe("database layer", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it("applies the migrations and round-trips a row through the migrated schema", async () => {
    const { db } = database;
    await db.insert(appMeta).values({ key: "installation_id", value: "abc-123" });
    await db
      .insert(appMeta)
      .values({ key: "installation_id", value: "def-456" })
      .onConflictDoUpdate({ target: appMeta.key, set: { value: "def-456" } });

    const rows = await db.select().from(appMeta).where(eq(appMeta.key, "installation_id"));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.value).toBe("def-456");
    expect(rows[0]?.updatedAt).toBeInstanceOf(Date);
  });

  it("applies every migration once; opening the database again applies nothing", async () => {
    const journal = JSON.parse(
      readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8"),
    ) as { entries: unknown[] };
    const applied = async (db: Db) =>
      (
        (await db.execute(sql`select count(*)::int as n from drizzle."__drizzle_migrations"`)) as {
          rows: { n: number }[];
        }
      ).rows[0]?.n;
    expect(await applied(database.db)).toBe(journal.entries.length);

    // A second start on the same data: PGlite in a data directory, or the same PostgreSQL.
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "pglite-")), "db");
    const target: DbTarget = database.url
      ? { kind: "postgres", url: database.url }
      : { kind: "pglite", dataDir };
    const first = await openDatabase(target);
    await first.close();
    const second = await openDatabase(target);
    expect(await applied(second.db)).toBe(journal.entries.length);
    await second.close();
  });

  it("rolls a failed transaction back", async () => {
    const { db } = database;
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(appMeta).values({ key: "tx_probe", value: "1" });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    const rows = await db.select().from(appMeta).where(eq(appMeta.key, "tx_probe"));
    expect(rows).toHaveLength(0);
  });
});

describe("an unreachable PostgreSQL", () => {
  it("fails with a message that names DATABASE_URL and hides the password", async () => {
    const attempt = openDatabase({
      kind: "postgres",
      // Port 1 on loopback: nothing listens there, so the connection is refused at once.
      url: "postgres://admin:s3cret-pw@127.0.0.1:1/app",
    });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await expect(attempt).rejects.toThrow(
      /Cannot reach PostgreSQL at 127\.0\.0\.1:1\/app \(DATABASE_URL\)/,
    );
    await expect(attempt).rejects.not.toThrow(/s3cret-pw/);
  });
});

describe("the embedded database's data directory", () => {
  const runnerIn = (dataDir: string) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        ["--conditions=react-server", "--import", "tsx", "scripts/runner.ts", "--exit-when-idle"],
        {
          env: { ...process.env, DATABASE_URL: "", DATA_DIR: path.dirname(dataDir) },
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let output = "";
      child.stdout.on("data", (c: Buffer) => (output += c.toString()));
      child.stderr.on("data", (c: Buffer) => (output += c.toString()));
      child.on("exit", (code) => resolve({ code, output }));
    });

  it("is refused to a second process while one has it, with a message that says why", async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "locked-")), "pglite");
    const held = await openDatabase({ kind: "pglite", dataDir });
    try {
      const started = Date.now();
      const second = await runnerIn(dataDir);
      expect(second.code).toBe(1);
      expect(second.output).toContain(`Another process (pid ${process.pid}`);
      expect(second.output).toMatch(/serves one process.*DATABASE_URL/);
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      await held.close();
    }
    // Once it is let go, the next process gets it.
    const after = await runnerIn(dataDir);
    expect(after.code, after.output).toBe(0);
  }, 60_000);

  it("is taken over at once from a process that died holding it", async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "orphan-")), "pglite");
    const dead = spawnSync(process.execPath, ["-e", "process.exit(0)"]).pid;
    mkdirSync(`${dataDir}.lock`, { recursive: true });
    writeFileSync(`${dataDir}.lock.owner.json`, JSON.stringify({ pid: dead, host: hostname() }));
    const opened = await openDatabase({ kind: "pglite", dataDir });
    await opened.close();
  });
});
