import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { type AdminHooks, handleAdmin } from "./admin";
import { type ErrorBodyFormat, type FaultConfig, parseFaultConfig } from "./fault-config";
import { type FaultDraw, FaultEngine } from "./fault-engine";
import { type Reply, readBody, sendReply } from "./http-io";
import { type HandlerInput, matchRoute, type RouteSpec, splitPath } from "./router";
import { SandboxStats } from "./stats";

/** How one provider words the answers the pipeline makes up on its own. */
export interface ProviderWording {
  /** The provider's JSON error body for a status (limits, injected errors, 404/405/413/500). */
  errorBody(status: number): unknown;
  /** The answer once `unauthorizedAfter` has run out. */
  unauthorized(): Reply;
  /**
   * Last step before any provider answer is written (handlers' and the pipeline's alike): the
   * profile's variations of the wire (error shapes, absent or extra fields). Absent = as is.
   */
  present?(reply: Reply): Reply;
}

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Request Entity Too Large",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export const reasonPhrase = (status: number): string => REASONS[status] ?? `HTTP ${status}`;

/**
 * An error answered without the provider's JSON: a proxy's HTML page, plain text (`text`, or
 * the reason phrase), or nothing at all.
 */
export function errorPage(status: number, format: "html" | "text" | "empty", text?: string): Reply {
  const reason = reasonPhrase(status);
  switch (format) {
    case "html":
      return {
        status,
        raw: {
          text: `<html><head><title>${status} ${reason}</title></head><body><h1>${reason}</h1></body></html>`,
          contentType: "text/html",
        },
      };
    case "text":
      return { status, raw: { text: text ?? reason, contentType: "text/plain" } };
    case "empty":
      return { status };
  }
}

const isRead = (method: string) => method === "GET" || method === "HEAD";

/**
 * The request pipeline shared by both simulators: admission (limits), the 401 countdown, the
 * scoped fault dice, the handler, then the after-the-work faults (reset, hang).
 */
export class SandboxRuntime {
  readonly faults: FaultEngine;
  readonly stats = new SandboxStats();
  private closing = new AbortController();

  constructor(
    private readonly wording: ProviderWording,
    baselineFaults: FaultConfig = {},
  ) {
    // Start options are checked like the admin route checks them: a typo must fail loudly.
    const parsed = parseFaultConfig(baselineFaults);
    if (!parsed.ok) throw new Error(`invalid sandbox fault config: ${parsed.error}`);
    this.faults = new FaultEngine(parsed.config);
  }

  reset(): void {
    this.faults.reset();
    this.stats.reset();
  }

  /** Wakes every pending latency/hang sleep so close() is not held up by them. */
  abortPending(): void {
    this.closing.abort();
    this.closing = new AbortController();
  }

  errorReply(status: number, format: ErrorBodyFormat = "json"): Reply {
    return format === "json"
      ? { status, body: this.wording.errorBody(status) }
      : errorPage(status, format);
  }

  /** Writes a provider answer through the profile's presentation; counts it if written. */
  private write(res: ServerResponse, reply: Reply): void {
    const shown = this.wording.present ? this.wording.present(reply) : reply;
    if (sendReply(res, shown)) this.stats.responded(shown.status);
  }

  /**
   * A node:http listener: `/__sandbox/*` goes to the admin hooks, the rest to `routes`. An
   * `exempt` listener (Z.com identity) is counted per route but never limited or faulted.
   */
  listener(routes: RouteSpec[], admin: AdminHooks, exempt = false): RequestListener {
    return (req, res) => {
      const raw = req.url ?? "/";
      const q = raw.indexOf("?");
      const pathname = q === -1 ? raw : raw.slice(0, q);
      const query = new URLSearchParams(q === -1 ? "" : raw.slice(q + 1));
      const work = pathname.startsWith("/__sandbox/")
        ? handleAdmin(req, res, pathname.slice("/__sandbox/".length), this, admin)
        : exempt
          ? this.handleExempt(req, res, routes, pathname, query)
          : this.handleProvider(req, res, routes, pathname, query);
      work.catch((error: unknown) => {
        console.error("[sandbox] request failed", error);
        const reply = this.errorReply(500);
        sendReply(res, this.wording.present ? this.wording.present(reply) : reply);
      });
    };
  }

