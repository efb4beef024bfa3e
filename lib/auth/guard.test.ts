import { beforeEach, describe, expect, it, vi } from "vitest";
import { CLIENT_IP_HEADER, markClientIpStamped } from "@/lib/http/forwarded";

/**
 * The check behind every action and route handler (lib/auth/guard.ts), with the request's
 * headers and the session replaced: origin first (a foreign page never reaches the session),
 * then the session, then the role.
 */
const request = vi.hoisted(() => ({ headers: new Headers() }));
const session = vi.hoisted(() => ({
  user: null as null | { id: string; email: string; name: string; role: string },
  reads: 0,
}));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));
vi.mock("./session", () => ({
  currentUser: async () => {
    session.reads++;
    return session.user;
  },
}));
vi.mock("@/lib/env", () => ({ env: () => ({ auth: { appUrl: "https://console.example" } }) }));

const { authorize, checkRequest } = await import("./guard");

const as = (role: string) => ({ id: "u1", email: "u1@example.test", name: "U", role });

describe("the request guard", () => {
  beforeEach(() => {
    request.headers = new Headers({ host: "console.example" });
    session.user = as("operator");
    session.reads = 0;
  });

  it("refuses a request from another site before reading the session", async () => {
    for (const origin of [
      "https://evil.example",
      "https://console.example.evil.example",
      "http://console.example", // another scheme is another site
      "https://console.example:8443",
      "null",
      "not a url",
    ]) {
      request.headers.set("origin", origin);
      expect(await checkRequest("viewer"), origin).toEqual({
        ok: false,
        status: 403,
        formError: "Refused: this request came from another site.",
        formErrorCode: { key: "errors.foreignOrigin" },
      });
    }
    expect(session.reads).toBe(0);
  });

  it("takes the configured site, a request's own host, and requests without an Origin", async () => {
    for (const origin of ["https://console.example", null]) {
      if (origin) request.headers.set("origin", origin);
      else request.headers.delete("origin");
      expect((await checkRequest("operator")).ok, String(origin)).toBe(true);
    }
    request.headers.set("host", "10.0.0.5:3000");
    request.headers.set("origin", "http://10.0.0.5:3000");
    expect((await checkRequest("operator")).ok).toBe(true);
  });

  it("then wants a session, then the role", async () => {
    session.user = null;
    expect(await checkRequest("viewer")).toMatchObject({ ok: false, status: 401 });
    session.user = as("viewer");
    expect(await checkRequest("operator")).toEqual({
      ok: false,
      status: 403,
      formError: "Your role (Viewer) cannot do this. Ask an admin for Operator access.",
      formErrorCode: {
        key: "errors.roleTooLow",
        params: { role: "viewer", required: "operator" },
      },
    });
    session.user = as("operator");
    expect(await checkRequest("admin")).toMatchObject({ ok: false, status: 403 });
    session.user = as("admin");
    expect(await checkRequest("admin")).toMatchObject({ ok: true });
    expect(await authorize("admin")).toMatchObject({ ok: true, ctx: { user: { role: "admin" } } });
    session.user = as("viewer");
    expect(await authorize("admin")).toEqual({
      ok: false,
      formError: "Your role (Viewer) cannot do this. Ask an admin for Admin access.",
      formErrorCode: { key: "errors.roleTooLow", params: { role: "viewer", required: "admin" } },
    });
  });

  it("records the address our server decided, never X-Forwarded-For", async () => {
    request.headers.set("x-forwarded-for", "6.6.6.6");
    expect(await checkRequest("viewer")).toMatchObject({ ok: true, ctx: { ip: null } });
    markClientIpStamped();
    request.headers.set(CLIENT_IP_HEADER, "192.0.2.44");
    expect(await checkRequest("viewer")).toMatchObject({ ok: true, ctx: { ip: "192.0.2.44" } });
  });
});
