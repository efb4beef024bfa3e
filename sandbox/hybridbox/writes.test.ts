import { describe, expect, it } from "vitest";
import { call } from "../core/test-helpers";
import { item, setupHybridbox } from "./test-setup";

const h = setupHybridbox({ bulkMax: 5, mailboxCapPerDomain: 8 });

const bulk = (json: unknown, headers = h.auth) =>
  call(`${h.api}/mailboxes/bulk`, { method: "POST", headers, json });

describe("Hybridbox sandbox: bulk create", () => {
  it("creates each valid item and fails the others with their index and code", async () => {
    const res = await bulk({
      domain: "acme.example",
      items: [
        item("new.one", "新", "一"),
        item("Upper"),
        item("jane.doe"),
        item("new.one"),
        item("ok", "bad\u0007name"),
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.created).toHaveLength(1);
    expect(res.body.created[0]).toMatchObject({
      index: 0,
      mailbox: {
        primary_email: "new.one@acme.example",
        first_name: "新",
        last_name: "一",
        status: "active",
      },
    });
    expect(res.body.failed.map((f: { index: number; code: string }) => [f.index, f.code])).toEqual([
      [1, "invalid_local_part"],
      [2, "mailbox_exists"],
      [3, "duplicate_in_request"],
      [4, "invalid_name"],
    ]);
    for (const f of res.body.failed) expect(f.message).toEqual(expect.any(String));
    expect(res.text).not.toMatch(/password/i);
  });

  it("fails items past the per-domain cap with quota_exceeded", async () => {
    // acme.example holds 5 seed mailboxes; the cap in this file is 8.
    const res = await bulk({
      domain: "acme.example",
      items: ["a1", "a2", "a3", "a4"].map((l) => item(l)),
    });
    expect(res.body.created.map((c: { index: number }) => c.index)).toEqual([0, 1, 2]);
    expect(res.body.failed).toEqual([
      { index: 3, code: "quota_exceeded", message: expect.any(String) },
    ]);
  });

  it("applies the local-part and name rules", async () => {
    const locals = [
      "a",
      "a.b",
      "a_b-c",
      "1",
      "x".repeat(64),
      "x".repeat(65),
      ".a",
      "a.",
      "a..b",
      "a b",
      "ü",
      "",
    ];
    const res = await bulk({
      domain: "empty.example",
      items: locals.slice(0, 5).map((l) => item(l)),
    });
    expect(res.body.created).toHaveLength(5);
    const bad = await bulk({
      domain: "empty.example",
      items: locals.slice(5, 10).map((l) => item(l)),
    });
    expect(bad.body.failed.map((f: { code: string }) => f.code)).toEqual(
      Array(5).fill("invalid_local_part"),
    );
    const bad2 = await bulk({
      domain: "empty.example",
      items: locals.slice(10).map((l) => item(l)),
    });
    expect(bad2.body.failed).toHaveLength(2);

    const names = await bulk({
      domain: "kr.example",
      items: [
        item("n1", "  ", "Kim"),
        item("n2", "x".repeat(101)),
        item("n3", "A", "y".repeat(101)),
        item("n4", "A", "tab\there"),
        item("n5", "  서준  ", ""),
      ],
    });
    expect(
      names.body.failed.map((f: { index: number; code: string }) => [f.index, f.code]),
    ).toEqual([
      [0, "invalid_name"],
      [1, "invalid_name"],
      [2, "invalid_name"],
      [3, "invalid_name"],
    ]);
    expect(names.body.created[0].mailbox).toMatchObject({ first_name: "서준", last_name: "" });
  });

  it("rejects the whole request past the bulk max or when malformed (422, FastAPI style)", async () => {
    const tooMany = await bulk({
      domain: "acme.example",
      items: ["b1", "b2", "b3", "b4", "b5", "b6"].map((l) => item(l)),
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.detail[0]).toMatchObject({
      type: "too_long",
      loc: ["body", "items"],
      msg: expect.any(String),
    });
    expect((await h.admin("stats")).body.createsTotal).toBe(0);

    const missing = await bulk({ items: [{ first_name: "A", local_part: 7 }] });
    expect(missing.status).toBe(422);
    expect(
      missing.body.detail.map((d: { loc: unknown[]; type: string }) => [d.loc, d.type]),
    ).toEqual([
      [["body", "domain"], "missing"],
      [["body", "items", 0, "last_name"], "missing"],
      [["body", "items", 0, "local_part"], "string_type"],
    ]);
    const notJson = await call(`${h.api}/mailboxes/bulk`, {
      method: "POST",
      headers: { ...h.auth, "content-type": "application/json" },
      body: "{oops",
    });
    expect(notJson.status).toBe(422);
    expect(notJson.body.detail[0].type).toBe("json_invalid");
    // fetch labels a string body text/plain; FastAPI then does not parse it as JSON.
    const formEncoded = await call(`${h.api}/mailboxes/bulk`, {
      method: "POST",
      headers: h.auth,
      body: JSON.stringify({ domain: "acme.example", items: [item("c1")] }),
    });
    expect(formEncoded.status).toBe(422);
    expect((await bulk({ domain: "acme.example", items: [] })).status).toBe(422);
  });

  it("answers 404 for an unknown domain and accepts the domain id", async () => {
    expect((await bulk({ domain: "nope.example", items: [item("z")] })).status).toBe(404);
    const domain = await call(`${h.api}/domains/empty.example`, { headers: h.auth });
    const res = await bulk({ domain: domain.body.id, items: [item("z")] });
    expect(res.body.created[0].mailbox.primary_email).toBe("z@empty.example");
  });

  it("refuses bodies over 20 MB with 413", async () => {
    const huge = JSON.stringify({
      domain: "acme.example",
      items: [],
      pad: "x".repeat(21 * 1024 * 1024),
    });
    const res = await call(`${h.api}/mailboxes/bulk`, {
      method: "POST",
      headers: h.auth,
      body: huge,
    });
    expect(res.status).toBe(413);
  });
});

describe("Hybridbox sandbox: single mailbox routes", () => {
  it("creates (201), refuses a duplicate (409) and an invalid one (422)", async () => {
    const create = (json: unknown) =>
      call(`${h.api}/mailboxes`, { method: "POST", headers: h.auth, json });
    const ok = await create({
      domain: "kr.example",
      first_name: "도윤",
      last_name: "최",
      local_part: "doyun.choi",
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      primary_email: "doyun.choi@kr.example",
      workspace_name: "Seoul Office",
    });
    const dup = await create({
      domain: "kr.example",
      first_name: "X",
      last_name: "Y",
      local_part: "doyun.choi",
    });
    expect(dup.status).toBe(409);
    expect(typeof dup.body.detail).toBe("string");
    const invalid = await create({
      domain: "kr.example",
      first_name: "",
      last_name: "Y",
      local_part: "Bad..Part",
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.detail.map((d: { loc: string[] }) => d.loc[1])).toEqual([
      "local_part",
      "first_name",
    ]);
    expect(
      (await create({ domain: "nope.example", first_name: "A", last_name: "", local_part: "a" }))
        .status,
    ).toBe(404);
  });

  it("reads, renames and deletes by id or address", async () => {
    const got = await call(`${h.api}/mailboxes/jane.doe@acme.example`, { headers: h.auth });
    const byId = await call(`${h.api}/mailboxes/${got.body.id}`, { headers: h.auth });
    expect(byId.body.primary_email).toBe("jane.doe@acme.example");

    const patched = await call(`${h.api}/mailboxes/${got.body.id}`, {
      method: "PATCH",
      headers: h.auth,
      json: { last_name: "Smith" },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ first_name: "Jane", last_name: "Smith" });
    expect(patched.body.updated_at > got.body.updated_at).toBe(true);
    const badPatch = await call(`${h.api}/mailboxes/${got.body.id}`, {
      method: "PATCH",
      headers: h.auth,
      json: { first_name: "" },
    });
    expect(badPatch.status).toBe(422);

    const del = await call(`${h.api}/mailboxes/jane.doe%40acme.example`, {
      method: "DELETE",
      headers: h.auth,
    });
    expect(del.status).toBe(204);
    expect(del.text).toBe("");
    expect((await call(`${h.api}/mailboxes/${got.body.id}`, { headers: h.auth })).status).toBe(404);
    expect(
      (await call(`${h.api}/mailboxes/${got.body.id}`, { method: "DELETE", headers: h.auth }))
        .status,
    ).toBe(404);
  });

  it("reset restores the seed and replays the same ids", async () => {
    const create = () => bulk({ domain: "empty.example", items: [item("again")] });
    const first = (await create()).body.created[0].mailbox.id;
    await call(`${h.api}/mailboxes/admin@acme.example`, { method: "DELETE", headers: h.auth });
    expect((await h.admin("reset", { method: "POST" })).status).toBe(200);
    expect((await call(`${h.api}/mailboxes/admin@acme.example`, { headers: h.auth })).status).toBe(
      200,
    );
    expect(
      (await call(`${h.api}/mailboxes?domain=empty.example`, { headers: h.auth })).body.total,
    ).toBe(0);
    expect((await create()).body.created[0].mailbox.id).toBe(first);
    const all = await h.admin("mailboxes");
    expect(all.body.total).toBe(129);
    expect(all.text).not.toMatch(/password/i);
  });
});
