"use client";

import { useId, type InputHTMLAttributes, type ReactNode } from "react";
import { useMessageText } from "@/components/i18n/use-message-text";

/**
 * A labelled input with its error under it (a code from a shared schema is worded in the reader's
 * locale): `aria-invalid` and `aria-describedby` tie the message
 * to the field, so a screen reader reads it and tests can find the field by its label.
 */
export function Field({
  label,
  error,
  hint,
  className = "",
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: ReactNode; error?: string; hint?: string }) {
  const text = useMessageText();
  error = text(error);
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ");
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm aria-invalid:border-red-600 aria-invalid:ring-1 aria-invalid:ring-red-600"
        {...input}
      />
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A form-level message, announced when it appears. */
export function FormMessage({
  tone = "error",
  children,
}: {
  tone?: "error" | "success";
  children?: ReactNode;
}) {
  return (
    <div aria-live="polite" role={tone === "error" ? "alert" : "status"}>
      {children ? (
        <p
          className={
            tone === "error"
              ? "rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200"
              : "rounded-md bg-green-50 px-3 py-2 text-sm text-green-800 ring-1 ring-green-200"
          }
        >
          {children}
        </p>
      ) : null}
    </div>
  );
}
