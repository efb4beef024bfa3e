import { z } from "zod";
import { parseTrustedProxies } from "@/lib/http/forwarded";

/**
 * Every setting the server reads, validated once at start-up. This module is pure (no
 * process.env, no server-only) so scripts/start.ts can validate before it builds; the app reads
 * configuration only through lib/env.ts.
 */

// An empty value in a copied .env file means "not set", not "set to nothing".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    schema.optional(),
  );

const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    // prefault: the fallback is parsed like a value given (a default would skip transforms).
    schema.prefault(fallback as never),
  );

const mode = withDefault(
  z.enum(["sandbox", "real"], { error: "must be sandbox or real" }),
  "sandbox",
);
const int = (min: number, max: number, what: string) =>
  z.coerce
    .number({ error: `must be ${what}` })
    .int(`must be ${what}`)
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
const port = (fallback: number) => withDefault(int(1, 65535, "a port number"), fallback);
const ms = (fallback: number) =>
  withDefault(int(100, 600_000, "a whole number of milliseconds"), fallback);
const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });
const bool = (fallback: "true" | "false") =>
  withDefault(
    z.enum(["true", "false"], { error: "must be true or false" }).transform((v) => v === "true"),
    fallback,
  );
/** A comma-separated list of claim values, as the identity provider spells them (case kept). */
const claimValues = optional(
  z
    .string()
    .transform((v) =>
      v
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().max(256)).min(1, "must name at least one value").max(100)),
);

export const rawEnvSchema = z.object({
  HYBRIDBOX_MODE: mode,
  HYBRIDBOX_BASE_URL: optional(httpUrl),
  HYBRIDBOX_ACCOUNT_ID: optional(z.uuid({ error: "must be the account UUID" })),
  HYBRIDBOX_TOKEN: optional(z.string().min(1)),
  HYBRIDBOX_BULK_MAX: withDefault(int(1, 1000, "a whole number"), 100),
  /** Used when the account does not serve the unpublished `GET /domains` list. */
  HYBRIDBOX_DOMAINS: optional(
    z
      .string()
      .transform((v) =>
        v
          .split(",")
          .map((d) => d.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, "must be domain names"))
          .max(500, "must be at most 500 domains"),
      ),
  ),

  ZCOM_MODE: mode,
  ZCOM_IDENTITY_URL: optional(httpUrl),
  ZCOM_MAIL_URL: optional(httpUrl),
  ZCOM_API_USER: optional(z.string().min(1)),
  ZCOM_API_PASSWORD: optional(z.string().min(1)),
  ZCOM_TENANT_ID: optional(z.string().min(1)),
  ZCOM_TOKEN: optional(z.string().min(1)),

  PROVIDER_CONNECT_TIMEOUT_MS: ms(5_000),
  PROVIDER_TIMEOUT_MS: ms(30_000),

  DATABASE_URL: optional(
    z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" }),
  ),
  DATA_DIR: withDefault(z.string().min(1), ".data"),
  /** Embedded database in a worker thread (true, default) or on the server's own thread (false). */
  PGLITE_WORKER: withDefault(
    z
      .enum(["true", "false", "1", "0"], { error: "must be true or false" })
      .transform((v) => v === "true" || v === "1"),
    "true",
  ),
  ENCRYPTION_KEY: optional(
    z.string().refine((v) => decodeKey(v) !== null, "must be 32 bytes as 64 hex digits or base64"),
  ),

  AUTH_SECRET: optional(z.string().min(32, "must be at least 32 characters")),
  APP_URL: optional(httpUrl),
  ADMIN_EMAIL: optional(z.email({ error: "must be an email address" })),
  ADMIN_PASSWORD: optional(z.string().min(12, "must be at least 12 characters")),
  ADMIN_NAME: optional(z.string().min(1).max(100)),
  SIGN_IN_ATTEMPTS_PER_MINUTE: withDefault(int(1, 1000, "a whole number"), 5),
  TRUSTED_PROXY: optional(
    z.string().superRefine((v, ctx) => {
      try {
        parseTrustedProxies(v);
      } catch (error) {
        ctx.addIssue({
          code: "custom",
          message: `${(error as Error).message}; list addresses or CIDR ranges, comma-separated`,
        });
      }
    }),
  ),
  OIDC_ISSUER: optional(httpUrl),
  OIDC_CLIENT_ID: optional(z.string().min(1)),
  OIDC_CLIENT_SECRET: optional(z.string().min(1)),
  OIDC_NAME: withDefault(z.string().min(1).max(60), "single sign-on"),
  OIDC_DEFAULT_ROLE: withDefault(
    z.enum(["viewer", "operator", "admin"], { error: "must be viewer, operator or admin" }),
    "viewer",
  ),
  /** How the client secret reaches the token endpoint: in the body (post) or Basic auth. */
  OIDC_CLIENT_AUTH: withDefault(
    z.enum(["post", "basic"], { error: "must be post or basic" }),
    "post",
  ),
  /** Scopes asked for at sign-in; openid is always included. */
  OIDC_SCOPES: withDefault(
    z
      .string()
      .transform((v) => [...new Set(["openid", ...v.split(/[\s,]+/).filter(Boolean)])])
      .pipe(
        z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, "must be scope names")).max(20),
      ),
    "openid email profile",
  ),
  /** The ID token claim that carries groups or roles; a dotted path reaches nested claims. */
  OIDC_ROLE_CLAIM: optional(
    z
      .string()
      .regex(/^[A-Za-z0-9_:/.-]{1,200}$/, "must be a claim name (a dotted path for nested claims)"),
  ),
  OIDC_ADMIN_VALUES: claimValues,
  OIDC_OPERATOR_VALUES: claimValues,
  OIDC_VIEWER_VALUES: claimValues,
  /** false: only single sign-on, plus the break-glass admin (ADMIN_EMAIL) by password. */
  AUTH_PASSWORD_SIGNIN: bool("true"),
  PORT: port(3000),

  RUNNER_ENABLED: bool("true"),
  ZCOM_CONCURRENCY: withDefault(int(1, 64, "a whole number"), 4),
  HYBRIDBOX_CONCURRENCY: withDefault(int(1, 64, "a whole number"), 2),
  METRICS_TOKEN: optional(z.string().min(16, "must be at least 16 characters")),
  METRICS_PORT: optional(int(1, 65_535, "a port number")),
  ZCOM_RATE_PER_SECOND: optional(int(1, 10_000, "a whole number")),
  HYBRIDBOX_RATE_PER_SECOND: optional(int(1, 10_000, "a whole number")),
  RUNNER_LEASE_MS: withDefault(int(1_000, 600_000, "a whole number of milliseconds"), 15_000),
  PROVIDER_LIST_LAG_MS: withDefault(int(0, 600_000, "a whole number of milliseconds"), 10_000),
  UNCONFIRMED_AFTER_MS: withDefault(
    int(10_000, 86_400_000, "a whole number of milliseconds"),
    15 * 60_000,
  ),
  SUBMISSION_TIMEOUT_MS: withDefault(
    int(10_000, 86_400_000, "a whole number of milliseconds"),
    30 * 60_000,
  ),

  SANDBOX_HOST: withDefault(z.string().min(1), "127.0.0.1"),
  SANDBOX_HYBRIDBOX_PORT: port(4010),
  SANDBOX_ZCOM_PORT: port(4020),
  SANDBOX_ZCOM_IDENTITY_PORT: port(4021),

  LOG_LEVEL: withDefault(
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]),
    "info",
  ),
});