  private async handleProvider(
    req: IncomingMessage,
    res: ServerResponse,
    routes: RouteSpec[],
    pathname: string,
    query: URLSearchParams,
  ): Promise<void> {
    const method = req.method ?? "GET";
    const match = matchRoute(routes, method, splitPath(pathname));
    const ended = this.stats.requestStarted(match.key);
    const admission = this.faults.admit(Date.now(), isRead(method) ? "read" : "write");
    const gone = new AbortController();
    res.once("close", () => {
      ended();
      if ("release" in admission) admission.release();
      gone.abort();
    });
    const signal = AbortSignal.any([this.closing.signal, gone.signal]);
    const send = (reply: Reply) => this.write(res, reply);

    const body = await readBody(req);
    const attempts =
      match.kind === "route" && match.attempts && body.ok
        ? match.attempts({ query, headers: req.headers, body: body.bytes })
        : [];
    for (const a of attempts) this.stats.createAttempted(a.address, a.existed);
    // Every way out before the handler runs: the attempts never reached the provider's work.
    const refused = () => {
      for (const a of attempts) this.stats.createRefused(a.address);
    };

    if ("limit" in admission) {
      refused();
      const { status, retryAfter } = admission.limit;
      this.stats.limitedWith(status);
      const reply = this.errorReply(status);
      return send({ ...reply, headers: { ...reply.headers, "Retry-After": retryAfter } });
    }
    if (!body.ok) return send(this.errorReply(413));
    if (this.faults.takeUnauthorized()) {
      refused();
      this.stats.fault("unauthorized");
      return send(this.wording.unauthorized());
    }

    const isCreate = match.kind === "route" && match.isCreate;
    const isWrite = req.method !== "GET" && req.method !== "HEAD";
    const draw: FaultDraw | null = this.faults.inScope(isCreate, isWrite)
      ? this.faults.draw()
      : null;
    if (draw) {
      if (draw.delayMs > 0) {
        this.stats.fault("latency");
        if (!(await sleep(draw.delayMs, signal))) return refused();
      }
      if (draw.resetBefore) {
        refused();
        this.stats.fault("resetBefore");
        return void req.socket.destroy();
      }
      if (draw.errorStatus !== null) {
        refused();
        this.stats.fault("error");
        const reply = this.errorReply(draw.errorStatus, this.faults.settings.errorBody);
        // A provider that says "not now" says when, as the limits do.
        if (draw.errorStatus === 429 || draw.errorStatus === 503) {
          return send({
            ...reply,
            headers: { ...reply.headers, "Retry-After": this.faults.retryAfter(Date.now()) },
          });
        }
        return send(reply);
      }
    }

    let reply = await this.run(match, {
      params: {},
      query,
      headers: req.headers,
      body: body.bytes,
    });
    if (draw?.resetAfter) {
      this.stats.fault("resetAfter");
      return void req.socket.destroy();
    }
    if (draw?.errorAfter && reply.status < 400) {
      // The work succeeded (a create is applied); what comes back is an error, e.g. a proxy's
      // 502. An answer that already failed (409, 422, …) is left alone: nothing was applied.
      this.stats.fault("errorAfter");
      const { errorAfterStatus, errorAfterBody } = this.faults.settings;
      reply = this.errorReply(errorAfterStatus, errorAfterBody);
    }
    if (draw?.hang) {
      this.stats.fault("hang");
      if (!(await sleep(this.faults.settings.hangMs, signal))) return;
    }
    send(reply);
  }

  private async handleExempt(
    req: IncomingMessage,
    res: ServerResponse,
    routes: RouteSpec[],
    pathname: string,
    query: URLSearchParams,
  ): Promise<void> {
    const match = matchRoute(routes, req.method ?? "GET", splitPath(pathname));
    this.stats.counted(match.key);
    const body = await readBody(req);
    const reply = body.ok
      ? await this.run(match, { params: {}, query, headers: req.headers, body: body.bytes })
      : this.errorReply(413);
    this.write(res, reply);
  }

  private async run(match: ReturnType<typeof matchRoute>, input: HandlerInput): Promise<Reply> {
    if (match.kind === "not-found") return this.errorReply(404);
    if (match.kind === "method-not-allowed") {
      return { ...this.errorReply(405), headers: { Allow: match.allow.join(", ") } };
    }
    try {
      return await match.handler({ ...input, params: match.params });
    } catch (error) {
      console.error("[sandbox] handler failed", error);
      return this.errorReply(500);
    }
  }
}

/** Resolves true when the time is up, false when the client left or the sandbox is closing. */
async function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await delay(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
