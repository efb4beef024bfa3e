import { afterEach, describe, expect, it } from "vitest";
import { sendJson, startTestServer, type TestServer } from "@/lib/testing/test-server";
import { createZcomProvider, type ZcomProvider } from "./provider";

const PASSWORD = "ZE!Zr0vKO";
const domains = [
  { service_id: "s1", domain_id: "d1", domain_name: "example.com" },
  { service_id: "s1", domain_id: "d2", domain_name: "other.org" },
];
const email = (address: string) => ({
  domain_id: "d1",
  email_id: `id-${address}`,
  email: address,
  virus_check: true,
  spam_filter: false,
});

let server: TestServer | undefined;
let provider: ZcomProvider | undefined;
afterEach(async () => {
  provider?.close();
  await server?.close();
});

async function serve(onCreate: (json: unknown) => [number, unknown]) {
  const stored = ["ann@example.com", "bob@example.com", "anna@example.com"].map(email);
  server = await startTestServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname === "/v1/domains") {
      sendJson(res, 200, { domains, total_count: 2, current_count: 2 });
    } else if (req.method === "GET" && url.pathname === "/v1/emails") {
      // One address per page, to exercise paging.
      const offset = Number(url.searchParams.get("offset"));
      sendJson(res, 200, { emails: stored.slice(offset, offset + 1), total_count: stored.length });
    } else {
      const [status, body] = onCreate(req.json);
      sendJson(res, status, body);
    }
  });
  provider = createZcomProvider({ mailUrl: server.url, token: "tok" });
  return { server, provider };
}

describe("Z.com provider", () => {
  it("declares what it can do", async () => {
    const { provider } = await serve(() => [500, {}]);
    expect(provider.capabilities).toMatchObject({
      id: "zcom",
      bulkMax: 1,
      passwordRequired: true,
      returnsPasswords: false,
      searchSupported: false,
    });
  });

  it("creates an address on a domain given by name, resolving its id once", async () => {
    const { server, provider } = await serve((json) => [
      200,
      { email: { ...email((json as { email: string }).email), username: "paasmail_1" } },
    ]);
    const [outcome] = await provider.create("Example.com", [
      { localPart: "carol", password: PASSWORD },
    ]);
    expect(outcome).toEqual({
      status: "created",
      mailbox: {
        id: "id-carol@example.com",
        address: "carol@example.com",
        localPart: "carol",
        domain: "example.com",
        username: "paasmail_1",
        virusCheck: true,
        spamFilter: false,
      },
    });
    await provider.create("example.com", [{ localPart: "dave", password: PASSWORD }]);
    const posts = server.requests.filter((r) => r.method === "POST");
    expect(posts.map((r) => r.json)).toEqual([
      { domain_id: "d1", email: "carol@example.com", password: PASSWORD },
      { domain_id: "d1", email: "dave@example.com", password: PASSWORD },
    ]);
    expect(server.requests.filter((r) => r.url.startsWith("/v1/domains"))).toHaveLength(1);
  });

  it("reports a lost answer as unknown, and refusals as failed", async () => {
    const answers: [number, unknown][] = [
      [502, { error: { code: 502, message: "Bad Gateway" } }],
      [409, { error: { code: 409, message: "Duplicate" } }],
    ];
    const { provider } = await serve(() => answers.shift() ?? [500, {}]);
    const item = { localPart: "carol", password: PASSWORD };
    expect(await provider.create("example.com", [item])).toMatchObject([
      {
        status: "unknown",
        failure: { code: "unknown_outcome", errorClass: "ambiguous", status: 502 },
      },
    ]);
    expect(await provider.create("example.com", [item])).toMatchObject([
      { status: "failed", failure: { code: "already_exists", errorClass: "final", status: 409 } },
    ]);
    expect(await provider.create("nowhere.net", [item])).toMatchObject([
      { status: "failed", failure: { code: "not_found", errorClass: "final" } },
    ]);
    expect(await provider.create("example.com", [{ localPart: "x" }])).toMatchObject([
      { status: "failed", failure: { code: "invalid_password", errorClass: "final" } },
    ]);
    await expect(provider.create("example.com", [item, item])).rejects.toThrow(RangeError);
  });

  it("finds an address by paging through the domain", async () => {
    const { provider } = await serve(() => [500, {}]);
    expect(await provider.findMailbox("example.com", "anna")).toMatchObject({
      id: "id-anna@example.com",
    });
    expect(await provider.findMailbox({ id: "d1", name: "example.com" }, "zed")).toBeNull();
  });

  it("filters locally when asked to search, and says so", async () => {
    const { provider } = await serve(() => [500, {}]);
    const page = await provider.listMailboxes("example.com", {
      page: 1,
      pageSize: 10,
      search: "ann",
    });
    expect(page.items.map((m) => m.address)).toEqual(["ann@example.com", "anna@example.com"]);
    expect(page).toMatchObject({ total: 2, search: { mode: "local", scanned: 3, complete: true } });
  });
});
