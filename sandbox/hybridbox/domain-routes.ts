import { json } from "../core/http-io";
import type { Handler } from "../core/router";
import type { HybridboxContext } from "./context";
import { detail, pageOf, queryInt, unprocessable, type ValidationIssue } from "./fastapi";

/** GET /domains ([assumed] route): the same items/page/page_size/total envelope as mailboxes. */
export const listDomains =
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
    if (issues.length > 0) return unprocessable(issues);
    const rows = ctx.store.listDomains().map((d) => ({
      id: d.id,
      name: d.name,
      status: d.status,
      workspace_id: d.workspace_id,
      outbound_routing_ready: d.outbound_routing_ready,
      mailbox_count: ctx.store.countOn(d.id),
    }));
    return json(200, pageOf(rows, page, pageSize));
  };

/** GET /domains/{domain}: the id or the name, with every mailbox in summary form. */
export const getDomain =
  (ctx: HybridboxContext): Handler =>
  ({ params }) => {
    const domain = ctx.store.findDomain(params.domain ?? "");
    if (!domain) return detail(404, "Domain not found");
    const mailboxes = ctx.store.listMailboxes({ domainId: domain.id }).map((m) => ({
      active: m.status === "active",
      email: m.primary_email,
      first_name: m.first_name,
      id: m.id,
      last_name: m.last_name,
    }));
    return json(200, {
      id: domain.id,
      name: domain.name,
      status: domain.status,
      workspace_id: domain.workspace_id,
      outbound_routing_ready: domain.outbound_routing_ready,
      mailboxes,
    });
  };
