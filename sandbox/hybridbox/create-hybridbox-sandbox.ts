import type { Server } from "node:http";
import type { AdminResult } from "../core/admin";
import type { StatsSnapshot } from "../core/stats";
import type { FaultConfig } from "../core/fault-config";
import { isRecord, parseJson, type Reply } from "../core/http-io";
import { LagTracker } from "../core/lag";
import { parseLimits } from "../core/limits";
import { type HybridboxVariations, type ProfileSelection, profileFaults } from "../core/profile";
import { ProfileState } from "../core/profile-state";
import type { AttemptReader, CreateAttempt, RouteSpec } from "../core/router";
import { type ProviderWording, reasonPhrase, SandboxRuntime } from "../core/runtime";
import { createTrackedServer } from "../core/tracked-server";
import {
  HYBRIDBOX_SANDBOX_ACCOUNT_ID,
  HYBRIDBOX_SANDBOX_FORBIDDEN_TOKEN,
  HYBRIDBOX_SANDBOX_TOKEN,
} from "../credentials";
import { bulkCreate } from "./bulk-create";
import type { HybridboxContext } from "./context";
import { getDomain, listDomains } from "./domain-routes";
import { detail, isUuid, unprocessable } from "./fastapi";
import {
  createMailbox,
  deleteMailbox,
  getMailbox,
  listMailboxes,
  patchMailbox,
} from "./mailbox-routes";
import { HybridboxStore } from "./store";
import type { HybridboxLimits } from "./types";
import { presentHybridbox } from "./variations";

export interface HybridboxSandboxOptions extends Partial<HybridboxLimits> {
  accountId?: string;
  token?: string;
  /** Known but refused: every provider route answers 403 to it. */
  forbiddenToken?: string;
  /** Faults in force from the start and again after every reset. */
  faults?: FaultConfig;
  /**
   * Readings of the [assumed] behaviours (see SANDBOX_PROFILES): a profile name, several
   * (combined in order), or explicit variations. In force from the start and after every reset.
   */
  profile?: ProfileSelection;
  /** Clock for created_at / updated_at of new mailboxes, and for the read-after-write lag. */
  now?: () => Date;
}

export interface HybridboxSandbox {
  server: Server;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  /** Data, limits, faults, profile and counters back to the start state. */
  reset(): void;
  /** The variations in force (the start profile's, or the last PUT /__sandbox/profile). */
  variations(): HybridboxVariations;
  /** Counters, as GET /__sandbox/stats answers them. */
  stats(): StatsSnapshot;
  state: HybridboxStore;
  runtime: SandboxRuntime;
}

export const HYBRIDBOX_DEFAULT_LIMITS: HybridboxLimits = {
  bulkMax: 100,
  mailboxCapPerDomain: 1000,
  maxPageSize: 500,
};

const LIMIT_RULES = {
  bulkMax: { min: 1, integer: true },
  mailboxCapPerDomain: { min: 0, integer: true },
  maxPageSize: { min: 1, integer: true },
};

const PREFIX = "/v1/public/accounts/{account_id}";

const unauthorized = () => detail(401, "Not authenticated", { "WWW-Authenticate": "Bearer" });

