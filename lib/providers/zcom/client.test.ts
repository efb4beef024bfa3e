import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { ProviderError } from "../errors";
import {
  type RecordedRequest,
  sendJson,
  startTestServer,
  type TestServer,
} from "@/lib/testing/test-server";
import { createZcomClient, type ZcomClient, type ZcomConfig } from "./client";

const PASSWORD = "ZE!Zr0vKO";
const API_PASSWORD = "api-user-secret";
const T0 = Date.parse("2026-11-21T00:00:00Z");

function email(localPart: string, id = `e-${localPart}`) {
  return {
    domain_id: "1b508bb370c78b7a9d44",
    email_id: id,
    email: `${localPart}@example.com`,
    username: "paasmail_00000001",
    total_usage: 50,
    virus_check: true,
    spam_filter: "true",
    spam_filter_type: "tray",
    forwarding_copy: true,
  };
}

const zcomError = (res: ServerResponse, status: number, message: string, headers = {}) =>
  sendJson(res, status, { error: { code: status, message } }, headers);

/** An identity + mail server in one. Tokens are t1, t2, …; `mail` answers the mail API. */
async function start(
  mail: (req: RecordedRequest, res: ServerResponse) => void,
  lifetimeMs = 24 * 3600_000,
) {
  let issued = 0;
  const server = await startTestServer((req, res) => {
    if (req.url === "/v2.0/tokens") {
      issued++;
      const token = {
        id: `t${issued}`,
        issued_at: new Date(T0).toISOString(),
        expires: new Date(T0 + lifetimeMs).toISOString(),
      };
      sendJson(res, 200, { access: { token, serviceCatalog: [] } });
    } else {
      mail(req, res);
    }
  });
  return { server, tokenCount: () => issued };
}

let server: TestServer | undefined;
let client: ZcomClient | undefined;
afterEach(async () => {
  client?.close();
  await server?.close();
});

function connect(s: TestServer, extra: Partial<ZcomConfig> = {}, now = () => T0) {
  server = s;
  client = createZcomClient({
    identityUrl: `${s.url}/v2.0`,
    mailUrl: `${s.url}/v1`,
    username: "api-user",
    password: API_PASSWORD,
    tenantId: "tenant-1",
    now,
    ...extra,
  } as ZcomConfig);
  return client;
}

const mailRequests = (s: TestServer) => s.requests.filter((r) => r.url.startsWith("/v1/"));

describe("Z.com tokens", () => {
  it("fetches one token for concurrent callers and reuses it until near expiry", async () => {
    let clock = T0;
    const { server, tokenCount } = await start((req, res) =>
      sendJson(res, 200, { email: email("a") }),
    );
    const zcom = connect(server, {}, () => clock);
    await Promise.all([zcom.getEmail("e-a"), zcom.getEmail("e-a"), zcom.getEmail("e-a")]);
    expect(tokenCount()).toBe(1);
    expect(server.requests[0]?.json).toEqual({
      auth: {
        passwordCredentials: { username: "api-user", password: API_PASSWORD },
        tenantId: "tenant-1",
      },
    });
    expect(mailRequests(server).map((r) => r.headers["x-auth-token"])).toEqual(["t1", "t1", "t1"]);

    clock = T0 + 24 * 3600_000 - 6 * 60_000; // 6 min before expiry: still fine
    await zcom.getEmail("e-a");
    expect(tokenCount()).toBe(1);
    clock = T0 + 24 * 3600_000 - 4 * 60_000; // inside the 5-minute margin: renew
    await zcom.getEmail("e-a");
    expect(tokenCount()).toBe(2);
    expect(mailRequests(server).at(-1)?.headers["x-auth-token"]).toBe("t2");
  });

  it("on a 401 fetches a new token once and repeats the create once", async () => {
    const { server, tokenCount } = await start((req, res) => {
      if (req.headers["x-auth-token"] === "t1") zcomError(res, 401, "Access Denied");
      else sendJson(res, 200, { email: email("a") });
    });
    const created = await connect(server).createEmail({
      domainId: "d",
      email: "a@example.com",
      password: PASSWORD,
    });
    expect(created.email_id).toBe("e-a");
    expect(tokenCount()).toBe(2);
    expect(mailRequests(server).map((r) => [r.method, r.url, r.headers["x-auth-token"]])).toEqual([
      ["POST", "/v1/emails", "t1"],
      ["POST", "/v1/emails", "t2"],
    ]);
    expect(mailRequests(server)[0]?.json).toEqual({
      domain_id: "d",
      email: "a@example.com",
      password: PASSWORD,
    });
  });

  it("gives up after the second 401", async () => {
    const { server, tokenCount } = await start((_req, res) => zcomError(res, 401, "Access Denied"));
    const error = await connect(server)
      .getEmail("x")
      .catch((e: unknown) => e);
    expect((error as ProviderError).failure).toMatchObject({
      code: "unauthorized",
      errorClass: "final",
      status: 401,
    });
    expect(tokenCount()).toBe(2);
    expect(mailRequests(server)).toHaveLength(2);
  });

  it("treats a 401 with a ready-made token as final at once", async () => {
    const { server, tokenCount } = await start((_req, res) => zcomError(res, 401, "Access Denied"));
    server.requests.length = 0;
    const zcom = createZcomClient({ mailUrl: server.url, token: "ready" });
    client = zcom;
    const error = await zcom.listDomains().catch((e: unknown) => e);
    expect((error as ProviderError).failure.code).toBe("unauthorized");
    expect(tokenCount()).toBe(0);
    expect(server.requests.map((r) => r.headers["x-auth-token"])).toEqual(["ready"]);
  });

  it("reports rejected API credentials without repeating them", async () => {
    const s = await startTestServer((_req, res) =>
      zcomError(res, 401, `bad password ${API_PASSWORD}`),
    );
    const error = await connect(s)
      .listDomains()
      .catch((e: unknown) => e);
    const { failure } = error as ProviderError;
    expect(failure).toMatchObject({ code: "unauthorized", errorClass: "final" });
    expect(failure.message).toMatch(/^Could not get a Z\.com token, so nothing was sent/);
    expect(failure.message).not.toContain(API_PASSWORD);
  });
});

