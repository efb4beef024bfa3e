import { json, noContent } from "../core/http-io";
import type { Handler } from "../core/router";
import { emailValidFor, passwordValid } from "./rules";
import type { ZcomStore } from "./store";
import { BAD_REQUEST, NOT_FOUND, readObjectBody, zcomError } from "./wire";

export interface EmailRouteContext {
  store: ZcomStore;
  mailboxCapPerDomain(): number;
  recordCreate(address: string): void;
}

/**
 * POST /v1/emails — not repeatable: each accepted call creates. Checks in order: body shape
 * (400), domain (404), address (400 Invalid Email), password (400 Invalid Password),
 * duplicate (409), per-domain cap (400 Quota Exceeded).
 */
export const createEmail =
  (ctx: EmailRouteContext): Handler =>
  ({ body }) => {
    const input = readObjectBody(body);
    const { domain_id: domainId, email, password } = input ?? {};
    if (typeof domainId !== "string" || typeof email !== "string" || typeof password !== "string") {
      return BAD_REQUEST();
    }
    const domain = ctx.store.findDomain(domainId);
    if (!domain) return NOT_FOUND();
    if (!emailValidFor(email, domain.domain_name)) return zcomError(400, "Invalid Email");
    if (!passwordValid(password)) return zcomError(400, "Invalid Password");
    if (ctx.store.findByAddress(email)) return zcomError(409, "Duplicate");
    if (ctx.store.countOn(domain.domain_id) >= ctx.mailboxCapPerDomain()) {
      return zcomError(400, "Quota Exceeded");
    }
    const created = ctx.store.create(domain, email, password);
    ctx.recordCreate(created.email);
    return json(200, { email: created });
  };

/** GET /v1/emails/{email_id} */
export const getEmail =
  (ctx: EmailRouteContext): Handler =>
  ({ params }) => {
    const email = ctx.store.findEmail(params.email_id ?? "");
    return email ? json(200, { email }) : NOT_FOUND();
  };

/** PUT /v1/emails/{email_id}/password → 204; the new password is kept only as a hash. */
export const setPassword =
  (ctx: EmailRouteContext): Handler =>
  ({ params, body }) => {
    const id = params.email_id ?? "";
    if (!ctx.store.findEmail(id)) return NOT_FOUND();
    const password = readObjectBody(body)?.password;
    if (typeof password !== "string" || !passwordValid(password)) {
      return zcomError(400, "Invalid Password");
    }
    ctx.store.setPassword(id, password);
    return noContent();
  };

/** DELETE /v1/emails/{email_id} → 204 (route seen in ConoHa client code). */
export const deleteEmail =
  (ctx: EmailRouteContext): Handler =>
  ({ params }) =>
    ctx.store.delete(params.email_id ?? "") ? noContent() : NOT_FOUND();
