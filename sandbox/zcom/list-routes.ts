import type { Reply } from "../core/http-io";
import type { Handler } from "../core/router";
import type { ZcomContext } from "./context";
import type { EmailDto, ServiceRecord, ZcomDomainRecord } from "./types";
import { assumed400, servedLimit } from "./variations";
import { listPage, type ListParams, NOT_FOUND, readListParams, zcomDate } from "./wire";

type ListedEmail = { dto: EmailDto; createdAt: number };

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One list's params under the variations: a capped `limit`, and under `newest-first` no sort
 * params read at all (an unknown sort_key is then no 400 either).
 */
function listParams<K extends string>(
  ctx: ZcomContext,
  query: URLSearchParams,
  keys: readonly [K, ...K[]],
): { params: ListParams<K>; newestFirst: boolean } | Reply {
  const v = ctx.variations();
  const newestFirst = v.listOrder === "newest-first";
  const params = readListParams(query, keys, newestFirst);
  if (!params) return assumed400("Bad Request", v);
  return { params: { ...params, limit: servedLimit(params.limit, v) }, newestFirst };
}

/** create_date ascending or descending, or by a name; newest-first overrides what was asked. */
function order<T extends { createdAt: number }>(
  read: { params: ListParams<string>; newestFirst: boolean },
  name: (row: T) => string,
): { params: ListParams<string>; compare: (a: T, b: T) => number } {
  if (read.newestFirst) {
    return {
      params: { ...read.params, descending: false },
      compare: (a, b) => b.createdAt - a.createdAt,
    };
  }
  return {
    params: read.params,
    compare: (a, b) =>
      read.params.sortKey === "create_date"
        ? a.createdAt - b.createdAt
        : byString(name(a), name(b)),
  };
}

/** GET /v1/services */
export const listServices =
  (ctx: ZcomContext): Handler =>
  ({ query }) => {
    const read = listParams(ctx, query, ["create_date", "service_name"] as const);
    if ("status" in read) return read;
    const { params, compare } = order<ServiceRecord>(read, (s) => s.service_name);
    return listPage(
      "services",
      ctx.store.listServices(),
      params,
      compare,
      (a, b) => byString(a.service_id, b.service_id),
      (s) => ({
        service_id: s.service_id,
        service_name: s.service_name,
        status: s.status,
        create_date: zcomDate(s.createdAt),
      }),
    );
  };

/** GET /v1/domains?service_id= (an unknown service_id is a 404) */
export const listDomains =
  (ctx: ZcomContext): Handler =>
  ({ query }) => {
    const read = listParams(ctx, query, ["create_date", "domain_name"] as const);
    if ("status" in read) return read;
    const serviceId = query.get("service_id") || undefined;
    if (serviceId && !ctx.store.findService(serviceId)) return NOT_FOUND();
    const { params, compare } = order<ZcomDomainRecord>(read, (d) => d.domain_name);
    return listPage(
      "domains",
      ctx.store.listDomains(serviceId),
      params,
      compare,
      (a, b) => byString(a.domain_name, b.domain_name),
      (d) => ({ service_id: d.service_id, domain_id: d.domain_id, domain_name: d.domain_name }),
    );
  };

/** GET /v1/emails?domain_id= (required; unknown is a 404). Lagging addresses are left out. */
export const listEmails =
  (ctx: ZcomContext): Handler =>
  ({ query }) => {
    const read = listParams(ctx, query, ["create_date", "email"] as const);
    if ("status" in read) return read;
    const domainId = query.get("domain_id");
    if (!domainId) return assumed400("Bad Request", ctx.variations());
    if (!ctx.store.findDomain(domainId)) return NOT_FOUND();
    const { params, compare } = order<ListedEmail>(read, (e) => e.dto.email);
    return listPage(
      "emails",
      ctx.store.listEmails(domainId).filter((e) => ctx.visible(e.dto)),
      params,
      compare,
      (a, b) => byString(a.dto.email, b.dto.email),
      (e) => e.dto,
    );
  };
