import { existsSync } from "node:fs";
import path from "node:path";
import type { Worker } from "node:worker_threads";
import type { QueryOptions, Results } from "@electric-sql/pglite";

/**
 * PGlite runs its statements synchronously (WASM) on the thread that calls it, so in-process every
 * statement stops the event loop (the job runner then cannot read provider answers). This client
 * runs PGlite in a worker thread (lib/db/pglite-worker.mjs) and offers the part of PGlite's
 * interface that drizzle-orm/pglite (driver, session, migrator) calls: query, exec, transaction
 * (a transaction object with query, exec, rollback, closed), waitReady, close.
 *
 * Semantics are PGlite's own, because the worker's PGlite does the work: statements run one at a
 * time in the order sent; a transaction is pglite.transaction() in the worker, held open until
 * this side's callback settles (returns: commit; throws: rollback, and the same error is thrown
 * here), and other queries wait for it. Values cross by structured clone, which keeps Date,
 * Uint8Array (PGlite's bytea), bigint and parsed JSON as they are. Errors arrive as PGlite's own
 * classes (DatabaseError with code, detail, constraint…, TransactionAbortedError).
 *
 * Query options are functions PGlite calls, which cannot cross threads: the worker is told the
 * row mode and which type parsers keep the text as it is (what Drizzle passes); anything else is
 * refused rather than ignored.
 */

/** Where the worker is read from at run time (not bundled), like the migrations folder. */
export const pgliteWorkerFile = path.join(process.cwd(), "lib", "db", "pglite-worker.mjs");

type WireOptions = {
  key: string;
  rowMode?: QueryOptions["rowMode"];
  identityParsers?: number[];
  paramTypes?: number[];
};

type WireError = {
  kind: "database" | "aborted" | "error" | "thrown";
  name?: string;
  message: string;
  stack?: string;
  fields: Record<string, unknown>;
  /** PGlite had attached the query's options (functions: they stayed on this side). */
  queryOptions?: boolean;
};

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError };
type Status = { type: "ready" } | { type: "failed"; error: WireError };

type PgliteModule = typeof import("@electric-sql/pglite");
type WorkerThreads = typeof import("node:worker_threads");

/** The transaction object a transaction callback receives (PGlite's, less sql and listen). */
export interface WorkerTransaction {
  query<T>(query: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(query: string, options?: QueryOptions): Promise<Results[]>;
  rollback(): Promise<void>;
  readonly closed: boolean;
}

type Pending = {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  options: QueryOptions | undefined;
};

const verifiedIdentity = new WeakSet<object>();

/** Drizzle's parsers return the text they are given; a worker can only repeat that. */
function isIdentityParser(parse: unknown, oid: number): boolean {
  if (typeof parse !== "function") return false;
  if (verifiedIdentity.has(parse)) return true;
  const probe = "\u0000pglite-worker-probe";
  const same = (parse as (value: string, typeId: number) => unknown)(probe, oid) === probe;
  if (same) verifiedIdentity.add(parse);
  return same;
}

const wireOptionsCache = new WeakMap<QueryOptions, WireOptions>();

function toWireOptions(options: QueryOptions | undefined): WireOptions | undefined {
  if (!options) return undefined;
  const cached = wireOptionsCache.get(options);
  if (cached) return cached;
  const { rowMode, parsers, paramTypes, ...rest } = options;
  const others = Object.entries(rest)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);
  if (others.length > 0) {
    throw new Error(`The PGlite worker cannot take the query option(s) ${others.join(", ")}`);
  }
  let identityParsers: number[] | undefined;
  if (parsers) {
    identityParsers = Object.entries(parsers).map(([key, parse]) => {
      const oid = Number(key);
      if (!isIdentityParser(parse, oid)) {
        throw new Error(
          `The PGlite worker can only keep a type's text as it is; the parser for type ${key} does more`,
        );
      }
      return oid;
    });
  }
  const wire: WireOptions = {
    key: JSON.stringify([rowMode ?? null, identityParsers ?? null, paramTypes ?? null]),
    ...(rowMode ? { rowMode } : {}),
    ...(identityParsers ? { identityParsers } : {}),
    ...(paramTypes ? { paramTypes } : {}),
  };
  wireOptionsCache.set(options, wire);
  return wire;
}

