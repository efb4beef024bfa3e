/**
 * `npm run sandbox`: both provider sandboxes on fixed ports until Ctrl-C, under the profile
 * `SANDBOX_PROFILE=<name>[,<name>…]` names (default: `default`). The credentials it prints are
 * the sandbox's own fake ones.
 */
import { sandboxCredentials, SANDBOX_DEFAULT_HOST, SANDBOX_DEFAULT_PORTS } from "./credentials";
import { profileFromEnv, startSandboxes } from "./index";
import { ZCOM_SEED_PASSWORD } from "./zcom/seed";

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    console.error(`${name} must be a port number (0-65535), got "${raw}"`);
    process.exit(1);
  }
  return value;
}

async function main() {
  const profile = profileFromEnv();
  const sandboxes = await startSandboxes({
    host: process.env.SANDBOX_HOST || SANDBOX_DEFAULT_HOST,
    profile,
    hybridbox: { port: port("SANDBOX_HYBRIDBOX_PORT", SANDBOX_DEFAULT_PORTS.hybridbox) },
    zcom: {
      mailPort: port("SANDBOX_ZCOM_PORT", SANDBOX_DEFAULT_PORTS.zcomMail),
      identityPort: port("SANDBOX_ZCOM_IDENTITY_PORT", SANDBOX_DEFAULT_PORTS.zcomIdentity),
    },
  });
  const { hybridbox, zcom } = sandboxCredentials;
  console.log(
    [
      "Provider sandboxes are running (fake credentials, local only).",
      `Profile          ${(profile ?? ["default"]).join(", ")}   (SANDBOX_PROFILE; see sandbox/README.md)`,
      "",
      `Hybridbox        ${sandboxes.urls.hybridbox}/v1/public/accounts/${hybridbox.accountId}`,
      `  token          ${hybridbox.token}   (403 token: ${hybridbox.forbiddenToken})`,
      `Z.com mail API   ${sandboxes.urls.zcomMail}/v1`,
      `Z.com identity   ${sandboxes.urls.zcomIdentity}/v2.0/tokens`,
      `  API user       ${zcom.username} / ${zcom.password}   tenant ${zcom.tenantId}`,
      `  seed addresses password ${ZCOM_SEED_PASSWORD}`,
      "",
      "Test controls on every listener: /__sandbox/{reset,faults,stats,limits,mailboxes,profile} (see sandbox/README.md).",
    ].join("\n"),
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the sandboxes`);
    sandboxes.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
