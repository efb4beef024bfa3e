import "server-only";
import pino from "pino";
import { env } from "@/lib/env";

/**
 * Structured JSON logs. Anything that may hold a secret is redacted by path, wherever it sits,
 * so a careless `log.info({ body })` cannot leak a password or token.
 */
const secretKeys = [
  "password",
  "passwordEncrypted",
  "token",
  "accessToken",
  "refreshToken",
  "secret",
  "apiKey",
  "authorization",
  "Authorization",
  "cookie",
  "x-auth-token",
  "X-Auth-Token",
];
const redactPaths = secretKeys.flatMap((k) => {
  const key = /^[A-Za-z_]\w*$/.test(k) ? k : `["${k}"]`;
  const dot = key.startsWith("[") ? "" : ".";
  return [key, `*${dot}${key}`, `*.*${dot}${key}`, `headers${dot}${key}`, `*.headers${dot}${key}`];
});

export const log = pino({
  level: env().logLevel,
  base: { app: "mailbox-console" },
  redact: { paths: redactPaths, censor: "[redacted]" },
});
