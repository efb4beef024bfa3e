import type { Coded } from "@/lib/i18n/coded";

// The browser's one way to call the console's own routes. Every failure has one shape: a
// FetchError with the HTTP status (0 when no answer came) and the server's own sentence when the
// body carried one (`{error}` from our routes, `{message}` from Better Auth's).

export class FetchError extends Error {
  constructor(
    /** The HTTP status; 0 when the server did not answer. */
    readonly status: number,
    /** The server's own sentence, when its body had one. */
    readonly serverMessage: string | undefined,
    /** The parsed body (null when it was not JSON), for callers that read more of it. */
    readonly body: unknown,
    readonly headers: Headers | undefined,
  ) {
    super(
      serverMessage ??
        (status === 0
          ? "The server did not answer. Check your connection and try again."
          : `The console answered HTTP ${status}.`),
    );
    this.name = "FetchError";
  }
}

/** The catalog code our routes send beside their English sentence (`{error, code}`), if any. */
export function failureCode(error: unknown): Coded | undefined {
  if (!(error instanceof FetchError)) return undefined;
  const code = (error.body as { code?: unknown } | null)?.code;
  if (!code || typeof code !== "object" || typeof (code as Coded).key !== "string") return;
  return code as Coded;
}

/** The server's sentence, else `fallback`: for messages that name what failed. */
export function failureText(error: unknown, fallback: string): string {
  return error instanceof FetchError && error.serverMessage ? error.serverMessage : fallback;
}

/** A 2xx response, or a FetchError. An abort is passed on as it is (React Query cancels so). */
export async function fetchOk(input: string, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(input, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new FetchError(0, undefined, null, undefined);
  }
  if (response.ok) return response;
  const body: unknown = await response.json().catch(() => null);
  throw new FetchError(response.status, sentenceOf(body), body, response.headers);
}

/** The JSON body of a 2xx response, or a FetchError. */
export async function fetchJson<T>(input: string, init?: RequestInit): Promise<T> {
  const response = await fetchOk(input, init);
  try {
    return (await response.json()) as T;
  } catch {
    throw new FetchError(
      response.status,
      "The server's answer could not be read.",
      null,
      undefined,
    );
  }
}

/** A POST with a JSON body. */
export function postJson<T>(input: string, body: unknown, init?: RequestInit): Promise<T> {
  return fetchJson<T>(input, {
    ...init,
    method: "POST",
    headers: { "content-type": "application/json", ...init?.headers },
    body: JSON.stringify(body),
  });
}

function sentenceOf(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ["error", "message"])
    if (typeof record[key] === "string" && record[key]) return record[key];
  return undefined;
}
