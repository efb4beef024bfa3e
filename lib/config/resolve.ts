import path from "node:path";
import type { DbTarget } from "@/lib/db/open";
import { SANDBOX_DEFAULTS } from "./sandbox-defaults";
import { parseEnv, type RawEnv } from "./schema";

export type ProviderMode = "sandbox" | "real";

export interface HybridboxSettings {
  mode: ProviderMode;
  baseUrl: string;
  accountId: string;
  token: string;
  bulkMax: number;
  /** Domain names to use when the account does not serve `GET /domains` (unpublished). */
  domains: string[];
}

export type ZcomAuth =
  | { kind: "credentials"; username: string; password: string; tenantId?: string }
  | { kind: "token"; token: string };

export interface ZcomSettings {
  mode: ProviderMode;
  identityUrl: string;
  mailUrl: string;
  auth: ZcomAuth;
}

type Role = "viewer" | "operator" | "admin";

export interface RoleMapping {
  /** The claim's name; a dotted path (`realm_access.roles`) reaches into nested objects. */
  claim: string;
  /** The claim values that give each role; the strongest role matched wins. */
  values: Record<Role, string[]>;
}

export interface AppConfig {
  hybridbox: HybridboxSettings;
  zcom: ZcomSettings;
  timeouts: { connectMs: number; totalMs: number };
  database: DbTarget;
  dataDir: string;
  encryptionKey?: string;
  auth: {
    secret?: string;
    appUrl: string;
    signInAttemptsPerMinute: number;
    /** TRUSTED_PROXY as given: the reverse proxies whose X-Forwarded-For is believed. */
    trustedProxies: string;
    initialAdmin?: { email: string; password: string; name: string };
    /**
     * false: password sign-in is off for everyone but the break-glass admin (ADMIN_EMAIL), whose
     * every sign-in is audited. The schema refuses false without OIDC and ADMIN_EMAIL.
     */
    passwordSignIn: boolean;
    oidc?: {
      issuer: string;
      clientId: string;
      clientSecret: string;
      name: string;
      defaultRole: Role;
      scopes: string[];
      clientAuth: "post" | "basic";
      /** Roles from a claim of the ID token; absent: the default role, changed by an admin. */
      roleMapping?: RoleMapping;
    };
  };
  runner: {
    enabled: boolean;
    /** Requests in flight per provider, across every process on one database. */
    concurrency: { zcom: number; hybridbox: number };
    /** Requests per second per provider, when set. */
    ratePerSecond: { zcom: number | null; hybridbox: number | null };
    leaseMs: number;
    listLagMs: number;
    unconfirmedAfterMs: number;
    submissionTimeoutMs: number;
  };
  /** The Prometheus endpoint: off unless a token is set (the runner's own port, optional). */
  metrics: { token: string | null; port: number | null };
  sandbox: { host: string; hybridboxPort: number; zcomPort: number; zcomIdentityPort: number };
  logLevel: RawEnv["LOG_LEVEL"];
}

const REAL_HYBRIDBOX_URL = "https://api.hybridbox.io";
const REAL_ZCOM_IDENTITY_URL = "https://identity.tyo1.cloud.z.com";
const REAL_ZCOM_MAIL_URL = "https://mail-hosting.tyo1.cloud.z.com";

/**
 * Turns validated settings into what the app uses: sandbox mode fills in the built-in sandbox's
 * address and credentials, real mode the provider's public hosts.
 */
