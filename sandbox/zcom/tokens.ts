import { randomBytes } from "node:crypto";

export interface IssuedToken {
  id: string;
  issuedAt: Date;
  expiresAt: Date;
}

/** How a token may die before the `expires` it announces (the early-expiry variations). */
export interface EarlyDeath {
  /** Dies this long after it was issued. */
  afterMs: number | null;
  /** Dies after this many mail API requests have used it. */
  afterRequests: number | null;
}

interface Live {
  /** When it stops working: `expires`, or earlier if it dies early. */
  deadAt: number;
  usesLeft: number | null;
}

/** Keystone-style bearer tokens: 32 hex, valid until they expire (or die early) or are revoked. */
export class TokenStore {
  private tokens = new Map<string, Live>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  issue(
    ttlSeconds: number,
    early: EarlyDeath = { afterMs: null, afterRequests: null },
  ): IssuedToken {
    const issuedAt = this.now();
    const expiresAt = new Date(issuedAt.getTime() + ttlSeconds * 1000);
    const id = randomBytes(16).toString("hex");
    const deadAt =
      early.afterMs === null
        ? expiresAt.getTime()
        : Math.min(expiresAt.getTime(), issuedAt.getTime() + early.afterMs);
    this.tokens.set(id, { deadAt, usesLeft: early.afterRequests });
    return { id, issuedAt, expiresAt };
  }

  /** Checks a token presented to the mail API; each valid check uses one of its requests. */
  isValid(id: string | undefined): boolean {
    if (!id) return false;
    const token = this.tokens.get(id);
    if (token === undefined) return false;
    if (this.now().getTime() >= token.deadAt || token.usesLeft === 0) {
      this.tokens.delete(id);
      return false;
    }
    if (token.usesLeft !== null) token.usesLeft -= 1;
    return true;
  }

  /** Every token stops working at once; answers how many were live. */
  revokeAll(): number {
    const count = this.tokens.size;
    this.tokens.clear();
    return count;
  }
}