export type RawEnv = z.output<typeof rawEnvSchema>;

/** A 32-byte AES-256 key from 64 hex digits or base64; null when it is neither. */
export function decodeKey(value: string): Uint8Array | null {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Uint8Array.from(Buffer.from(v, "hex"));
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(v)) {
    const bytes = Buffer.from(v.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (bytes.length === 32) return Uint8Array.from(bytes);
  }
  return null;
}

/** Requirements that span settings: real accounts need credentials, PostgreSQL needs a key. */
export const envSchema = rawEnvSchema.superRefine((env, ctx) => {
  const need = (key: keyof RawEnv, why: string) => {
    if (env[key] === undefined) ctx.addIssue({ code: "custom", path: [key], message: why });
  };
  if (env.HYBRIDBOX_MODE === "real") {
    need("HYBRIDBOX_ACCOUNT_ID", "required when HYBRIDBOX_MODE=real");
    need("HYBRIDBOX_TOKEN", "required when HYBRIDBOX_MODE=real");
  }
  if (env.ZCOM_MODE === "real" && env.ZCOM_TOKEN === undefined) {
    need("ZCOM_API_USER", "required when ZCOM_MODE=real (or set ZCOM_TOKEN)");
    need("ZCOM_API_PASSWORD", "required when ZCOM_MODE=real (or set ZCOM_TOKEN)");
  }
  if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
    need("ADMIN_EMAIL", "set ADMIN_EMAIL and ADMIN_PASSWORD together");
    need("ADMIN_PASSWORD", "set ADMIN_EMAIL and ADMIN_PASSWORD together");
  }
  const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
  if (oidc.some((v) => v !== undefined) && oidc.some((v) => v === undefined)) {
    for (const key of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const) {
      need(key, "single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET");
    }
  }
  const roleValues = ["OIDC_ADMIN_VALUES", "OIDC_OPERATOR_VALUES", "OIDC_VIEWER_VALUES"] as const;
  if (env.OIDC_ROLE_CLAIM !== undefined) {
    need("OIDC_ISSUER", "OIDC_ROLE_CLAIM maps roles from single sign-on: set OIDC_ISSUER too");
    if (roleValues.every((key) => env[key] === undefined)) {
      for (const key of roleValues) {
        need(key, "OIDC_ROLE_CLAIM needs the claim values of at least one role");
      }
    }
  } else {
    for (const key of roleValues) {
      if (env[key] !== undefined) {
        ctx.addIssue({ code: "custom", path: [key], message: "needs OIDC_ROLE_CLAIM" });
      }
    }
  }
  if (!env.AUTH_PASSWORD_SIGNIN) {
    const why =
      "AUTH_PASSWORD_SIGNIN=false needs single sign-on (OIDC_ISSUER…) and a break-glass admin (ADMIN_EMAIL, ADMIN_PASSWORD)";
    need("OIDC_ISSUER", why);
    need("ADMIN_EMAIL", why);
    need("ADMIN_PASSWORD", why);
  }
  if (env.DATABASE_URL !== undefined) {
    need(
      "AUTH_SECRET",
      "required with DATABASE_URL: every server sharing the database must sign sessions alike",
    );
    need(
      "ENCRYPTION_KEY",
      "required with DATABASE_URL: several servers share the database, so the key cannot be generated on one of them",
    );
  }
});

/** Parses the environment or throws one message that names every bad setting. */
export function parseEnv(source: Record<string, string | undefined>): RawEnv {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const key = issue.path.join(".") || "(configuration)";
    return `  - ${key}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}\nSee .env.example.`);
}

export class ConfigError extends Error {
  override name = "ConfigError";
}
