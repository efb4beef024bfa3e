import { BlockList, isIP } from "node:net";
import type { IncomingMessage } from "node:http";

/**
 * The client's address, decided once per request by our HTTP server (scripts/serve-next.ts)
 * before Next sees the request: the socket's peer, unless the peer is a configured trusted proxy
 * (TRUSTED_PROXY), in which case X-Forwarded-For is read from the right, past every trusted hop.
 * A client's own X-Forwarded-For is never believed. The result travels in CLIENT_IP_HEADER,
 * which the server always overwrites; lib/http/client-ip.ts reads it. No server-only: the
 * server script runs outside Next.
 */
export const CLIENT_IP_HEADER = "x-mbc-client-ip";

/** Marks this process as one whose requests carry a CLIENT_IP_HEADER our server set. */
const MARK = "__mailboxClientIpStamped";

export function markClientIpStamped(): void {
  (globalThis as Record<string, unknown>)[MARK] = true;
}

export function clientIpIsStamped(): boolean {
  return (globalThis as Record<string, unknown>)[MARK] === true;
}

/** `::ffff:192.0.2.1` → `192.0.2.1`; anything that is not an address → null. */
export function normalizeIp(value: string | undefined | null): string | null {
  if (!value) return null;
  let ip = value.trim();
  if (ip.startsWith("[") && ip.endsWith("]")) ip = ip.slice(1, -1);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) ip = mapped[1]!;
  return isIP(ip) ? ip.toLowerCase() : null;
}

/**
 * TRUSTED_PROXY: addresses and CIDR ranges, comma-separated (`127.0.0.1, 10.0.0.0/8, ::1`).
 * Throws on an entry that is neither, naming it.
 */
export function parseTrustedProxies(list: string | undefined): BlockList {
  const trusted = new BlockList();
  for (const raw of (list ?? "").split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address, prefix, extra] = entry.split("/");
    const ip = normalizeIp(address);
    const type = ip && isIP(ip) === 6 ? "ipv6" : "ipv4";
    const bits = prefix === undefined ? (type === "ipv6" ? 128 : 32) : Number(prefix);
    if (
      !ip ||
      extra !== undefined ||
      (prefix !== undefined && !/^\d{1,3}$/.test(prefix)) ||
      bits > (type === "ipv6" ? 128 : 32)
    ) {
      throw new Error(`"${entry}" is not an IP address or CIDR range`);
    }
    trusted.addSubnet(ip, bits, type);
  }
  return trusted;
}

function isTrusted(trusted: BlockList, ip: string): boolean {
  return trusted.check(ip, isIP(ip) === 6 ? "ipv6" : "ipv4");
}

/**
 * The client: the peer itself unless it is trusted; then the right-most X-Forwarded-For entry
 * that is not a trusted proxy (each proxy appends the address it received from). When every hop
 * is trusted, the left-most. An unreadable entry ends the walk at the hop that sent it.
 */
export function resolveClientIp(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: BlockList,
): string | null {
  let current = normalizeIp(peer);
  if (!current || !isTrusted(trusted, current)) return current;
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = normalizeIp(chain[i]);
    if (!hop) return current;
    current = hop;
    if (!isTrusted(trusted, hop)) return hop;
  }
  return current;
}

/** Overwrites the request's client-address headers with what we decided (see above). */
export function stampClientIp(request: IncomingMessage, trusted: BlockList): string | null {
  const ip = resolveClientIp(
    request.socket.remoteAddress,
    request.headers["x-forwarded-for"],
    trusted,
  );
  delete request.headers[CLIENT_IP_HEADER];
  delete request.headers["x-real-ip"];
  delete request.headers["forwarded"];
  if (ip) {
    request.headers[CLIENT_IP_HEADER] = ip;
    request.headers["x-forwarded-for"] = ip;
  } else {
    delete request.headers["x-forwarded-for"];
  }
  return ip;
}
