import http, { type IncomingHttpHeaders } from "node:http";
import net from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import {
  createHybridboxSandbox,
  createZcomSandbox,
  type FaultConfig,
  type HybridboxSandbox,
  type HybridboxSandboxOptions,
  sandboxCredentials,
  type StatsSnapshot,
  type ZcomSandbox,
  type ZcomSandboxOptions,
} from "@/sandbox/index";
import type { HttpClient, HttpRequest } from "@/lib/providers/http";
import {
  createHybridboxProvider,
  type HybridboxProvider,
} from "@/lib/providers/hybridbox/provider";
import type { HybridboxConfig } from "@/lib/providers/hybridbox/client";
import { startTestServer } from "@/lib/testing/test-server";
import type { ProviderFailure } from "@/lib/providers/types";
import { createZcomProvider, type ZcomProvider } from "@/lib/providers/zcom/provider";
import type { ZcomConfig } from "@/lib/providers/zcom/client";

// Contract-test harness: the REAL sandboxes (sandbox/), started in-process on free ports, driven
// through OUR clients over real HTTP, plus raw `fetch` for what a client hides. Nothing here is
// a mock: a wire tap is a forwarding proxy that only records what crossed it.

export const HBX = sandboxCredentials.hybridbox;
export const ZCOM = sandboxCredentials.zcom;
export const HBX_PREFIX = `/v1/public/accounts/${HBX.accountId}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- contract tests read arbitrary JSON
export type AnyJson = any;

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  body: AnyJson;
}

export interface RawInit {
  method?: string;
  headers?: Record<string, string>;
  /** Sent as JSON with `Content-Type: application/json`. */
  json?: unknown;
}

/** Plain `fetch`, no client code in the way. */
export async function raw(url: string, init: RawInit = {}): Promise<RawResponse> {
  const headers: Record<string, string> = { accept: "application/json", ...init.headers };
  let body: string | undefined;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    headers["content-type"] ??= "application/json";
  }
  const response = await fetch(url, { method: init.method ?? "GET", headers, body });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

/** An http://127.0.0.1:<port> where nothing listens (bound, then closed): connections are refused. */
export async function closedPortUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Every key anywhere in a JSON value, lower-cased (to prove no password field exists). */
export function allKeys(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) allKeys(item, into);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      into.add(key.toLowerCase());
      allKeys(inner, into);
    }
  }
  return into;
}

export const passwordLikeKeys = (value: unknown) =>
  [...allKeys(value)].filter((key) => /pass|pwd|secret/.test(key));

/** Only the fields a test asserts on, so a message change does not break a contract test. */
export const classOf = (failure: ProviderFailure | undefined) =>
  failure && { code: failure.code, errorClass: failure.errorClass, status: failure.status };

/**
 * A transport that sends nothing: it records each request and answers from `reply`. Only for
 * facts that name the providers' real hosts (base URLs), which must never be contacted here.
 */
export function offlineTransport(
  reply: (request: HttpRequest) => { status: number; json: unknown },
) {
  const requests: HttpRequest[] = [];
  const http: HttpClient = {
    async request(request) {
      requests.push(request);
      const { status, json } = reply(request);
      const text = JSON.stringify(json);
      return { status, headers: {}, text, json, truncated: false };
    },
    close() {},
  };
  return { http, requests };
}

// ---------------------------------------------------------------------------------------------
// Wire tap: a recording reverse proxy in front of a sandbox listener.

export interface TappedRequest {
  method: string;
  /** Path and query exactly as the client sent them. */
  url: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
  /** What came back through the tap (set once the answer has been passed on). */
  answer?: { status: number; headers: IncomingHttpHeaders; text: string };
}

export interface WireTap {
  url: string;
  requests: TappedRequest[];
  close(): Promise<void>;
}

export async function startWireTap(target: string): Promise<WireTap> {
  const upstream = new URL(target);
  const requests: TappedRequest[] = [];
  const server = await startTestServer((req, res, socket) => {
    const entry: TappedRequest = { ...req, path: req.url.split("?")[0] ?? req.url };
    requests.push(entry);
    const headers = { ...req.headers, host: upstream.host };
    delete headers.connection;
    const out = http.request(
      new URL(req.url, upstream),
      { method: req.method, headers, agent: false },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", () => {
          const status = answer.statusCode ?? 502;
          const bytes = Buffer.concat(chunks);
          entry.answer = { status, headers: answer.headers, text: bytes.toString("utf8") };
          res.writeHead(status, answer.headers);
          res.end(bytes);
        });
      },
    );
    out.on("error", () => socket.destroy());
    out.end(Buffer.from(req.body, "utf8"));
  });
  return { url: server.url, requests, close: () => server.close() };
}

// ---------------------------------------------------------------------------------------------
// Hybridbox

export interface HybridboxRig {
  sandbox: HybridboxSandbox;
  /** http://127.0.0.1:<port> */
  origin: string;
  /** origin + `/v1/public/accounts/{account_id}` */
  api: string;
  /** `/__sandbox/<path>` of this listener. */
  admin(path: string, init?: RawInit): Promise<RawResponse>;
  faults(config: FaultConfig): Promise<void>;
  stats(): Promise<StatsSnapshot>;
  /** Our provider (and its `.client`) pointed at the sandbox; closed after each test. */
  provider(overrides?: Partial<HybridboxConfig>): HybridboxProvider;
  /** Raw `fetch` of an API path with the sandbox's Bearer token. */
  get(path: string, init?: RawInit): Promise<RawResponse>;
}

/** One Hybridbox sandbox per test file, reset through `/__sandbox/reset` before every test. */
export function startHybridboxRig(options: HybridboxSandboxOptions = {}): HybridboxRig {
  const open: { close(): void }[] = [];
  const rig = {
    admin: (path, init) => raw(`${rig.origin}/__sandbox/${path}`, init),
    async faults(config) {
      const answer = await rig.admin("faults", { method: "PUT", json: config });
      if (answer.status !== 200) throw new Error(`faults refused: ${answer.text}`);
    },
    async stats() {
      return (await rig.admin("stats")).body as StatsSnapshot;
    },
    provider(overrides = {}) {
      const provider = createHybridboxProvider({
        baseUrl: rig.origin,
        accountId: HBX.accountId,
        token: HBX.token,
        ...overrides,
      });
      open.push(provider);
      return provider;
    },
    get: (path, init = {}) =>
      raw(`${rig.api}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${HBX.token}`, ...init.headers },
      }),
  } as HybridboxRig;
  beforeAll(async () => {
    rig.sandbox = createHybridboxSandbox(options);
    rig.origin = await rig.sandbox.listen(0, "127.0.0.1");
    rig.api = `${rig.origin}${HBX_PREFIX}`;
  });
  beforeEach(async () => {
    const answer = await rig.admin("reset", { method: "POST" });
    if (answer.status !== 200) throw new Error("sandbox reset failed");
  });
  afterEach(() => {
    for (const provider of open.splice(0)) provider.close();
  });
  afterAll(async () => {
    await rig.sandbox.close();
  });
  return rig;
}

// ---------------------------------------------------------------------------------------------
// Z.com

export interface ZcomRig {
  sandbox: ZcomSandbox;
  mailUrl: string;
  identityUrl: string;
  admin(path: string, init?: RawInit): Promise<RawResponse>;
  faults(config: FaultConfig): Promise<void>;
  stats(): Promise<StatsSnapshot>;
  /** Identity requests seen since the last reset (`POST /v2.0/tokens` in stats). */
  tokenRequests(): Promise<number>;
  /** Our provider with API-user credentials (fetches its own tokens); closed after each test. */
  provider(overrides?: Partial<ZcomConfig>): ZcomProvider;
  /** Our provider given a ready token. */
  providerWithToken(token: string, overrides?: Partial<ZcomConfig>): ZcomProvider;
  /** A fresh token straight from the identity API (raw). */
  token(): Promise<string>;
  /** Raw `fetch` of a mail API path with a fresh token. */
  get(path: string, init?: RawInit): Promise<RawResponse>;
  /** Domain id by name, read raw. */
  domainId(name: string): Promise<string>;
  checkPassword(emailId: string, password: string): Promise<boolean>;
}

export const tokenRequestBody = (tenantId: string | undefined = ZCOM.tenantId) => ({
  auth: {
    passwordCredentials: { username: ZCOM.username, password: ZCOM.password },
    ...(tenantId ? { tenantId } : {}),
  },
});

/** One Z.com sandbox (mail + identity listeners) per file, reset before every test. */
export function startZcomRig(options: ZcomSandboxOptions = {}): ZcomRig {
  const open: { close(): void }[] = [];
  let token: string | undefined;
  const rig = {
    admin: (path, init) => raw(`${rig.mailUrl}/__sandbox/${path}`, init),
    async faults(config) {
      const answer = await rig.admin("faults", { method: "PUT", json: config });
      if (answer.status !== 200) throw new Error(`faults refused: ${answer.text}`);
    },
    async stats() {
      return (await rig.admin("stats")).body as StatsSnapshot;
    },
    async tokenRequests() {
      return (await rig.stats()).requests["POST /v2.0/tokens"] ?? 0;
    },
    provider(overrides = {}) {
      const provider = createZcomProvider({
        mailUrl: rig.mailUrl,
        identityUrl: rig.identityUrl,
        username: ZCOM.username,
        password: ZCOM.password,
        tenantId: ZCOM.tenantId,
        ...overrides,
      } as ZcomConfig);
      open.push(provider);
      return provider;
    },
    providerWithToken(ready, overrides = {}) {
      const provider = createZcomProvider({ mailUrl: rig.mailUrl, token: ready, ...overrides });
      open.push(provider);
      return provider;
    },
    async token() {
      const answer = await raw(`${rig.identityUrl}/v2.0/tokens`, {
        method: "POST",
        json: tokenRequestBody(),
      });
      if (answer.status !== 200) throw new Error(`token request failed: ${answer.status}`);
      return answer.body.access.token.id as string;
    },
    async get(path, init = {}) {
      token ??= await rig.token();
      return raw(`${rig.mailUrl}${path}`, {
        ...init,
        headers: { "x-auth-token": token, ...init.headers },
      });
    },
    async domainId(name) {
      const answer = await rig.get("/v1/domains");
      const found = (answer.body.domains as { domain_id: string; domain_name: string }[]).find(
        (d) => d.domain_name === name,
      );
      if (!found) throw new Error(`no domain ${name}`);
      return found.domain_id;
    },
    async checkPassword(emailId, password) {
      const answer = await rig.admin("check-password", {
        method: "POST",
        json: { email_id: emailId, password },
      });
      if (answer.status !== 200) throw new Error(`check-password: ${answer.text}`);
      return answer.body.match as boolean;
    },
  } as ZcomRig;
  beforeAll(async () => {
    rig.sandbox = createZcomSandbox(options);
    const urls = await rig.sandbox.listen({ host: "127.0.0.1" });
    rig.mailUrl = urls.mailUrl;
    rig.identityUrl = urls.identityUrl;
  });
  beforeEach(async () => {
    token = undefined;
    // A reset restores data, limits and faults but not tokens (they are sessions): revoke too,
    // so no test inherits a token from the one before.
    rig.sandbox.revokeTokens();
    const answer = await rig.admin("reset", { method: "POST" });
    if (answer.status !== 200) throw new Error("sandbox reset failed");
  });
  afterEach(() => {
    for (const provider of open.splice(0)) provider.close();
  });
  afterAll(async () => {
    await rig.sandbox.close();
  });
  return rig;
}
