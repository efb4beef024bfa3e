import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { decodeKey } from "@/lib/config/schema";

export type KeySource = "configured" | "generated" | "data-dir";

interface Loaded<T> {
  value: T;
  source: KeySource;
  file?: string;
}

/**
 * A secret that is configured, or — in embedded mode only, so `npm start` needs no setup —
 * generated once into the data directory (mode 0600) and read back on every later start.
 * PostgreSQL mode requires configured secrets (lib/config/schema.ts): several servers share them.
 */
function loadOrCreate<T>(
  file: string,
  configured: string | undefined,
  decode: (text: string) => T | null,
  what: string,
): Loaded<T> {
  if (configured !== undefined) {
    const value = decode(configured);
    if (value === null) throw new Error(`the configured ${what} is not valid`);
    return { value, source: "configured" };
  }
  try {
    const value = decode(readFileSync(file, "utf8").trim());
    if (value === null) throw new Error(`${file} does not hold a valid ${what}; restore it`);
    return { value, source: "data-dir", file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const text = randomBytes(32).toString("hex");
  // "wx": never overwrite a secret another process wrote a moment ago.
  writeFileSync(file, text + "\n", { mode: 0o600, flag: "wx" });
  return { value: decode(text)!, source: "generated", file };
}

/** The AES-256 key that encrypts stored mailbox passwords. */
export function loadOrCreateKey(configured: string | undefined, dataDir: string) {
  const loaded = loadOrCreate(
    path.resolve(dataDir, "encryption.key"),
    configured,
    decodeKey,
    "ENCRYPTION_KEY (32 bytes as 64 hex digits or base64)",
  );
  return { key: loaded.value, source: loaded.source, file: loaded.file };
}

/** The secret Better Auth signs session cookies with. */
export function loadOrCreateAuthSecret(configured: string | undefined, dataDir: string) {
  const loaded = loadOrCreate(
    path.resolve(dataDir, "auth.secret"),
    configured,
    (text) => (text.length >= 32 ? text : null),
    "AUTH_SECRET (at least 32 characters)",
  );
  return { secret: loaded.value, source: loaded.source, file: loaded.file };
}