export class PgliteWorkerClient {
  readonly waitReady: Promise<void>;
  #worker: Worker;
  #pglite: PgliteModule;
  #pending = new Map<number, Pending>();
  #nextId = 0;
  #openTransactions = 0;
  #referenced = false;
  /** Set once the worker cannot answer any more: every later call rejects with it. */
  #stopped: Error | null = null;
  #closing: Promise<void> | null = null;

  constructor(
    dataDir: string,
    pglite: PgliteModule,
    threads: WorkerThreads,
    file = pgliteWorkerFile,
  ) {
    this.#pglite = pglite;
    // turbopackIgnore: a file read at run time, not one to trace into the build.
    if (!existsSync(/* turbopackIgnore: true */ file)) {
      throw new Error(
        `The PGlite worker is missing (${file}): start the app from its folder, or set ` +
          "PGLITE_WORKER=false to run the embedded database in-process.",
      );
    }
    this.#worker = new threads.Worker(file, {
      name: "pglite",
      workerData: { dataDir },
      // Plain JavaScript: no loaders (tsx) or conditions from this process are needed.
      execArgv: [],
    });
    // Kept alive only while a statement or transaction is under way, like in-process PGlite.
    this.#worker.unref();
    let ready: () => void;
    let failed: (error: Error) => void;
    this.waitReady = new Promise<void>((resolve, reject) => {
      ready = resolve;
      failed = reject;
    });
    // Opening counts as work in progress: a process awaiting it must not exit meanwhile.
    const opening: Pending = {
      resolve: () => ready(),
      reject: (error) => failed(error),
      options: undefined,
    };
    this.#pending.set(0, opening);
    this.#updateRef();
    this.#worker.on("message", (message: Reply | Status) => {
      if ("type" in message) {
        this.#settle(0);
        if (message.type === "ready") {
          ready();
        } else {
          const error = this.#toError(message.error, undefined);
          this.#stop(error);
          failed(error);
          void this.#worker.terminate();
        }
        return;
      }
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#settle(message.id);
      if (message.ok) pending.resolve(message.value);
      else pending.reject(this.#toError(message.error, pending.options));
    });
    this.#worker.on("error", (error) => {
      this.#stop(new Error(`The PGlite worker failed: ${error.message}`, { cause: error }));
    });
    this.#worker.on("messageerror", (error) => {
      // An answer that cannot be read belongs to some pending call: fail them all, not hang.
      this.#stop(new Error(`An answer from the PGlite worker was unreadable: ${error.message}`));
      void this.#worker.terminate();
    });
    this.#worker.on("exit", (code) => {
      this.#stop(
        this.#closing
          ? new Error("PGlite is closed")
          : new Error(`The PGlite worker stopped (exit code ${code})`),
      );
    });
    // The caller awaits waitReady; without this an early failure would also be unhandled here.
    this.waitReady.catch(() => {});
  }

  get closed(): boolean {
    return this.#stopped !== null || this.#closing !== null;
  }

  query<T>(query: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.#query<T>(query, params, options, undefined);
  }

  exec(query: string, options?: QueryOptions): Promise<Results[]> {
    return this.#exec(query, options, undefined);
  }

  /**
   * Runs `callback` inside the worker's pglite.transaction: it starts when every earlier query
   * and transaction has finished, and other queries wait until it ends.
   */
  async transaction<T>(callback: (tx: WorkerTransaction) => Promise<T>): Promise<T> {
    const id = ++this.#nextId;
    this.#openTransactions++;
    this.#updateRef();
    try {
      await this.#call(id, { op: "begin" }, undefined);
      let closed = false;
      const ifOpen = <R>(run: () => Promise<R>): Promise<R> =>
        closed ? Promise.reject(new Error("Transaction is closed")) : run();
      const tx: WorkerTransaction = {
        query: <R>(query: string, params?: unknown[], options?: QueryOptions) =>
          ifOpen(() => this.#query<R>(query, params, options, id)),
        exec: (query: string, options?: QueryOptions) =>
          ifOpen(() => this.#exec(query, options, id)),
        rollback: () =>
          ifOpen(async () => {
            await this.#call(++this.#nextId, { op: "rollback", tx: id }, undefined);
            closed = true;
          }),
        get closed() {
          return closed;
        },
      };
      let result: T;
      try {
        result = await callback(tx);
      } catch (error) {
        closed = true;
        // As in PGlite: rolled back, then the callback's error — unless the rollback itself fails.
        await this.#call(++this.#nextId, { op: "end", tx: id, commit: false }, undefined);
        throw error;
      }
      closed = true;
      await this.#call(++this.#nextId, { op: "end", tx: id, commit: true }, undefined);
      return result;
    } finally {
      this.#openTransactions--;
      this.#updateRef();
    }
  }

  /** Closes PGlite in the worker (it writes its data out), then ends the worker. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      try {
        if (!this.#stopped) await this.#call(++this.#nextId, { op: "close" }, undefined);
      } finally {
        this.#stop(new Error("PGlite is closed"));
        await this.#worker.terminate();
      }
    })();
    return this.#closing;
  }

  #query<T>(
    query: string,
    params: unknown[] | undefined,
    options: QueryOptions | undefined,
    tx: number | undefined,
  ): Promise<Results<T>> {
    return this.#send({ op: "query", sql: query, params, options, tx }) as Promise<Results<T>>;
  }

  #exec(
    query: string,
    options: QueryOptions | undefined,
    tx: number | undefined,
  ): Promise<Results[]> {
    return this.#send({ op: "exec", sql: query, options, tx }) as Promise<Results[]>;
  }

  #send(message: {
    op: "query" | "exec";
    sql: string;
    params?: unknown[];
    options: QueryOptions | undefined;
    tx: number | undefined;
  }): Promise<unknown> {
    let options: WireOptions | undefined;
    try {
      options = toWireOptions(message.options);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#call(++this.#nextId, { ...message, options }, message.options);
  }

  #call(id: number, message: object, options: QueryOptions | undefined): Promise<unknown> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, options });
      try {
        this.#worker.postMessage({ ...message, id });
      } catch (error) {
        // A parameter that cannot be cloned (a function, a class with methods PGlite would call).
        this.#pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      this.#updateRef();
    });
  }

  #settle(id: number) {
    this.#pending.delete(id);
    this.#updateRef();
  }

  /** Every pending call fails with `error`, and every later one. */
  #stop(error: Error) {
    this.#stopped ??= error;
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    this.#updateRef();
    for (const p of pending) p.reject(this.#stopped);
  }

  #updateRef() {
    const busy = !this.#stopped && (this.#pending.size > 0 || this.#openTransactions > 0);
    if (busy === this.#referenced) return;
    this.#referenced = busy;
    if (busy) this.#worker.ref();
    else this.#worker.unref();
  }

  #toError(wire: WireError, options: QueryOptions | undefined): Error {
    const { messages, TransactionAbortedError } = this.#pglite;
    let error: Error;
    if (wire.kind === "aborted") {
      error = new TransactionAbortedError();
    } else if (wire.kind === "database") {
      error = new messages.DatabaseError(
        wire.message,
        typeof wire.fields.length === "number" ? wire.fields.length : 0,
        (wire.name ?? "error") as ConstructorParameters<typeof messages.DatabaseError>[2],
      );
    } else {
      error = new Error(wire.message);
    }
    Object.assign(error, wire.fields);
    if (wire.name && error.name !== wire.name) error.name = wire.name;
    error.message = wire.message;
    if (wire.stack) error.stack = wire.stack;
    // PGlite attaches the query's options to a database error; the functions stayed here.
    if (wire.queryOptions) {
      (error as { queryOptions?: QueryOptions }).queryOptions = options;
    }
    return error;
  }
}

/** Starts PGlite on `dataDir` ("memory://" too) in a worker thread and waits until it is ready. */
export async function startPgliteWorker(
  dataDir: string,
  file = pgliteWorkerFile,
): Promise<PgliteWorkerClient> {
  const pglite = await import("@electric-sql/pglite");
  // Imported out of the bundler's sight: Turbopack bundles the file of a `new Worker(...)` it can
  // see (with a path it cannot work out, it tried the whole project), and in Next 16.4 a magic
  // comment on the call did not stop it. The worker is a plain .mjs read at run time.
  const threads = (await import(
    /* webpackIgnore: true */ /* turbopackIgnore: true */ "node:worker_threads"
  )) as WorkerThreads;
  const client = new PgliteWorkerClient(dataDir, pglite, threads, file);
  try {
    await client.waitReady;
  } catch (error) {
    await client.close().catch(() => {});
    throw error;
  }
  return client;
}
