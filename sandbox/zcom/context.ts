import type { ZcomVariations } from "../core/profile";
import type { ZcomStore } from "./store";
import type { EmailDto } from "./types";

/** What the mail API handlers share: the data, the cap and variations in force, the counters. */
export interface ZcomContext {
  store: ZcomStore;
  mailboxCapPerDomain(): number;
  variations(): ZcomVariations;
  /** False while a new address is still inside the read-after-write lag (reads leave it out). */
  visible(email: { email_id: string }): boolean;
  /** An applied create: counted, and the lag starts. */
  recordCreate(email: EmailDto): void;
}
