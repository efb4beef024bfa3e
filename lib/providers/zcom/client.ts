import "server-only";
import { ProviderError } from "../errors";
import { type RequestGate, routeTemplate, throughGate } from "../gate";
import { createHttpClient, type HttpClient, type HttpMethod, type HttpOptions } from "../http";
import type { RequestOptions } from "../types";
import {
  type Answer,
  buildUrl,
  type FailureRefinement,
  failureFromResponse,
  ignoreBody,
  isSuccess,
  type Query,
  readJson,
  segment,
} from "../wire";
import {
  type CreateEmailRequestDTO,
  type DomainListDTO,
  domainListSchema,
  type DomainSortKey,
  type EmailDTO,
  emailEnvelopeSchema,
  type EmailListDTO,
  emailListSchema,
  type EmailSortKey,
  type SortType,
} from "./schemas";
import { type IdentityConfig, identityTokenSource, staticToken } from "./token";

export type ZcomAuth = IdentityConfig | { token: string };

export type ZcomConfig = ZcomAuth &
  HttpOptions & {
    /** Mail API host root, e.g. `https://mail-hosting.tyo1.cloud.z.com` (a trailing `/v1` is ok). */
    mailUrl: string;
    http?: HttpClient;
    /** Clock for token expiry (tests). */
    now?: () => number;
    /** How many mail API requests may be in flight (the identity API is not counted). */
    gate?: RequestGate;
  };

export interface ListParams<K extends string> {
  offset?: number;
  /** Z.com's default is 1000. */
  limit?: number;
  sortKey?: K;
  sortType?: SortType;
}

export type ZcomClient = ReturnType<typeof createZcomClient>;

// Z.com publishes statuses with labels only; the 400 labels are the sandbox's [assumed] ones.
function refine400(status: number, message: string | undefined): FailureRefinement | undefined {
  if (status !== 400) return undefined;
  const label = message?.toLowerCase() ?? "";
  if (label.includes("invalid password")) return { code: "invalid_password" };
  if (label.includes("invalid email")) return { code: "invalid_local_part" };
  if (label.includes("quota exceeded")) return { code: "quota_exceeded" };
  return { code: "invalid_request" };
}

