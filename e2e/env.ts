/**
 * The e2e server's configuration: its own ports and data directory (a running `npm start` is
 * untouched) and distinctive secrets, so the secret-leak checks can search for them.
 * scripts/e2e.ts builds with the same values.
 */
// Overridable so two checkouts can run their suites side by side (each on its own ports).
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const SANDBOX_BASE = Number(process.env.E2E_SANDBOX_PORT_BASE ?? 4100);
// https://fetch.spec.whatwg.org/#port-blocking (the ones near the ports used here).
const FETCH_BLOCKED_PORTS = new Set([3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667]);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/**
 * The local OpenID Provider (e2e/idp/test-op.ts), started by e2e/serve.ts before the console.
 * Not at +90: with the default base that is 4190, a port the Fetch standard blocks ("bad port":
 * Node's fetch and Chromium refuse it), and the console could not read the OP's discovery.
 */
const IDP_PORT = SANDBOX_BASE + 95;
if (FETCH_BLOCKED_PORTS.has(IDP_PORT)) {
  throw new Error(`E2E_SANDBOX_PORT_BASE puts the test OP on ${IDP_PORT}, a port fetch refuses`);
}
export const E2E_IDP_ISSUER = `http://127.0.0.1:${IDP_PORT}`;
export const E2E_IDP_NAME = "Test IdP";

export const E2E_SECRETS = {
  HYBRIDBOX_TOKEN: "hbx-e2e-token-3f9c1d7a5b2e",
  ZCOM_API_PASSWORD: "Zc0m-e2e-Pw-8d2e6f41c9",
  ENCRYPTION_KEY: "e2e0c0ffee5ecre7e2e0c0ffee5ecre7e2e0c0ffee5ecre7e2e0c0ffee5ecre7".replace(
    /r/g,
    "d",
  ),
  AUTH_SECRET: "e2e-auth-secret-5a7c9e1b3d5f7a9c1e3b5d7f",
  METRICS_TOKEN: "e2e-metrics-token-7c1d9a3e5b",
  OIDC_CLIENT_SECRET: "e2e-oidc-client-secret-8b1d4f7a2c",
} as const;

/** Users the setup project creates; their passwords are searched for in logs and pages too. */
export const E2E_USERS = {
  admin: { name: "Ada Admin", email: "ada@example.test", password: "ada-e2e-Passw0rd-91" },
  operator: { name: "Otto Operator", email: "otto@example.test", password: "otto-e2e-Passw0rd-92" },
  viewer: { name: "Vera Viewer", email: "vera@example.test", password: "vera-e2e-Passw0rd-93" },
} as const;

export type E2ERole = keyof typeof E2E_USERS;

export const e2eServerEnv: Record<string, string> = {
  PORT: String(E2E_PORT),
  APP_URL: E2E_BASE_URL,
  DATA_DIR: ".data/e2e",
  SANDBOX_HYBRIDBOX_PORT: String(SANDBOX_BASE + 10),
  SANDBOX_ZCOM_PORT: String(SANDBOX_BASE + 20),
  SANDBOX_ZCOM_IDENTITY_PORT: String(SANDBOX_BASE + 21),
  ZCOM_API_USER: "e2e-api-user",
  // Above the default 5: every browser sign-in of the run comes from 127.0.0.1.
  SIGN_IN_ATTEMPTS_PER_MINUTE: "20",
  // One loopback address plays a reverse proxy (e2e/auth.spec.ts); every other is a client.
  TRUSTED_PROXY: "127.0.0.9",
  NEXT_TELEMETRY_DISABLED: "1",
  LOG_LEVEL: "info",
  // Single sign-on through the local OpenID Provider, roles from its groups claim.
  OIDC_ISSUER: E2E_IDP_ISSUER,
  OIDC_CLIENT_ID: "mailbox-console-e2e",
  OIDC_NAME: E2E_IDP_NAME,
  OIDC_SCOPES: "openid email profile groups",
  OIDC_ROLE_CLAIM: "groups",
  OIDC_ADMIN_VALUES: "console-admins",
  OIDC_OPERATOR_VALUES: "mail-operators",
  ...E2E_SECRETS,
};

export function allSecrets(): string[] {
  return [...Object.values(E2E_SECRETS), ...Object.values(E2E_USERS).map((u) => u.password)];
}
