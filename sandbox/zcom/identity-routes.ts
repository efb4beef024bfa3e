import { isRecord, json, parseJson, type Reply } from "../core/http-io";
import type { Handler } from "../core/router";
import type { EarlyDeath, TokenStore } from "./tokens";

export interface IdentityConfig {
  username: string;
  password: string;
  tenantId: string;
  tenantName: string;
  tokenTtlSeconds(): number;
  /** The early-expiry variations in force when a token is issued. */
  earlyDeath(): EarlyDeath;
  /** The mail API base as clients reach it (the serviceCatalog's publicURL is this + /v1). */
  mailBaseUrl(): string;
  identityBaseUrl(): string;
}

/** Keystone v2 error bodies carry a title beside code and message. */
const keystoneError = (status: 400 | 401, message: string): Reply =>
  json(status, {
    error: { code: status, message, title: status === 400 ? "Bad Request" : "Unauthorized" },
  });

const UNAUTHORIZED = "The request you have made requires authentication.";

/** Keystone drops the sub-seconds from `expires`; rounded down, a client renews a little early. */
const keystoneTime = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");

/** POST /v2.0/tokens with passwordCredentials (tenantId or tenantName optional). */
export const issueToken =
  (config: IdentityConfig, tokens: TokenStore): Handler =>
  ({ body }) => {
    // Like the mail API, the identity host reads the body as JSON whatever the Content-Type.
    const parsed = parseJson(body);
    const auth = parsed.ok && isRecord(parsed.value) ? parsed.value.auth : undefined;
    const credentials = isRecord(auth) ? auth.passwordCredentials : undefined;
    if (!isRecord(auth) || !isRecord(credentials)) {
      return keystoneError(400, "Expecting auth.passwordCredentials in the request body.");
    }
    const { username, password } = credentials;
    if (typeof username !== "string" || typeof password !== "string") {
      return keystoneError(400, "Expecting username and password in passwordCredentials.");
    }
    const tenantOk =
      (auth.tenantId === undefined || auth.tenantId === config.tenantId) &&
      (auth.tenantName === undefined || auth.tenantName === config.tenantName);
    if (username !== config.username || password !== config.password || !tenantOk) {
      return keystoneError(401, UNAUTHORIZED);
    }

    const token = tokens.issue(config.tokenTtlSeconds(), config.earlyDeath());
    const tenant = {
      id: config.tenantId,
      name: config.tenantName,
      enabled: true,
      description: null,
    };
    return json(200, {
      access: {
        token: {
          id: token.id,
          issued_at: token.issuedAt.toISOString().replace(/Z$/, ""),
          expires: keystoneTime(token.expiresAt),
          tenant,
          audit_ids: [],
        },
        serviceCatalog: [
          {
            type: "mailhosting",
            name: "Mail Hosting Service",
            endpoints: [{ region: "tyo1", publicURL: `${config.mailBaseUrl()}/v1` }],
            endpoints_links: [],
          },
          {
            type: "identity",
            name: "Identity Service",
            endpoints: [{ region: "tyo1", publicURL: `${config.identityBaseUrl()}/v2.0` }],
            endpoints_links: [],
          },
        ],
        user: {
          id: `user-${config.tenantId}`,
          name: config.username,
          username: config.username,
          roles: [{ name: "SwiftOperator" }, { name: "_member_" }],
          roles_links: [],
        },
        metadata: { is_admin: 0, roles: [] },
      },
    });
  };
