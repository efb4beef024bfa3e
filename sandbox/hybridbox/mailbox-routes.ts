import { json, noContent } from "../core/http-io";
import type { Handler } from "../core/router";
import type { HybridboxContext } from "./context";
import {
  detail,
  queryInt,
  queryUuid,
  readJsonBody,
  readObject,
  unprocessable,
  type ValidationIssue,
} from "./fastapi";
import { localPartProblem, nameProblem } from "./rules";
import type { MailboxDto } from "./types";
import { byAddress, ordered, pageWith } from "./variations";

const valueError = (field: string, message: string, input: unknown): ValidationIssue => ({
  type: "value_error",
  loc: ["body", field],
  msg: `Value error, ${message}`,
  input,
});

/** GET /mailboxes: page-number paging with a total; `search` is a case-insensitive substring. */
export const listMailboxes =
  (ctx: HybridboxContext): Handler =>
  ({ query }) => {
    const issues: ValidationIssue[] = [];
    const page = queryInt(query, "page", { fallback: 1, min: 1 }, issues);
    const pageSize = queryInt(
      query,
      "page_size",
      { fallback: 25, min: 1, max: ctx.limits().maxPageSize },
      issues,
    );
    const workspaceId = queryUuid(query, "workspace_id", issues);
    if (issues.length > 0) return unprocessable(issues);
    const domainRef = query.get("domain");
    let domainId: string | undefined;
    if (domainRef) {
      const domain = ctx.store.findDomain(domainRef);
      if (!domain) return detail(404, "Domain not found");
      domainId = domain.id;
    }
    const needle = (query.get("search") ?? "").toLowerCase();
    const rows = ctx.store
      .listMailboxes({ domainId, workspaceId: workspaceId ?? undefined })
      .filter(
        (m) =>
          ctx.visible(m) &&
          (needle === "" ||
            [m.local_part, m.primary_email, m.first_name, m.last_name].some((v) =>
              v.toLowerCase().includes(needle),
            )),
      );
    const v = ctx.variations();
    return json(200, pageWith(ordered(rows, v, byAddress), page, pageSize, v));
  };

/** POST /mailboxes: rule violations are 422 (model validation), then 404, 409, quota 422. */
export const createMailbox =
  (ctx: HybridboxContext): Handler =>
  ({ headers, body }) => {
    const parsed = readJsonBody(headers, body);
    if (!parsed.ok) return parsed.reply;
    const issues: ValidationIssue[] = [];
    const reader = readObject(parsed.value, ["body"], issues);
    const domainRef = reader?.string("domain");
    const firstName = reader?.string("first_name");
    const lastName = reader?.string("last_name");
    const sent = reader?.string("local_part");
    // localPartCase "fold": upper case is folded and created, not refused.
    const localPart = ctx.variations().localPartCase === "fold" ? sent?.toLowerCase() : sent;
    if (localPart !== undefined) {
      const problem = localPartProblem(localPart);
      if (problem) issues.push(valueError("local_part", problem, localPart));
    }
    for (const [field, value] of [
      ["first_name", firstName],
      ["last_name", lastName],
    ] as const) {
      const problem = value === undefined ? null : nameProblem(field, value);
      if (problem) issues.push(valueError(field, problem, value));
    }
    // A missing field always left an issue; the undefined checks only narrow the types.
    if (
      issues.length > 0 ||
      domainRef === undefined ||
      firstName === undefined ||
      lastName === undefined ||
      localPart === undefined
    ) {
      return unprocessable(issues);
    }

    const domain = ctx.store.findDomain(domainRef);
    if (!domain) return detail(404, "Domain not found");
    if (ctx.store.addressTaken(domain, localPart)) {
      return detail(409, `${localPart}@${domain.name} already exists`);
    }
    const cap = ctx.limits().mailboxCapPerDomain;
    if (ctx.store.countOn(domain.id) >= cap) {
      return unprocessable([
        {
          type: "quota_exceeded",
          loc: ["body", "domain"],
          msg: `${domain.name} has reached its limit of ${cap} mailboxes`,
          input: domainRef,
        },
      ]);
    }
    const mailbox = ctx.store.create(domain, {
      first_name: firstName.trim(),
      last_name: lastName.trim(),
      local_part: localPart,
    });
    ctx.recordCreate(mailbox);
    return json(201, mailbox);
  };

/** `{mailbox}`: the id or the primary address (only the id under `mailboxRef: "id-only"`). */
function findRef(ctx: HybridboxContext, ref: string): MailboxDto | undefined {
  const mailbox = ctx.store.findMailbox(ref);
  if (mailbox && ctx.variations().mailboxRef === "id-only" && mailbox.id !== ref.toLowerCase()) {
    return undefined;
  }
  return mailbox;
}

/** GET /mailboxes/{mailbox}: the id or the primary address. */
export const getMailbox =
  (ctx: HybridboxContext): Handler =>
  ({ params }) => {
    const mailbox = findRef(ctx, params.mailbox ?? "");
    return mailbox && ctx.visible(mailbox) ? json(200, mailbox) : detail(404, "Mailbox not found");
  };

/** PATCH /mailboxes/{mailbox}: only the names can change; absent or null fields stay. */
export const patchMailbox =
  (ctx: HybridboxContext): Handler =>
  ({ params, headers, body }) => {
    const parsed = readJsonBody(headers, body);
    if (!parsed.ok) return parsed.reply;
    const issues: ValidationIssue[] = [];
    const reader = readObject(parsed.value, ["body"], issues);
    const firstName = reader?.string("first_name", true);
    const lastName = reader?.string("last_name", true);
    for (const [field, value] of [
      ["first_name", firstName],
      ["last_name", lastName],
    ] as const) {
      const problem = value === undefined ? null : nameProblem(field, value);
      if (problem) issues.push(valueError(field, problem, value));
    }
    if (issues.length > 0) return unprocessable(issues);
    const mailbox = findRef(ctx, params.mailbox ?? "");
    if (!mailbox) return detail(404, "Mailbox not found");
    const updated = ctx.store.update(mailbox.id, {
      first_name: firstName?.trim(),
      last_name: lastName?.trim(),
    });
    return updated ? json(200, updated) : detail(404, "Mailbox not found");
  };

/** DELETE /mailboxes/{mailbox} → 204 (the route is [assumed]; the web app can delete). */
export const deleteMailbox =
  (ctx: HybridboxContext): Handler =>
  ({ params }) => {
    const mailbox = findRef(ctx, params.mailbox ?? "");
    if (!mailbox || !ctx.store.delete(mailbox.id)) return detail(404, "Mailbox not found");
    return noContent();
  };
