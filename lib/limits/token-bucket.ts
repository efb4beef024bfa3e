/**
 * A per-second limit: up to `perSecond` tokens, refilled continuously; a request takes one.
 * The rate may change between calls (a shared limit is split among the processes holding it).
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = perSecond;
    this.refilledAt = now();
  }

  take(perSecond: number): boolean {
    const now = this.now();
    this.tokens = Math.min(perSecond, this.tokens + ((now - this.refilledAt) / 1000) * perSecond);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
