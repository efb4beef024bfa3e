import type { IncomingHttpHeaders } from "node:http";
import { isRecord, json, parseJson, type Reply } from "../core/http-io";

/** One entry of FastAPI's 422 `detail` array (pydantic v2 wording). */
export interface ValidationIssue {
  type: string;
  loc: (string | number)[];
  msg: string;
  input?: unknown;
  ctx?: Record<string, unknown>;
}

export type Loc = (string | number)[];

export const detail = (status: number, message: string, headers?: Record<string, string>): Reply =>
  json(status, { detail: message }, headers);

export const unprocessable = (issues: ValidationIssue[]): Reply => json(422, { detail: issues });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);

/**
 * FastAPI parses the body as JSON only when the Content-Type is absent or JSON; any other type
 * leaves raw bytes, which then fail model validation. Imitated so a client that forgets the
 * header fails here as it would there.
 */
export function readJsonBody(
  headers: IncomingHttpHeaders,
  bytes: Buffer,
): { ok: true; value: unknown } | { ok: false; reply: Reply } {
  const type = (headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const isJson = type === "" || type === "application/json" || /^application\/.+\+json$/.test(type);
  if (!isJson)
    return { ok: false, reply: unprocessable([notAnObject(["body"], bytes.toString("utf8"))]) };
  const parsed = parseJson(bytes);
  if (!parsed.ok) {
    return {
      ok: false,
      reply: unprocessable([
        {
          type: "json_invalid",
          loc: ["body", 0],
          msg: "JSON decode error",
          input: {},
          ctx: { error: parsed.error },
        },
      ]),
    };
  }
  if (parsed.value === undefined) {
    return {
      ok: false,
      reply: unprocessable([
        { type: "missing", loc: ["body"], msg: "Field required", input: null },
      ]),
    };
  }
  return { ok: true, value: parsed.value };
}

export const notAnObject = (loc: Loc, input: unknown): ValidationIssue => ({
  type: "model_attributes_type",
  loc,
  msg: "Input should be a valid dictionary or object to extract fields from",
  input,
});

/** Reads fields of one JSON object, collecting pydantic-style issues instead of throwing. */
export class ObjectReader {
  constructor(
    private readonly value: Record<string, unknown>,
    private readonly loc: Loc,
    private readonly issues: ValidationIssue[],
  ) {}

  /** Required string; `optional` also accepts absent or null (pydantic `str | None = None`). */
  string(name: string, optional = false): string | undefined {
    const raw = this.value[name];
    if (raw === undefined || (optional && raw === null)) {
      if (!optional)
        this.issues.push({
          type: "missing",
          loc: [...this.loc, name],
          msg: "Field required",
          input: this.value,
        });
      return undefined;
    }
    if (typeof raw !== "string") {
      this.issues.push({
        type: "string_type",
        loc: [...this.loc, name],
        msg: "Input should be a valid string",
        input: raw,
      });
      return undefined;
    }
    return raw;
  }

  list(name: string): unknown[] | undefined {
    const raw = this.value[name];
    if (raw === undefined) {
      this.issues.push({
        type: "missing",
        loc: [...this.loc, name],
        msg: "Field required",
        input: this.value,
      });
      return undefined;
    }
    if (!Array.isArray(raw)) {
      this.issues.push({
        type: "list_type",
        loc: [...this.loc, name],
        msg: "Input should be a valid list",
        input: raw,
      });
      return undefined;
    }
    return raw;
  }
}

/** Wraps `value` in a reader, or records the "not an object" issue and returns null. */
export function readObject(
  value: unknown,
  loc: Loc,
  issues: ValidationIssue[],
): ObjectReader | null {
  if (!isRecord(value)) {
    issues.push(notAnObject(loc, value));
    return null;
  }
  return new ObjectReader(value, loc, issues);
}

/** An integer query parameter with FastAPI's `Query(ge=, le=)` checks. */
export function queryInt(
  query: URLSearchParams,
  name: string,
  bounds: { fallback: number; min: number; max?: number },
  issues: ValidationIssue[],
): number {
  const raw = query.get(name);
  if (raw === null) return bounds.fallback;
  const loc = ["query", name];
  if (!/^\s*[+-]?\d+\s*$/.test(raw)) {
    issues.push({
      type: "int_parsing",
      loc,
      msg: "Input should be a valid integer, unable to parse string as an integer",
      input: raw,
    });
    return bounds.fallback;
  }
  const value = Number.parseInt(raw, 10);
  if (value < bounds.min) {
    issues.push({
      type: "greater_than_equal",
      loc,
      msg: `Input should be greater than or equal to ${bounds.min}`,
      input: raw,
      ctx: { ge: bounds.min },
    });
  } else if (bounds.max !== undefined && value > bounds.max) {
    issues.push({
      type: "less_than_equal",
      loc,
      msg: `Input should be less than or equal to ${bounds.max}`,
      input: raw,
      ctx: { le: bounds.max },
    });
  }
  return value;
}

export function queryUuid(
  query: URLSearchParams,
  name: string,
  issues: ValidationIssue[],
): string | null {
  const raw = query.get(name);
  if (raw === null || raw === "") return null;
  if (!isUuid(raw)) {
    issues.push({
      type: "uuid_parsing",
      loc: ["query", name],
      msg: "Input should be a valid UUID",
      input: raw,
    });
    return null;
  }
  return raw.toLowerCase();
}