export function createZcomClient(config: ZcomConfig) {
  const http = config.http ?? createHttpClient(config);
  const tokens =
    "token" in config ? staticToken(config.token) : identityTokenSource(config, http, config.now);
  const mailUrl = config.mailUrl.replace(/\/v1\/?$/, "");

  /**
   * One authenticated request. On a 401 with a token we fetched ourselves, a new token is fetched
   * and the request repeated once. That is safe even for the non-repeatable `POST /v1/emails`: a
   * 401 is the API refusing the request before doing anything. A timeout or reset is never
   * repeated here (the job runner owns retries); a 401 on the repeat, or with a ready-made token,
   * is final.
   */
  async function send(
    method: HttpMethod,
    path: string,
    init: { query?: Query; json?: unknown; signal?: AbortSignal | undefined } = {},
  ): Promise<Answer> {
    const url = buildUrl(mailUrl, path, init.query);
    const attempt = async (token: string) =>
      throughGate(
        config.gate,
        init.signal,
        () =>
          http.request({
            method,
            url,
            headers: { "x-auth-token": token },
            json: init.json,
            signal: init.signal,
          }),
        routeTemplate(method, path),
      );
    const token = await tokens.get();
    let response = await attempt(token);
    if (response.status === 401 && tokens.renewable) {
      tokens.invalidate(token);
      response = await attempt(await tokens.get());
    }
    return { response, context: `Z.com ${method} ${path}` };
  }

  async function call<T>(
    method: HttpMethod,
    path: string,
    read: (answer: Answer) => T,
    init: Parameters<typeof send>[2] & { secrets?: readonly string[] } = {},
  ): Promise<T> {
    const answer = await send(method, path, init);
    if (!isSuccess(answer.response)) {
      throw new ProviderError(
        failureFromResponse(answer.response, answer.context, {
          refine: refine400,
          secrets: init.secrets ?? [],
        }),
      );
    }
    return read(answer);
  }

  const listQuery = <K extends string>(params: ListParams<K>) => ({
    offset: params.offset,
    limit: params.limit,
    sort_key: params.sortKey,
    sort_type: params.sortType,
  });

  const client = {
    /** Not repeatable: a lost answer means the address may exist (verify before any retry). */
    createEmail(
      input: { domainId: string; email: string; password: string },
      options: RequestOptions = {},
    ): Promise<EmailDTO> {
      const json: CreateEmailRequestDTO = {
        domain_id: input.domainId,
        email: input.email,
        password: input.password,
      };
      return call("POST", "/v1/emails", readJson(emailEnvelopeSchema), {
        json,
        signal: options.signal,
        secrets: [input.password],
      });
    },

    listDomains(
      params: ListParams<DomainSortKey> & { serviceId?: string } = {},
      options: RequestOptions = {},
    ): Promise<DomainListDTO> {
      const query = { service_id: params.serviceId, ...listQuery(params) };
      return call("GET", "/v1/domains", readJson(domainListSchema), {
        query,
        signal: options.signal,
      });
    },

    listEmails(
      params: ListParams<EmailSortKey> & { domainId: string },
      options: RequestOptions = {},
    ): Promise<EmailListDTO> {
      const query = { domain_id: params.domainId, ...listQuery(params) };
      return call("GET", "/v1/emails", readJson(emailListSchema), {
        query,
        signal: options.signal,
      });
    },

    /**
     * Every address of a domain, one page at a time, each with the `total_count` it came with.
     * Sorted by creation date, oldest first, so an address created while paging lands on a later
     * page instead of shifting earlier ones.
     */
    async *pagesOfEmails(
      domainId: string,
      params: { pageSize?: number; signal?: AbortSignal | undefined } = {},
    ): AsyncGenerator<{ emails: EmailDTO[]; totalCount: number }, void, undefined> {
      const limit = params.pageSize ?? 1000;
      let offset = 0;
      for (;;) {
        const page = await client.listEmails(
          { domainId, offset, limit, sortKey: "create_date", sortType: "asc" },
          { signal: params.signal },
        );
        if (page.emails.length > 0) yield { emails: page.emails, totalCount: page.total_count };
        offset += page.emails.length;
        if (page.emails.length === 0 || offset >= page.total_count) return;
      }
    },

    async listAllEmails(domainId: string, options: RequestOptions = {}): Promise<EmailDTO[]> {
      const all = new Map<string, EmailDTO>();
      for await (const page of client.pagesOfEmails(domainId, options)) {
        for (const email of page.emails) all.set(email.email_id, email);
      }
      return [...all.values()];
    },

    /** Null when it does not exist (404). */
    async getEmail(emailId: string, options: RequestOptions = {}): Promise<EmailDTO | null> {
      try {
        return await call("GET", `/v1/emails/${segment(emailId)}`, readJson(emailEnvelopeSchema), {
          signal: options.signal,
        });
      } catch (error) {
        if (error instanceof ProviderError && error.failure.status === 404) return null;
        throw error;
      }
    },

    /** 204 on success; repeatable. Its 400 is "Invalid Password" [doc], whatever the body says. */
    async changePassword(
      emailId: string,
      password: string,
      options: RequestOptions = {},
    ): Promise<void> {
      try {
        await call("PUT", `/v1/emails/${segment(emailId)}/password`, ignoreBody, {
          json: { password },
          signal: options.signal,
          secrets: [password],
        });
      } catch (error) {
        if (error instanceof ProviderError && error.failure.status === 400) {
          throw new ProviderError({ ...error.failure, code: "invalid_password" });
        }
        throw error;
      }
    },

    /** 204 on success; a 404 is reported as not_found. */
    async deleteEmail(emailId: string, options: RequestOptions = {}): Promise<void> {
      await call("DELETE", `/v1/emails/${segment(emailId)}`, ignoreBody, {
        signal: options.signal,
      });
    },

    close(): void {
      if (!config.http) http.close();
    },
  };
  return client;
}
