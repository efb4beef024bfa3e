import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { ProviderStatus } from "@/lib/providers/status";

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
      {status.mode === "sandbox" ? (
        <p className="mt-3 text-xs text-slate-500">
          Sandbox data is simulated on this machine; nothing is created at the provider. See the
          README to connect a real account.
        </p>
      ) : null}
    </Card>
  );
}
