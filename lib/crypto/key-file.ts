import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { decodeKey } from "@/lib/config/schema";

export type KeySource = "configured" | "generated" | "data-dir";

/**
 * The AES-256 key that encrypts stored passwords. Configured keys win; in embedded mode a key is
 * generated once into the data directory (mode 0600) so `npm start` needs no setup. PostgreSQL
 * mode requires a configured key (see lib/config/schema.ts): several servers must share it.
 */
export function loadOrCreateKey(
  configured: string | undefined,
  dataDir: string,
): { key: Uint8Array; source: KeySource; file?: string } {
  if (configured !== undefined) {
    const key = decodeKey(configured);
    if (!key) throw new Error("ENCRYPTION_KEY must be 32 bytes as 64 hex digits or base64");
    return { key, source: "configured" };
  }
  const file = path.resolve(dataDir, "encryption.key");
  try {
    const key = decodeKey(readFileSync(file, "utf8"));
    if (!key) throw new Error(`${file} does not hold a 32-byte key; restore it from a backup`);
    return { key, source: "data-dir", file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  // "wx": never overwrite a key another process wrote a moment ago.
  writeFileSync(file, key.toString("hex") + "\n", { mode: 0o600, flag: "wx" });
  return { key: Uint8Array.from(key), source: "generated", file };
}
