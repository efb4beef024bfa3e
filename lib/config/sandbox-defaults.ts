/**
 * What the console uses in sandbox mode when no credentials are configured. `npm start` starts
 * the built-in sandboxes with these; `npm run sandbox` starts them with the sandbox's own
 * defaults, which are the same values (config.test.ts checks), so a console in dev mode can use
 * a sandbox started on its own.
 */
export const SANDBOX_DEFAULTS = {
  hybridbox: {
    accountId: "5b0c7a39-4a6e-4c1e-9a53-2d1f0e6c0a11",
    token: "hbx-sandbox-token",
  },
  zcom: {
    username: "sandbox-api-user",
    password: "Sandbox-Passw0rd",
    tenantId: "sandbox-tenant-0001",
  },
} as const;
