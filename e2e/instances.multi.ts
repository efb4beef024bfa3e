/**
 * Several instances on one PostgreSQL, as admins who outgrow one machine run them: two web
 * servers (no runner inside), two runner processes and a third web server with its own runner,
 * against the provider sandboxes in their own process. A job submitted on one server shows live
 * on the other; the sandbox's peak of requests in flight never exceeds the configured cap (the
 * caps are global, not per process); one runner is SIGKILLed mid-job and the web server with a
 * runner is stopped (SIGTERM) mid-job, and the jobs still end with the ledger's promises: every
 * row in one final state, nothing created twice, no blind resend, every credential opens its
 * mailbox. The stopped server leaves nothing claimed behind it.
 *
 * Needs PostgreSQL and the production build: `npm run test:instances` (run by .ci/run after
 * `npm test`, which builds). Ports from INSTANCES_PORT_BASE (default 3600: web 3601/3602, the
 * web server with a runner 3603, sandboxes +1010/+1020/+1021).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync } from "node:fs";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import Papa from "papaparse";
import pg from "pg";
import { submitJob } from "./server-actions";

const PG_URL = process.env.DATABASE_URL ?? "";
const BASE = Number(process.env.INSTANCES_PORT_BASE ?? 3600);
const WEB = [BASE + 1, BASE + 2].map((port) => `http://127.0.0.1:${port}`);
/** A web server that also runs jobs (RUNNER_ENABLED, the default). */
const WEB_WITH_RUNNER = BASE + 3;
const SANDBOX = {
  hybridbox: BASE + 1010,
  zcom: BASE + 1020,
  zcomIdentity: BASE + 1021,
};
const CAP = { zcom: 3, hybridbox: 2 } as const;
const ADMIN = { email: "multi-admin@example.test", password: "multi-Instance-Passw0rd-7" };
const DOMAIN = { zcom: "empty.zcom.example", hybridbox: "empty.example" } as const;
const ROWS = { zcom: 240, hybridbox: 400 } as const;

test.skip(!PG_URL, "needs PostgreSQL: set DATABASE_URL (npm run test:instances does)");
test.setTimeout(300_000);

const children: ChildProcess[] = [];
let dbName = "";
let dbUrl = "";

mkdirSync("test-results", { recursive: true });
const log = createWriteStream("test-results/instances.log", { flags: "w" });

function start(name: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/root",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on("data", (chunk: Buffer) => log.write(`[${name}] ${chunk.toString()}`));
  }
  children.push(child);
  return child;
}

