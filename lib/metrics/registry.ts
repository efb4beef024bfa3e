import "server-only";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { sql } from "drizzle-orm";
import { database } from "@/lib/db";
import { execRows } from "@/lib/db/exec";
import { JOB_STATES } from "@/lib/db/schema";
import { providerLoad } from "@/lib/limits";
import { PROVIDER_IDS, type ProviderId } from "@/lib/mailboxes/provider-id";
import type { RequestGate, RequestOutcome } from "@/lib/providers/gate";

/**
 * The console's Prometheus metrics (docs/metrics.md lists each one). Request figures are this
 * process's own (scrape every web server and runner); the database figures (jobs, rows, limits,
 * runner heartbeats) are the same from any process, read at scrape time.
 *
 * One registry per process, kept on globalThis: Next bundles server code more than once, and two
 * registries would split the counters.
 */
interface Metrics {
  registry: Registry;
  requestSeconds: Histogram<"provider" | "route" | "status">;
  throttled: Counter<"provider" | "status">;
}

const holder = globalThis as typeof globalThis & { __consoleMetrics?: Metrics };

export function metrics(): Metrics {
  return (holder.__consoleMetrics ??= createMetrics());
}

function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "mbc_" });
  const requestSeconds = new Histogram({
    name: "mbc_provider_request_duration_seconds",
    help: "Provider API requests by route template and HTTP status (status 'none': no answer came).",
    labelNames: ["provider", "route", "status"] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const throttled = new Counter({
    name: "mbc_provider_throttled_total",
    help: "Provider answers that said 'slow down' (429 or 503).",
    labelNames: ["provider", "status"] as const,
    registers: [registry],
  });
  for (const provider of PROVIDER_IDS) {
    for (const status of ["429", "503"]) throttled.inc({ provider, status }, 0);
  }

  new Gauge({
    name: "mbc_provider_in_flight",
    help: "Provider requests in flight now (on PostgreSQL: permits held across every process).",
    labelNames: ["provider"] as const,
    registers: [registry],
    async collect() {
      for (const provider of PROVIDER_IDS) {
        this.set({ provider }, (await providerLoad(provider)).inFlight);
      }
    },
  });
  new Gauge({
    name: "mbc_provider_limit",
    help: "The adaptive limit of requests in flight (lowered on 429/503, grows back when calm).",
    labelNames: ["provider", "kind"] as const,
    registers: [registry],
    async collect() {
      for (const provider of PROVIDER_IDS) {
        const load = await providerLoad(provider);
        this.set({ provider, kind: "current" }, load.limit);
        this.set({ provider, kind: "max" }, load.max);
      }
    },
  });
  new Gauge({
    name: "mbc_jobs",
    help: "Jobs by state.",
    labelNames: ["state"] as const,
    registers: [registry],
    async collect() {
      const { db } = await database();
      const rows = await execRows<{ state: string; n: number }>(
        db,
        sql`select state, count(*)::int as n from job group by state`,
      );
      this.reset();
      for (const state of JOB_STATES) this.set({ state }, 0);
      for (const row of rows) this.set({ state: row.state }, Number(row.n));
    },
  });
  new Gauge({
    name: "mbc_job_rows",
    help: "Rows of every job by provider and state.",
    labelNames: ["provider", "state"] as const,
    registers: [registry],
    async collect() {
      const { db } = await database();
      const rows = await execRows<{ provider: string; state: string; n: number }>(
        db,
        sql`select j.provider, r.state, count(*)::int as n
            from job_row r join job j on j.id = r.job_id group by j.provider, r.state`,
      );
      this.reset();
      for (const row of rows) this.set({ provider: row.provider, state: row.state }, Number(row.n));
    },
  });
  new Gauge({
    name: "mbc_runner_heartbeat_timestamp_seconds",
    help: "Each runner's last heartbeat (Unix time), for runners seen in the last hour.",
    labelNames: ["runner", "host", "pid"] as const,
    registers: [registry],
    async collect() {
      const { db } = await database();
      const rows = await execRows<{ id: string; host: string; pid: number; at: number }>(
        db,
        sql`select id, host, pid, extract(epoch from heartbeat_at)::float8 as at from runner
            where heartbeat_at > now() - interval '1 hour'`,
      );
      this.reset();
      for (const r of rows) {
        this.set({ runner: r.id, host: r.host, pid: String(r.pid) }, Number(r.at));
      }
    },
  });
  return { registry, requestSeconds, throttled };
}

/** Records one provider request (called as its permit is released). */
export function observeRequest(provider: ProviderId, outcome: RequestOutcome): void {
  const { requestSeconds, throttled } = metrics();
  const status = outcome.status === undefined ? "none" : String(outcome.status);
  requestSeconds.observe(
    { provider, route: outcome.route ?? "unknown", status },
    outcome.ms / 1000,
  );
  if (outcome.status === 429 || outcome.status === 503) throttled.inc({ provider, status });
}

/** A gate whose every request is recorded in the metrics as its permit is released. */
export function measuredGate(provider: ProviderId, gate: RequestGate): RequestGate {
  return {
    async acquire(signal) {
      const permit = await gate.acquire(signal);
      return {
        release(outcome) {
          permit.release(outcome);
          observeRequest(provider, outcome);
        },
      };
    },
  };
}
