import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * AES-256-GCM for the mailbox passwords we must keep until the admin has taken them. A fresh
 * 96-bit IV per value; `context` (the job and row) is bound as associated data, so a ciphertext
 * copied onto another row does not decrypt. Format: base64url(iv ‖ tag ‖ ciphertext), prefixed v1.
 */
const VERSION = "v1";

export function seal(plaintext: string, key: Uint8Array, context: string): string {
  if (key.length !== 32) throw new Error("the encryption key must be 32 bytes");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url")}`;
}

export function open(sealed: string, key: Uint8Array, context: string): string {
  const [version, body] = sealed.split(".", 2);
  if (version !== VERSION || !body) throw new Error("not a sealed value of a known version");
  const raw = Buffer.from(body, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}
