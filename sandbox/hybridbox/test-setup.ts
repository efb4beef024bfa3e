import { afterEach, beforeEach } from "vitest";
import { type AdminCall, call } from "../core/test-helpers";
import { sandboxCredentials } from "../credentials";
import {
  createHybridboxSandbox,
  type HybridboxSandbox,
  type HybridboxSandboxOptions,
} from "./create-hybridbox-sandbox";

export interface HybridboxHarness {
  sandbox: HybridboxSandbox;
  /** Base URL of the listener, e.g. http://127.0.0.1:53211 */
  origin: string;
  /** The account prefix every provider route sits under. */
  api: string;
  auth: Record<string, string>;
  admin: AdminCall;
}

/** A fresh Hybridbox sandbox on a free port for each test of the calling file. */
export function setupHybridbox(options: HybridboxSandboxOptions = {}): HybridboxHarness {
  const harness = {} as HybridboxHarness;
  beforeEach(async () => {
    harness.sandbox = createHybridboxSandbox(options);
    harness.origin = await harness.sandbox.listen(0);
    harness.api = `${harness.origin}/v1/public/accounts/${sandboxCredentials.hybridbox.accountId}`;
    harness.auth = { authorization: `Bearer ${sandboxCredentials.hybridbox.token}` };
    harness.admin = (path, init) => call(`${harness.origin}/__sandbox/${path}`, init);
  });
  afterEach(async () => {
    await harness.sandbox.close();
  });
  return harness;
}

export const item = (local_part: string, first_name = "Test", last_name = "User") => ({
  first_name,
  last_name,
  local_part,
});
