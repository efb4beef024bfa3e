import "server-only";
import { describeUrl } from "@/lib/db/open";
import { database } from "@/lib/db";
import { getAuth } from "@/lib/auth/auth";
import { createFirstAdmin, ensureBreakGlassAdmin } from "@/lib/auth/setup";
import { loadOrCreateAuthSecret, loadOrCreateKey } from "@/lib/crypto/key-file";
import { env } from "@/lib/env";
import { startJobRunner } from "@/lib/jobs/service";
import { log } from "@/lib/log";
import { onShutdown } from "./shutdown";
import { stopServerParts } from "./stop";

/**
 * Runs once per server process before it takes requests (see instrumentation.ts): validates the
 * configuration, makes sure the encryption key exists, opens and migrates the database.
 */
export async function startServer(): Promise<void> {
  const config = env();
  const started = Date.now();

  const key = loadOrCreateKey(config.encryptionKey, config.dataDir);
  if (key.source === "generated") {
    log.warn(
      { file: key.file },
      "No ENCRYPTION_KEY set: generated one into the data directory. Back it up with the data; stored passwords cannot be read without it.",
    );
  }

  const secret = loadOrCreateAuthSecret(config.auth.secret, config.dataDir);
  if (secret.source === "generated") {
    log.warn({ file: secret.file }, "No AUTH_SECRET set: generated one into the data directory.");
  }

  const db = await database();
  // From here on a SIGTERM closes what is open (scripts/serve-next.ts runs it).
  onShutdown(stopServerParts);
  await getAuth();
  const admin = config.auth.initialAdmin;
  if (admin && (await createFirstAdmin(admin, "configuration")) === "created") {
    log.info({ email: admin.email }, "Created the first admin from ADMIN_EMAIL / ADMIN_PASSWORD.");
  }
  if (admin && !config.auth.passwordSignIn) {
    const breakGlass = await ensureBreakGlassAdmin(admin);
    if (breakGlass === "not-an-active-admin") {
      log.warn(
        { email: admin.email },
        "AUTH_PASSWORD_SIGNIN=false, but the break-glass account ADMIN_EMAIL is not an active admin: it cannot rescue the console.",
      );
    } else {
      log.info(
        { email: admin.email, created: breakGlass === "created" },
        "Password sign-in is off; only the break-glass admin (ADMIN_EMAIL) may use a password.",
      );
    }
  }
  if (config.runner.enabled) await startJobRunner();
  log.info(
    {
      database:
        config.database.kind === "postgres"
          ? `postgres ${describeUrl(config.database.url)}`
          : `pglite ${config.database.dataDir}`,
      hybridbox: config.hybridbox.mode,
      zcom: config.zcom.mode,
      ms: Date.now() - started,
    },
    `Database ready (${db.kind}); providers: hybridbox=${config.hybridbox.mode}, zcom=${config.zcom.mode}`,
  );
}
