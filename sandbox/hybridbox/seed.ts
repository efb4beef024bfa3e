import { deterministicUuid } from "../core/ids";
import type { DomainRecord, HybridboxSeed, MailboxDto, WorkspaceRecord } from "./types";

/** Namespaces of the deterministic ids; the store continues the mailbox counter after the seed. */
export const MAILBOX_ID_NAMESPACE = "hybridbox:mailbox";
export const DEFAULT_QUOTA_ALLOWED = 10_240;

const at = (iso: string, plusMinutes = 0): string =>
  new Date(Date.parse(iso) + plusMinutes * 60_000).toISOString();

interface SeedPerson {
  local: string;
  first: string;
  last: string;
  status?: "active" | "paused";
  aliases?: string[];
}

const ACME: SeedPerson[] = [
  { local: "admin", first: "IT", last: "Admin", aliases: ["postmaster"] },
  { local: "jane.doe", first: "Jane", last: "Doe" },
  { local: "hanako.sato", first: "花子", last: "佐藤" },
  { local: "ichiro.suzuki", first: "一郎", last: "鈴木" },
  { local: "former.staff", first: "Former", last: "Staff", status: "paused" },
];

const KR: SeedPerson[] = [
  { local: "minjun.kim", first: "민준", last: "김" },
  { local: "seoyeon.lee", first: "서연", last: "이" },
  { local: "jihoon.park", first: "지훈", last: "박" },
];

const FIRST = [
  "Alex",
  "Sam",
  "Kim",
  "Noah",
  "Mia",
  "Liam",
  "Emma",
  "Yuki",
  "Jisoo",
  "Omar",
  "Lena",
  "Ravi",
];
const LAST = [
  "Smith",
  "Tanaka",
  "Lee",
  "Garcia",
  "Müller",
  "Nguyen",
  "Rossi",
  "Cohen",
  "Silva",
  "Kowalski",
];

/** user001 … user120; every ten share a created_at, so ordering falls back to the address. */
const BIG: SeedPerson[] = Array.from({ length: 120 }, (_, i) => ({
  local: `user${String(i + 1).padStart(3, "0")}`,
  first: FIRST[i % FIRST.length] ?? "User",
  last: LAST[i % LAST.length] ?? "Test",
}));

/** Builds the seed from scratch; the same input always gives the same ids and timestamps. */
export function buildHybridboxSeed(): HybridboxSeed {
  const workspaces: WorkspaceRecord[] = [
    { id: deterministicUuid("hybridbox:workspace", 1), name: "Acme HQ" },
    { id: deterministicUuid("hybridbox:workspace", 2), name: "Seoul Office" },
  ];
  const [hq, seoul] = workspaces as [WorkspaceRecord, WorkspaceRecord];
  const domain = (
    n: number,
    name: string,
    workspace: WorkspaceRecord | null,
    ready = true,
  ): DomainRecord => ({
    id: deterministicUuid("hybridbox:domain", n),
    name,
    status: "active",
    workspace_id: workspace?.id ?? null,
    outbound_routing_ready: ready,
    created_at: at("2025-01-06T09:00:00.000Z", n * 24 * 60),
  });
  const domains = [
    domain(1, "acme.example", hq),
    domain(2, "big.example", hq),
    domain(3, "empty.example", null, false),
    domain(4, "kr.example", seoul),
  ];

  let n = 0;
  const mailboxes: MailboxDto[] = [];
  const add = (d: DomainRecord, people: SeedPerson[], minutesFor: (i: number) => number) => {
    const workspace = workspaces.find((w) => w.id === d.workspace_id) ?? null;
    people.forEach((p, i) => {
      n += 1;
      const created = at(d.created_at, minutesFor(i));
      mailboxes.push({
        created_at: created,
        domain_id: d.id,
        domain_name: d.name,
        first_name: p.first,
        id: deterministicUuid(MAILBOX_ID_NAMESPACE, n),
        last_name: p.last,
        local_part: p.local,
        primary_email: `${p.local}@${d.name}`,
        quota: { allowed: DEFAULT_QUOTA_ALLOWED, used: (n * 37) % 900 },
        status: p.status ?? "active",
        updated_at: created,
        aliases: (p.aliases ?? []).map((a) => ({ alias: `${a}@${d.name}`, is_catch_all: false })),
        workspace_id: workspace?.id ?? null,
        workspace_name: workspace?.name ?? null,
      });
    });
  };
  const [acme, big, , kr] = domains as [DomainRecord, DomainRecord, DomainRecord, DomainRecord];
  add(acme, ACME, (i) => 10 + i);
  add(big, BIG, (i) => 10 + Math.floor(i / 10));
  add(kr, KR, (i) => 10 + i);
  return { workspaces, domains, mailboxes };
}
