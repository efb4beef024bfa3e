/// <reference lib="webworker" />
// The bulk page's list reader off the main thread: a paste of 10,000 rows is parsed, given local
// parts and checked here (lib/bulk/read-list.ts); the page receives the rows and their problems.
import { readList, type ReadListInput } from "./read-list";

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<{ id: number; input: ReadListInput }>) => {
  const { id, input } = event.data;
  try {
    scope.postMessage({ id, result: readList(input) });
  } catch (error) {
    scope.postMessage({ id, failed: error instanceof Error ? error.message : String(error) });
  }
};
