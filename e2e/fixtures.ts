import { test as base, expect } from "@playwright/test";

/**
 * Shared fixtures for every spec (imported instead of @playwright/test). Signed-in users of each
 * role and a reset sandbox are added here as the features that need them land.
 */
export const test = base.extend<object>({});

export { expect };
