import type { Server } from "node:http";
import type { AdminHooks, AdminResult } from "../core/admin";
import type { FaultConfig } from "../core/fault-config";
import { isRecord } from "../core/http-io";
import { LagTracker } from "../core/lag";
import { parseLimits } from "../core/limits";
import { type ProfileSelection, profileFaults, type ZcomVariations } from "../core/profile";
import { ProfileState } from "../core/profile-state";
import type { AttemptReader, Handler, RouteSpec } from "../core/router";
import { type ProviderWording, reasonPhrase, SandboxRuntime } from "../core/runtime";
import type { StatsSnapshot } from "../core/stats";
import { createTrackedServer } from "../core/tracked-server";
import { sandboxCredentials, SANDBOX_DEFAULT_HOST } from "../credentials";
import type { ZcomContext } from "./context";
import { createEmail, deleteEmail, getEmail, setPassword } from "./email-routes";
import { issueToken } from "./identity-routes";
import { listDomains, listEmails, listServices } from "./list-routes";
import { ZcomStore } from "./store";
import { TokenStore } from "./tokens";
import type { ZcomLimits } from "./types";
import { presentZcom } from "./variations";
import { ACCESS_DENIED, readObjectBody } from "./wire";

export interface ZcomSandboxOptions extends Partial<ZcomLimits> {
  username?: string;
  password?: string;
  tenantId?: string;
  tenantName?: string;
  /** Faults in force from the start and again after every reset. */
  faults?: FaultConfig;
  /**
   * Readings of the [assumed] behaviours (see SANDBOX_PROFILES): a profile name, several
   * (combined in order), or explicit variations. In force from the start and after every reset.
   */
  profile?: ProfileSelection;
  /** Clock for token expiry, creation times and the read-after-write lag. */
  now?: () => Date;
}

export interface ZcomListenOptions {
  mailPort?: number;
  identityPort?: number;
  host?: string;
}

export interface ZcomSandbox {
  mailServer: Server;
  identityServer: Server;
  listen(options?: ZcomListenOptions): Promise<{ mailUrl: string; identityUrl: string }>;
  close(): Promise<void>;
  /** Data, limits, faults, profile and counters back to the start state; issued tokens stay valid. */
  reset(): void;
  /** The variations in force (the start profile's, or the last PUT /__sandbox/profile). */
  variations(): ZcomVariations;
  /** Counters, as GET /__sandbox/stats answers them. */
  stats(): StatsSnapshot;
  /** Every issued token stops working; the next mail API call answers 401. */
  revokeTokens(): number;
  state: ZcomStore;
  runtime: SandboxRuntime;
}

export const ZCOM_DEFAULT_LIMITS: ZcomLimits = {
  mailboxCapPerDomain: 1000,
  tokenTtlSeconds: 24 * 60 * 60,
};

const LIMIT_RULES = {
  mailboxCapPerDomain: { min: 0, integer: true },
  tokenTtlSeconds: { min: 0, integer: false },
};

