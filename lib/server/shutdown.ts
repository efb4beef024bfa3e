/**
 * A server process's last steps before it exits (SIGTERM, SIGINT): its runner stops taking rows
 * and lets the requests in flight settle, its provider permits go back (other processes need not
 * wait out its lease), and its database closes (the embedded one checkpoints, so the next start
 * has nothing to replay).
 *
 * The web server's runner, permits and database live in Next's server bundle; its HTTP server
 * (scripts/serve-next.ts) is outside it, a module graph of its own in the same process. So the
 * steps are kept under one global key: set by the bundle at start-up (lib/server/startup.ts), run
 * by the script. Not server-only: it holds a function, no secret.
 */
const KEY = Symbol.for("mailbox-console.shutdown");

/**
 * How long a process's steps may take before it exits anyway (the README asks the service
 * manager for 30 s: this, and the web server's 5 s for requests under way).
 */
export const SHUTDOWN_BUDGET_MS = 20_000;
type Steps = () => Promise<void>;
const holder = globalThis as typeof globalThis & { [KEY]?: Steps };

/** What this process does before it exits. */
export function onShutdown(steps: Steps): void {
  holder[KEY] = steps;
}

/**
 * Runs the steps once. Resolves "timed out" after `budgetMs` (the caller exits anyway: a claim
 * left behind is taken back by the next runner and read before anything is sent again).
 */
export async function shutdown(budgetMs: number): Promise<"done" | "none" | "timed out"> {
  const steps = holder[KEY];
  if (!steps) return "none";
  holder[KEY] = undefined;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"timed out">((resolve) => {
    timer = setTimeout(() => resolve("timed out"), budgetMs);
  });
  try {
    return await Promise.race([steps().then(() => "done" as const), late]);
  } finally {
    clearTimeout(timer);
  }
}
