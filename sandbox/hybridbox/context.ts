import type { HybridboxVariations } from "../core/profile";
import type { HybridboxStore } from "./store";
import type { HybridboxLimits, MailboxDto } from "./types";

/** What the route handlers share: the data, the limits and variations in force, the counters. */
export interface HybridboxContext {
  store: HybridboxStore;
  limits(): HybridboxLimits;
  variations(): HybridboxVariations;
  /** False while a new mailbox is still inside the read-after-write lag (reads leave it out). */
  visible(mailbox: { id: string }): boolean;
  /** An applied create: counted, and the lag starts. */
  recordCreate(mailbox: MailboxDto): void;
}
