import { createHash, randomBytes, scryptSync, timingSafeEqual } from "node:crypto";

/*
 * Z.com's published [doc] rules, written here on their own (not imported from lib/) so that
 * agreement tests between lib/ and the sandbox can catch drift.
 */

/** a-z 0-9 and '-', not first or last, 2-63 characters. */
const LOCAL_PART = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])$/;
/** Letters, digits and exactly the listed symbols (ASCII double quote included). */
const PASSWORD_CHARS = /^[A-Za-z0-9!#$%&?"'=+\-_{}[\]^~:;().,/|\\*@]+$/;

export function localPartValid(localPart: string): boolean {
  return LOCAL_PART.test(localPart);
}

/**
 * Checks an address for the given domain: one '@', a valid local part, and a domain part that
 * is exactly the domain's name (the sandbox does not fold case: clients send lower case).
 */
export function emailValidFor(email: string, domainName: string): boolean {
  const at = email.indexOf("@");
  if (at < 0 || at !== email.lastIndexOf("@")) return false;
  return localPartValid(email.slice(0, at)) && email.slice(at + 1) === domainName;
}

export function passwordValid(password: string): boolean {
  return (
    password.length >= 9 &&
    password.length <= 70 &&
    PASSWORD_CHARS.test(password) &&
    /[A-Z]/.test(password) &&
    /[a-z]/.test(password) &&
    /[0-9]/.test(password)
  );
}

// Low cost on purpose: this is a simulator, and seeding hashes 120+ passwords. The point is only
// that no plain password is ever kept. (N=1024 cost 2.2 ms of the sandbox's one thread per create:
// a 2,000-row benchmark then measured the simulator, not our runner.)
const SCRYPT = { N: 16, r: 8, p: 1 } as const;

/** `scrypt$<salt hex>$<hash hex>`; pass a salt only for deterministic seed data. */
export function hashPassword(password: string, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(password, salt, 32, SCRYPT);
  return `scrypt$${salt.toString("hex")}$${hash.toString("hex")}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, saltHex, hashHex] = stored.split("$");
  if (scheme !== "scrypt" || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, "hex");
  const actual = scryptSync(password, Buffer.from(saltHex, "hex"), expected.length, SCRYPT);
  return timingSafeEqual(actual, expected);
}

/** A salt derived from a label, for seed hashes that are the same on every run. */
export const seedSalt = (label: string): Buffer =>
  createHash("sha256").update(`zcom:salt:${label}`).digest().subarray(0, 16);
