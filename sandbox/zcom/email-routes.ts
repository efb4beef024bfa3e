import { json, noContent } from "../core/http-io";
import type { Handler } from "../core/router";
import type { ZcomContext } from "./context";
import { emailValidFor, passwordValid } from "./rules";
import { assumed400 } from "./variations";
import { NOT_FOUND, readObjectBody, zcomError } from "./wire";

/**
 * POST /v1/emails — not repeatable: each accepted call creates. Checks in order: body shape
 * (400), domain (404), address (400 Invalid Email), password (400 Invalid Password),
 * duplicate (409), per-domain cap (400 Quota Exceeded).
 */
export const createEmail =
  (ctx: ZcomContext): Handler =>
  ({ body }) => {
    const v = ctx.variations();
    const input = readObjectBody(body);
    const { domain_id: domainId, email, password } = input ?? {};
    if (typeof domainId !== "string" || typeof email !== "string" || typeof password !== "string") {
      return assumed400("Bad Request", v);
    }
    const domain = ctx.store.findDomain(domainId);
    if (!domain)
      return v.unknownDomainStatus === 400 ? assumed400("Invalid Domain", v) : NOT_FOUND();
    if (!emailValidFor(email, domain.domain_name)) return assumed400("Invalid Email", v);
    if (!passwordValid(password)) return assumed400("Invalid Password", v);
    // The write side sees every address, lagging or not.
    if (ctx.store.findByAddress(email)) return zcomError(409, "Duplicate");
    if (ctx.store.countOn(domain.domain_id) >= ctx.mailboxCapPerDomain()) {
      return assumed400("Quota Exceeded", v);
    }
    const created = ctx.store.create(domain, email, password);
    ctx.recordCreate(created);
    return json(200, { email: created });
  };

/** GET /v1/emails/{email_id}; an address still inside the lag is a 404. */
export const getEmail =
  (ctx: ZcomContext): Handler =>
  ({ params }) => {
    const email = ctx.store.findEmail(params.email_id ?? "");
    return email && ctx.visible(email) ? json(200, { email }) : NOT_FOUND();
  };

/**
 * PUT /v1/emails/{email_id}/password → 204; the new password is kept only as a hash. Its
 * "400 Invalid Password" is [doc], so no variation rewords it.
 */
export const setPassword =
  (ctx: ZcomContext): Handler =>
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
  (ctx: ZcomContext): Handler =>
  ({ params }) =>
    ctx.store.delete(params.email_id ?? "") ? noContent() : NOT_FOUND();
