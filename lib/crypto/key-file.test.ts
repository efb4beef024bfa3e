import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadOrCreateAuthSecret, loadOrCreateKey } from "./key-file";

const tempDir = () => mkdtempSync(path.join(tmpdir(), "key-"));

describe("loadOrCreateKey", () => {
  it("generates a key once into a missing data directory and reads the same key back", () => {
    const dataDir = path.join(tempDir(), "nested", "data");
    const first = loadOrCreateKey(undefined, dataDir);
    expect(first.source).toBe("generated");
    expect(first.key).toHaveLength(32);
    expect(statSync(first.file!).mode & 0o777).toBe(0o600);

    const second = loadOrCreateKey(undefined, dataDir);
    expect(second.source).toBe("data-dir");
    expect(Buffer.from(second.key).equals(Buffer.from(first.key))).toBe(true);
  });

  it("prefers a configured key and writes nothing", () => {
    const dataDir = tempDir();
    const hex = "ab".repeat(32);
    const loaded = loadOrCreateKey(hex, dataDir);
    expect(loaded.source).toBe("configured");
    expect(Buffer.from(loaded.key).toString("hex")).toBe(hex);
    expect(() => readFileSync(path.join(dataDir, "encryption.key"))).toThrow();
  });

  it("accepts a base64 key and refuses a short one", () => {
    const b64 = Buffer.alloc(32, 7).toString("base64");
    expect(loadOrCreateKey(b64, tempDir()).key[0]).toBe(7);
    expect(() => loadOrCreateKey("too-short", tempDir())).toThrow(/ENCRYPTION_KEY .*not valid/);
  });
});

describe("loadOrCreateAuthSecret", () => {
  it("generates a secret once, separate from the encryption key", () => {
    const dataDir = tempDir();
    const first = loadOrCreateAuthSecret(undefined, dataDir);
    expect(first.source).toBe("generated");
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(loadOrCreateAuthSecret(undefined, dataDir).secret).toBe(first.secret);
    const key = loadOrCreateKey(undefined, dataDir);
    expect(Buffer.from(key.key).toString("hex")).not.toBe(first.secret);
  });
});
