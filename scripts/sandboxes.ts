import type { AppConfig } from "../lib/config/resolve";
import { profileFromEnv, startSandboxes } from "../sandbox/index";

/**
 * Starts, in this process, the sandbox of every provider that is in sandbox mode. When a port is
 * already taken by a running sandbox (`npm run sandbox` in another terminal) that one is used;
 * anything else on the port is an error that names it.
 */
export async function startConfiguredSandboxes(
  config: AppConfig,
): Promise<{ close(): Promise<void> }> {
  const { host, hybridboxPort, zcomPort, zcomIdentityPort } = config.sandbox;
  const want = {
    hybridbox: config.hybridbox.mode === "sandbox" && !(await isSandbox(host, hybridboxPort)),
    zcom:
      config.zcom.mode === "sandbox" &&
      !((await isSandbox(host, zcomPort)) && (await isSandbox(host, zcomIdentityPort))),
  };
  if (!want.hybridbox && !want.zcom) return { close: async () => {} };
  try {
    // The sandboxes accept the credentials the app is configured with, so a test can run the
    // whole app with distinctive secrets and then prove none of them leaked.
    const zcomAuth = config.zcom.auth;
    // SANDBOX_PROFILE: how the sandboxes read what the providers leave unpublished.
    const profile = profileFromEnv();
    const started = await startSandboxes({
      host,
      ...(profile ? { profile } : {}),
      hybridbox: want.hybridbox
        ? {
            port: hybridboxPort,
            accountId: config.hybridbox.accountId,
            token: config.hybridbox.token,
          }
        : false,
      zcom: want.zcom
        ? {
            mailPort: zcomPort,
            identityPort: zcomIdentityPort,
            ...(zcomAuth.kind === "credentials"
              ? {
                  username: zcomAuth.username,
                  password: zcomAuth.password,
                  ...(zcomAuth.tenantId ? { tenantId: zcomAuth.tenantId } : {}),
                }
              : {}),
          }
        : false,
    });
    for (const [name, url] of Object.entries(started.urls)) console.log(`Sandbox ${name}: ${url}`);
    return started;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      throw new Error(
        `A sandbox port on ${host} is taken by something that is not a sandbox (${(error as Error).message}). ` +
          "Free it or choose other ports with SANDBOX_HYBRIDBOX_PORT / SANDBOX_ZCOM_PORT / SANDBOX_ZCOM_IDENTITY_PORT.",
      );
    }
    throw error;
  }
}

async function isSandbox(host: string, port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://${host}:${port}/__sandbox/health`, {
      signal: AbortSignal.timeout(1_000),
    });
    return response.ok && ((await response.json()) as { ok?: boolean }).ok === true;
  } catch {
    return false;
  }
}
