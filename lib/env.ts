import "server-only";
import { loadConfig, type AppConfig } from "@/lib/config/resolve";

/**
 * The only module that reads process.env. Parsed once; a bad setting stops start-up with a
 * message naming it (instrumentation.ts calls env() before the server takes requests).
 */
let config: AppConfig | undefined;

export function env(): AppConfig {
  config ??= loadConfig(process.env);
  return config;
}

export type { AppConfig };
