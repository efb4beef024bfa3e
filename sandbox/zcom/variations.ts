import { isRecord, json, type Reply } from "../core/http-io";
import {
  asErrorPage,
  emptyBody,
  isJsonError,
  mapJsonBody,
  withExtraFields,
  withOptionalFields,
} from "../core/present";
import type { ZcomVariations } from "../core/profile";

/*
 * The hook points of Z.com's variations (see core/profile.ts): the 400 labels, list order and
 * cap, and how every answer (mail and identity listeners) is presented on the wire.
 */

/** The [assumed] 400 labels, worded otherwise under `errorLabels: "reworded"`. */
const REWORDED: Record<string, string> = {
  "Bad Request": "The request parameters are invalid",
  "Invalid Email": "The email address is not valid",
  "Invalid Password": "The password does not meet the policy",
  "Quota Exceeded": "The number of email addresses has reached the limit",
  "Invalid Domain": "The domain does not exist",
};

/** A 400 with an [assumed] label, in the wording the variations ask for. */
export const assumed400 = (label: string, v: ZcomVariations): Reply =>
  json(400, {
    error: {
      code: 400,
      message: v.errorLabels === "reworded" ? (REWORDED[label] ?? label) : label,
    },
  });

function reshapeError(reply: Reply, v: ZcomVariations): Reply {
  if (reply.status === 401 && v.unauthorizedBody === "empty") return emptyBody(reply);
  const error = isRecord(reply.body) ? reply.body.error : undefined;
  const message = isRecord(error) && typeof error.message === "string" ? error.message : "Error";
  switch (v.errorBody) {
    case "default":
      return reply;
    case "message-only":
      return { ...reply, body: { error: { message } } };
    default:
      return asErrorPage(reply, v.errorBody, message);
  }
}

/** Email object fields beyond email_id, email and domain_id. */
const OPTIONAL_EMAIL_FIELDS = [
  "username",
  "total_usage",
  "virus_check",
  "spam_filter",
  "spam_filter_type",
  "forwarding_copy",
] as const;

const optionalIn = (o: Record<string, unknown>): readonly string[] | null =>
  "email_id" in o && "email" in o ? OPTIONAL_EMAIL_FIELDS : null;

/** The last step before any Z.com answer (mail or identity) is written. */
export function presentZcom(reply: Reply, v: ZcomVariations): Reply {
  let out = isJsonError(reply) ? reshapeError(reply, v) : reply;
  if (v.optionalFields !== "present") {
    out = mapJsonBody(out, (body) => withOptionalFields(body, v.optionalFields, optionalIn));
  }
  if (v.extraFields) out = mapJsonBody(out, withExtraFields);
  return out;
}

/** `limit` as served: at most `limitCap`. */
export const servedLimit = (limit: number, v: ZcomVariations): number =>
  v.limitCap === null ? limit : Math.min(limit, v.limitCap);
