import type { HybridboxStore } from "./store";
import type { HybridboxLimits } from "./types";

/** What the route handlers share: the data, the limits in force, and the create counter. */
export interface HybridboxContext {
  store: HybridboxStore;
  limits(): HybridboxLimits;
  recordCreate(address: string): void;
}
