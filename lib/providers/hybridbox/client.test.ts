import { afterEach, describe, expect, it } from "vitest";
import { ProviderError } from "../errors";
import {
  type RecordedRequest,
  sendJson,
  startTestServer,
  type TestServer,
} from "@/lib/testing/test-server";
import type { CreateItem } from "../types";
import { createHybridboxClient, type HybridboxClient } from "./client";
import { createHybridboxProvider } from "./provider";

const ACCOUNT = "0b7c3a52-1111-4222-8333-444455556666";
const TOKEN = "svc_token_do_not_leak";

function mailboxDto(localPart: string, domain = "example.com", id = `id-${localPart}`) {
  return {
    id,
    local_part: localPart,
    primary_email: `${localPart}@${domain}`,
    domain_id: "dom-1",
    domain_name: domain,
    first_name: "First",
    last_name: "Last",
    status: "active",
    quota: { allowed: 100, used: 0 },
    aliases: [{ alias: `alias-${localPart}@${domain}`, is_catch_all: false }],
    created_at: "2026-11-21T10:00:00Z",
    updated_at: "2026-11-21T10:00:00Z",
    workspace_id: null,
    some_future_field: { ignored: true },
  };
}

type Items = { local_part: string }[];
const itemsOf = (req: RecordedRequest) => (req.json as { items: Items }).items;

let server: TestServer | undefined;
let client: HybridboxClient | undefined;
afterEach(async () => {
  client?.close();
  await server?.close();
});

async function serve(handler: Parameters<typeof startTestServer>[0], bulkMax = 2) {
  server = await startTestServer(handler);
  client = createHybridboxClient({
    baseUrl: server.url,
    accountId: ACCOUNT,
    token: TOKEN,
    bulkMax,
  });
  return { server, client };
}

const items = (...localParts: string[]): CreateItem[] =>
  localParts.map((localPart) => ({ localPart, firstName: "F", lastName: "L" }));

