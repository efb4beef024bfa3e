/**
 * Read-after-write lag (`lagMs`): remembers when each mailbox was created since the last reset,
 * so reads can leave it out until `lagMs` has passed. Writes (creates, updates, deletes) never
 * ask: the write side sees every mailbox at once, as a real backend's would.
 */
export class LagTracker {
  private createdAt = new Map<string, number>();

  created(id: string, atMs: number): void {
    this.createdAt.set(id, atMs);
  }

  /** True while a mailbox created `lagMs` or less ago must stay out of reads. */
  hidden(id: string, nowMs: number, lagMs: number): boolean {
    if (lagMs <= 0) return false;
    const at = this.createdAt.get(id);
    return at !== undefined && nowMs - at < lagMs;
  }

  reset(): void {
    this.createdAt.clear();
  }
}
