/**
 * A real OpenID Provider for the e2e suite: `oidc-provider` (the certified Node implementation)
 * with its built-in development login and consent pages, the console as its one client, and the
 * people of ./accounts.ts. Started by e2e/serve.ts before the console, which reads its discovery
 * document at start-up.
 *
 * Two parts of a person's script are played here rather than by the provider's configuration:
 * `ivan`'s and `aude`'s ID tokens are re-signed, with the provider's own key, as another issuer's
 * or for another audience, the way a multi-tenant provider's other tenant (same signing keys) or
 * another app at the same provider would hold a valid-looking token. The console must refuse both.
 */
import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from "jose";
import Provider from "oidc-provider";
import { FORGED_CLAIMS, IDP_ACCOUNTS, SHORT_CODE_TTL_SECONDS, type IdpLogin } from "./accounts";

export interface TestOpOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

const isLogin = (id: string): id is IdpLogin => Object.hasOwn(IDP_ACCOUNTS, id);

export async function startTestOp(options: TestOpOptions): Promise<{ close(): Promise<void> }> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = randomUUID();
  const jwk = { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" };

  const provider = new Provider(options.issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        // Better Auth sends the secret in the body when none is configured.
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomUUID()] },
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name"],
      groups: ["groups"],
    },
    // Scope claims in the ID token too (as Entra ID and Keycloak send them), not only userinfo.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    ttl: {
      AuthorizationCode: (_ctx, code) => (code.accountId === "lena" ? SHORT_CODE_TTL_SECONDS : 60),
    },
    findAccount: (_ctx, id) => {
      if (!isLogin(id)) return undefined;
      const person = IDP_ACCOUNTS[id];
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          email: person.email,
          email_verified: true,
          name: person.name,
          groups: [...person.groups],
        }),
      };
    },
  });

  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path !== "/token" || !ctx.body || typeof ctx.body !== "object") return;
    const body = ctx.body as { id_token?: string };
    if (!body.id_token) return;
    const claims = decodeJwt(body.id_token);
    const forge = typeof claims.sub === "string" && FORGED_CLAIMS[claims.sub as IdpLogin];
    if (!forge) return;
    body.id_token = await new SignJWT({ ...claims, ...forge(options.issuer) })
      .setProtectedHeader({ alg: "RS256", kid })
      .sign(privateKey);
  });

  const url = new URL(options.issuer);
  const server: Server = await new Promise((resolve, reject) => {
    const s = provider.listen(Number(url.port), url.hostname, () => resolve(s));
    s.once("error", reject);
  });
  return {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
