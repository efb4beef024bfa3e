/**
 * Job runner throughput against the sandboxes with 40 ms latency and a cap on requests in flight
 * (8 for Z.com, 4 for Hybridbox; our caps raised to match), compared with the limit those caps
 * set and with a plain one-request-at-a-time loop; then peak RSS of a runner process during a
 * 100,000-row Hybridbox job. Run with `npm run bench` (not part of `npm test`).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import pino from "pino";
import { openDatabase } from "../lib/db/open";
import { jobEvents, jobs } from "../lib/db/schema";
import { JobRunner } from "../lib/jobs/runner/runner";
import { EMPTY_DOMAIN, people, submitJob } from "../lib/testing/job-rig";
import { createHybridboxProvider } from "../lib/providers/hybridbox/provider";
import type { MailProvider } from "../lib/providers/types";
import type { ProviderId } from "../lib/mailboxes/provider-id";
import { createZcomProvider } from "../lib/providers/zcom/provider";
import { LocalGate } from "../lib/limits/local-gate";
import { ledgerPhases, pgliteWorker } from "./ledger-phases";
import { sandboxCredentials } from "../sandbox/index";

const LATENCY_MS = 40;
const CAPS: Record<ProviderId, number> = { zcom: 8, hybridbox: 4 };
const ROWS: Record<ProviderId, number> = { zcom: 2_000, hybridbox: 10_000 };
/** Runs of the runner per provider (each a first and a second job); the median is reported. */
const RUNS: Record<ProviderId, number> = { zcom: 1, hybridbox: 3 };

/**
 * The sandboxes run in their own process (`npm run sandbox`), as a provider would: in this
 * process they would share its event loop with the runner and slow both.
 */
