import { isRecord, type Reply } from "../core/http-io";
import {
  asErrorPage,
  emptyBody,
  isJsonError,
  mapJsonBody,
  withExtraFields,
  withOptionalFields,
} from "../core/present";
import type { HybridboxVariations } from "../core/profile";
import type { MailboxDto } from "./types";

/*
 * The hook points of Hybridbox's variations (see core/profile.ts): how lists page and order,
 * which item codes a bulk uses, and how every answer is presented on the wire.
 */

/** OpenStack-style error keys, named after the error. */
const OPENSTACK_KEYS: Record<number, string> = {
  400: "badRequest",
  401: "unauthorized",
  403: "forbidden",
  404: "itemNotFound",
  405: "badMethod",
  409: "conflictingRequest",
  413: "overLimit",
  422: "unprocessableEntity",
  429: "overLimit",
  500: "computeFault",
  501: "notImplemented",
  502: "badGateway",
  503: "serviceUnavailable",
  504: "gatewayTimeout",
};

/** The message of a FastAPI body: the `detail` string, or the 422 issues in one line. */
function messageOf(body: unknown): string {
  const detail = isRecord(body) ? body.detail : undefined;
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail)) {
    return detail
      .map((issue) =>
        isRecord(issue)
          ? `${Array.isArray(issue.loc) ? issue.loc.join(".") : ""}: ${String(issue.msg)}`
          : String(issue),
      )
      .join("; ");
  }
  return "Error";
}

function reshapeError(reply: Reply, v: HybridboxVariations): Reply {
  if (reply.status === 401 && v.unauthorizedBody === "empty") return emptyBody(reply);
  const message = messageOf(reply.body);
  switch (v.errorBody) {
    case "fastapi":
      return reply;
    case "openstack": {
      const key = OPENSTACK_KEYS[reply.status] ?? "error";
      return { ...reply, body: { [key]: { message, code: reply.status } } };
    }
    default:
      return asErrorPage(reply, v.errorBody, message);
  }
}

/** MailboxDTO fields the contract marks optional; `mailbox_count` of the [assumed] domain list. */
const optionalIn = (o: Record<string, unknown>): readonly string[] | null => {
  if (typeof o.primary_email === "string" && typeof o.local_part === "string") {
    return ["aliases", "workspace_id", "workspace_name"];
  }
  if ("mailbox_count" in o) return ["mailbox_count"];
  return null;
};

/** `statuses: "more"`: two seed mailboxes in statuses beyond active/paused. */
const MORE_STATUSES: Record<string, string> = {
  "ichiro.suzuki@acme.example": "suspended",
  "seoyeon.lee@kr.example": "pending_deletion",
};

/** Every MailboxDTO (`status`) and domain summary (`active`) of those mailboxes, wherever it sits. */
function withMoreStatuses(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withMoreStatuses);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, inner] of Object.entries(value)) out[k] = withMoreStatuses(inner);
  const dto =
    typeof value.primary_email === "string" ? MORE_STATUSES[value.primary_email] : undefined;
  if (dto && typeof value.status === "string") out.status = dto;
  const summary = typeof value.email === "string" ? MORE_STATUSES[value.email] : undefined;
  if (summary && typeof value.active === "boolean") out.active = false;
  return out;
}

/** The last step before any Hybridbox answer is written. */
export function presentHybridbox(reply: Reply, v: HybridboxVariations): Reply {
  let out = isJsonError(reply) ? reshapeError(reply, v) : reply;
  if (v.statuses === "more") out = mapJsonBody(out, withMoreStatuses);
  if (v.optionalFields !== "present") {
    out = mapJsonBody(out, (body) => withOptionalFields(body, v.optionalFields, optionalIn));
  }
  if (v.extraFields) out = mapJsonBody(out, withExtraFields);
  return out;
}

/** Bulk item codes under `itemCodes: "upper"`: codes a client has never heard of. */
const UPPER_CODES: Record<string, string> = {
  invalid_local_part: "E_LOCAL_PART",
  invalid_name: "E_NAME",
  duplicate_in_request: "E_DUPLICATE_ITEM",
  mailbox_exists: "LOCAL_PART_TAKEN",
  quota_exceeded: "LIMIT_REACHED",
};

export const itemCode = (code: string, v: HybridboxVariations): string =>
  v.itemCodes === "upper" ? (UPPER_CODES[code] ?? code.toUpperCase()) : code;

/**
 * Page-number paging under the cap variations: at most `pageSizeCap` items, the offset from the
 * requested or the capped size, the requested or the capped size echoed.
 */
export function pageWith<T>(rows: T[], page: number, requested: number, v: HybridboxVariations) {
  const served = v.pageSizeCap === null ? requested : Math.min(requested, v.pageSizeCap);
  const start = (page - 1) * (v.pageOffset === "capped" ? served : requested);
  return {
    items: rows.slice(start, start + served),
    page,
    page_size: v.pageSizeEcho === "capped" ? served : requested,
    total: rows.length,
  };
}

/** Newest first: created_at descending, ties by address (pages still never overlap). */
export function ordered<T extends { created_at: string }>(
  rows: T[],
  v: HybridboxVariations,
  tie: (row: T) => string,
): T[] {
  if (v.listOrder === "oldest-first") return rows;
  return [...rows].sort(
    (a, b) => b.created_at.localeCompare(a.created_at) || tie(a).localeCompare(tie(b)),
  );
}

export const byAddress = (m: MailboxDto) => m.primary_email;
