/*
 * Fake credentials of the local sandboxes. They open nothing outside this machine, so printing
 * them (sandbox/main.ts) is fine.
 */

export const HYBRIDBOX_SANDBOX_ACCOUNT_ID = "5b0c7a39-4a6e-4c1e-9a53-2d1f0e6c0a11";
export const HYBRIDBOX_SANDBOX_TOKEN = "hbx-sandbox-token";
/** A token the sandbox knows but refuses (403) on every provider route. */
export const HYBRIDBOX_SANDBOX_FORBIDDEN_TOKEN = "hbx-sandbox-readonly";

export const ZCOM_SANDBOX_USERNAME = "sandbox-api-user";
export const ZCOM_SANDBOX_PASSWORD = "Sandbox-Passw0rd";
export const ZCOM_SANDBOX_TENANT_ID = "sandbox-tenant-0001";
export const ZCOM_SANDBOX_TENANT_NAME = "sandbox-tenant";

export const SANDBOX_DEFAULT_HOST = "127.0.0.1";
export const SANDBOX_DEFAULT_PORTS = {
  hybridbox: 4010,
  zcomMail: 4020,
  zcomIdentity: 4021,
} as const;

/** The same values grouped per provider (what lib/config reads for sandbox mode). */
export const sandboxCredentials = {
  hybridbox: {
    accountId: HYBRIDBOX_SANDBOX_ACCOUNT_ID,
    token: HYBRIDBOX_SANDBOX_TOKEN,
    forbiddenToken: HYBRIDBOX_SANDBOX_FORBIDDEN_TOKEN,
  },
  zcom: {
    username: ZCOM_SANDBOX_USERNAME,
    password: ZCOM_SANDBOX_PASSWORD,
    tenantId: ZCOM_SANDBOX_TENANT_ID,
    tenantName: ZCOM_SANDBOX_TENANT_NAME,
  },
} as const;