export async function startSandboxProcess() {
  const ports = { hybridbox: 4510, zcomMail: 4520, zcomIdentity: 4521 };
  const child = spawn(process.execPath, ["--import", "tsx", "sandbox/main.ts"], {
    env: {
      ...process.env,
      SANDBOX_HYBRIDBOX_PORT: String(ports.hybridbox),
      SANDBOX_ZCOM_PORT: String(ports.zcomMail),
      SANDBOX_ZCOM_IDENTITY_PORT: String(ports.zcomIdentity),
    },
    stdio: "ignore",
  });
  const urls = {
    hybridbox: `http://127.0.0.1:${ports.hybridbox}`,
    zcomMail: `http://127.0.0.1:${ports.zcomMail}`,
    zcomIdentity: `http://127.0.0.1:${ports.zcomIdentity}`,
  };
  for (let i = 0; ; i++) {
    const ok = await fetch(`${urls.hybridbox}/__sandbox/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 100) throw new Error("the sandbox process did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  return { urls, close: () => void child.kill("SIGTERM") };
}

let sandboxProcess: Awaited<ReturnType<typeof startSandboxProcess>>;

/** For profiling one part on its own (bench/profile-runner.ts). */
export const setSandboxProcess = (p: typeof sandboxProcess) => (sandboxProcess = p);

async function sandboxFor(
  id: ProviderId,
  gated: boolean,
  faults: object = {
    latencyMs: LATENCY_MS,
    maxInFlight: CAPS[id],
    retryAfterSeconds: 1,
    scope: "all",
  },
) {
  const { urls } = sandboxProcess;
  const admin = id === "zcom" ? urls.zcomMail : urls.hybridbox;
  const put = (path: string, body: unknown) =>
    fetch(`${admin}/__sandbox/${path}`, {
      method: path === "reset" ? "POST" : "PUT",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json" },
    });
  await put("reset", {});
  await put("limits", { mailboxCapPerDomain: 200_000 });
  await put("faults", faults);
  // The runner's provider passes the same gate as in production (lib/providers/index.ts).
  const gate = gated ? { gate: new LocalGate({ max: CAPS[id] }) } : {};
  const provider =
    id === "zcom"
      ? createZcomProvider({
          mailUrl: urls.zcomMail,
          identityUrl: urls.zcomIdentity,
          username: sandboxCredentials.zcom.username,
          password: sandboxCredentials.zcom.password,
          maxSockets: 64,
          ...gate,
        })
      : createHybridboxProvider({
          baseUrl: urls.hybridbox,
          accountId: sandboxCredentials.hybridbox.accountId,
          token: sandboxCredentials.hybridbox.token,
          bulkMax: 100,
          maxSockets: 64,
          ...gate,
        });
  return { provider, admin, urls: { url: admin } };
}

async function stats(admin: string) {
  return (await (await fetch(`${admin}/__sandbox/stats`)).json()) as {
    limited: { total: number };
    createsTotal: number;
    inFlightPeak: number;
  };
}

/**
 * `count` jobs one after another on one new database, each timed from its own runner's start to
 * its end as the ledger recorded it. The first is a runner process's first job: the embedded
 * database's engine is compiled while it runs (V8 tiers up PGlite's WebAssembly and JavaScript
 * on the threads the job needs too). The next ones are what a runner that has been up a while
 * does; a runner is a long-lived process. `prefix` names the people: each job needs addresses of
 * its own (and each run on one PostgreSQL database too).
 */
type Run = Awaited<ReturnType<typeof runnerThroughput>>[number];

export async function runnerThroughput(id: ProviderId, prefix = "u", count = 2) {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "bench-")), "pglite");
  // BENCH_DATABASE_URL: the same on PostgreSQL (out of process: its work does not hold up the
  // runner's event loop as the embedded database's does). Use a database of its own.
  const pgUrl = process.env.BENCH_DATABASE_URL;
  const database = await openDatabase(
    pgUrl ? { kind: "postgres", url: pgUrl } : { kind: "pglite", dataDir, worker: pgliteWorker() },
  );
  const key = randomBytes(32);
  const results = [];
  for (let n = 0; n < count; n++) {
    // A reset sandbox for each job: an empty domain to read and counters of its own.
    const { provider, admin } = await sandboxFor(id, true);
    const jobId = await submitJob(
      { db: database.db, key, provider, providerId: id },
      people(ROWS[id], `${prefix}j${n}`),
    );
    const runner = new JobRunner({
      db: database.db,
      key,
      log: pino({ level: "warn" }),
      providers: { [id]: provider },
      // As in production (the default idleMs: a bench that polls for new jobs every 10 ms spent
      // a tenth of the embedded database's time on it).
      options: { concurrency: { zcom: CAPS.zcom, hybridbox: CAPS.hybridbox } },
    });
    const startedAt = Date.now();
    await runner.start();
    // The job's own end, as the ledger recorded it: looking every 100 ms costs the runner's
    // database little, and the time does not depend on when the bench looked.
    let finishedAt: Date | null = null;
    while (!finishedAt) {
      await new Promise((r) => setTimeout(r, 100));
      const [job] = await database.db
        .select({ finishedAt: jobs.finishedAt })
        .from(jobs)
        .where(eq(jobs.id, jobId));
      finishedAt = job?.finishedAt ?? null;
    }
    const wallMs = finishedAt.getTime() - startedAt;
    await runner.stop();
    const s = await stats(admin);
    // Where the time went: the job's events, from the runner's start.
    const events = await database.db
      .select({ kind: jobEvents.kind, at: jobEvents.at })
      .from(jobEvents)
      .where(eq(jobEvents.jobId, jobId))
      .orderBy(jobEvents.id);
    const at = (kind: string, last = false) => {
      const found = last
        ? events.findLast((e) => e.kind === kind)
        : events.find((e) => e.kind === kind);
      return found ? Math.round(found.at.getTime() - startedAt) : null;
    };
    results.push({
      timeline: {
        preflightDoneMs: at("started"),
        firstSettledMs: at("sent"),
        lastSettledMs: at("sent", true),
        finishedMs: at("finished"),
      },
      wallMs,
      limited: s.limited.total,
      creates: s.createsTotal,
      inFlightPeak: s.inFlightPeak,
    });
  }
  await database.close();
  return results;
}

/**
 * What this machine allows: the same sandbox, caps and latency, and `loops` requests in flight
 * (the cap: the bare client; one: a plain loop), with no ledger (nothing stored, nothing read
 * back, passwords fixed).
 */
async function bareClient(id: ProviderId, loops = CAPS[id]) {
  const { provider, admin } = await sandboxFor(id, false);
  const list = people(ROWS[id], loops === 1 ? "p" : "b");
  const bulk = (provider as MailProvider).capabilities.bulkMax;
  const domain = (await provider.listDomains()).find((d) => d.name === EMPTY_DOMAIN[id])!;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: loops }, async () => {
      while (next < list.length) {
        const from = next;
        next += bulk;
        const items = list
          .slice(from, from + bulk)
          .map((p) => ({ ...p, ...(id === "zcom" ? { password: "Bench-Passw0rd-1" } : {}) }));
        await provider.create(domain, items);
      }
    }),
  );
  const wallMs = performance.now() - started;
  const s = await stats(admin);
  return { wallMs, creates: s.createsTotal, limited: s.limited.total };
}

function limitMs(id: ProviderId) {
  const requests = id === "zcom" ? ROWS.zcom : Math.ceil(ROWS.hybridbox / 100);
  return (requests * LATENCY_MS) / CAPS[id];
}

/** Peak RSS of a runner process (`npm run runner --exit-when-idle`) over `dir`, sampled. */
async function runnerPeakRss(dir: string, keyHex: string, hybridboxUrl: string) {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/runner.ts", "--exit-when-idle"],
    {
      env: {
        ...process.env,
        DATA_DIR: dir,
        ENCRYPTION_KEY: keyHex,
        HYBRIDBOX_BASE_URL: hybridboxUrl,
        HYBRIDBOX_CONCURRENCY: String(CAPS.hybridbox),
        LOG_LEVEL: "warn",
      },
      stdio: "inherit",
    },
  );
  const rss = () => {
    try {
      const line = readFileSync(`/proc/${child.pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/);
      return line ? Number(line[1]) * 1024 : 0;
    } catch {
      return 0;
    }
  };
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, rss())), 50);
  const started = performance.now();
  await new Promise((r) => child.on("exit", r));
  clearInterval(timer);
  return { peak, seconds: (performance.now() - started) / 1000 };
}

