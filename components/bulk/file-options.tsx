"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import type { DetectedBy } from "@/lib/import/decode";
import { ENCODINGS, encodingLabel, isEncodingId, type EncodingId } from "@/lib/import/encodings";
import type { OpenedFile } from "./use-opened-file";

// Plain ASCII is valid in every one of them: for UTF-8, "valid" is all a strict decode proves.
const howFound = (encoding: EncodingId, by: DetectedBy) =>
  by === "strict" && encoding === "utf-8" ? "allValid" : by === "zero-bytes" ? "zeroBytes" : by;

const SELECT = "mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/**
 * The opened file's name and how it was read, with the control to read it another way: the
 * encoding of a text file (the detected one first), the sheet of a workbook with several.
 */
export function FileOptions({
  file,
  onEncoding,
  onSheet,
}: {
  file: OpenedFile;
  onEncoding: (encoding: EncodingId) => void;
  onSheet: (sheet: string) => void;
}) {
  const t = useTranslations("bulk.file");
  const noteId = useId();
  return (
    <div
      role="group"
      aria-label={t("group")}
      className="mt-2 flex flex-wrap items-end gap-x-4 gap-y-2 rounded-md bg-slate-100 px-3 py-2 text-sm"
    >
      <p className="self-center font-medium break-all text-slate-800">{file.name}</p>
      {file.kind === "text" ? (
        <>
          <label className="font-medium text-slate-800">
            {t("encoding")}
            <select
              value={file.encoding}
              aria-describedby={noteId}
              onChange={(e) => {
                if (isEncodingId(e.target.value)) onEncoding(e.target.value);
              }}
              className={SELECT}
            >
              {ENCODINGS.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.label}
                </option>
              ))}
            </select>
          </label>
          <p id={noteId} aria-live="polite" className="self-center text-xs text-slate-600">
            {t("detected", {
              encoding: encodingLabel(file.detected),
              how: howFound(file.detected, file.by),
              readAs: file.encoding === file.detected ? "same" : encodingLabel(file.encoding),
            })}
          </p>
        </>
      ) : file.book.sheets.length > 1 ? (
        <label className="font-medium text-slate-800">
          {t("sheet")}
          <select value={file.sheet} onChange={(e) => onSheet(e.target.value)} className={SELECT}>
            {file.book.sheets.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p className="self-center text-xs text-slate-600">
          {t("sheetNamed", { sheet: file.sheet })}
        </p>
      )}
    </div>
  );
}