async function waitFor(url: string, what: string) {
  for (let i = 0; i < 600; i++) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start (see test-results/instances.log)`);
}

async function adminQuery(statement: string, url = PG_URL, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(statement, values)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

const sandboxAdmin = (port: number) => `http://127.0.0.1:${port}/__sandbox`;

async function sandboxStats(port: number) {
  return (await (await fetch(`${sandboxAdmin(port)}/stats`)).json()) as {
    inFlightPeak: number;
    createsByAddress: Record<string, number>;
    createAttemptsOnExisting: Record<string, number>;
  };
}

let runners: ChildProcess[] = [];
let webWithRunner: ChildProcess;

test.beforeAll(async () => {
  dbName = `mbc_instances_${randomBytes(5).toString("hex")}`;
  await adminQuery(`create database "${dbName}"`);
  const url = new URL(PG_URL);
  url.pathname = `/${dbName}`;
  dbUrl = url.toString();

  start("sandbox", ["--import", "tsx", "sandbox/main.ts"], {
    SANDBOX_HYBRIDBOX_PORT: String(SANDBOX.hybridbox),
    SANDBOX_ZCOM_PORT: String(SANDBOX.zcom),
    SANDBOX_ZCOM_IDENTITY_PORT: String(SANDBOX.zcomIdentity),
  });
  await waitFor(`${sandboxAdmin(SANDBOX.hybridbox)}/health`, "the sandbox");
  for (const port of [SANDBOX.hybridbox, SANDBOX.zcom]) {
    // Slow enough that the jobs take seconds (a runner can die mid-job), and some answers lost.
    await fetch(`${sandboxAdmin(port)}/faults`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ seed: 7, latencyMs: 60, jitterMs: 20, resetAfterRate: 0.05 }),
    });
  }

  const shared = {
    DATABASE_URL: dbUrl,
    AUTH_SECRET: "multi-instance-auth-secret-0123456789abcdef",
    ENCRYPTION_KEY: "ab".repeat(32),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    SANDBOX_HYBRIDBOX_PORT: String(SANDBOX.hybridbox),
    SANDBOX_ZCOM_PORT: String(SANDBOX.zcom),
    SANDBOX_ZCOM_IDENTITY_PORT: String(SANDBOX.zcomIdentity),
    ZCOM_CONCURRENCY: String(CAP.zcom),
    HYBRIDBOX_CONCURRENCY: String(CAP.hybridbox),
    HYBRIDBOX_BULK_MAX: "10",
    RUNNER_LEASE_MS: "3000",
    LOG_LEVEL: "info",
  };
  // One server first: it migrates the database; the second finds it migrated.
  for (const [i, base] of WEB.entries()) {
    start(
      `web${i + 1}`,
      ["--import", "tsx", "scripts/serve-next.ts", "--port", base.split(":")[2]!],
      {
        ...shared,
        APP_URL: base,
        RUNNER_ENABLED: "false",
      },
    );
    await waitFor(`${base}/api/health`, `web server ${i + 1}`);
  }
  webWithRunner = start(
    "web3+runner",
    ["--import", "tsx", "scripts/serve-next.ts", "--port", String(WEB_WITH_RUNNER)],
    { ...shared, APP_URL: `http://127.0.0.1:${WEB_WITH_RUNNER}` },
  );
  await waitFor(`http://127.0.0.1:${WEB_WITH_RUNNER}/api/health`, "web server 3 (with a runner)");
  runners = [1, 2].map((n) =>
    start(
      `runner${n}`,
      ["--conditions=react-server", "--import", "tsx", "scripts/runner.ts"],
      shared,
    ),
  );
});

test.afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await new Promise((r) => setTimeout(r, 500));
  log.end();
  if (dbName) await adminQuery(`drop database if exists "${dbName}" with (force)`);
});

