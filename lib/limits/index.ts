import "server-only";
import { database } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import type { Permit, RequestGate } from "@/lib/providers/gate";
import { type GateSnapshot, LocalGate } from "./local-gate";
import { SharedGate } from "./shared-gate";

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
