import { afterEach, beforeEach } from "vitest";
import { type AdminCall, call } from "../core/test-helpers";
import { sandboxCredentials } from "../credentials";
import {
  createZcomSandbox,
  type ZcomSandbox,
  type ZcomSandboxOptions,
} from "./create-zcom-sandbox";

export interface ZcomHarness {
  sandbox: ZcomSandbox;
  mailUrl: string;
  identityUrl: string;
  /** A fresh token's X-Auth-Token header. */
  auth: Record<string, string>;
  admin: AdminCall;
  /** Domain ids by name, read through the API. */
  domainId(name: string): Promise<string>;
}

export const credentialsBody = (overrides: Record<string, unknown> = {}) => ({
  auth: {
    passwordCredentials: {
      username: sandboxCredentials.zcom.username,
      password: sandboxCredentials.zcom.password,
    },
    tenantId: sandboxCredentials.zcom.tenantId,
    ...overrides,
  },
});

export async function fetchToken(identityUrl: string): Promise<string> {
  const res = await call(`${identityUrl}/v2.0/tokens`, { method: "POST", json: credentialsBody() });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status}`);
  return res.body.access.token.id as string;
}

/** A fresh Z.com sandbox (both listeners on free ports) and a token, for each test of the file. */
export function setupZcom(options: ZcomSandboxOptions = {}): ZcomHarness {
  const harness = {} as ZcomHarness;
  beforeEach(async () => {
    harness.sandbox = createZcomSandbox(options);
    const urls = await harness.sandbox.listen();
    harness.mailUrl = urls.mailUrl;
    harness.identityUrl = urls.identityUrl;
    harness.auth = { "x-auth-token": await fetchToken(urls.identityUrl) };
    harness.admin = (path, init) => call(`${harness.mailUrl}/__sandbox/${path}`, init);
    harness.domainId = async (name) => {
      const res = await call(`${harness.mailUrl}/v1/domains`, { headers: harness.auth });
      const found = res.body.domains.find((d: { domain_name: string }) => d.domain_name === name);
      if (!found) throw new Error(`no domain ${name}`);
      return found.domain_id as string;
    };
  });
  afterEach(async () => {
    await harness.sandbox.close();
  });
  return harness;
}
