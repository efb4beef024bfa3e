import { afterEach, describe, expect, it, vi } from "vitest";
import { domainsQuery } from "@/lib/domains/query-options";
import { failureText, FetchError, fetchJson, postJson } from "./fetch-json";

const answer = (status: number, body: string, headers: Record<string, string> = {}) =>
  vi.fn(async () => new Response(body, { status, headers }));

afterEach(() => vi.unstubAllGlobals());

async function failure(run: () => Promise<unknown>): Promise<FetchError> {
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

describe("the client's fetch-JSON helper", () => {
  it("returns the JSON of a 2xx answer and posts JSON", async () => {
    const fetch = answer(200, '{"rows":3}');
    vi.stubGlobal("fetch", fetch);
    expect(await postJson("/api/x", { a: 1 })).toEqual({ rows: 3 });
    expect(fetch).toHaveBeenCalledWith("/api/x", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"a":1}',
    });
  });

  it("throws any other status with the server's own sentence", async () => {
    vi.stubGlobal("fetch", answer(409, '{"error":"The job has finished."}'));
    const error = await failure(() => fetchJson("/api/x"));
    expect(error.status).toBe(409);
    expect(error.message).toBe("The job has finished.");
    expect(failureText(error, "fallback")).toBe("The job has finished.");
  });

  it("reads Better Auth's {message} and keeps the headers", async () => {
    vi.stubGlobal("fetch", answer(429, '{"message":"Too many"}', { "x-retry-after": "12" }));
    const error = await failure(() => fetchJson("/api/x"));
    expect(error.serverMessage).toBe("Too many");
    expect(error.headers?.get("x-retry-after")).toBe("12");
  });

  it("says only the status when the body is not ours (HTML, empty)", async () => {
    vi.stubGlobal("fetch", answer(502, "<html>Bad gateway</html>"));
    const error = await failure(() => fetchJson("/api/x"));
    expect(error.message).toBe("The console answered HTTP 502.");
    expect(failureText(error, "The check could not be started.")).toBe(
      "The check could not be started.",
    );
  });

  it("gives status 0 when no answer came, and passes an abort on", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))),
    );
    expect((await failure(() => fetchJson("/api/x"))).status).toBe(0);
    const abort = new DOMException("aborted", "AbortError");
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(abort)),
    );
    await expect(fetchJson("/api/x")).rejects.toBe(abort);
  });

  it("lets the domain queries take a provider failure (HTTP 502) as data", async () => {
    const loaded = { ok: false, failure: { code: "unavailable", message: "down" } };
    vi.stubGlobal("fetch", answer(502, JSON.stringify(loaded)));
    const queryFn = domainsQuery("zcom").queryFn as (c: { signal: AbortSignal }) => unknown;
    expect(await queryFn({ signal: new AbortController().signal })).toEqual(loaded);
    vi.stubGlobal("fetch", answer(401, '{"error":"Sign in again."}'));
    await expect(queryFn({ signal: new AbortController().signal })).rejects.toThrow(
      "Sign in again.",
    );
  });
});
