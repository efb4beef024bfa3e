import { randomBytes } from "node:crypto";

export interface IssuedToken {
  id: string;
  issuedAt: Date;
  expiresAt: Date;
}

/** Keystone-style bearer tokens: 32 hex, valid until they expire or are revoked. */
export class TokenStore {
  private tokens = new Map<string, number>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  issue(ttlSeconds: number): IssuedToken {
    const issuedAt = this.now();
    const expiresAt = new Date(issuedAt.getTime() + ttlSeconds * 1000);
    const id = randomBytes(16).toString("hex");
    this.tokens.set(id, expiresAt.getTime());
    return { id, issuedAt, expiresAt };
  }

  isValid(id: string | undefined): boolean {
    if (!id) return false;
    const expiresAt = this.tokens.get(id);
    if (expiresAt === undefined) return false;
    if (this.now().getTime() >= expiresAt) {
      this.tokens.delete(id);
      return false;
    }
    return true;
  }

  /** Every token stops working at once; answers how many were live. */
  revokeAll(): number {
    const count = this.tokens.size;
    this.tokens.clear();
    return count;
  }
}
