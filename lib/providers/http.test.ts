import net, { type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ProviderError } from "./errors";
import { createHttpClient, type HttpClient, type HttpRequest } from "./http";
import { sendJson, startTestServer, type TestServer } from "@/lib/testing/test-server";

const SECRET_TOKEN = "Bearer tok_5ecret_value";
const SECRET_PASSWORD = "Pa55word!secret";

let server: TestServer | undefined;
let client: HttpClient | undefined;
afterEach(async () => {
  client?.close();
  await server?.close();
  server = undefined;
  client = undefined;
});

async function failureOf(request: Promise<unknown>) {
  const error = await request.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  const { failure } = error as ProviderError;
  // Nothing secret in what a caller might log.
  const visible = JSON.stringify({ failure, message: (error as Error).message });
  expect(visible).not.toContain("5ecret");
  expect(visible).not.toContain(SECRET_PASSWORD);
  return failure;
}

function post(url: string, extra: Partial<HttpRequest> = {}): HttpRequest {
  return {
    method: "POST",
    url: new URL("/v1/things", url),
    headers: { authorization: SECRET_TOKEN },
    json: { password: SECRET_PASSWORD },
    ...extra,
  };
}

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe("createHttpClient", () => {
  it("sends JSON with the headers and reads JSON back", async () => {
    server = await startTestServer((_req, res) => sendJson(res, 201, { ok: true }));
    client = createHttpClient();
    const response = await client.request(post(server.url));
    expect(response).toMatchObject({ status: 201, json: { ok: true }, truncated: false });
    const [seen] = server.requests;
    expect(seen?.headers["content-type"]).toBe("application/json");
    expect(seen?.headers.authorization).toBe(SECRET_TOKEN);
    expect(seen?.json).toEqual({ password: SECRET_PASSWORD });
  });

  it("reports the status of HTML, plain-text and empty error bodies", async () => {
    const bodies = ["<html><body>Bad Gateway</body></html>", "oops", ""];
    server = await startTestServer((req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end(bodies[server!.requests.length - 1]);
    });
    client = createHttpClient();
    for (const body of bodies) {
      const response = await client.request(post(server.url));
      expect(response).toMatchObject({ status: 502, text: body, json: undefined });
    }
  });

  it("classifies a refused connection as retryable", async () => {
    client = createHttpClient();
    const failure = await failureOf(client.request(post(`http://127.0.0.1:${await closedPort()}`)));
    expect(failure).toMatchObject({ code: "unavailable", errorClass: "retryable" });
    expect(failure.message).toContain("connection refused before the request was sent");
  });

  it("classifies a socket destroyed after the request was read as ambiguous", async () => {
    server = await startTestServer((_req, _res, socket) => {
      socket.destroy();
    });
    client = createHttpClient();
    const failure = await failureOf(client.request(post(server.url)));
    expect(failure).toMatchObject({ code: "unavailable", errorClass: "ambiguous" });
    expect(failure.message).toContain("may have been carried out");
  });

  it("classifies a server that never answers as ambiguous after the total timeout", async () => {
    server = await startTestServer(() => {});
    client = createHttpClient({ totalTimeoutMs: 150 });
    const started = Date.now();
    const failure = await failureOf(client.request(post(server.url)));
    expect(failure).toMatchObject({ errorClass: "ambiguous" });
    expect(failure.message).toContain("no complete answer within 150 ms");
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("classifies a TLS handshake that never completes as a retryable connect timeout", async () => {
    // A TCP server that accepts and stays silent: TCP connects, TLS never does, so nothing was sent.
    const accepted: net.Socket[] = [];
    const silent = net.createServer((socket) => accepted.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    client = createHttpClient({ connectTimeoutMs: 100, totalTimeoutMs: 2_000 });
    try {
      const failure = await failureOf(client.request(post(`https://127.0.0.1:${port}`)));
      expect(failure).toMatchObject({ code: "unavailable", errorClass: "retryable" });
      expect(failure.message).toContain("could not connect within 100 ms");
    } finally {
      accepted.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it("classifies a cancel before sending as retryable and after sending as ambiguous", async () => {
    server = await startTestServer(() => {});
    client = createHttpClient();
    const early = await failureOf(
      client.request(post(server.url, { signal: AbortSignal.abort() })),
    );
    expect(early.errorClass).toBe("retryable");
    const controller = new AbortController();
    const pending = client.request(post(server.url, { signal: controller.signal }));
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    expect((await failureOf(pending)).errorClass).toBe("ambiguous");
  });

  it("caps the body: a 2xx is unreadable (ambiguous), an error page is truncated", async () => {
    server = await startTestServer((req, res) => {
      res.writeHead(req.url.includes("ok") ? 200 : 500);
      res.end("x".repeat(5_000));
    });
    client = createHttpClient({ maxResponseBytes: 1_000 });
    const failure = await failureOf(
      client.request({ method: "GET", url: new URL("/ok", server.url) }),
    );
    expect(failure).toMatchObject({ code: "bad_response", errorClass: "ambiguous", status: 200 });
    const response = await client.request({ method: "GET", url: new URL("/err", server.url) });
    expect(response.status).toBe(500);
    expect(response.truncated).toBe(true);
  });

  it("reuses keep-alive connections", async () => {
    const sockets = new Set<unknown>();
    server = await startTestServer((_req, res, socket) => {
      sockets.add(socket);
      sendJson(res, 200, {});
    });
    client = createHttpClient();
    for (let i = 0; i < 3; i++) await client.request({ method: "GET", url: new URL(server.url) });
    expect(sockets.size).toBe(1);
  });
});
