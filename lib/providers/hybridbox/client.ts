import "server-only";
import { ProviderError } from "../errors";
import { type RequestGate, routeTemplate, throughGate } from "../gate";
import { createHttpClient, type HttpClient, type HttpMethod, type HttpOptions } from "../http";
import type { CreateItem, CreateOutcome, RequestOptions } from "../types";
import {
  type Answer,
  buildUrl,
  failureFromResponse,
  ignoreBody,
  isSuccess,
  parseAnswer,
  type Query,
  readJson,
  segment,
} from "../wire";
import { createInChunks, mapBulkAnswer } from "./bulk";
import {
  type BulkCreateRequestDTO,
  bulkCreateResponseSchema,
  createMailboxResponseSchema,
  type DomainDTO,
  domainDtoSchema,
  type DomainPageDTO,
  domainPageSchema,
  type MailboxDTO,
  mailboxDtoSchema,
  type MailboxPageDTO,
  mailboxPageSchema,
} from "./schemas";

export interface HybridboxConfig extends HttpOptions {
  /** API root without the account path, e.g. `https://api.hybridbox.io`. */
  baseUrl: string;
  accountId: string;
  /** OAuth access token or service-account token. */
  token: string;
  /** Items per bulk request (unpublished by Hybridbox; the sandbox allows 100). */
  bulkMax?: number;
  /** Domain names to use when the account does not serve the unpublished `GET /domains`. */
  domains?: readonly string[];
  /** Share one transport between clients; created from the timeouts otherwise. */
  http?: HttpClient;
  /** How many requests may be in flight (every request passes it); none: no limit here. */
  gate?: RequestGate;
}

