import "server-only";
import type { ProviderFailure } from "@/lib/providers/types";
import type { ClaimedRow, Settlement } from "../ledger/types";

// The error columns of a settlement, for creation jobs (work.ts) and change jobs (changes.ts).

/** The row succeeded: no reason is left on it. */
export const noError = {
  errorCode: null,
  errorMessage: null,
  errorStatus: null,
  providerCode: null,
} as const;

/** The reason the row already shows stays (a read that settled nothing new). */
export function keepError(row: ClaimedRow): Partial<Settlement> {
  return {
    errorCode: row.errorCode,
    errorMessage: row.errorMessage,
    errorStatus: row.errorStatus,
    providerCode: row.providerCode,
  };
}

/** The provider's answer is the row's reason. */
export function errorFields(failure: ProviderFailure): Partial<Settlement> {
  return {
    errorCode: failure.code,
    errorMessage: failure.message,
    errorStatus: failure.status ?? null,
    providerCode: failure.providerCode ?? null,
  };
}
