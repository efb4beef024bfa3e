import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { ProviderStatus } from "@/lib/providers/status";
import type { ProviderLoad } from "@/lib/limits";

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "2 min ago", "45 s ago", "3 h ago". */
function ago(at: number, now: number): string {
  const seconds = Math.round((at - now) / 1000);
  if (seconds > -60) return relative.format(seconds, "second");
  if (seconds > -3600) return relative.format(Math.round(seconds / 60), "minute");
  return relative.format(Math.round(seconds / 3600), "hour");
}

/** "6 in flight of 8; slowed by 429 from the provider 2 min ago (limit now 4)". */
export function describeLoad(load: ProviderLoad, now: number): string {
  let text = `${load.inFlight} in flight of ${load.limit}`;
  if (load.limit < load.max) text += ` (at most ${load.max})`;
  if (load.perSecond) text += `, at most ${load.perSecond} per second`;
  if (load.slowedAt !== null && now - load.slowedAt < 60 * 60_000) {
    const why = load.slowedReason ? ` by ${load.slowedReason}` : "";
    text += `; slowed${why} ${ago(load.slowedAt, now)}`;
  }
  return text;
}

export function ProviderStatusCard({ status }: { status: ProviderStatus }) {
  const headingId = `provider-${status.id}`;
  const { health } = status;
  return (
    <Card aria-labelledby={headingId}>
      <div className="flex items-start justify-between gap-3">
        <h2 id={headingId} className="text-lg font-semibold">
          {status.label}
        </h2>
        {status.mode === "sandbox" ? (
          <Badge tone="info">Built-in sandbox</Badge>
        ) : (
          <Badge tone="neutral">Real account</Badge>
        )}
      </div>
      <p className="mt-1 font-mono text-xs text-slate-500">{status.endpoint}</p>
      <p className="mt-4 flex items-center gap-2 text-sm">
        {health.answers === true ? (
          <>
            <Badge tone="success">✓ Answers</Badge>
            <span className="text-slate-600">
              {health.domainCount} {health.domainCount === 1 ? "domain" : "domains"} ·{" "}
              {health.latencyMs} ms
            </span>
          </>
        ) : health.answers === "busy" ? (
          <>
            <Badge tone="warning">Busy ({health.status})</Badge>
            <span className="text-slate-700">
              It answers, but is limiting how often we may ask
              {health.retryAfterSeconds !== undefined
                ? ` (it asked us to wait ${health.retryAfterSeconds} s)`
                : ""}
              . Jobs wait and go on by themselves.
            </span>
          </>
        ) : (
          <>
            <Badge tone="danger">✕ Not answering</Badge>
            <span className="text-slate-700">{health.reason}</span>
          </>
        )}
      </p>
      <p className="mt-2 text-sm text-slate-600" data-testid={`load-${status.id}`}>
        <span className="text-slate-500">Requests: </span>
        {describeLoad(status.load, status.readAt)}
        {status.load.shared ? "" : " (this process)"}
      </p>
      {status.mode === "sandbox" ? (
        <p className="mt-3 text-xs text-slate-500">
          Sandbox data is simulated on this machine; nothing is created at the provider. See the
          README to connect a real account.
        </p>
      ) : null}
    </Card>
  );
}
