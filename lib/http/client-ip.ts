import "server-only";
import { CLIENT_IP_HEADER, clientIpIsStamped, normalizeIp } from "./forwarded";

/**
 * The client's address for this request, as our HTTP server decided it (lib/http/forwarded.ts),
 * or null when the app runs without that server (`next dev`): then no header is believable.
 */
export function clientIp(headers: Headers | null | undefined): string | null {
  if (!headers || !clientIpIsStamped()) return null;
  return normalizeIp(headers.get(CLIENT_IP_HEADER));
}
