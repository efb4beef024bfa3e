import { randomBytes, randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { eq } from "drizzle-orm";
import pino from "pino";
import { expect } from "vitest";
import { open } from "@/lib/crypto/secret-box";
import { FINAL_ROW_STATES, jobRows, jobs } from "@/lib/db/schema";
import { createHybridboxProvider } from "@/lib/providers/hybridbox/provider";
import type { MailProvider } from "@/lib/providers/types";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import { createZcomProvider } from "@/lib/providers/zcom/provider";
import type { Database, Db } from "@/lib/db/open";
import { openTestDatabase } from "@/lib/testing/test-database";
import {
  createHybridboxSandbox,
  createZcomSandbox,
  sandboxCredentials,
  type FaultConfig,
  type ProfileSelection,
  type StatsSnapshot,
} from "@/sandbox/index";
import { JobRunner, type RunnerOptions } from "@/lib/jobs/runner/runner";
import { DEFAULT_RUNNER_OPTIONS } from "@/lib/jobs/runner/options";
import { LocalGate } from "@/lib/limits/local-gate";
import type { RequestGate } from "@/lib/providers/gate";
import { storeJobPart } from "@/lib/jobs/store-part";
import { PART_MAX_ROWS, jobPartSchema } from "@/lib/jobs/submission";

/**
 * A job runner against a real sandbox over HTTP and a real database (PGlite, or PostgreSQL when
 * DATABASE_URL is set), with the runner's log captured so tests can search it for passwords.
 */
export const EMPTY_DOMAIN: Record<ProviderId, string> = {
  zcom: "empty.zcom.example",
  hybridbox: "empty.example",
};

export interface RigOptions {
  bulkMax?: number;
  listLagMs?: number;
  /** How both sandboxes read what the providers leave unpublished (sandbox/README.md). */
  profile?: ProfileSelection;
  /** Share one database between rigs (it takes seconds to open); jobs never see each other. */
  database?: Database;
  totalTimeoutMs?: number;
  runner?: Partial<RunnerOptions>;
  /**
   * The door every provider request passes, as in production (lib/providers/index.ts): by
   * default a gate of the runner's concurrency for this provider; `null` for none.
   */
  gate?: RequestGate | null;
}

/** The sandbox's test controls (sandbox/README.md). */
export function sandboxAdmin(baseUrl: string) {
  const call = async (path: string, init?: { method?: string; json?: unknown }) => {
    const response = await fetch(`${baseUrl}/__sandbox/${path}`, {
      method: init?.method ?? "GET",
      headers: { "content-type": "application/json" },
      ...(init?.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    });
    return response.json() as Promise<unknown>;
  };
  return {
    faults: (config: FaultConfig) => call("faults", { method: "PUT", json: config }),
    stats: () => call("stats") as Promise<StatsSnapshot>,
    mailboxes: async (domain: string): Promise<string[]> => {
      const { mailboxes } = (await call("mailboxes")) as { mailboxes: Record<string, unknown>[] };
      return mailboxes
        .map((m) => String(m.primary_email ?? m.email))
        .filter((address) => address.endsWith(`@${domain}`));
    },
    checkPassword: async (email: string, password: string) =>
      (
        (await call("check-password", { method: "POST", json: { email, password } })) as {
          match: boolean;
        }
      ).match,
  };
}

/**
 * The ledger's promises, checked against the provider itself: every row ended in exactly one
 * final state; every mailbox reported created exists, and none that exists is reported failed
 * (beyond `before`); what exists was reported created or unconfirmed; no address was created
 * twice, and no create was sent for an address that already existed (a blind resend: the
 * sandbox counts every attempt); Z.com passwords stored for created rows open their mailboxes,
 * and none of them is in the log. Returns the rows and how many ended unconfirmed.
 */
export async function expectLedgerMatchesProvider(input: {
  db: Db;
  key: Uint8Array;
  admin: ReturnType<typeof sandboxAdmin>;
  providerId: ProviderId;
  jobId: string;
  submitted: number;
  before?: string[];
  logText: string;
}) {
  const { db, key, admin, jobId } = input;
  const rows = await db
    .select()
    .from(jobRows)
    .where(eq(jobRows.jobId, jobId))
    .orderBy(jobRows.rowNo);
  expect(rows).toHaveLength(input.submitted);
  const describe = (r: JobRowRecord) =>
    `${r.address}:${r.state}:${r.errorCode}:${r.errorMessage}:attempts ${r.attempts}`;
  const notFinal = rows.filter((r) => !FINAL.includes(r.state));
  expect(notFinal.map(describe)).toEqual([]);
  const domain = rows[0]!.address.split("@")[1]!;
  const before = new Set(input.before ?? []);
  const atProvider = new Set((await admin.mailboxes(domain)).filter((a) => !before.has(a)));
  const created = rows.filter((r) => r.state === "created");
  expect(created.filter((r) => !atProvider.has(r.address)).map(describe)).toEqual([]);
  const failedButExists = rows.filter((r) => r.state === "failed" && atProvider.has(r.address));
  expect(failedButExists.map(describe), "shown as failed, but the mailbox exists").toEqual([]);
  const accounted = new Set(
    rows.filter((r) => r.state === "created" || r.state === "unconfirmed").map((r) => r.address),
  );
  expect([...atProvider].filter((a) => a.endsWith(`@${domain}`) && !accounted.has(a))).toEqual([]);
  const stats = await admin.stats();
  expect(Object.entries(stats.createsByAddress).filter(([, n]) => n > 1)).toEqual([]);
  const ours = new Set(rows.map((r) => r.address.toLowerCase()));
  const blind = Object.entries(stats.createAttemptsOnExisting).filter(
    ([address, n]) => n > 0 && ours.has(address.toLowerCase()) && !before.has(address),
  );
  expect(blind, "creates sent for an address that already existed").toEqual([]);
  for (const row of created) expect(row.mailboxId, row.address).toBeTruthy();
  for (const row of rows.filter((r) => r.state === "failed"))
    expect(row.errorCode, row.address).toBeTruthy();
  if (input.providerId === "zcom") {
    const passwords = rows.map((r) =>
      r.passwordEnc ? open(r.passwordEnc, key, `${jobId}:${r.rowNo}`) : null,
    );
    for (const [i, row] of rows.entries()) {
      if (row.state === "created" && !row.passwordLost)
        expect(await admin.checkPassword(row.address, passwords[i]!), row.address).toBe(true);
    }
    for (const password of passwords)
      if (password) expect(input.logText.includes(password)).toBe(false);
  }
  return Object.assign(rows, {
    unconfirmed: rows.filter((r) => r.state === "unconfirmed").length,
  });
}

type JobRowRecord = typeof jobRows.$inferSelect;
const FINAL: readonly string[] = FINAL_ROW_STATES;

export type TestRow = {
  localPart: string;
  firstName?: string;
  lastName?: string;
  password?: string;
};

/** Stores a job as the bulk page does: in parts of at most PART_MAX_ROWS rows. */
export async function submitJob(
  deps: { db: Db; key: Uint8Array; provider: MailProvider; providerId: ProviderId },
  rows: TestRow[],
  domain = EMPTY_DOMAIN[deps.providerId],
  extra: { retryOf?: string } = {},
): Promise<string> {
  const submissionId = randomUUID();
  const partsTotal = Math.ceil(rows.length / PART_MAX_ROWS);
  let jobId = "";
  for (let partNo = 0; partNo < partsTotal; partNo++) {
    const part = jobPartSchema.parse({
      submissionId,
      provider: deps.providerId,
      domain,
      partNo,
      partsTotal,
      rowsTotal: rows.length,
      ...extra,
      rows: rows
        .slice(partNo * PART_MAX_ROWS, (partNo + 1) * PART_MAX_ROWS)
        .map((r) => ({ firstName: "Test", ...r })),
    });
    const stored = await storeJobPart(
      {
        db: deps.db,
        key: deps.key,
        resolveDomain: async (_p, name) =>
          (await deps.provider.listDomains()).find((d) => d.name === name) ?? null,
      },
      part,
      { id: "user-1", email: "ops@example.test" },
    );
    jobId = stored.jobId;
  }
  return jobId;
}

/**
 * A provider that only names its domain, for tests and benches of the ledger alone: they submit,
 * claim and settle rows, and send nothing.
 */
export const LEDGER_ONLY_PROVIDER = {
  listDomains: async () => [{ id: "d-1", name: EMPTY_DOMAIN.hybridbox }],
  capabilities: { bulkMax: 100 },
} as unknown as MailProvider;

/**
 * `list` as a running Hybridbox job of the ledger alone (nothing sends it). Every other running
 * job is stopped first, so claims find this one.
 */
export async function runningLedgerJob(db: Db, list: TestRow[]): Promise<string> {
  await db.update(jobs).set({ state: "stopped" }).where(eq(jobs.state, "running"));
  const jobId = await submitJob(
    { db, key: randomBytes(32), provider: LEDGER_ONLY_PROVIDER, providerId: "hybridbox" },
    list,
  );
  await db.update(jobs).set({ state: "running" }).where(eq(jobs.id, jobId));
  return jobId;
}

export async function startRig(providerId: ProviderId, options: RigOptions = {}) {
  const database = options.database ?? (await openTestDatabase());
  const { db } = database;
  const key = randomBytes(32);
  const logLines: string[] = [];
  const log = pino(
    { level: "debug" },
    new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  );

  const concurrency = options.runner?.concurrency ?? DEFAULT_RUNNER_OPTIONS.concurrency;
  const gate =
    options.gate === null
      ? undefined
      : (options.gate ?? new LocalGate({ max: concurrency[providerId] }));
  const timeouts = {
    connectTimeoutMs: 1_000,
    totalTimeoutMs: options.totalTimeoutMs ?? 400,
    ...(gate ? { gate } : {}),
  };
  let baseUrl: string;
  let close: () => Promise<void>;
  let provider: MailProvider;
  if (providerId === "zcom") {
    const sandbox = createZcomSandbox(options.profile ? { profile: options.profile } : {});
    const urls = await sandbox.listen({ mailPort: 0, identityPort: 0 });
    baseUrl = urls.mailUrl;
    close = () => sandbox.close();
    provider = createZcomProvider({
      mailUrl: urls.mailUrl,
      identityUrl: urls.identityUrl,
      username: sandboxCredentials.zcom.username,
      password: sandboxCredentials.zcom.password,
      ...timeouts,
    });
  } else {
    const sandbox = createHybridboxSandbox(options.profile ? { profile: options.profile } : {});
    baseUrl = await sandbox.listen(0);
    close = () => sandbox.close();
    provider = createHybridboxProvider({
      baseUrl,
      accountId: sandboxCredentials.hybridbox.accountId,
      token: sandboxCredentials.hybridbox.token,
      bulkMax: options.bulkMax ?? 10,
      // Where the account does not serve GET /domains, the admin names the domains.
      domains: [EMPTY_DOMAIN.hybridbox],
      ...timeouts,
    });
  }

  const runner = new JobRunner({
    db,
    key,
    log,
    providers: { [providerId]: provider },
    options: {
      policy: {
        baseMs: 10,
        capMs: 100,
        maxAttempts: 8,
        defaultPauseMs: 50,
        listLagMs: options.listLagMs ?? 50,
        unconfirmedAfterMs: 30_000,
        readWaitBudgetMs: 10_000,
      },
      idleMs: 20,
      exclusive: true,
      ...options.runner,
    },
  });

  const admin = sandboxAdmin(baseUrl);

  const rig = {
    db,
    key,
    provider,
    runner,
    logText: () => logLines.join(""),
    faults: admin.faults,
    stats: admin.stats,
    mailboxes: admin.mailboxes,
    checkPassword: admin.checkPassword,

    /** Stores a job as the bulk page would (in parts), and returns its id. */
    async submit(
      rows: TestRow[],
      domain = EMPTY_DOMAIN[providerId],
      extra: { retryOf?: string } = {},
    ) {
      const jobId = await submitJob({ db, key, provider, providerId }, rows, domain, extra);
      runner.wake();
      return jobId;
    },

    async waitUntilFinished(jobId: string, timeoutMs = 60_000) {
      const started = Date.now();
      for (;;) {
        const [job] = await db.select().from(jobs).where(eq(jobs.id, jobId));
        if (job?.finishedAt) return job;
        if (Date.now() - started > timeoutMs) {
          const states = (await rig.rows(jobId)).reduce<Record<string, number>>(
            (acc, r) => ({ ...acc, [r.state]: (acc[r.state] ?? 0) + 1 }),
            {},
          );
          throw new Error(
            `job ${jobId} still ${job?.state} after ${timeoutMs} ms; rows ${JSON.stringify(states)}; log tail:\n${logLines.slice(-8).join("")}`,
          );
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },

    rows: (jobId: string) =>
      db.select().from(jobRows).where(eq(jobRows.jobId, jobId)).orderBy(jobRows.rowNo),

    expectInvariants: (jobId: string, submitted: number, before: string[] = []) =>
      expectLedgerMatchesProvider({
        db,
        key,
        admin,
        providerId,
        jobId,
        submitted,
        before,
        logText: rig.logText(),
      }),

    async close() {
      await runner.stop();
      await close();
      if (!options.database) await database.close();
    },
  };
  return rig;
}

export type Rig = Awaited<ReturnType<typeof startRig>>;

export const people = (n: number, prefix = "u") =>
  Array.from({ length: n }, (_, i) => ({
    localPart: `${prefix}${String(i + 1).padStart(4, "0")}-x`,
    firstName: "Test",
    lastName: `Person ${i + 1}`,
  }));
