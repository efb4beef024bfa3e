import type { ReadListInput, ReadListResult } from "./read-list";

/**
 * Reads a list in a Web Worker (one per page, made on first use), or on the page itself when
 * no worker can be had (an old browser, a policy that forbids it, a worker that failed): the
 * result is the same either way.
 */
let worker: Worker | null | undefined;
let nextId = 0;
const waiting = new Map<number, (result: ReadListResult | null) => void>();

function theWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    // A classic worker: Turbopack's worker bootstrap loads its chunks with importScripts.
    worker = new Worker(new URL("./read-list.worker.ts", import.meta.url));
    worker.onmessage = (
      event: MessageEvent<{ id: number; result?: ReadListResult; failed?: string }>,
    ) => {
      const done = waiting.get(event.data.id);
      waiting.delete(event.data.id);
      done?.(event.data.result ?? null);
    };
    worker.onerror = () => {
      // The worker could not load or broke: every waiting read is done on the page instead.
      worker?.terminate();
      worker = null;
      for (const done of waiting.values()) done(null);
      waiting.clear();
    };
  } catch {
    worker = null;
  }
  return worker;
}

export async function readListOffThread(input: ReadListInput): Promise<ReadListResult> {
  const w = typeof Worker === "undefined" ? null : theWorker();
  if (w) {
    const id = nextId++;
    const result = await new Promise<ReadListResult | null>((resolve) => {
      waiting.set(id, resolve);
      w.postMessage({ id, input });
    });
    if (result) return result;
  }
  const { readList } = await import("./read-list");
  return readList(input);
}
