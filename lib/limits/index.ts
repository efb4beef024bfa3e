import "server-only";
import { database } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import type { Permit, RequestGate } from "@/lib/providers/gate";
import { type GateSnapshot, LocalGate } from "./local-gate";
import { readLimit } from "./permits";
import { SharedGate } from "./shared-gate";
import { sql } from "drizzle-orm";
import { execRows } from "@/lib/db/exec";

export type { GateSnapshot };

/**
 * Each provider's gate for this process, made once the database is open: on PostgreSQL the
 * permits are shared by every process (the caps hold across all web servers and runners); the
 * embedded database serves one process, which keeps its limit in memory.
 */
type Gate = RequestGate & { snapshot(): GateSnapshot; close?(): Promise<void> };

const holder = globalThis as typeof globalThis & {
  __providerGates?: Partial<Record<ProviderId, Promise<Gate>>>;
};

function makeGate(id: ProviderId): Promise<Gate> {
  const gates = (holder.__providerGates ??= {});
  gates[id] ??= (async () => {
    const config = env();
    const options = {
      max: config.runner.concurrency[id],
      perSecond: config.runner.ratePerSecond[id],
    };
    const { db, kind } = await database();
    return kind === "postgres"
      ? new SharedGate(db, id, options, log.child({ component: "gate", provider: id }))
      : new LocalGate(options);
  })();
  return gates[id];
}

/** The gate a provider client passes every request through (made on first use). */
export function providerGate(id: ProviderId): RequestGate {
  return {
    acquire: async (signal?: AbortSignal): Promise<Permit> => (await makeGate(id)).acquire(signal),
  };
}

/** What each gate of this process holds now (the Overview and the metrics show it). */
export async function gateSnapshots(): Promise<Partial<Record<ProviderId, GateSnapshot>>> {
  const gates = holder.__providerGates ?? {};
  const out: Partial<Record<ProviderId, GateSnapshot>> = {};
  for (const [id, gate] of Object.entries(gates) as [ProviderId, Promise<Gate>][]) {
    out[id] = (await gate).snapshot();
  }
  return out;
}

/** Gives shared permits back (on shutdown, so other processes need not wait for the lease). */
export async function closeGates(): Promise<void> {
  for (const gate of Object.values(holder.__providerGates ?? {})) await (await gate).close?.();
  holder.__providerGates = {};
}

/**
 * How busy a provider is now, across every process: requests in flight (on PostgreSQL, permits
 * held, which includes ones whose answer came in the last moment), the adaptive limit and its
 * configured maximum, and when and why it was last lowered.
 */
export interface ProviderLoad {
  inFlight: number;
  limit: number;
  max: number;
  slowedAt: number | null;
  slowedReason: string | null;
  perSecond: number | null;
  /** Counted across every process on the database (PostgreSQL), or this process alone. */
  shared: boolean;
}

export async function providerLoad(id: ProviderId): Promise<ProviderLoad> {
  const config = env();
  const max = config.runner.concurrency[id];
  const perSecond = config.runner.ratePerSecond[id];
  const { db, kind } = await database();
  if (kind === "postgres") {
    const limit = await readLimit(db, id);
    const [held] = await execRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from provider_permit
          where provider = ${id} and holder is not null and expires_at > now()`,
    );
    return {
      inFlight: held?.n ?? 0,
      // Before any process has asked, the table is empty: the limit is the maximum.
      limit: limit.holders === 0 && !limit.slowedAt ? max : Math.min(limit.current, max),
      max,
      slowedAt: limit.slowedAt?.getTime() ?? null,
      slowedReason: limit.slowedReason,
      perSecond,
      shared: true,
    };
  }
  const gate = holder.__providerGates?.[id];
  const snapshot = gate ? (await gate).snapshot() : null;
  return {
    inFlight: snapshot?.inFlight ?? 0,
    limit: snapshot?.limit ?? max,
    max,
    slowedAt: snapshot?.slowedAt ?? null,
    slowedReason: snapshot?.slowedReason ?? null,
    perSecond,
    shared: false,
  };
}
