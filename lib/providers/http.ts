import "server-only";
import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import type { Socket } from "node:net";
import { ProviderError } from "./errors";
import type { ErrorClass, ProviderFailure } from "./types";

// node:http rather than fetch: fetch cannot tell "never connected" (safe to resend a create) from
// "sent, answer lost" (must verify first), and has no connect timeout of its own.
// Nothing here logs, and no message names a header or a request body: they hold tokens and
// passwords.

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface HttpOptions {
  /** DNS + TCP (+ TLS) handshake; past it nothing was sent, so a retry is safe. Default 5 s. */
  connectTimeoutMs?: number;
  /** From the call to the last byte of the answer. Default 30 s. */
  totalTimeoutMs?: number;
  /** Bodies past this are not read. Default 8 MiB. */
  maxResponseBytes?: number;
  /** Sockets per host. Default 16. */
  maxSockets?: number;
}

export interface HttpRequest {
  method: HttpMethod;
  url: URL;
  headers?: Readonly<Record<string, string>>;
  /** Serialised as JSON. */
  json?: unknown;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as text ("" when empty). */
  text: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  json: unknown;
  /** The body was longer than maxResponseBytes and `text` holds only its start (non-2xx only). */
  truncated: boolean;
}

export interface HttpClient {
  /** Resolves for every HTTP status; rejects only with a ProviderError for transport failures. */
  request(request: HttpRequest): Promise<HttpResponse>;
  /** Closes idle keep-alive sockets (tests, shutdown). */
  close(): void;
}

const CERT_ERROR = /^(ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_SSL_)/;

export function createHttpClient(options: HttpOptions = {}): HttpClient {
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  const totalTimeoutMs = options.totalTimeoutMs ?? 30_000;
  const maxResponseBytes = options.maxResponseBytes ?? 8 * 1024 * 1024;
  // Idle sockets are dropped after 4 s, before a typical server (Node's 5 s) closes them, so a
  // create is rarely written into a socket the server is closing (which would read as ambiguous).
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 16, timeout: 4_000 };
  const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };

  function request(req: HttpRequest): Promise<HttpResponse> {
    const { url, method } = req;
    const secure = url.protocol === "https:";
    if (!secure && url.protocol !== "http:") {
      return Promise.reject(new TypeError(`Unsupported protocol ${url.protocol}`));
    }
    // Host and path only: queries are harmless today, but paths are all a reader needs.
    const target = `${method} ${url.host}${url.pathname}`;
    const body = req.json === undefined ? undefined : Buffer.from(JSON.stringify(req.json));
    const headers: Record<string, string> = { accept: "application/json", ...req.headers };
    if (body) {
      headers["content-type"] = "application/json";
      headers["content-length"] = String(body.length);
    }

    return new Promise<HttpResponse>((resolve, reject) => {
      // "reached": the connection (and TLS) is up, so the request may have been acted on.
      let reached = false;
      let settled = false;
      let connectTimer: NodeJS.Timeout | undefined;

      const phase = (): ErrorClass => (reached ? "ambiguous" : "retryable");
      const finish = () => {
        settled = true;
        clearTimeout(connectTimer);
        clearTimeout(totalTimer);
        req.signal?.removeEventListener("abort", onAbort);
      };
      const fail = (failure: ProviderFailure, cause?: unknown) => {
        if (settled) return;
        finish();
        outgoing.destroy();
        reject(new ProviderError(failure, { cause }));
      };
      const transportFailure = (what: string, errorClass = phase()): ProviderFailure => ({
        code: "unavailable",
        errorClass,
        message:
          errorClass === "ambiguous"
            ? `${target}: ${what} after the request was sent; it may have been carried out`
            : `${target}: ${what} before the request was sent`,
      });
      function onAbort() {
        fail(transportFailure("cancelled"));
      }

      if (req.signal?.aborted) {
        reject(new ProviderError(transportFailure("cancelled", "retryable")));
        return;
      }

      const outgoing = (secure ? https : http).request(url, {
        method,
        headers,
        agent: secure ? agents.https : agents.http,
      });
      req.signal?.addEventListener("abort", onAbort, { once: true });
      const totalTimer = setTimeout(() => {
        const what = reached ? "no complete answer" : "could not connect";
        fail(transportFailure(`${what} within ${totalTimeoutMs} ms`));
      }, totalTimeoutMs);

      outgoing.on("socket", (socket: Socket) => {
        if (!socket.connecting) {
          reached = true; // a reused keep-alive socket
          return;
        }
        connectTimer = setTimeout(
          () => fail(transportFailure(`could not connect within ${connectTimeoutMs} ms`)),
          connectTimeoutMs,
        );
        socket.once(secure ? "secureConnect" : "connect", () => {
          reached = true;
          clearTimeout(connectTimer);
        });
      });

      outgoing.on("error", (error: NodeJS.ErrnoException) => {
        const code = error.code ?? "";
        if (!reached && CERT_ERROR.test(code)) {
          // Sending again cannot fix a certificate; retrying it forever would hide the problem.
          fail({ ...transportFailure(`TLS failed (${code})`), errorClass: "final" }, error);
        } else {
          fail(transportFailure(describeNetworkError(code, reached)), error);
        }
      });

      outgoing.on("response", (incoming) => {
        const status = incoming.statusCode ?? 0;
        const ok = status >= 200 && status <= 299;
        const chunks: Buffer[] = [];
        let size = 0;
        const done = (truncated: boolean) => {
          if (settled) return;
          finish();
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status, headers: incoming.headers, text, json: parseJson(text), truncated });
        };
        incoming.on("data", (chunk: Buffer) => {
          if (settled) return;
          size += chunk.length;
          if (size <= maxResponseBytes) {
            chunks.push(chunk);
            return;
          }
          if (ok) {
            fail({
              code: "bad_response",
              errorClass: "ambiguous",
              status,
              message: `${target}: the answer is larger than ${maxResponseBytes} bytes`,
            });
          } else {
            // An error page only needs its status and a few words: keep what we have.
            done(true);
            outgoing.destroy();
          }
        });
        incoming.on("end", () => done(false));
        incoming.on("close", () => {
          if (!incoming.complete)
            fail(transportFailure(`connection lost while reading a ${status} answer`, "ambiguous"));
        });
      });

      outgoing.end(body);
    });
  }

  return {
    request,
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

function describeNetworkError(code: string, reached: boolean): string {
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "host name not found";
    case "ETIMEDOUT":
      return reached ? "connection timed out" : "could not connect (timed out)";
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "host unreachable";
    case "ECONNRESET":
    case "EPIPE":
      return "connection closed by the other side";
    default:
      return code ? `network error ${code}` : "network error";
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