describe("Hybridbox bulkCreate", () => {
  it("splits the list and maps each chunk's indexes back to the whole list", async () => {
    const { server, client } = await serve((req, res) => {
      const sent = itemsOf(req);
      // Reverse order, and odd positions fail: indexes must be honoured, not array order.
      const created = sent
        .map((item, index) => ({ index, mailbox: mailboxDto(item.local_part) }))
        .filter((_, index) => index % 2 === 0)
        .reverse();
      const failed = sent
        .map((item, index) => ({
          index,
          code: "mailbox_exists",
          message: `${item.local_part} is taken`,
        }))
        .filter((_, index) => index % 2 === 1);
      sendJson(res, 200, { created, failed });
    });
    const outcomes = await client.bulkCreate("example.com", items("a", "b", "c", "d", "e"));

    expect(server.requests.map((r) => itemsOf(r).map((i) => i.local_part))).toEqual([
      ["a", "b"],
      ["c", "d"],
      ["e"],
    ]);
    const [first] = server.requests;
    expect(first?.method).toBe("POST");
    expect(first?.url).toBe(`/v1/public/accounts/${ACCOUNT}/mailboxes/bulk`);
    expect(first?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(first?.json).toEqual({
      domain: "example.com",
      items: [
        { first_name: "F", last_name: "L", local_part: "a" },
        { first_name: "F", last_name: "L", local_part: "b" },
      ],
    });
    expect(
      outcomes.map((o) => (o.status === "created" ? o.mailbox.localPart : o.failure.message)),
    ).toEqual(["a", "b is taken", "c", "d is taken", "e"]);
    expect(outcomes[1]).toEqual({
      status: "failed",
      failure: {
        code: "already_exists",
        errorClass: "final",
        providerCode: "mailbox_exists",
        message: "b is taken",
      },
    });
    expect(outcomes[0]).toMatchObject({
      status: "created",
      mailbox: {
        id: "id-a",
        address: "a@example.com",
        domain: "example.com",
        aliases: ["alias-a@example.com"],
      },
    });
  });

  it("never drops a row the answer leaves out", async () => {
    const { client } = await serve((req, res) => {
      const [first] = itemsOf(req);
      sendJson(res, 200, { created: [{ index: 0, mailbox: mailboxDto(first!.local_part) }] });
    });
    const outcomes = await client.bulkCreate("example.com", items("a", "b", "c"));
    expect(outcomes.map((o) => o.status)).toEqual(["created", "unknown", "created"]);
    expect(outcomes[1]).toMatchObject({
      status: "unknown",
      failure: { code: "bad_response", errorClass: "ambiguous", status: 200 },
    });
    expect(outcomes[1]?.status !== "created" && outcomes[1]?.failure.message).toContain(
      'no result for item 1 ("b")',
    );
  });

  it("stops after a throttled chunk and says the rest were not sent", async () => {
    const { server, client } = await serve((req, res) => {
      if (server.requests.length === 1) {
        sendJson(res, 200, {
          created: itemsOf(req).map((item, index) => ({
            index,
            mailbox: mailboxDto(item.local_part),
          })),
        });
      } else {
        sendJson(res, 429, { detail: "Too many requests" }, { "retry-after": "3" });
      }
    });
    const outcomes = await client.bulkCreate("example.com", items("a", "b", "c", "d", "e"));
    expect(server.requests).toHaveLength(2);
    expect(outcomes.map((o) => o.status)).toEqual([
      "created",
      "created",
      "failed",
      "failed",
      "failed",
    ]);
    expect(outcomes[2]).toMatchObject({
      failure: { code: "rate_limited", errorClass: "retryable", status: 429, retryAfterMs: 3000 },
    });
    expect(outcomes[4]).toMatchObject({
      failure: { code: "rate_limited", errorClass: "retryable", retryAfterMs: 3000 },
    });
    expect(outcomes[4]?.status === "failed" && outcomes[4].failure.message).toMatch(/^Not sent/);
  });

  it("sends a chunk refused with 422 again in halves, down to the item it concerns; a 5xx chunk is unknown", async () => {
    const statuses = [422, 422, 422, 502];
    const { server, client } = await serve((_req, res) => {
      res.writeHead(statuses[server.requests.length - 1] ?? 500, { "content-type": "text/html" });
      res.end("<h1>Bad Gateway</h1>");
    });
    const outcomes = await client.bulkCreate("example.com", items("a", "b", "c", "d", "e"));
    // [a, b] → 422; [a] → 422; [b] → 422; [c, d] → 502; [e] is not sent after an outage.
    expect(server.requests.map((r) => (r.json as { items: unknown[] }).items.length)).toEqual([
      2, 1, 1, 2,
    ]);
    expect(outcomes[0]).toMatchObject({
      status: "failed",
      failure: { code: "invalid_request", errorClass: "final", status: 422 },
    });
    expect(outcomes[1]).toMatchObject({ status: "failed", failure: { status: 422 } });
    // Halves refused too: the size was not the problem, so it is not lowered.
    expect(client.bulkMax).toBe(2);
    expect(outcomes[2]).toMatchObject({
      status: "unknown",
      failure: { code: "unknown_outcome", errorClass: "ambiguous", status: 502 },
    });
    expect(outcomes[2]?.status !== "created" && outcomes[2]?.failure.message).toContain(
      "Bad Gateway",
    );
    expect(outcomes[4]).toMatchObject({
      status: "failed",
      failure: { code: "unavailable", errorClass: "retryable" },
    });
    expect(JSON.stringify(outcomes)).not.toContain(TOKEN);
  });
});

describe("Hybridbox reads", () => {
  it("names the missing field of a bad answer", async () => {
    const { client } = await serve((_req, res) => {
      const { id: _id, ...withoutId } = mailboxDto("a");
      sendJson(res, 200, { items: [withoutId], page: 1, page_size: 25, total: 1 });
    });
    const error = await client.listMailboxes({ domain: "example.com" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).failure).toMatchObject({ code: "bad_response", status: 200 });
    expect((error as ProviderError).message).toContain("items.0.id:");
  });

  it("sends list queries, and reads a 404 as null", async () => {
    const { server, client } = await serve((req, res) => {
      if (req.url.startsWith("/v1/public/accounts/" + ACCOUNT + "/mailboxes/")) {
        sendJson(res, 404, { detail: "Mailbox not found" });
      } else {
        sendJson(res, 200, { items: [mailboxDto("a")], page: 2, page_size: 10, total: 11 });
      }
    });
    const page = await client.listMailboxes({
      domain: "example.com",
      search: "a b",
      page: 2,
      pageSize: 10,
    });
    expect(page.total).toBe(11);
    expect(server.requests[0]?.url).toBe(
      `/v1/public/accounts/${ACCOUNT}/mailboxes?domain=example.com&search=a+b&page=2&page_size=10`,
    );
    expect(await client.getMailbox("a@example.com")).toBeNull();
    expect(server.requests[1]?.url).toBe(
      `/v1/public/accounts/${ACCOUNT}/mailboxes/a%40example.com`,
    );
  });

  it("finds a mailbox by address, else by exact local part across search pages", async () => {
    server = await startTestServer((req, res) => {
      const url = new URL(req.url, "http://x");
      if (url.pathname.endsWith("/mailboxes/bob%40example.com")) {
        sendJson(res, 200, mailboxDto("bob"));
      } else if (url.pathname.endsWith("/mailboxes/ann%40example.com")) {
        sendJson(res, 422, { detail: [{ loc: ["path", "mailbox"], msg: "not a uuid" }] });
      } else {
        const page = Number(url.searchParams.get("page"));
        const found = page === 1 ? [mailboxDto("ann2"), mailboxDto("xann")] : [mailboxDto("ann")];
        sendJson(res, 200, { items: found, page, page_size: 2, total: 3 });
      }
    });
    const provider = createHybridboxProvider({
      baseUrl: server.url,
      accountId: ACCOUNT,
      token: TOKEN,
    });
    try {
      expect(await provider.findMailbox("example.com", "Bob")).toMatchObject({ id: "id-bob" });
      expect(server.requests).toHaveLength(1);
      expect(await provider.findMailbox("example.com", "Ann")).toMatchObject({ id: "id-ann" });
      expect(server.requests.map((r) => r.url.replace(/^.*\/mailboxes/, ""))).toEqual([
        "/bob%40example.com",
        "/ann%40example.com",
        "?domain=example.com&search=ann&page=1&page_size=100",
        // The first answer held 2 of 3 though 100 were asked: the provider caps its page size,
        // so the rest is read in pages of 2 (page 2 of 100 could skip items 2 to 99).
        "?domain=example.com&search=ann&page=2&page_size=2",
      ]);
      const many = items(...Array.from({ length: 101 }, (_, i) => `u${i}`));
      await expect(provider.create("example.com", many)).rejects.toThrow(RangeError);
    } finally {
      provider.close();
    }
  });
});
