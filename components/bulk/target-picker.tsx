"use client";

import { useTranslations } from "next-intl";
import type { ProviderId } from "@/lib/mailboxes/provider-id";

export interface ProviderDomains {
  id: ProviderId;
  label: string;
  sandbox: boolean;
  domains: string[];
  error?: string;
}

/** The provider and one of its domains (read from the provider on the server). */
export function TargetPicker({
  providers,
  provider,
  domain,
  onChange,
}: {
  providers: ProviderDomains[];
  provider: ProviderId;
  domain: string;
  onChange: (provider: ProviderId, domain: string) => void;
}) {
  const t = useTranslations("bulk.target");
  const current = providers.find((p) => p.id === provider);
  return (
    <div className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
      <label className="text-sm font-medium">
        {t("provider")}
        <select
          value={provider}
          onChange={(e) => onChange(e.target.value as ProviderId, "")}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-2"
        >
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.sandbox ? t("sandboxLabel", { provider: p.label }) : p.label}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium">
        {t("domain")}
        <select
          value={domain}
          onChange={(e) => onChange(provider, e.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-2"
          aria-describedby={current?.error ? "domain-error" : undefined}
        >
          <option value="">{t("chooseDomain")}</option>
          {current?.domains.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
        {current?.error ? (
          <span
            id="domain-error"
            role="alert"
            className="mt-1 block text-xs font-normal text-red-700"
          >
            {current.error}
          </span>
        ) : null}
      </label>
    </div>
  );
}