export interface ListMailboxesParams {
  /** Domain id or name. */
  domain?: string;
  workspaceId?: string;
  search?: string;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

export type HybridboxClient = ReturnType<typeof createHybridboxClient>;

type Reader<T> = (answer: Answer) => T;
interface SendInit {
  query?: Query;
  json?: unknown;
  signal?: AbortSignal | undefined;
}

export function createHybridboxClient(config: HybridboxConfig) {
  const configuredBulkMax = config.bulkMax ?? 100;
  if (!Number.isInteger(configuredBulkMax) || configuredBulkMax < 1)
    throw new RangeError("bulkMax must be ≥ 1");
  // Lowered for the rest of the process when the provider refuses a request as too large.
  let bulkMax = configuredBulkMax;
  const http = config.http ?? createHttpClient(config);
  const accountPath = `/v1/public/accounts/${segment(config.accountId)}`;

  async function send(method: HttpMethod, path: string, init: SendInit = {}): Promise<Answer> {
    const response = await throughGate(
      config.gate,
      init.signal,
      () =>
        http.request({
          method,
          url: buildUrl(config.baseUrl, accountPath + path, init.query),
          headers: { authorization: `Bearer ${config.token}` },
          json: init.json,
          signal: init.signal,
        }),
      routeTemplate(method, path),
    );
    return { response, context: `Hybridbox ${method} ${path}` };
  }

  /** Throws the ProviderError for any non-2xx answer; otherwise reads it. */
  async function call<T>(
    method: HttpMethod,
    path: string,
    read: Reader<T>,
    init?: SendInit,
  ): Promise<T> {
    const sent = await send(method, path, init);
    if (!isSuccess(sent.response)) {
      throw new ProviderError(
        failureFromResponse(sent.response, sent.context, { secrets: [config.token] }),
      );
    }
    return read(sent);
  }

  async function getOrNull<T>(path: string, read: Reader<T>, signal?: AbortSignal) {
    try {
      return await call("GET", path, read, { signal });
    } catch (error) {
      if (error instanceof ProviderError && error.failure.status === 404) return null;
      throw error;
    }
  }

  async function createChunk(
    domain: string,
    items: readonly CreateItem[],
    signal?: AbortSignal,
  ): Promise<CreateOutcome[]> {
    const body: BulkCreateRequestDTO = {
      domain,
      items: items.map((item) => ({
        first_name: item.firstName ?? "",
        last_name: item.lastName ?? "",
        local_part: item.localPart,
      })),
    };
    return call(
      "POST",
      "/mailboxes/bulk",
      ({ response, context }) =>
        mapBulkAnswer(items, parseAnswer(bulkCreateResponseSchema, response, context), {
          label: context,
          status: response.status,
        }),
      { json: body, signal },
    );
  }

  return {
    configuredBulkMax,
    /** Items per bulk request now: the configured maximum, or what the provider has shown. */
    get bulkMax() {
      return bulkMax;
    },

    /**
     * Creates any number of mailboxes in requests of `bulkMax`, one after another; one outcome
     * per item, in item order. Never throws for provider or network failures. A request refused
     * as too large (413, or 422 for the whole request) created nothing: it is sent again in
     * halves, and a size that then worked is kept for the rest of the run.
     */
    bulkCreate(
      domain: string,
      items: readonly CreateItem[],
      options: RequestOptions = {},
    ): Promise<CreateOutcome[]> {
      return createInChunks(
        items,
        () => bulkMax,
        (chunk) => createChunk(domain, chunk, options.signal),
        (size) => {
          bulkMax = Math.min(bulkMax, size);
        },
      );
    },

    createMailbox(
      input: { domain: string; localPart: string; firstName: string; lastName?: string },
      options: RequestOptions = {},
    ): Promise<MailboxDTO> {
      const json = {
        domain: input.domain,
        first_name: input.firstName,
        last_name: input.lastName ?? "",
        local_part: input.localPart,
      };
      return call("POST", "/mailboxes", readJson(createMailboxResponseSchema), {
        json,
        signal: options.signal,
      });
    },

    listMailboxes(
      params: ListMailboxesParams = {},
      options: RequestOptions = {},
    ): Promise<MailboxPageDTO> {
      const query = {
        domain: params.domain,
        workspace_id: params.workspaceId,
        search: params.search,
        page: params.page,
        page_size: params.pageSize,
      };
      return call("GET", "/mailboxes", readJson(mailboxPageSchema), {
        query,
        signal: options.signal,
      });
    },

    /** By id (or address, which Hybridbox probably accepts); null when it does not exist. */
    getMailbox(idOrAddress: string, options: RequestOptions = {}): Promise<MailboxDTO | null> {
      return getOrNull(
        `/mailboxes/${segment(idOrAddress)}`,
        readJson(mailboxDtoSchema),
        options.signal,
      );
    },

    updateMailbox(
      idOrAddress: string,
      changes: { firstName?: string; lastName?: string },
      options: RequestOptions = {},
    ): Promise<MailboxDTO> {
      const json = { first_name: changes.firstName, last_name: changes.lastName };
      return call("PATCH", `/mailboxes/${segment(idOrAddress)}`, readJson(mailboxDtoSchema), {
        json,
        signal: options.signal,
      });
    },

    /** The route is not published ([assumed]); 404 is reported as not_found. */
    async deleteMailbox(idOrAddress: string, options: RequestOptions = {}): Promise<void> {
      await call("DELETE", `/mailboxes/${segment(idOrAddress)}`, ignoreBody, {
        signal: options.signal,
      });
    },

    /** The list route is [assumed] to use the mailbox list's envelope. */
    listDomains(
      params: { page?: number; pageSize?: number } = {},
      options: RequestOptions = {},
    ): Promise<DomainPageDTO> {
      return call("GET", "/domains", readJson(domainPageSchema), {
        query: { page: params.page, page_size: params.pageSize },
        signal: options.signal,
      });
    },

    getDomain(idOrName: string, options: RequestOptions = {}): Promise<DomainDTO | null> {
      return getOrNull(`/domains/${segment(idOrName)}`, readJson(domainDtoSchema), options.signal);
    },

    close(): void {
      if (!config.http) http.close();
    },
  };
}
