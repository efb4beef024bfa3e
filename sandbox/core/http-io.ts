import type { IncomingMessage, ServerResponse } from "node:http";

/** Bodies above this answer 413; the sandbox never buffers more than this per request. */
export const BODY_LIMIT_BYTES = 20 * 1024 * 1024;

/** What a handler answers; the pipeline decides whether and when it is written. */
export interface Reply {
  status: number;
  /** Serialised as JSON; leave undefined for an empty body (204). */
  body?: unknown;
  /** A non-JSON body (HTML or text error pages); wins over `body`. */
  raw?: { text: string; contentType: string };
  headers?: Record<string, string>;
}

export type BodyResult = { ok: true; bytes: Buffer } | { ok: false; tooLarge: true };

/**
 * Reads the whole body, keeping at most `limit` bytes. Past the limit it keeps draining (and
 * discarding) until the client finishes, so the 413 reaches a client that is still uploading
 * instead of it seeing a reset connection.
 */
export function readBody(req: IncomingMessage, limit = BODY_LIMIT_BYTES): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      if (!tooLarge) chunks.push(chunk);
    });
    req.on("end", () => {
      resolve(
        tooLarge ? { ok: false, tooLarge: true } : { ok: true, bytes: Buffer.concat(chunks) },
      );
    });
    // An aborted upload never gets an answer; resolving keeps the pipeline from hanging.
    req.on("error", () => resolve({ ok: true, bytes: Buffer.alloc(0) }));
    req.on("close", () => {
      if (!req.complete) resolve({ ok: true, bytes: Buffer.alloc(0) });
    });
  });
}

/** Writes a reply unless the socket is already gone (reset fault, client timeout, close()). */
export function sendReply(res: ServerResponse, reply: Reply): boolean {
  if (res.destroyed || res.writableEnded || res.headersSent) return false;
  const headers: Record<string, string | number> = { ...reply.headers };
  let payload: Buffer | undefined;
  if (reply.raw) {
    payload = Buffer.from(reply.raw.text, "utf8");
    headers["Content-Type"] = reply.raw.contentType;
  } else if (reply.body !== undefined) {
    payload = Buffer.from(JSON.stringify(reply.body), "utf8");
    headers["Content-Type"] = "application/json";
  }
  headers["Content-Length"] = payload ? payload.length : 0;
  res.writeHead(reply.status, headers);
  res.end(payload);
  return true;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, body, headers };
}

export const noContent = (): Reply => ({ status: 204 });

/** Parses a JSON body; `undefined` for an empty body, an Error for invalid JSON. */
export function parseJson(
  bytes: Buffer,
): { ok: true; value: unknown } | { ok: false; error: string } {
  const text = bytes.toString("utf8");
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
