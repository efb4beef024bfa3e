import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { messages, PGlite, types } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPgliteWorker, type PgliteWorkerClient } from "./pglite-worker-client";

// What drizzle-orm/pglite passes with every query (session.js): rows as arrays, date and time
// types as the text PostgreSQL sends.
const keep = (value: string) => value;
const drizzleOptions = {
  rowMode: "array" as const,
  parsers: {
    [types.TIMESTAMP]: keep,
    [types.TIMESTAMPTZ]: keep,
    [types.INTERVAL]: keep,
    [types.DATE]: keep,
    1231: keep,
    1115: keep,
    1185: keep,
    1187: keep,
    1182: keep,
  },
};

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("PGlite in a worker thread", () => {
  let local: PGlite;
  let remote: PgliteWorkerClient;

  beforeAll(async () => {
    [local, remote] = await Promise.all([
      PGlite.create("memory://"),
      startPgliteWorker("memory://"),
    ]);
    for (const db of [local, remote]) {
      await db.exec(
        "create table t (id int primary key, at timestamptz, data bytea, doc jsonb, big bigint)",
      );
    }
  }, 60_000);
  afterAll(async () => {
    await Promise.all([local?.close(), remote?.close()]);
  });

  it("answers as in-process PGlite: Date, bytea, bigint, JSON, numbers, both row modes", async () => {
    const query = `select $1::timestamptz as at, now()::date as day, $2::bytea as data,
      $3::jsonb as doc, $4::bigint as big, 7::bigint as small, 1.5::numeric as num,
      array[1,2]::int[] as ints, null::text as nothing`;
    const params = [
      new Date("2026-01-02T03:04:05.678Z"),
      Buffer.from([0, 1, 255]),
      { a: [1, "x"] },
      12345678901234567n,
    ];
    for (const options of [
      undefined,
      drizzleOptions,
      { ...drizzleOptions, rowMode: "object" as const },
    ]) {
      const [mine, theirs] = await Promise.all([
        local.query(query, params, options),
        remote.query(query, params, options),
      ]);
      expect(theirs).toEqual(mine);
    }
    const plain = await remote.query<{ at: Date; data: Uint8Array; big: bigint }>(query, params);
    expect(plain.rows[0]?.at).toBeInstanceOf(Date);
    expect(plain.rows[0]?.data).toBeInstanceOf(Uint8Array);
    expect(plain.rows[0]?.big).toBe(12345678901234567n);
    expect(await remote.exec("select 1 as one; select 2 as two")).toEqual(
      await local.exec("select 1 as one; select 2 as two"),
    );
  });

  it("throws PGlite's own DatabaseError with the fields the app reads", async () => {
    const failures = await Promise.all(
      [local, remote].map(async (db) => {
        await db.query("insert into t (id) values ($1) on conflict do nothing", [1]);
        return db.query("insert into t (id) values ($1)", [1], drizzleOptions).then(
          () => null,
          (error: unknown) => error,
        );
      }),
    );
    const [mine, theirs] = failures as [messages.DatabaseError, messages.DatabaseError];
    expect(theirs).toBeInstanceOf(messages.DatabaseError);
    expect(theirs).toBeInstanceOf(Error);
    const fields = (e: messages.DatabaseError & { query?: string; params?: unknown[] }) => ({
      name: e.name,
      message: e.message,
      code: e.code,
      detail: e.detail,
      constraint: e.constraint,
      table: e.table,
      severity: e.severity,
      query: e.query,
      params: e.params,
    });
    expect(fields(theirs)).toEqual(fields(mine));
    expect(theirs.code).toBe("23505");
    expect((theirs as { queryOptions?: unknown }).queryOptions).toBe(drizzleOptions);
  });

  it("commits a transaction when its callback returns, rolls back and rethrows when it throws", async () => {
    const result = await remote.transaction(async (tx) => {
      await tx.query("insert into t (id) values (10)");
      return "kept";
    });
    expect(result).toBe("kept");
    const boom = new Error("boom");
    const thrown = await remote
      .transaction(async (tx) => {
        await tx.query("insert into t (id) values (11)");
        throw boom;
      })
      .catch((error: unknown) => error);
    expect(thrown).toBe(boom);
    const rolledBack = await remote.transaction(async (tx) => {
      await tx.query("insert into t (id) values (12)");
      await tx.rollback();
      expect(tx.closed).toBe(true);
      await expect(tx.query("select 1")).rejects.toThrow("Transaction is closed");
      return "rolled back";
    });
    expect(rolledBack).toBe("rolled back");
    const ids = await remote.query<{ id: number }>("select id from t where id >= 10 order by id");
    expect(ids.rows.map((r) => r.id)).toEqual([10]);
  });

  it("holds other queries and transactions until a transaction ends, as PGlite does", async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = remote.transaction(async (tx) => {
      order.push("tx1 open");
      await tx.query("insert into t (id) values (20)");
      await held;
      order.push("tx1 end");
    });
    await later(20);
    const outside = remote.query("select count(*) from t").then(() => order.push("query"));
    const second = remote.transaction(async (tx) => {
      order.push("tx2 open");
      await tx.query("insert into t (id) values (21)");
    });
    await later(50);
    expect(order).toEqual(["tx1 open"]);
    release();
    await Promise.all([first, outside, second]);
    expect(order).toEqual(["tx1 open", "tx1 end", "query", "tx2 open"]);
  });

  it("refuses query options it cannot carry across threads", async () => {
    await expect(
      remote.query("select 1", [], { parsers: { [types.INT4]: (v: string) => Number(v) * 2 } }),
    ).rejects.toThrow(/parser for type 23/);
    await expect(
      remote.query("select 1", [], { serializers: { [types.INT4]: (v: unknown) => String(v) } }),
    ).rejects.toThrow(/serializers/);
  });
});

describe("a PGlite worker that stops", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "pglite-worker-"));

  it("fails the calls waiting on it instead of leaving them pending", async () => {
    const crashing = path.join(dir, "crashing.mjs");
    writeFileSync(
      crashing,
      `import { parentPort } from "node:worker_threads";
       parentPort.postMessage({ type: "ready" });
       parentPort.on("message", (m) => {
         if (m.sql === "exit") process.exit(3);
         if (m.sql === "throw") throw new Error("worker bug");
       });`, // anything else: never answered
    );
    const exiting = await startPgliteWorker("memory://", crashing);
    const waiting = exiting.query("select 1");
    await expect(exiting.query("exit")).rejects.toThrow(/stopped \(exit code 3\)/);
    await expect(waiting).rejects.toThrow(/stopped/);
    await expect(exiting.query("select 1")).rejects.toThrow(/stopped/);
    await exiting.close();

    const throwing = await startPgliteWorker("memory://", crashing);
    const pending = throwing.query("select 1");
    await expect(throwing.query("throw")).rejects.toThrow(/PGlite worker failed: worker bug/);
    await expect(pending).rejects.toThrow(/PGlite worker failed: worker bug/);
    await throwing.close();
  });

  it("reports a PGlite that cannot open, and ends its worker", async () => {
    const file = path.join(dir, "not-a-data-dir");
    writeFileSync(file, "a file, not a folder");
    await expect(startPgliteWorker(file)).rejects.toThrow();
  });

  it("is closed after close(): later calls fail", async () => {
    const worker = await startPgliteWorker("memory://");
    await worker.query("select 1");
    await worker.close();
    expect(worker.closed).toBe(true);
    await expect(worker.query("select 1")).rejects.toThrow("PGlite is closed");
  });
});
