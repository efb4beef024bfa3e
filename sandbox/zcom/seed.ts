import { deterministicHex } from "../core/ids";
import { hashPassword, seedSalt } from "./rules";
import type { EmailRecord, ServiceRecord, ZcomDomainRecord } from "./types";

/** Every seed address has this password (documented in sandbox/README.md). */
export const ZCOM_SEED_PASSWORD = "Seed-Passw0rd";
export const EMAIL_ID_NAMESPACE = "zcom:email";

export interface ZcomSeed {
  services: ServiceRecord[];
  domains: ZcomDomainRecord[];
  emails: EmailRecord[];
}

const BASE = Date.parse("2025-02-03T01:00:00.000Z");
const DAY = 24 * 60 * 60_000;

/** Ids match the provider's examples: 20 hex for services and domains, 32 hex for emails. */
export const emailIdFor = (n: number) => deterministicHex(EMAIL_ID_NAMESPACE, n, 32);
export const usernameFor = (n: number) => `paasmail_${String(n).padStart(8, "0")}`;

let cached: ZcomSeed | undefined;

/**
 * The seed, built once per process (hashing 126 passwords is the slow part) and copied on each
 * reset; the same ids and hashes on every run.
 */
export function zcomSeed(): ZcomSeed {
  cached ??= buildSeed();
  return {
    services: cached.services.map((s) => ({ ...s })),
    domains: cached.domains.map((d) => ({ ...d })),
    emails: cached.emails.map((e) => ({ ...e, dto: { ...e.dto } })),
  };
}

function buildSeed(): ZcomSeed {
  const service = (n: number, name: string): ServiceRecord => ({
    service_id: deterministicHex("zcom:service", n, 20),
    service_name: name,
    status: "active",
    createdAt: BASE + n * 60_000,
  });
  const services = [service(1, "sandbox-mail"), service(2, "sandbox-mail-jp")];
  const [main, jp] = services as [ServiceRecord, ServiceRecord];
  const domain = (n: number, name: string, owner: ServiceRecord): ZcomDomainRecord => ({
    service_id: owner.service_id,
    domain_id: deterministicHex("zcom:domain", n, 20),
    domain_name: name,
    createdAt: BASE + n * DAY,
  });
  const domains = [
    domain(1, "zcom-demo.example", main),
    domain(2, "big.zcom.example", main),
    domain(3, "empty.zcom.example", main),
    domain(4, "jp.example", jp),
  ];
  const [demo, big, , jpDomain] = domains as [
    ZcomDomainRecord,
    ZcomDomainRecord,
    ZcomDomainRecord,
    ZcomDomainRecord,
  ];

  const emails: EmailRecord[] = [];
  const add = (d: ZcomDomainRecord, locals: string[], minutesFor: (i: number) => number) => {
    locals.forEach((local, i) => {
      const n = emails.length + 1;
      emails.push({
        dto: {
          domain_id: d.domain_id,
          email_id: emailIdFor(n),
          email: `${local}@${d.domain_name}`,
          username: usernameFor(n),
          total_usage: (n * 53) % 700,
          virus_check: true,
          spam_filter: true,
          spam_filter_type: "tray",
          forwarding_copy: true,
        },
        createdAt: d.createdAt + minutesFor(i) * 60_000,
        passwordHash: hashPassword(ZCOM_SEED_PASSWORD, seedSalt(String(n))),
      });
    });
  };
  add(demo, ["info", "support", "test-user"], (i) => 10 + i);
  // Every ten share a creation time, so create_date ordering must fall back to the address.
  const bigLocals = Array.from({ length: 120 }, (_, i) => `user-${String(i + 1).padStart(3, "0")}`);
  add(big, bigLocals, (i) => 10 + Math.floor(i / 10));
  add(jpDomain, ["sato-hanako", "suzuki-ichiro", "tanaka-yuki"], (i) => 10 + i);
  return { services, domains, emails };
}