test("two servers and two runners on one database: live on both, caps global, a runner killed", async ({
  page,
}) => {
  const [a, b] = WEB as [string, string];
  // Sign in on server A; the session is in the shared database, so server B knows it too.
  const onA = await playwrightRequest.newContext({ baseURL: a });
  const signIn = await onA.post("/api/auth/sign-in/email", {
    headers: { origin: a },
    data: ADMIN,
  });
  expect(signIn.status(), await signIn.text()).toBe(200);
  const state = await onA.storageState();
  const onB = await playwrightRequest.newContext({ baseURL: b, storageState: state });

  const people = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      firstName: "Multi",
      lastName: `Person ${i + 1}`,
      localPart: `${prefix}${String(i + 1).padStart(4, "0")}`,
    }));
  const zcomJob = await submitJob(
    onA,
    { provider: "zcom", domain: DOMAIN.zcom, rows: people("mz", ROWS.zcom) },
    a,
  );
  const hybridboxJob = await submitJob(
    onA,
    { provider: "hybridbox", domain: DOMAIN.hybridbox, rows: people("mh", ROWS.hybridbox) },
    a,
  );

  // Submitted on A, watched on B in a browser: the progress bar moves while the job runs.
  await page.context().addCookies(state.cookies);
  await page.goto(`${b}/jobs/${zcomJob}`);
  const bar = page.getByRole("progressbar", { name: "Rows done" });
  const seen = new Set<number>();
  const progress = async () => Number(await bar.getAttribute("aria-valuenow"));
  await expect.poll(progress, { timeout: 60_000 }).toBeGreaterThan(20);
  seen.add(await progress());

  // One runner dies mid-job, without a chance to give anything back.
  const [victim] = runners;
  victim!.kill("SIGKILL");
  // The web server with a runner is stopped as a service manager stops it. It settles what it
  // sent and gives back what it claimed ahead before it exits: looked at at once, before any
  // other runner could take back a claim (RUNNER_LEASE_MS, 3 s), nothing is left claimed by it.
  const [{ id: stoppedRunner }] = (await adminQuery(
    "select id from runner where pid = $1 order by started_at desc limit 1",
    dbUrl,
    [webWithRunner.pid],
  )) as [{ id: string }];
  const exited = new Promise<number | null>((resolve) => webWithRunner.on("exit", resolve));
  webWithRunner.kill("SIGTERM");
  expect(await exited, "the web server stopped cleanly").toBe(0);
  expect(
    await adminQuery(
      "select id, state from job_row where claimed_by = $1 and state in ('sending', 'verifying')",
      dbUrl,
      [stoppedRunner],
    ),
    "rows left claimed by the stopped server's runner",
  ).toEqual([]);
  await expect.poll(progress, { timeout: 60_000 }).toBeGreaterThan(Math.max(...seen));
  seen.add(await progress());
  await expect.poll(progress, { timeout: 180_000, intervals: [500] }).toBe(ROWS.zcom);
  seen.add(await progress());
  expect(seen.size, "the page on B showed the job live, not only its end").toBeGreaterThan(2);

  for (const [jobId, provider] of [
    [zcomJob, "zcom"],
    [hybridboxJob, "hybridbox"],
  ] as const) {
    await expect
      .poll(
        async () =>
          (
            (await (await onB.get(`/api/jobs/${jobId}/progress`)).json()) as {
              job: { state: string };
            }
          ).job.state,
        { timeout: 180_000, intervals: [500] },
      )
      .toBe("done");
    const progress = (await (await onB.get(`/api/jobs/${jobId}/progress?limit=10000`)).json()) as {
      counts: Record<string, number>;
      rows: { address: string; state: string }[];
    };
    // Fresh addresses on an empty domain: every row created (a lost answer is read back).
    expect(progress.counts.created, provider).toBe(ROWS[provider]);

    const port = SANDBOX[provider];
    const stats = await sandboxStats(port);
    expect(stats.inFlightPeak, `${provider}: requests in flight at once`).toBeLessThanOrEqual(
      CAP[provider],
    );
    expect(Object.entries(stats.createsByAddress).filter(([, n]) => n > 1)).toEqual([]);
    expect(
      Object.entries(stats.createAttemptsOnExisting).filter(([, n]) => n > 0),
      "creates sent for an address that already existed",
    ).toEqual([]);
    const { mailboxes } = (await (await fetch(`${sandboxAdmin(port)}/mailboxes`)).json()) as {
      mailboxes: { primary_email?: string; email?: string }[];
    };
    const atProvider = new Set(mailboxes.map((m) => String(m.primary_email ?? m.email)));
    for (const row of progress.rows) expect(atProvider.has(row.address), row.address).toBe(true);
  }

  // The credentials, taken on B by their submitter, each open their mailbox.
  const taken = await onB.post(`/api/jobs/${zcomJob}/credentials`, { headers: { origin: b } });
  expect(taken.status()).toBe(200);
  const { data } = Papa.parse<string[]>((await taken.text()).replace(/^\uFEFF/, ""), {
    skipEmptyLines: true,
  });
  const credentials = data.slice(1);
  expect(credentials).toHaveLength(ROWS.zcom);
  for (const [address, password] of credentials) {
    const check = await fetch(`${sandboxAdmin(SANDBOX.zcom)}/check-password`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: address, password }),
    });
    expect(((await check.json()) as { match: boolean }).match, address).toBe(true);
  }
  await onA.dispose();
  await onB.dispose();
});
