/**
 * The origins allowed to post to our auth endpoints and server actions: the configured app URL,
 * plus its localhost / 127.0.0.1 twin so a local install works whichever one the admin types.
 */
export function trustedOrigins(appUrl: string): string[] {
  const url = new URL(appUrl);
  const origins = [url.origin];
  const twin =
    url.hostname === "localhost" ? "127.0.0.1" : url.hostname === "127.0.0.1" ? "localhost" : null;
  if (twin) origins.push(`${url.protocol}//${twin}${url.port ? `:${url.port}` : ""}`);
  return origins;
}
