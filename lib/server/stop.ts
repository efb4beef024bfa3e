import "server-only";
import { database } from "@/lib/db";
import { stopJobRunner } from "@/lib/jobs/service";
import { closeGates } from "@/lib/limits";
import { log } from "@/lib/log";

/**
 * Stops this process's parts in order: the runner (its requests in flight settle, its queued
 * claims go back to pending), then the provider permits, then the database.
 */
export async function stopServerParts(): Promise<void> {
  await stopJobRunner();
  // Permits go back now, so the other processes need not wait out their lease.
  await closeGates();
  await (await database()).close();
  log.info("stopped: the runner settled what it had sent, permits returned, database closed");
}
