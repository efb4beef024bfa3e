import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { jobs } from "@/lib/db/schema";
import { people, startRig, type Rig } from "@/lib/testing/job-rig";

// The runner's loop fills freed slots from the rows it has claimed ahead. Two of its reads go to
// the database now and then: the providers' pauses (every 200 ms) and the next queued job (every
// idle poll). On the embedded database a statement waits behind every earlier one (a settlement
// of a thousand rows, a claim), so waiting for those reads held every freed slot idle. Here each
// read is held open until the test lets it go: the job must still finish meanwhile.
const gate = vi.hoisted(() => {
  const state = {
    armed: { pauses: false, preflight: false },
    held: { pauses: 0, preflight: 0 },
    opened: Promise.resolve(),
    open: () => {},
    reset() {
      state.armed = { pauses: false, preflight: false };
      state.held = { pauses: 0, preflight: 0 };
      state.opened = new Promise<void>((resolve) => (state.open = resolve));
    },
    /** Holds the read while armed, until the test opens the gate. */
    async hold(which: "pauses" | "preflight") {
      if (!state.armed[which]) return;
      state.held[which] += 1;
      await state.opened;
    },
  };
  return state;
});

vi.mock("@/lib/jobs/ledger/pauses", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/jobs/ledger/pauses")>();
  return {
    ...actual,
    pausedUntil: async (...args: Parameters<typeof actual.pausedUntil>) => {
      await gate.hold("pauses");
      return actual.pausedUntil(...args);
    },
  };
});

vi.mock("@/lib/jobs/ledger/jobs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/jobs/ledger/jobs")>();
  return {
    ...actual,
    claimPreflight: async (...args: Parameters<typeof actual.claimPreflight>) => {
      await gate.hold("preflight");
      return actual.claimPreflight(...args);
    },
  };
});

let rig: Rig | undefined;
beforeEach(() => gate.reset());
afterEach(async () => {
  // Let any held read finish, so the runner can stop.
  gate.open();
  await rig?.close();
  rig = undefined;
});

async function whenRunning(r: Rig, jobId: string) {
  for (;;) {
    const [job] = await r.db.select({ state: jobs.state }).from(jobs).where(eq(jobs.id, jobId));
    if (job?.state !== "queued" && job?.state !== "preflight") return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("the runner's loop", () => {
  it.each(["pauses", "preflight"] as const)(
    "keeps sending while its read of the %s waits for the database",
    async (which) => {
      rig = await startRig("zcom", { runner: { concurrency: { zcom: 4, hybridbox: 2 } } });
      // 30 ms an answer, four at a time: 200 rows take over a second and a half, many times the
      // 200 ms between reads of the pauses and the 250 ms between looks for queued jobs.
      await rig.faults({ latencyMs: 30, scope: "all" });
      await rig.runner.start();
      const list = people(200);
      const jobId = await rig.submit(list);
      await whenRunning(rig, jobId);
      gate.armed[which] = true;
      const job = await rig.waitUntilFinished(jobId, 20_000);
      // The read was made, and held, while the job ran: the job finished without it.
      expect(gate.held[which]).toBeGreaterThan(0);
      expect(job.state).toBe("done");
      await rig.expectInvariants(jobId, list.length);
    },
    40_000,
  );
});
