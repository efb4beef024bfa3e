import { request } from "node:http";
import { E2E_BASE_URL } from "./env";

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A request to the e2e server from another loopback address (127.0.0.0/8 all reach it), so a
 * spec can act as several clients whose addresses the server sees on the socket — the way it
 * tells clients apart, whatever X-Forwarded-For they send.
 */
export function requestFrom(
  localAddress: string,
  method: string,
  path: string,
  options: { json?: unknown; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const url = new URL(path, E2E_BASE_URL);
  const body = options.json === undefined ? undefined : JSON.stringify(options.json);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method,
        localAddress,
        headers: {
          origin: E2E_BASE_URL,
          ...(body === undefined
            ? {}
            : { "content-type": "application/json", "content-length": Buffer.byteLength(body) }),
          ...options.headers,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

export const postFrom = (
  localAddress: string,
  path: string,
  json: unknown,
  headers: Record<string, string> = {},
) => requestFrom(localAddress, "POST", path, { json, headers });
