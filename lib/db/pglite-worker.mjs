// PGlite in a worker thread (node:worker_threads), driven by lib/db/pglite-worker-client.ts.
//
// Plain JavaScript, loaded from the source tree at run time (not bundled): Next bundles lib/ but
// leaves @electric-sql/pglite external, so this file imports PGlite from the app's node_modules
// the same way under tsx, vitest and the Next server.
//
// Messages in:  { id, op: "query" | "exec", sql, params?, options?, tx? }
//               { id, op: "begin" }                  answered "open" once inside pglite.transaction
//               { id, op: "end", tx, commit }        leaves the transaction callback; answered
//                                                    when PGlite has committed or rolled back
//               { id, op: "rollback", tx }           the transaction object's rollback()
//               { id, op: "close" }
// Messages out: { type: "ready" } | { type: "failed", error } once, then
//               { id, ok: true, value } | { id, ok: false, error }
import { parentPort, workerData } from "node:worker_threads";
import { PGlite, TransactionAbortedError, messages } from "@electric-sql/pglite";

const port = parentPort;
if (!port) throw new Error("pglite-worker.mjs runs only as a worker thread");

/** Parsers cannot cross threads: the client sends the type OIDs whose text is kept as it is. */
const identity = (value) => value;
const optionsByKey = new Map();

function queryOptions(wire) {
  if (!wire) return undefined;
  const key = wire.key;
  let options = optionsByKey.get(key);
  if (!options) {
    options = {};
    if (wire.rowMode) options.rowMode = wire.rowMode;
    if (wire.identityParsers)
      options.parsers = Object.fromEntries(wire.identityParsers.map((oid) => [oid, identity]));
    if (wire.paramTypes) options.paramTypes = wire.paramTypes;
    optionsByKey.set(key, options);
  }
  return options;
}

function wireError(error) {
  if (!(error instanceof Error)) {
    return { kind: "thrown", message: String(error), fields: {} };
  }
  const fields = {};
  for (const key of Object.keys(error)) {
    // Functions (the query's parsers) cannot cross; the client puts its own options back.
    if (key !== "queryOptions") fields[key] = error[key];
  }
  return {
    kind:
      error instanceof TransactionAbortedError
        ? "aborted"
        : error instanceof messages.DatabaseError
          ? "database"
          : "error",
    name: error.name,
    message: error.message,
    stack: error.stack,
    fields,
    queryOptions: "queryOptions" in error,
  };
}

function reply(id, ok, value) {
  const message = ok ? { id, ok, value } : { id, ok, error: wireError(value) };
  try {
    port.postMessage(message);
  } catch (cloneError) {
    if (!ok) {
      // A field that cannot be cloned (it should not happen): send the error's text fields only.
      const error = message.error;
      const fields = {};
      for (const [key, field] of Object.entries(error.fields)) {
        if (field === null || ["string", "number", "boolean"].includes(typeof field))
          fields[key] = field;
      }
      port.postMessage({ id, ok, error: { ...error, fields } });
    } else {
      port.postMessage({ id, ok: false, error: wireError(cloneError) });
    }
  }
}

/** Open transactions by the id of their "begin" message. */
const transactions = new Map();
/** Thrown inside pglite.transaction's callback when the client's callback threw: PGlite rolls back. */
const ROLLBACK = Symbol("rollback");

function target(txId) {
  if (txId === undefined) return pg;
  const tx = transactions.get(txId)?.tx;
  if (!tx) throw new Error("Transaction is closed");
  return tx;
}

/**
 * Enters pglite.transaction (queued behind every earlier query and transaction, as in-process)
 * and keeps its callback open until the client's callback has settled: "end" with commit true
 * returns from it (PGlite commits), with commit false throws (PGlite rolls back).
 */
function begin(id) {
  const state = { tx: null, end: null, done: null };
  const ended = new Promise((resolve) => {
    state.end = resolve;
  });
  transactions.set(id, state);
  state.done = pg
    .transaction(async (tx) => {
      state.tx = tx;
      reply(id, true, "open");
      if (!(await ended)) throw ROLLBACK;
    })
    .then(
      () => undefined,
      (error) => {
        if (error === ROLLBACK) return undefined;
        throw error;
      },
    );
  // Failing to open (BEGIN failed, PGlite closed) answers the "begin" message; afterwards the
  // "end" message reports how the transaction finished.
  state.done.catch((error) => {
    if (state.tx) return;
    transactions.delete(id);
    reply(id, false, error);
  });
}

async function handle(message) {
  switch (message.op) {
    case "query":
      return target(message.tx).query(message.sql, message.params, queryOptions(message.options));
    case "exec":
      return target(message.tx).exec(message.sql, queryOptions(message.options));
    case "rollback":
      await target(message.tx).rollback();
      return undefined;
    case "end": {
      const state = transactions.get(message.tx);
      if (!state?.tx) throw new Error("Transaction is closed");
      state.end(message.commit);
      try {
        await state.done;
      } finally {
        transactions.delete(message.tx);
      }
      return undefined;
    }
    case "close":
      await pg.close();
      return undefined;
    default:
      throw new Error(`Unknown PGlite worker operation ${message.op}`);
  }
}

let pg;
try {
  pg = new PGlite(workerData.dataDir);
  await pg.waitReady;
} catch (error) {
  pg = undefined;
  // The client terminates the worker when it reads this.
  port.postMessage({ type: "failed", error: wireError(error) });
}
if (pg) {
  port.on("message", (message) => {
    if (message.op === "begin") {
      begin(message.id);
      return;
    }
    handle(message).then(
      (value) => reply(message.id, true, value),
      (error) => reply(message.id, false, error),
    );
  });
  port.postMessage({ type: "ready" });
}
