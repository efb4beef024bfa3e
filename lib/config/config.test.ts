import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sandboxCredentials } from "@/sandbox/credentials";
import { SANDBOX_DEFAULTS } from "./sandbox-defaults";
import { loadConfig } from "./resolve";
import { ConfigError, rawEnvSchema } from "./schema";

describe("configuration", () => {
  it("needs nothing set: both providers on the sandbox, embedded database under .data", () => {
    const config = loadConfig({});
    expect(config.hybridbox).toMatchObject({ mode: "sandbox", baseUrl: "http://127.0.0.1:4010" });
    expect(config.zcom).toMatchObject({
      mode: "sandbox",
      mailUrl: "http://127.0.0.1:4020",
      identityUrl: "http://127.0.0.1:4021",
      auth: { kind: "credentials" },
    });
    expect(config.database.kind).toBe("pglite");
    expect(config.dataDir).toMatch(/\.data$/);
    expect(config.encryptionKey).toBeUndefined();
  });

  it("treats empty values from a copied .env.example as unset", () => {
    const config = loadConfig({ HYBRIDBOX_MODE: "", DATABASE_URL: " ", PROVIDER_TIMEOUT_MS: "" });
    expect(config.hybridbox.mode).toBe("sandbox");
    expect(config.database.kind).toBe("pglite");
    expect(config.timeouts.totalMs).toBe(30_000);
  });

  it("starts from .env.example as it is, and it names every setting the console reads", () => {
    const example = Object.fromEntries(
      readFileSync(".env.example", "utf8")
        .split("\n")
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    expect(() => loadConfig(example)).not.toThrow();
    const documented = new Set(Object.keys(example));
    const missing = Object.keys(rawEnvSchema.shape).filter((key) => !documented.has(key));
    expect(missing, "settings missing from .env.example").toEqual([]);
  });

  it("runs the embedded database in a worker thread unless PGLITE_WORKER is false", () => {
    expect(loadConfig({}).database).toMatchObject({ kind: "pglite", worker: true });
    expect(loadConfig({ PGLITE_WORKER: "false" }).database).toMatchObject({ worker: false });
    expect(loadConfig({ PGLITE_WORKER: "true" }).database).toMatchObject({ worker: true });
    expect(loadConfig({ PGLITE_WORKER: "1" }).database).toMatchObject({ worker: true });
    expect(loadConfig({ PGLITE_WORKER: "0" }).database).toMatchObject({ worker: false });
    expect(() => loadConfig({ PGLITE_WORKER: "no" })).toThrow(
      /PGLITE_WORKER: must be true or false/,
    );
  });

  it("names every bad setting in one message", () => {
    const attempt = () =>
      loadConfig({
        HYBRIDBOX_MODE: "live",
        PROVIDER_TIMEOUT_MS: "soon",
        DATABASE_URL: "mysql://x",
      });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/HYBRIDBOX_MODE/);
    expect(attempt).toThrow(/PROVIDER_TIMEOUT_MS/);
    expect(attempt).toThrow(/DATABASE_URL: must be a postgres/);
  });

  it("trusts no proxy unless TRUSTED_PROXY names addresses or ranges, and refuses others", () => {
    expect(loadConfig({}).auth.trustedProxies).toBe("");
    expect(loadConfig({ TRUSTED_PROXY: "10.0.0.0/8, ::1" }).auth.trustedProxies).toBe(
      "10.0.0.0/8, ::1",
    );
    const attempt = () => loadConfig({ TRUSTED_PROXY: "10.0.0.0/8, nginx" });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/TRUSTED_PROXY: "nginx" is not an IP address or CIDR range/);
  });

  it("requires credentials for real accounts", () => {
    expect(() => loadConfig({ HYBRIDBOX_MODE: "real" })).toThrow(
      /HYBRIDBOX_ACCOUNT_ID: required when HYBRIDBOX_MODE=real[\s\S]*HYBRIDBOX_TOKEN/,
    );
    expect(() => loadConfig({ ZCOM_MODE: "real" })).toThrow(/ZCOM_API_USER/);
    const withToken = loadConfig({ ZCOM_MODE: "real", ZCOM_TOKEN: "t0k3n" });
    expect(withToken.zcom).toMatchObject({
      mailUrl: "https://mail-hosting.tyo1.cloud.z.com",
      auth: { kind: "token", token: "t0k3n" },
    });
    const real = loadConfig({
      HYBRIDBOX_MODE: "real",
      HYBRIDBOX_ACCOUNT_ID: "7f1c2b9e-3f4a-4d5b-8c6d-0e1f2a3b4c5d",
      HYBRIDBOX_TOKEN: "hb-real",
    });
    expect(real.hybridbox).toMatchObject({ baseUrl: "https://api.hybridbox.io", token: "hb-real" });
  });

  it("requires an encryption key and an auth secret with PostgreSQL, and checks the key", () => {
    expect(() => loadConfig({ DATABASE_URL: "postgres://localhost/app" })).toThrow(
      /ENCRYPTION_KEY: required with DATABASE_URL/,
    );
    expect(() => loadConfig({ ENCRYPTION_KEY: "abc" })).toThrow(/ENCRYPTION_KEY: must be 32 bytes/);
    expect(() => loadConfig({ DATABASE_URL: "postgres://localhost/app" })).toThrow(
      /AUTH_SECRET: required with DATABASE_URL/,
    );
    const ok = loadConfig({
      DATABASE_URL: "postgres://localhost/app",
      ENCRYPTION_KEY: "0".repeat(64),
      AUTH_SECRET: "s".repeat(32),
    });
    expect(ok.database).toEqual({ kind: "postgres", url: "postgres://localhost/app" });
  });

  it("takes an initial admin and single sign-on only when complete", () => {
    expect(() => loadConfig({ ADMIN_EMAIL: "it@example.com" })).toThrow(
      /ADMIN_PASSWORD: set ADMIN_EMAIL and ADMIN_PASSWORD together/,
    );
    expect(() => loadConfig({ OIDC_ISSUER: "https://id.example.com" })).toThrow(/OIDC_CLIENT_ID/);
    const config = loadConfig({
      ADMIN_EMAIL: "it@example.com",
      ADMIN_PASSWORD: "correct horse battery",
      OIDC_ISSUER: "https://id.example.com/",
      OIDC_CLIENT_ID: "console",
      OIDC_CLIENT_SECRET: "shh",
      PORT: "3100",
    });
    expect(config.auth.initialAdmin).toEqual({
      email: "it@example.com",
      password: "correct horse battery",
      name: "Administrator",
    });
    expect(config.auth.oidc).toMatchObject({
      issuer: "https://id.example.com",
      defaultRole: "viewer",
    });
    expect(config.auth.appUrl).toBe("http://localhost:3100");
  });

  const sso = {
    OIDC_ISSUER: "https://id.example.com",
    OIDC_CLIENT_ID: "console",
    OIDC_CLIENT_SECRET: "shh",
  };

  it("maps roles from a claim only with the claim and at least one role's values", () => {
    const config = loadConfig({
      ...sso,
      OIDC_ROLE_CLAIM: "realm_access.roles",
      OIDC_ADMIN_VALUES: " console-admins , ",
      OIDC_OPERATOR_VALUES: "Mail Operators,it",
    });
    expect(config.auth.oidc?.roleMapping).toEqual({
      claim: "realm_access.roles",
      values: { admin: ["console-admins"], operator: ["Mail Operators", "it"], viewer: [] },
    });
    expect(loadConfig(sso).auth.oidc?.roleMapping).toBeUndefined();
    expect(loadConfig(sso).auth.oidc?.scopes).toEqual(["openid", "email", "profile"]);
    expect(loadConfig(sso).auth.oidc?.clientAuth).toBe("post");
    expect(() => loadConfig({ ...sso, OIDC_CLIENT_AUTH: "jwt" })).toThrow(/must be post or basic/);
    expect(loadConfig({ ...sso, OIDC_SCOPES: "email, profile groups" }).auth.oidc?.scopes).toEqual([
      "openid",
      "email",
      "profile",
      "groups",
    ]);
    expect(() => loadConfig({ ...sso, OIDC_ROLE_CLAIM: "groups" })).toThrow(
      /OIDC_ADMIN_VALUES: OIDC_ROLE_CLAIM needs the claim values/,
    );
    expect(() => loadConfig({ ...sso, OIDC_ADMIN_VALUES: "x" })).toThrow(
      /OIDC_ADMIN_VALUES: needs OIDC_ROLE_CLAIM/,
    );
    expect(() => loadConfig({ OIDC_ROLE_CLAIM: "groups", OIDC_ADMIN_VALUES: "x" })).toThrow(
      /OIDC_ISSUER/,
    );
    expect(() =>
      loadConfig({ ...sso, OIDC_ROLE_CLAIM: "groups; drop", OIDC_ADMIN_VALUES: "x" }),
    ).toThrow(/OIDC_ROLE_CLAIM: must be a claim name/);
  });

  it("switches password sign-in off only with single sign-on and a break-glass admin", () => {
    expect(loadConfig({}).auth.passwordSignIn).toBe(true);
    const admin = { ADMIN_EMAIL: "root@example.com", ADMIN_PASSWORD: "break-glass-Passw0rd" };
    const off = loadConfig({ ...sso, ...admin, AUTH_PASSWORD_SIGNIN: "false" });
    expect(off.auth.passwordSignIn).toBe(false);
    expect(off.auth.initialAdmin?.email).toBe("root@example.com");
    expect(() => loadConfig({ ...admin, AUTH_PASSWORD_SIGNIN: "false" })).toThrow(
      /OIDC_ISSUER: AUTH_PASSWORD_SIGNIN=false needs single sign-on/,
    );
    expect(() => loadConfig({ ...sso, AUTH_PASSWORD_SIGNIN: "false" })).toThrow(/ADMIN_EMAIL/);
    expect(() => loadConfig({ AUTH_PASSWORD_SIGNIN: "no" })).toThrow(
      /AUTH_PASSWORD_SIGNIN: must be true or false/,
    );
  });
});

describe("sandbox defaults", () => {
  it("are the sandbox's own, so a console in dev mode can use a sandbox started on its own", () => {
    expect(SANDBOX_DEFAULTS.hybridbox).toEqual({
      accountId: sandboxCredentials.hybridbox.accountId,
      token: sandboxCredentials.hybridbox.token,
    });
    expect(SANDBOX_DEFAULTS.zcom).toEqual({
      username: sandboxCredentials.zcom.username,
      password: sandboxCredentials.zcom.password,
      tenantId: sandboxCredentials.zcom.tenantId,
    });
  });
});
