import { getFormatter, getTranslations } from "next-intl/server";
import type { createFormatter, createTranslator } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { decodeMessage } from "@/lib/i18n/coded";
import { Card } from "@/components/ui/card";
import type { ProviderStatus } from "@/lib/providers/status";
import type { ProviderLoad } from "@/lib/limits";

type CardT = ReturnType<typeof createTranslator<IntlMessages, "providerCard">>;
type Formatter = ReturnType<typeof createFormatter>;
type IntlMessages = typeof import("@/messages/en.json");

/** "6 in flight of 8; slowed by 429 from the provider 2 minutes ago", in the reader's locale. */
export function describeLoad(load: ProviderLoad, now: number, t: CardT, format: Formatter): string {
  let text = t("inFlight", { inFlight: load.inFlight, limit: load.limit });
  if (load.limit < load.max) text += ` ${t("atMost", { max: load.max })}`;
  if (load.perSecond) text += `, ${t("perSecond", { perSecond: load.perSecond })}`;
  if (load.slowedAt !== null && now - load.slowedAt < 60 * 60_000) {
    const ago = format.relativeTime(load.slowedAt, now);
    // The limiter's note is a code ("429 from the provider"); a note stored as text by an older
    // version is shown as it is.
    const code = load.slowedReason ? decodeMessage(load.slowedReason) : null;
    const param = (name: string) => Number(code?.params?.[name] ?? 0);
    const reason =
      code?.key === "providerCard.slowThrottled"
        ? t("slowThrottled", { status: param("status") })
        : code?.key === "providerCard.slowLatency"
          ? t("slowLatency", { ms: param("ms"), baselineMs: param("baselineMs") })
          : load.slowedReason;
    text += `; ${reason ? t("slowedBy", { reason, ago }) : t("slowed", { ago })}`;
  }
  return text;
}

/** The probe's own reasons are codes; a provider's message is shown as it said it. */
function wordReason(reason: string, t: CardT): string {
  const key = decodeMessage(reason)?.key;
  if (key === "providerCard.noAnswer") return t("noAnswer");
  if (key === "providerCard.refused") return t("refused");
  if (key === "providerCard.noPermission") return t("noPermission");
  return reason;
}

export async function ProviderStatusCard({ status }: { status: ProviderStatus }) {
  const [t, format] = await Promise.all([getTranslations("providerCard"), getFormatter()]);
  const headingId = `provider-${status.id}`;
  const { health } = status;
  return (
    <Card aria-labelledby={headingId}>
      <div className="flex items-start justify-between gap-3">
        <h2 id={headingId} className="text-lg font-semibold">
          {status.label}
        </h2>
        {status.mode === "sandbox" ? (
          <Badge tone="info">{t("sandbox")}</Badge>
        ) : (
          <Badge tone="neutral">{t("real")}</Badge>
        )}
      </div>
      <p className="mt-1 font-mono text-xs text-slate-500">{status.endpoint}</p>
      <p className="mt-4 flex items-center gap-2 text-sm">
        {health.answers === true ? (
          <>
            <Badge tone="success">{t("answers")}</Badge>
            <span className="text-slate-600">
              {t("domainsAndLatency", { count: health.domainCount, ms: health.latencyMs })}
            </span>
          </>
        ) : health.answers === "busy" ? (
          <>
            <Badge tone="warning">{t("busy", { status: health.status })}</Badge>
            <span className="text-slate-700">
              {health.retryAfterSeconds !== undefined
                ? t("busyTextWait", { seconds: health.retryAfterSeconds })
                : t("busyText")}
            </span>
          </>
        ) : (
          <>
            <Badge tone="danger">{t("notAnswering")}</Badge>
            {/* The provider's own words (or the probe's), as it said them. */}
            <span className="text-slate-700">{wordReason(health.reason, t)}</span>
          </>
        )}
      </p>
      <p className="mt-2 text-sm text-slate-600" data-testid={`load-${status.id}`}>
        <span className="text-slate-500">{t("requests")} </span>
        {describeLoad(status.load, status.readAt, t, format)}
        {status.load.shared ? "" : ` ${t("thisProcess")}`}
      </p>
      {status.mode === "sandbox" ? (
        <p className="mt-3 text-xs text-slate-500">{t("sandboxNote")}</p>
      ) : null}
    </Card>
  );
}
