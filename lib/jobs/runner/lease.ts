import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "pino";
import type { Db } from "@/lib/db/open";
import { heartbeat, registerRunner } from "../ledger/leases";

/**
 * This runner's lease on its claims. The database stamps the heartbeat after the request left, so
 * the lease surely lasts until `leaseMs` after the request was made (others wait `leaseMs` from
 * the stamp); it is trusted locally for 80% of that. When the runner row is gone, another process
 * took the claims back: `onLost` drops everything claimed, and the runner carries on under a new
 * id, so nothing claimed under the old one is sent or settled.
 */
export class Lease {
  id = randomUUID();
  private validUntil = 0;
  private beating: Promise<boolean> | null = null;

  constructor(
    private readonly db: Db,
    private readonly leaseMs: number,
    private readonly log: Logger,
    private readonly onLost: () => number,
  ) {}

  async register(): Promise<void> {
    const started = performance.now();
    await registerRunner(this.db, this.id, hostname(), process.pid);
    this.validUntil = started + this.leaseMs * 0.8;
  }

  /** Extends the lease; false when it was lost (and a new id was registered). */
  beat(): Promise<boolean> {
    this.beating ??= (async () => {
      const started = performance.now();
      try {
        if (await heartbeat(this.db, this.id)) {
          this.validUntil = started + this.leaseMs * 0.8;
          return true;
        }
        const dropped = this.onLost();
        const old = this.id;
        this.id = randomUUID();
        this.log.warn(
          { runner: old, newId: this.id, droppedUnits: dropped },
          "this runner's lease was taken over (it was paused or cut off); its claims were dropped and it continues under a new id",
        );
        await this.register();
        return false;
      } finally {
        this.beating = null;
      }
    })();
    return this.beating;
  }

  /** True while the claims made under `id` are surely still this runner's. */
  async holds(id: string): Promise<boolean> {
    if (id !== this.id) return false;
    if (performance.now() < this.validUntil) return true;
    return (await this.beat()) && id === this.id;
  }
}