export function resolveConfig(raw: RawEnv): AppConfig {
  const sandboxUrl = (port: number) => `http://${raw.SANDBOX_HOST}:${port}`;
  const hybridbox: HybridboxSettings =
    raw.HYBRIDBOX_MODE === "sandbox"
      ? {
          mode: "sandbox",
          baseUrl: raw.HYBRIDBOX_BASE_URL ?? sandboxUrl(raw.SANDBOX_HYBRIDBOX_PORT),
          accountId: raw.HYBRIDBOX_ACCOUNT_ID ?? SANDBOX_DEFAULTS.hybridbox.accountId,
          token: raw.HYBRIDBOX_TOKEN ?? SANDBOX_DEFAULTS.hybridbox.token,
          bulkMax: raw.HYBRIDBOX_BULK_MAX,
          domains: raw.HYBRIDBOX_DOMAINS ?? [],
        }
      : {
          mode: "real",
          baseUrl: raw.HYBRIDBOX_BASE_URL ?? REAL_HYBRIDBOX_URL,
          accountId: raw.HYBRIDBOX_ACCOUNT_ID!,
          token: raw.HYBRIDBOX_TOKEN!,
          bulkMax: raw.HYBRIDBOX_BULK_MAX,
          domains: raw.HYBRIDBOX_DOMAINS ?? [],
        };

  const zcomAuth = (fallback: ZcomAuth): ZcomAuth =>
    raw.ZCOM_TOKEN
      ? { kind: "token", token: raw.ZCOM_TOKEN }
      : raw.ZCOM_API_USER && raw.ZCOM_API_PASSWORD
        ? {
            kind: "credentials",
            username: raw.ZCOM_API_USER,
            password: raw.ZCOM_API_PASSWORD,
            ...(raw.ZCOM_TENANT_ID ? { tenantId: raw.ZCOM_TENANT_ID } : {}),
          }
        : fallback;
  const zcom: ZcomSettings =
    raw.ZCOM_MODE === "sandbox"
      ? {
          mode: "sandbox",
          identityUrl: raw.ZCOM_IDENTITY_URL ?? sandboxUrl(raw.SANDBOX_ZCOM_IDENTITY_PORT),
          mailUrl: raw.ZCOM_MAIL_URL ?? sandboxUrl(raw.SANDBOX_ZCOM_PORT),
          auth: zcomAuth({
            kind: "credentials",
            username: SANDBOX_DEFAULTS.zcom.username,
            password: SANDBOX_DEFAULTS.zcom.password,
            tenantId: SANDBOX_DEFAULTS.zcom.tenantId,
          }),
        }
      : {
          mode: "real",
          identityUrl: raw.ZCOM_IDENTITY_URL ?? REAL_ZCOM_IDENTITY_URL,
          mailUrl: raw.ZCOM_MAIL_URL ?? REAL_ZCOM_MAIL_URL,
          // parseEnv has already refused real mode without a token or credentials.
          auth: zcomAuth({ kind: "token", token: "" }),
        };

  const dataDir = path.resolve(raw.DATA_DIR);
  return {
    hybridbox,
    zcom,
    timeouts: { connectMs: raw.PROVIDER_CONNECT_TIMEOUT_MS, totalMs: raw.PROVIDER_TIMEOUT_MS },
    database: raw.DATABASE_URL
      ? { kind: "postgres", url: raw.DATABASE_URL }
      : { kind: "pglite", dataDir: path.join(dataDir, "pglite"), worker: raw.PGLITE_WORKER },
    dataDir,
    ...(raw.ENCRYPTION_KEY ? { encryptionKey: raw.ENCRYPTION_KEY } : {}),
    auth: {
      ...(raw.AUTH_SECRET ? { secret: raw.AUTH_SECRET } : {}),
      appUrl: (raw.APP_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, ""),
      signInAttemptsPerMinute: raw.SIGN_IN_ATTEMPTS_PER_MINUTE,
      trustedProxies: raw.TRUSTED_PROXY ?? "",
      ...(raw.ADMIN_EMAIL && raw.ADMIN_PASSWORD
        ? {
            initialAdmin: {
              email: raw.ADMIN_EMAIL,
              password: raw.ADMIN_PASSWORD,
              name: raw.ADMIN_NAME ?? "Administrator",
            },
          }
        : {}),
      passwordSignIn: raw.AUTH_PASSWORD_SIGNIN,
      ...(raw.OIDC_ISSUER && raw.OIDC_CLIENT_ID && raw.OIDC_CLIENT_SECRET
        ? {
            oidc: {
              issuer: raw.OIDC_ISSUER.replace(/\/$/, ""),
              clientId: raw.OIDC_CLIENT_ID,
              clientSecret: raw.OIDC_CLIENT_SECRET,
              name: raw.OIDC_NAME,
              defaultRole: raw.OIDC_DEFAULT_ROLE,
              scopes: raw.OIDC_SCOPES,
              clientAuth: raw.OIDC_CLIENT_AUTH,
              ...(raw.OIDC_ROLE_CLAIM
                ? {
                    roleMapping: {
                      claim: raw.OIDC_ROLE_CLAIM,
                      values: {
                        admin: raw.OIDC_ADMIN_VALUES ?? [],
                        operator: raw.OIDC_OPERATOR_VALUES ?? [],
                        viewer: raw.OIDC_VIEWER_VALUES ?? [],
                      },
                    },
                  }
                : {}),
            },
          }
        : {}),
    },
    metrics: { token: raw.METRICS_TOKEN ?? null, port: raw.METRICS_PORT ?? null },
    runner: {
      enabled: raw.RUNNER_ENABLED,
      concurrency: { zcom: raw.ZCOM_CONCURRENCY, hybridbox: raw.HYBRIDBOX_CONCURRENCY },
      ratePerSecond: {
        zcom: raw.ZCOM_RATE_PER_SECOND ?? null,
        hybridbox: raw.HYBRIDBOX_RATE_PER_SECOND ?? null,
      },
      leaseMs: raw.RUNNER_LEASE_MS,
      listLagMs: raw.PROVIDER_LIST_LAG_MS,
      unconfirmedAfterMs: raw.UNCONFIRMED_AFTER_MS,
      submissionTimeoutMs: raw.SUBMISSION_TIMEOUT_MS,
    },
    sandbox: {
      host: raw.SANDBOX_HOST,
      hybridboxPort: raw.SANDBOX_HYBRIDBOX_PORT,
      zcomPort: raw.SANDBOX_ZCOM_PORT,
      zcomIdentityPort: raw.SANDBOX_ZCOM_IDENTITY_PORT,
    },
    logLevel: raw.LOG_LEVEL,
  };
}

export function loadConfig(source: Record<string, string | undefined>): AppConfig {
  return resolveConfig(parseEnv(source));
}
