import { json } from "../core/http-io";
import type { Handler } from "../core/router";
import type { HybridboxContext } from "./context";
import { detail, queryInt, unprocessable, type ValidationIssue } from "./fastapi";
import { byAddress, ordered, pageWith } from "./variations";

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
    const v = ctx.variations();
    const rows = ordered(ctx.store.listDomains(), v, (d) => d.name).map((d) => ({
      id: d.id,
      name: d.name,
      status: d.status,
      workspace_id: d.workspace_id,
      outbound_routing_ready: d.outbound_routing_ready,
      mailbox_count: visibleCount(ctx, d.id),
    }));
    return json(200, pageWith(rows, page, pageSize, v));
  };

/** GET /domains/{domain}: the id or the name, with every mailbox in summary form. */
export const getDomain =
  (ctx: HybridboxContext): Handler =>
  ({ params }) => {
    const domain = ctx.store.findDomain(params.domain ?? "");
    if (!domain) return detail(404, "Domain not found");
    const all = ctx.store.listMailboxes({ domainId: domain.id }).filter((m) => ctx.visible(m));
    const mailboxes = ordered(all, ctx.variations(), byAddress).map((m) => ({
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

/** The domain's mailbox count as reads see it: without mailboxes still inside the lag. */
function visibleCount(ctx: HybridboxContext, domainId: string): number {
  if (ctx.variations().lagMs <= 0) return ctx.store.countOn(domainId);
  return ctx.store.listMailboxes({ domainId }).filter((m) => ctx.visible(m)).length;
}
