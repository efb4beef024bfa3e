import { createHash } from "node:crypto";

/**
 * Ids derive from a namespace and a counter rather than randomness, so a test can rely on the
 * same ids after every reset (seed data, and the n-th mailbox created after a reset).
 */
export function deterministicHex(namespace: string, n: number, length: number): string {
  let hex = "";
  for (let block = 0; hex.length < length; block += 1) {
    hex += createHash("sha256").update(`${namespace}:${n}:${block}`).digest("hex");
  }
  return hex.slice(0, length);
}

/** A well-formed version-4 UUID (version and variant bits set) derived from the counter. */
export function deterministicUuid(namespace: string, n: number): string {
  const hex = deterministicHex(namespace, n, 32).split("");
  hex[12] = "4";
  hex[16] = ((parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