/**
 * The runner's footprint for a 100,000-row job: its peak RSS, less the peak of the same runner
 * that opens an empty database and finds nothing to do (start-up, migrations, idle).
 */
async function peakRss() {
  const rows = 100_000;
  const { provider, urls } = await sandboxFor("hybridbox", false, {});
  const url = (urls as { url: string }).url;
  const keyHex = randomBytes(32).toString("hex");
  // The idle runner gets a database that exists already, as the job's does (creating one is a
  // one-off cost of a new installation, and its peak is not the runner's).
  const idleDir = mkdtempSync(path.join(tmpdir(), "bench-idle-"));
  await (await openDatabase({ kind: "pglite", dataDir: path.join(idleDir, "pglite") })).close();
  const idle = await runnerPeakRss(idleDir, keyHex, url);
  const dir = mkdtempSync(path.join(tmpdir(), "bench-rss-"));
  const writer = await openDatabase({ kind: "pglite", dataDir: path.join(dir, "pglite") });
  await submitJob(
    { db: writer.db, key: Buffer.from(keyHex, "hex"), provider, providerId: "hybridbox" },
    people(rows),
  );
  await writer.close();
  const job = await runnerPeakRss(dir, keyHex, url);
  return { rows, seconds: job.seconds, idle: idle.peak, peak: job.peak };
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

export async function benchJobs() {
  sandboxProcess = await startSandboxProcess();
  const lines: string[] = [];
  for (const id of ["zcom", "hybridbox"] as const) {
    const limit = limitMs(id);
    // Side by side in one run: the bare client first and last, so a machine that slows down
    // during the run does not flatter either.
    const bareBefore = await bareClient(id);
    // Hybridbox runs take about 2 s, and this machine's noise is a tenth of that: the median of
    // three (their range printed), each with addresses of its own. Each run is a runner's first
    // job on a new database, then its second (see runnerThroughput).
    const first: Run[] = [];
    const runs: Run[] = [];
    for (let i = 0; i < RUNS[id]; i++) {
      const [cold, ...warm] = await runnerThroughput(id, `u${i}`);
      first.push(cold!);
      runs.push(...warm);
    }
    const median = (list: Run[]) =>
      [...list].sort((x, y) => x.wallMs - y.wallMs)[list.length >> 1]!;
    const ours = {
      ...median(runs),
      limited: [...first, ...runs].reduce((n, r) => n + r.limited, 0),
      inFlightPeak: Math.max(...[...first, ...runs].map((r) => r.inFlightPeak)),
    };
    const bareAfter = await bareClient(id);
    const plain = await bareClient(id, 1);
    const bareMs = Math.min(bareBefore.wallMs, bareAfter.wallMs);
    const range = (list: Run[]) =>
      list.length > 1
        ? ` (runs ${list.map((r) => (bareMs / r.wallMs).toFixed(2)).join(", ")})`
        : "";
    const cold = median(first);
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const perSecond = (ms: number) => `${Math.round((ROWS[id] / ms) * 1000)} rows/s`;
    lines.push(
      `${id.padEnd(9)} ${String(ROWS[id]).padStart(6)} rows | runner ${s(ours.wallMs)}, ${perSecond(ours.wallMs)}, ${(bareMs / ours.wallMs).toFixed(2)} of the bare client${range(runs)}, ${(limit / ours.wallMs).toFixed(2)} of the limit (${s(limit)}); its first job ${s(cold.wallMs)}, ${(bareMs / cold.wallMs).toFixed(2)} of the bare client${range(first)}; ${ours.limited} × 429, peak ${ours.inFlightPeak} in flight | bare client ${s(bareBefore.wallMs)} / ${s(bareAfter.wallMs)}, ${(limit / bareMs).toFixed(2)} of the limit | plain loop ${s(plain.wallMs)}, ${(limit / plain.wallMs).toFixed(2)} of the limit`,
    );
    console.log(lines.at(-1));
  }
  // The ledger's share: what the runner's database statements cost per 10,000 rows on their own.
  const pg = process.env.BENCH_DATABASE_URL;
  for (const pgUrl of [undefined, ...(pg ? [pg] : [])]) {
    const t = await ledgerPhases(pgUrl);
    lines.push(
      `ledger    ${String(10_000).padStart(6)} rows | its own statements, no HTTP, ${pgUrl ? "PostgreSQL" : "embedded"}: claims (taking the holds) ${t.claims} ms, settlements ${t.settles} ms`,
    );
    console.log(lines.at(-1));
  }
  const rss = await peakRss();
  lines.push(
    `hybridbox 100000 rows | runner process RSS idle ${mb(rss.idle)}, peak ${mb(rss.peak)} (+${mb(rss.peak - rss.idle)}), ${rss.seconds.toFixed(1)} s`,
  );
  console.log(lines.at(-1));
  sandboxProcess.close();
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchJobs().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
