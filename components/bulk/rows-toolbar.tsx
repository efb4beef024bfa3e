"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { Pattern } from "@/lib/mailboxes/derive";

const PATTERNS: { id: string; label: string; pattern: Pattern }[] = [
  { id: "first.last", label: "first.last", pattern: "first.last" },
  { id: "f.last", label: "f.last", pattern: "f.last" },
  { id: "firstlast", label: "firstlast", pattern: "firstlast" },
  { id: "first", label: "first", pattern: "first" },
];

/** The pattern local parts are made with: a built-in one or a custom template. */
export function usePattern() {
  const [patternId, setPatternId] = useState("first.last");
  const [custom, setCustom] = useState("{first}.{last}");
  const pattern: Pattern =
    patternId === "custom" ? { custom } : PATTERNS.find((p) => p.id === patternId)!.pattern;
  return { patternId, setPatternId, custom, setCustom, pattern };
}

/** Above the grid: the pattern, applying it, and (Z.com) passwords. */
export function RowsToolbar({
  pattern,
  onApply,
  passwords,
}: {
  pattern: ReturnType<typeof usePattern>;
  onApply: () => void;
  /** Z.com only. */
  passwords?: { shown: boolean; onToggle: () => void; onGenerate: () => void } | undefined;
}) {
  const t = useTranslations("bulk.toolbar");
  return (
    <div className="flex flex-wrap items-end gap-2 text-sm">
      <label>
        <span className="block text-xs text-slate-600">{t("pattern")}</span>
        <select
          value={pattern.patternId}
          onChange={(e) => pattern.setPatternId(e.target.value)}
          className="rounded-md border border-slate-300 px-2 py-1.5"
        >
          {PATTERNS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          <option value="custom">{t("custom")}</option>
        </select>
      </label>
      {pattern.patternId === "custom" ? (
        <label>
          <span className="block text-xs text-slate-600">
            {t("template", { fields: "{first} {last} {f} {l}" })}
          </span>
          <input
            value={pattern.custom}
            onChange={(e) => pattern.setCustom(e.target.value)}
            className="rounded-md border border-slate-300 px-2 py-1.5"
          />
        </label>
      ) : null}
      <Button type="button" variant="secondary" onClick={onApply}>
        {t("apply")}
      </Button>
      {passwords ? (
        <>
          <Button type="button" variant="secondary" onClick={passwords.onGenerate}>
            {t("generate")}
          </Button>
          <Button
            type="button"
            variant="ghost"
            aria-pressed={passwords.shown}
            onClick={passwords.onToggle}
          >
            {passwords.shown ? t("hidePasswords") : t("showPasswords")}
          </Button>
        </>
      ) : null}
    </div>
  );
}
