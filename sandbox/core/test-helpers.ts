/*
 * Helpers for the sandbox's own tests: raw HTTP with fetch, nothing from lib/, so the tests
 * see exactly what any client would.
 */

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CallInit {
  method?: string;
  headers?: Record<string, string>;
  /** Sent as JSON with `Content-Type: application/json` unless a content-type is given. */
  json?: unknown;
  /** Sent as is (fetch labels a string `text/plain` unless a content-type is given). */
  body?: string;
  signal?: AbortSignal;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
export type AnyJson = any;

/** Calls an admin route (`/__sandbox/<path>`) of one sandbox listener. */
export type AdminCall = (path: string, init?: CallInit) => Promise<JsonResponse<AnyJson>>;

export async function call<T = AnyJson>(
  url: string,
  init: CallInit = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { accept: "application/json", ...init.headers };
  let body = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    headers["content-type"] ??= "application/json";
  }
  const response = await fetch(url, {
    method: init.method ?? "GET",
    headers,
    body,
    signal: init.signal,
  });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

/** Resolves to "reset" when the connection dies without an answer, else the status. */
export async function statusOrReset(promise: Promise<JsonResponse>): Promise<number | "reset"> {
  try {
    return (await promise).status;
  } catch {
    return "reset";
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