export function createHybridboxSandbox(options: HybridboxSandboxOptions = {}): HybridboxSandbox {
  const accountId = (options.accountId ?? HYBRIDBOX_SANDBOX_ACCOUNT_ID).toLowerCase();
  const token = options.token ?? HYBRIDBOX_SANDBOX_TOKEN;
  const forbiddenToken = options.forbiddenToken ?? HYBRIDBOX_SANDBOX_FORBIDDEN_TOKEN;
  const startLimits: HybridboxLimits = {
    bulkMax: options.bulkMax ?? HYBRIDBOX_DEFAULT_LIMITS.bulkMax,
    mailboxCapPerDomain:
      options.mailboxCapPerDomain ?? HYBRIDBOX_DEFAULT_LIMITS.mailboxCapPerDomain,
    maxPageSize: options.maxPageSize ?? HYBRIDBOX_DEFAULT_LIMITS.maxPageSize,
  };
  let limits = { ...startLimits };
  const now = options.now ?? (() => new Date());
  const store = new HybridboxStore(now);
  const lag = new LagTracker();
  const wording: ProviderWording = {
    errorBody: (status) => ({ detail: reasonPhrase(status) }),
    unauthorized,
    present: (reply) => presentHybridbox(reply, profile.variations),
  };
  const runtime = new SandboxRuntime(wording, options.faults);
  // A variation that names a limit sets it (absent: the start option's value); PUT /limits
  // can still change it afterwards.
  const applyProfile = (v: HybridboxVariations) => {
    limits = { ...limits, bulkMax: v.bulkMax ?? startLimits.bulkMax };
    runtime.faults.setProfileFaults(profileFaults(v));
  };
  const profile = new ProfileState("hybridbox", options.profile, applyProfile);
  applyProfile(profile.variations);
  const ctx: HybridboxContext = {
    store,
    limits: () => limits,
    variations: () => profile.variations,
    // Checked per listed row: without lag it must not even read the clock.
    visible: (m) => {
      const { lagMs } = profile.variations;
      return lagMs <= 0 || !lag.hidden(m.id, now().getTime(), lagMs);
    },
    recordCreate: (mailbox) => {
      runtime.stats.created(mailbox.primary_email);
      lag.created(mailbox.id, now().getTime());
    },
  };

  // FastAPI resolves the security dependency before it validates path parameters, so a bad
  // token wins over a malformed account id.
  const guarded =
    (handler: RouteSpec["handler"]): RouteSpec["handler"] =>
    (input) => {
      const header = input.headers.authorization ?? "";
      const match = /^bearer\s+(\S+)\s*$/i.exec(header);
      const presented = match?.[1];
      if (presented === forbiddenToken) return detail(403, "Not enough permissions");
      if (presented !== token) return unauthorized();
      const account = input.params.account_id ?? "";
      if (!isUuid(account)) {
        return unprocessable([
          {
            type: "uuid_parsing",
            loc: ["path", "account_id"],
            msg: "Input should be a valid UUID",
            input: account,
          },
        ]);
      }
      if (account.toLowerCase() !== accountId) return detail(404, "Account not found");
      return handler(input);
    };

  const route = (
    method: string,
    path: string,
    handler: RouteSpec["handler"],
    attempts?: AttemptReader,
  ): RouteSpec => ({
    method,
    pattern: `${PREFIX}${path}`,
    handler: guarded(handler),
    isCreate: attempts !== undefined,
    attempts,
  });
  // The unpublished routes may be absent: answered like FastAPI's own unknown path / method,
  // before auth (route matching comes first there). The stats still count them by pattern.
  const unlessAbsent =
    (absent: () => boolean, reply: () => Reply) =>
    (spec: RouteSpec): RouteSpec => ({
      ...spec,
      handler: (input) => (absent() ? reply() : spec.handler(input)),
    });
  const absentDomains = unlessAbsent(
    () => profile.variations.domainsRoute === "absent",
    () => detail(404, "Not Found"),
  );
  const absentDelete = unlessAbsent(
    () => profile.variations.deleteRoute === "absent",
    () => detail(405, "Method Not Allowed", { Allow: "GET, PATCH" }),
  );
  const routes: RouteSpec[] = [
    route("POST", "/mailboxes/bulk", bulkCreate(ctx), bulkAttempts(store)),
    route("GET", "/mailboxes", listMailboxes(ctx)),
    route("POST", "/mailboxes", createMailbox(ctx), singleAttempt(store)),
    route("GET", "/mailboxes/{mailbox}", getMailbox(ctx)),
    route("PATCH", "/mailboxes/{mailbox}", patchMailbox(ctx)),
    absentDelete(route("DELETE", "/mailboxes/{mailbox}", deleteMailbox(ctx))),
    absentDomains(route("GET", "/domains", listDomains(ctx))),
    route("GET", "/domains/{domain}", getDomain(ctx)),
  ];

  const reset = () => {
    store.reset();
    lag.reset();
    limits = { ...startLimits };
    profile.reset();
    runtime.reset();
  };
  const tracked = createTrackedServer(
    runtime.listener(routes, {
      reset,
      mailboxes: () => store.listMailboxes(),
      getLimits: () => limits,
      setLimits: (input): AdminResult => {
        const parsed = parseLimits<HybridboxLimits>(input, LIMIT_RULES);
        if (!parsed.ok) return parsed;
        limits = { ...limits, ...parsed.value };
        return { ok: true, value: limits };
      },
      getProfile: () => profile.describe(),
      setProfile: (input) => profile.set(input),
    }),
  );

  return {
    server: tracked.server,
    listen: (port, host) => tracked.listen(port, host),
    close: () => {
      runtime.abortPending();
      return tracked.close();
    },
    reset,
    variations: () => profile.variations,
    stats: () => runtime.stats.snapshot(),
    state: store,
    runtime,
  };
}

/** The address one create names: `local_part@<domain name>` (or `@<domain>` as sent if unknown). */
function attemptOf(
  store: HybridboxStore,
  domainRef: string,
  localPart: unknown,
): CreateAttempt | null {
  if (typeof localPart !== "string") return null;
  const domain = store.findDomain(domainRef);
  // Addresses compare without case here: "Jane.Doe" names jane.doe's address (refused or
  // folded, depending on localPartCase).
  return {
    address: `${localPart}@${domain?.name ?? domainRef}`,
    existed: domain ? store.addressTaken(domain, localPart.toLowerCase()) : false,
  };
}

/** Read leniently (any Content-Type): an attempt is what the client sent, valid or not. */
const jsonObject = (bytes: Buffer): Record<string, unknown> | null => {
  const parsed = parseJson(bytes);
  return parsed.ok && isRecord(parsed.value) ? parsed.value : null;
};

const singleAttempt =
  (store: HybridboxStore): AttemptReader =>
  ({ body }) => {
    const input = jsonObject(body);
    if (!input || typeof input.domain !== "string") return [];
    const attempt = attemptOf(store, input.domain, input.local_part);
    return attempt ? [attempt] : [];
  };

/** Every item of a bulk that names a local part is an attempt of its own. */
const bulkAttempts =
  (store: HybridboxStore): AttemptReader =>
  ({ body }) => {
    const input = jsonObject(body);
    const domain = input?.domain;
    if (typeof domain !== "string" || !Array.isArray(input?.items)) return [];
    return input.items.flatMap((item: unknown) => {
      const attempt = isRecord(item) ? attemptOf(store, domain, item.local_part) : null;
      return attempt ? [attempt] : [];
    });
  };
