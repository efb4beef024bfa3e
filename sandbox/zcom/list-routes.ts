import type { Handler } from "../core/router";
import type { ZcomStore } from "./store";
import { BAD_REQUEST, listPage, NOT_FOUND, readListParams, zcomDate } from "./wire";

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** GET /v1/services */
export const listServices =
  (store: ZcomStore): Handler =>
  ({ query }) => {
    const params = readListParams(query, ["create_date", "service_name"] as const);
    if (!params) return BAD_REQUEST();
    return listPage(
      "services",
      store.listServices(),
      params,
      (a, b) =>
        params.sortKey === "create_date"
          ? a.createdAt - b.createdAt
          : byString(a.service_name, b.service_name),
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
  (store: ZcomStore): Handler =>
  ({ query }) => {
    const params = readListParams(query, ["create_date", "domain_name"] as const);
    if (!params) return BAD_REQUEST();
    const serviceId = query.get("service_id") || undefined;
    if (serviceId && !store.findService(serviceId)) return NOT_FOUND();
    return listPage(
      "domains",
      store.listDomains(serviceId),
      params,
      (a, b) =>
        params.sortKey === "create_date"
          ? a.createdAt - b.createdAt
          : byString(a.domain_name, b.domain_name),
      (a, b) => byString(a.domain_name, b.domain_name),
      (d) => ({ service_id: d.service_id, domain_id: d.domain_id, domain_name: d.domain_name }),
    );
  };

/** GET /v1/emails?domain_id= (required; unknown is a 404) */
export const listEmails =
  (store: ZcomStore): Handler =>
  ({ query }) => {
    const params = readListParams(query, ["create_date", "email"] as const);
    const domainId = query.get("domain_id");
    if (!params || !domainId) return BAD_REQUEST();
    if (!store.findDomain(domainId)) return NOT_FOUND();
    return listPage(
      "emails",
      store.listEmails(domainId),
      params,
      (a, b) =>
        params.sortKey === "create_date"
          ? a.createdAt - b.createdAt
          : byString(a.dto.email, b.dto.email),
      (a, b) => byString(a.dto.email, b.dto.email),
      (e) => e.dto,
    );
  };
