import { describe, expect, it } from "vitest";
import { call } from "../core/test-helpers";
import { sandboxCredentials } from "../credentials";
import { setupHybridbox } from "./test-setup";

const h = setupHybridbox();

describe("Hybridbox sandbox: auth and account", () => {
  it("answers 401 without a bearer token or with an unknown one", async () => {
    const none = await call(`${h.api}/domains`);
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ detail: "Not authenticated" });
    expect(none.headers.get("www-authenticate")).toBe("Bearer");
    const wrong = await call(`${h.api}/domains`, { headers: { authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    const scheme = await call(`${h.api}/domains`, {
      headers: { authorization: `Basic ${sandboxCredentials.hybridbox.token}` },
    });
    expect(scheme.status).toBe(401);
  });

  it("answers 403 to the forbidden token", async () => {
    const res = await call(`${h.api}/domains`, {
      headers: { authorization: `Bearer ${sandboxCredentials.hybridbox.forbiddenToken}` },
    });
    expect(res.status).toBe(403);
    expect(typeof res.body.detail).toBe("string");
  });

  it("answers 404 for another account and 422 for an account id that is not a UUID", async () => {
    const other = await call(
      `${h.origin}/v1/public/accounts/00000000-0000-4000-8000-000000000000/domains`,
      {
        headers: h.auth,
      },
    );
    expect(other.status).toBe(404);
    expect(other.body).toEqual({ detail: "Account not found" });
    const bad = await call(`${h.origin}/v1/public/accounts/not-a-uuid/domains`, {
      headers: h.auth,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.detail[0].loc).toEqual(["path", "account_id"]);
  });

  it("answers JSON 404 / 405 for unknown routes and methods", async () => {
    const missing = await call(`${h.api}/nothing`, { headers: h.auth });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("application/json");
    const method = await call(`${h.api}/domains`, { method: "DELETE", headers: h.auth });
    expect(method.status).toBe(405);
  });
});

describe("Hybridbox sandbox: domains", () => {
  it("lists the seed domains in the items/page/page_size/total envelope", async () => {
    const res = await call(`${h.api}/domains`, { headers: h.auth });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.body).toMatchObject({ page: 1, page_size: 25, total: 4 });
    const byName = Object.fromEntries(res.body.items.map((d: { name: string }) => [d.name, d]));
    expect(Object.keys(byName)).toEqual([
      "acme.example",
      "big.example",
      "empty.example",
      "kr.example",
    ]);
    expect(byName["big.example"].mailbox_count).toBe(120);
    expect(byName["empty.example"]).toMatchObject({ mailbox_count: 0, workspace_id: null });
    expect(Object.keys(byName["acme.example"]).sort()).toEqual(
      ["id", "mailbox_count", "name", "outbound_routing_ready", "status", "workspace_id"].sort(),
    );
  });

  it("returns one domain by name or id, with its mailboxes in summary form", async () => {
    const byName = await call(`${h.api}/domains/kr.example`, { headers: h.auth });
    expect(byName.status).toBe(200);
    expect(byName.body.mailboxes).toHaveLength(3);
    expect(byName.body.mailboxes[0]).toEqual({
      active: true,
      email: "minjun.kim@kr.example",
      first_name: "민준",
      id: expect.any(String),
      last_name: "김",
    });
    const byId = await call(`${h.api}/domains/${byName.body.id}`, { headers: h.auth });
    expect(byId.body.name).toBe("kr.example");
    expect((await call(`${h.api}/domains/nope.example`, { headers: h.auth })).status).toBe(404);
  });
});

describe("Hybridbox sandbox: listing mailboxes", () => {
  it("pages through the 120 mailboxes of big.example in a stable order", async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 5; page += 1) {
      const res = await call(`${h.api}/mailboxes?domain=big.example&page=${page}&page_size=25`, {
        headers: h.auth,
      });
      expect(res.body).toMatchObject({ page, page_size: 25, total: 120 });
      expect(res.body.items).toHaveLength(page === 5 ? 20 : 25);
      seen.push(...res.body.items.map((m: { local_part: string }) => m.local_part));
    }
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect(seen[0]).toBe("user001");
    expect(seen[119]).toBe("user120");
    const beyond = await call(`${h.api}/mailboxes?domain=big.example&page=9`, { headers: h.auth });
    expect(beyond.body).toMatchObject({ items: [], total: 120 });
  });

  it("defaults to page 1 of 25 and accepts page_size up to 500 only", async () => {
    const res = await call(`${h.api}/mailboxes`, { headers: h.auth });
    expect(res.body).toMatchObject({ page: 1, page_size: 25, total: 128 });
    expect(
      (await call(`${h.api}/mailboxes?page_size=500`, { headers: h.auth })).body.items,
    ).toHaveLength(128);
    const tooBig = await call(`${h.api}/mailboxes?page_size=501&page=0`, { headers: h.auth });
    expect(tooBig.status).toBe(422);
    expect(tooBig.body.detail.map((d: { loc: string[] }) => d.loc)).toEqual([
      ["query", "page"],
      ["query", "page_size"],
    ]);
    expect((await call(`${h.api}/mailboxes?page=abc`, { headers: h.auth })).status).toBe(422);
  });

  it("searches local part, address and names case-insensitively", async () => {
    const find = async (q: string) =>
      (
        await call(`${h.api}/mailboxes?search=${encodeURIComponent(q)}`, { headers: h.auth })
      ).body.items.map((m: { primary_email: string }) => m.primary_email);
    expect(await find("HANAKO")).toEqual(["hanako.sato@acme.example"]);
    expect(await find("佐藤")).toEqual(["hanako.sato@acme.example"]);
    expect(await find("민준")).toEqual(["minjun.kim@kr.example"]);
    expect(await find("@KR.example")).toHaveLength(3);
    expect(await find("user05")).toHaveLength(10);
  });

  it("filters by domain id and workspace, and rejects an unknown domain or a bad workspace id", async () => {
    const kr = await call(`${h.api}/domains/kr.example`, { headers: h.auth });
    const byId = await call(`${h.api}/mailboxes?domain=${kr.body.id}`, { headers: h.auth });
    expect(byId.body.total).toBe(3);
    const ws = await call(`${h.api}/mailboxes?workspace_id=${kr.body.workspace_id}`, {
      headers: h.auth,
    });
    expect(ws.body.total).toBe(3);
    expect((await call(`${h.api}/mailboxes?domain=nope.example`, { headers: h.auth })).status).toBe(
      404,
    );
    expect((await call(`${h.api}/mailboxes?workspace_id=xyz`, { headers: h.auth })).status).toBe(
      422,
    );
  });

  it("returns MailboxDTOs with exactly the documented fields and never a password", async () => {
    const res = await call(`${h.api}/mailboxes/admin@acme.example`, { headers: h.auth });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(
      [
        "aliases",
        "created_at",
        "domain_id",
        "domain_name",
        "first_name",
        "id",
        "last_name",
        "local_part",
        "primary_email",
        "quota",
        "status",
        "updated_at",
        "workspace_id",
        "workspace_name",
      ].sort(),
    );
    expect(res.body.aliases).toEqual([{ alias: "postmaster@acme.example", is_catch_all: false }]);
    expect(res.text).not.toMatch(/password/i);
    const paused = await call(`${h.api}/mailboxes/former.staff@acme.example`, { headers: h.auth });
    expect(paused.body.status).toBe("paused");
  });
});
