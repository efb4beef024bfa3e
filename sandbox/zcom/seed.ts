import { deterministicHex, deterministicUuid } from "../core/ids";
import type { ZcomIdFormat } from "../core/profile";
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

type IdKind = "service" | "domain" | "email";

/** Numeric ids: each kind in its own range, so a domain id is never also an email id. */
const NUMERIC_BASE: Record<IdKind, number> = { service: 1000, domain: 2000, email: 100_000 };
/** Default (hex) lengths match the provider's examples: 20 for services and domains, 32 for emails. */
const HEX_LENGTH: Record<IdKind, number> = { service: 20, domain: 20, email: 32 };

/**
 * The n-th id of a kind in a format (the idFormat variation): `hex` (default), `numeric`
 * strings, `uuid`s, or `short` 9-hex strings like the docs' "08e16a49a".
 */
export function zcomId(kind: IdKind, n: number, format: ZcomIdFormat = "hex"): string {
  const namespace = kind === "email" ? EMAIL_ID_NAMESPACE : `zcom:${kind}`;
  switch (format) {
    case "numeric":
      return String(NUMERIC_BASE[kind] + n);
    case "uuid":
      return deterministicUuid(namespace, n);
    case "short":
      return deterministicHex(namespace, n, 9);
    default:
      return deterministicHex(namespace, n, HEX_LENGTH[kind]);
  }
}

export const emailIdFor = (n: number, format: ZcomIdFormat = "hex") => zcomId("email", n, format);
export const usernameFor = (n: number) => `paasmail_${String(n).padStart(8, "0")}`;

const cached = new Map<ZcomIdFormat, ZcomSeed>();

/**
 * The seed, built once per process and id format (hashing 126 passwords is the slow part) and
 * copied on each reset; the same ids and hashes on every run.
 */
export function zcomSeed(format: ZcomIdFormat = "hex"): ZcomSeed {
  let seed = cached.get(format);
  if (!seed) {
    seed = buildSeed(format);
    cached.set(format, seed);
  }
  return {
    services: seed.services.map((s) => ({ ...s })),
    domains: seed.domains.map((d) => ({ ...d })),
    emails: seed.emails.map((e) => ({ ...e, dto: { ...e.dto } })),
  };
}

function buildSeed(format: ZcomIdFormat): ZcomSeed {
  const service = (n: number, name: string): ServiceRecord => ({
    service_id: zcomId("service", n, format),
    service_name: name,
    status: "active",
    createdAt: BASE + n * 60_000,
  });
  const services = [service(1, "sandbox-mail"), service(2, "sandbox-mail-jp")];
  const [main, jp] = services as [ServiceRecord, ServiceRecord];
  const domain = (n: number, name: string, owner: ServiceRecord): ZcomDomainRecord => ({
    service_id: owner.service_id,
    domain_id: zcomId("domain", n, format),
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
          email_id: emailIdFor(n, format),
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
