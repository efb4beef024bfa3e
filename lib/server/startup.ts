import "server-only";
import { describeUrl } from "@/lib/db/open";
import { database } from "@/lib/db";
import { loadOrCreateKey } from "@/lib/crypto/key-file";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

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

  const db = await database();
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