describe("Z.com status mapping", () => {
  it.each([
    [400, "Invalid Password", "invalid_password", "final"],
    [400, "Invalid Email", "invalid_local_part", "final"],
    [400, "Quota Exceeded", "quota_exceeded", "final"],
    [400, "Something else", "invalid_request", "final"],
    [403, "Forbidden", "forbidden", "final"],
    [404, "Not Found", "not_found", "final"],
    [409, "Duplicate", "already_exists", "final"],
    [429, "Too Many Requests", "rate_limited", "retryable"],
    [503, "Service Unavailable", "unavailable", "retryable"],
    [500, "Internal Server Error", "provider_error", "ambiguous"],
  ] as const)("%i %s → %s (%s)", async (status, label, code, errorClass) => {
    const { server } = await start((_req, res) =>
      zcomError(res, status, `${label}: ${PASSWORD}`, { "retry-after": "2" }),
    );
    const error = await connect(server)
      .createEmail({ domainId: "d", email: "a@example.com", password: PASSWORD })
      .catch((e: unknown) => e);
    const { failure } = error as ProviderError;
    expect(failure).toMatchObject({ code, errorClass, status, retryAfterMs: 2000 });
    expect(failure.message).toBe(`Z.com POST /v1/emails: HTTP ${status} ${label}: [redacted]`);
  });
});

describe("Z.com lists", () => {
  it("pages through every address using total_count", async () => {
    const all = Array.from({ length: 2500 }, (_, i) => email(`u${i}`));
    const { server } = await start((req, res) => {
      const query = new URL(req.url, "http://x").searchParams;
      const offset = Number(query.get("offset"));
      const limit = Number(query.get("limit"));
      const emails = all.slice(offset, offset + limit);
      sendJson(res, 200, { emails, total_count: all.length, current_count: emails.length });
    });
    const emails = await connect(server).listAllEmails("dom 1");
    expect(emails).toHaveLength(2500);
    expect(emails[0]?.spam_filter).toBe(true);
    expect(mailRequests(server).map((r) => r.url)).toEqual([
      "/v1/emails?domain_id=dom+1&offset=0&limit=1000&sort_key=create_date&sort_type=asc",
      "/v1/emails?domain_id=dom+1&offset=1000&limit=1000&sort_key=create_date&sort_type=asc",
      "/v1/emails?domain_id=dom+1&offset=2000&limit=1000&sort_key=create_date&sort_type=asc",
    ]);
  });

  it("names the missing field of a bad answer", async () => {
    const { server } = await start((_req, res) =>
      sendJson(res, 200, { domains: [{ domain_name: "x" }] }),
    );
    const error = await connect(server)
      .listDomains()
      .catch((e: unknown) => e);
    expect((error as ProviderError).failure.code).toBe("bad_response");
    expect((error as ProviderError).message).toContain("domains.0.domain_id:");
    expect((error as ProviderError).message).toContain("total_count:");
  });

  it("reads 204s and a 404 on get as null", async () => {
    const { server } = await start((req, res) => {
      if (req.method === "GET") zcomError(res, 404, "Not Found");
      else res.writeHead(204).end();
    });
    const zcom = connect(server);
    expect(await zcom.getEmail("nope")).toBeNull();
    await zcom.changePassword("e/1", PASSWORD);
    await zcom.deleteEmail("e/1");
    expect(mailRequests(server).map((r) => `${r.method} ${r.url}`)).toEqual([
      "GET /v1/emails/nope",
      "PUT /v1/emails/e%2F1/password",
      "DELETE /v1/emails/e%2F1",
    ]);
  });
});