export function createZcomSandbox(options: ZcomSandboxOptions = {}): ZcomSandbox {
  const creds = sandboxCredentials.zcom;
  const startLimits: ZcomLimits = {
    mailboxCapPerDomain: options.mailboxCapPerDomain ?? ZCOM_DEFAULT_LIMITS.mailboxCapPerDomain,
    tokenTtlSeconds: options.tokenTtlSeconds ?? ZCOM_DEFAULT_LIMITS.tokenTtlSeconds,
  };
  let limits = { ...startLimits };
  const now = options.now ?? (() => new Date());
  const store = new ZcomStore(now);
  const tokens = new TokenStore(now);
  const lag = new LagTracker();
  const wording: ProviderWording = {
    errorBody: (status) => ({ error: { code: status, message: reasonPhrase(status) } }),
    unauthorized: ACCESS_DENIED,
    present: (reply) => presentZcom(reply, profile.variations),
  };
  const runtime = new SandboxRuntime(wording, options.faults);
  const urls = { mail: "", identity: "" };
  // A variation that names a limit sets it (absent: the start option's value); PUT /limits
  // can still change it afterwards. Ids are fixed when data is seeded, so another idFormat
  // re-seeds the data.
  const applyProfile = (v: ZcomVariations) => {
    limits = { ...limits, tokenTtlSeconds: v.tokenTtlSeconds ?? startLimits.tokenTtlSeconds };
    runtime.faults.setProfileFaults(profileFaults(v));
    if (store.setIdFormat(v.idFormat)) lag.reset();
  };
  const profile = new ProfileState("zcom", options.profile, applyProfile);
  applyProfile(profile.variations);

  const authed =
    (handler: Handler): Handler =>
    (input) => {
      const token = input.headers["x-auth-token"];
      return tokens.isValid(Array.isArray(token) ? token[0] : token)
        ? handler(input)
        : ACCESS_DENIED();
    };
  const ctx: ZcomContext = {
    store,
    mailboxCapPerDomain: () => limits.mailboxCapPerDomain,
    variations: () => profile.variations,
    // Checked per listed row: without lag it must not even read the clock.
    visible: (e) => {
      const { lagMs } = profile.variations;
      return lagMs <= 0 || !lag.hidden(e.email_id, now().getTime(), lagMs);
    },
    recordCreate: (email) => {
      runtime.stats.created(email.email);
      lag.created(email.email_id, now().getTime());
    },
  };
  const createAttempt: AttemptReader = ({ body }) => {
    const email = readObjectBody(body)?.email;
    return typeof email === "string"
      ? [{ address: email, existed: store.findByAddress(email) !== undefined }]
      : [];
  };
  const mailRoutes: RouteSpec[] = [
    { method: "GET", pattern: "/v1/services", handler: authed(listServices(ctx)) },
    { method: "GET", pattern: "/v1/domains", handler: authed(listDomains(ctx)) },
    { method: "GET", pattern: "/v1/emails", handler: authed(listEmails(ctx)) },
    {
      method: "POST",
      pattern: "/v1/emails",
      handler: authed(createEmail(ctx)),
      isCreate: true,
      attempts: createAttempt,
    },
    { method: "GET", pattern: "/v1/emails/{email_id}", handler: authed(getEmail(ctx)) },
    { method: "DELETE", pattern: "/v1/emails/{email_id}", handler: authed(deleteEmail(ctx)) },
    {
      method: "PUT",
      pattern: "/v1/emails/{email_id}/password",
      handler: authed(setPassword(ctx)),
    },
  ];
  const identityRoutes: RouteSpec[] = [
    {
      method: "POST",
      pattern: "/v2.0/tokens",
      handler: issueToken(
        {
          username: options.username ?? creds.username,
          password: options.password ?? creds.password,
          tenantId: options.tenantId ?? creds.tenantId,
          tenantName: options.tenantName ?? creds.tenantName,
          tokenTtlSeconds: () => limits.tokenTtlSeconds,
          earlyDeath: () => ({
            afterMs: profile.variations.tokenDiesAfterMs,
            afterRequests: profile.variations.tokenDiesAfterRequests,
          }),
          mailBaseUrl: () => urls.mail,
          identityBaseUrl: () => urls.identity,
        },
        tokens,
      ),
    },
  ];

  const reset = () => {
    limits = { ...startLimits };
    profile.reset();
    store.reset();
    lag.reset();
    runtime.reset();
  };
  const admin: AdminHooks = {
    reset,
    mailboxes: () => {
      const names = new Map(store.listDomains().map((d) => [d.domain_id, d.domain_name]));
      return store
        .listEmails()
        .sort((a, b) => a.createdAt - b.createdAt || (a.dto.email < b.dto.email ? -1 : 1))
        .map((e) => ({ ...e.dto, domain_name: names.get(e.dto.domain_id) ?? null }));
    },
    getLimits: () => limits,
    setLimits: (input): AdminResult => {
      const parsed = parseLimits<ZcomLimits>(input, LIMIT_RULES);
      if (!parsed.ok) return parsed;
      limits = { ...limits, ...parsed.value };
      return { ok: true, value: limits };
    },
    getProfile: () => profile.describe(),
    setProfile: (input) => profile.set(input),
    extra: {
      "POST revoke-tokens": () => ({ ok: true, value: { revoked: tokens.revokeAll() } }),
      "POST check-password": (body) => checkPassword(store, body),
    },
  };
  const mail = createTrackedServer(runtime.listener(mailRoutes, admin));
  const identity = createTrackedServer(runtime.listener(identityRoutes, admin, true));

  return {
    mailServer: mail.server,
    identityServer: identity.server,
    async listen({ mailPort = 0, identityPort = 0, host = SANDBOX_DEFAULT_HOST } = {}) {
      urls.mail = await mail.listen(mailPort, host);
      try {
        urls.identity = await identity.listen(identityPort, host);
      } catch (error) {
        await mail.close();
        throw error;
      }
      return { mailUrl: urls.mail, identityUrl: urls.identity };
    },
    async close() {
      runtime.abortPending();
      await Promise.all([mail.close(), identity.close()]);
    },
    reset,
    variations: () => profile.variations,
    stats: () => runtime.stats.snapshot(),
    revokeTokens: () => tokens.revokeAll(),
    state: store,
    runtime,
  };
}

/** Admin: `{ email | email_id, password }` → `{ match }`, so a test can check the password a client set. */
function checkPassword(store: ZcomStore, body: unknown): AdminResult {
  if (!isRecord(body) || typeof body.password !== "string") {
    return { ok: false, error: "expected { email or email_id, password }" };
  }
  const found =
    typeof body.email_id === "string"
      ? store.findEmail(body.email_id)
      : typeof body.email === "string"
        ? store.findByAddress(body.email)
        : undefined;
  if (!found) return { ok: false, error: "no such address" };
  return { ok: true, value: { match: store.passwordMatches(found.email_id, body.password) } };
}
