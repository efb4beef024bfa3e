import "server-only";
import { sql } from "drizzle-orm";
import { execRows } from "@/lib/db/exec";
import type { Db } from "@/lib/db/open";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import type { AimdOptions } from "./aimd";

// The statements behind the shared gate: one per change, each safe with any number of processes.

export interface SharedLimit {
  current: number;
  max: number;
  slowedAt: Date | null;
  slowedReason: string | null;
  /** Processes holding permits now (each gets a share of a per-second limit). */
  holders: number;
}

const secs = (ms: number) => sql`make_interval(secs => ${ms / 1000})`;

/** The permit slots and the limit row for a provider's maximum (a new maximum is taken). */
export async function preparePermits(db: Db, provider: ProviderId, max: number): Promise<void> {
  await db.execute(sql`
    insert into provider_permit (provider, slot)
    select ${provider}, s from generate_series(0, ${max - 1}) s
    on conflict do nothing`);
  await db.execute(sql`
    insert into provider_limit (provider, max, current) values (${provider}, ${max}, ${max})
    on conflict (provider) do update
      set max = excluded.max, current = least(provider_limit.current, excluded.max)`);
}

/** Up to `n` free permits below the current limit, leased to `holder`. */
export async function takePermits(
  db: Db,
  provider: ProviderId,
  holder: string,
  n: number,
  leaseMs: number,
): Promise<number[]> {
  const rows = await execRows<{ slot: number }>(
    db,
    sql`
    with free as (
      select slot from provider_permit
      where provider = ${provider}
        and slot < (select current from provider_limit where provider = ${provider})
        and (holder is null or expires_at < now())
      order by slot limit ${n}
      for update skip locked)
    update provider_permit p set holder = ${holder}, expires_at = now() + ${secs(leaseMs)}
    from free where p.provider = ${provider} and p.slot = free.slot
    returning p.slot`,
  );
  return rows.map((r) => Number(r.slot));
}

/**
 * Extends the lease of `slots` and says which are still this holder's and still below the limit
 * (the others must be given up), and what the limit is now.
 */
export async function renewPermits(
  db: Db,
  provider: ProviderId,
  holder: string,
  slots: number[],
  leaseMs: number,
): Promise<{ kept: number[]; limit: SharedLimit }> {
  const kept =
    slots.length === 0
      ? []
      : await execRows<{ slot: number }>(
          db,
          sql`
          update provider_permit set expires_at = now() + ${secs(leaseMs)}
          where provider = ${provider} and holder = ${holder}
            and slot in (select (x)::int from jsonb_array_elements_text(${JSON.stringify(slots)}::jsonb) x)
            and slot < (select current from provider_limit where provider = ${provider})
          returning slot`,
        );
  return { kept: kept.map((r) => Number(r.slot)), limit: await readLimit(db, provider) };
}

export async function givePermits(
  db: Db,
  provider: ProviderId,
  holder: string,
  slots: number[],
): Promise<void> {
  if (slots.length === 0) return;
  await db.execute(sql`
    update provider_permit set holder = null, expires_at = null
    where provider = ${provider} and holder = ${holder}
      and slot in (select (x)::int from jsonb_array_elements_text(${JSON.stringify(slots)}::jsonb) x)`);
}

export async function readLimit(db: Db, provider: ProviderId): Promise<SharedLimit> {
  const [row] = await execRows<{
    current: number;
    max: number;
    slowed_at: Date | string | null;
    slowed_reason: string | null;
    holders: number;
  }>(
    db,
    sql`
    select current, max, slowed_at, slowed_reason,
      (select count(distinct holder)::int from provider_permit
       where provider = ${provider} and holder is not null and expires_at > now()) as holders
    from provider_limit where provider = ${provider}`,
  );
  return {
    current: row?.current ?? 1,
    max: row?.max ?? 1,
    slowedAt: row?.slowed_at ? new Date(row.slowed_at) : null,
    slowedReason: row?.slowed_reason ?? null,
    holders: row?.holders ?? 0,
  };
}

/**
 * Lowers the limit (halved on 429/503, one less on slow answers: `lowered` in aimd.ts), at most
 * once per cooldown whoever asks (a burst of 429s is one signal).
 */
export async function slowDown(
  db: Db,
  provider: ProviderId,
  kind: "throttled" | "slow",
  reason: string,
  options: Pick<AimdOptions, "cooldownMs">,
): Promise<void> {
  const next = kind === "throttled" ? sql`greatest(1, current / 2)` : sql`greatest(1, current - 1)`;
  await db.execute(sql`
    update provider_limit
    set current = ${next}, slowed_at = now(), slowed_reason = ${reason},
      changed_at = now()
    where provider = ${provider}
      and (slowed_at is null or slowed_at < now() - ${secs(options.cooldownMs)})`);
}

/** One more, after a calm spell since the last change (at most once per spell, whoever asks). */
export async function speedUp(
  db: Db,
  provider: ProviderId,
  options: Pick<AimdOptions, "growEveryMs">,
): Promise<void> {
  await db.execute(sql`
    update provider_limit set current = current + 1, changed_at = now()
    where provider = ${provider} and current < max
      and changed_at < now() - ${secs(options.growEveryMs)}
      and (slowed_at is null or slowed_at < now() - ${secs(options.growEveryMs)})`);
}
