"use client";

import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { FileOptions } from "./file-options";
import { useOpenedFile } from "./use-opened-file";

/**
 * How much of a pasted or opened list the text area shows. Laying out the whole of a 10,000-line
 * paste cost the browser ~300 ms; the rows are in the grid below anyway.
 */
const PREVIEW_CHARS = 20_000;

/**
 * A paste area that also takes a dropped or opened file: .csv, .tsv or .txt in whatever encoding
 * it was saved (detected, and changeable), or an .xlsx workbook.
 */
export function PasteInput({ onText }: { onText: (text: string) => void | Promise<void> }) {
  const t = useTranslations("bulk.paste");
  const id = useId();
  const [text, setText] = useState("");
  const [dragging, setDragging] = useState(false);
  // The whole list while the text area shows only its start; dropped once the admin types.
  const whole = useRef<string | undefined>(undefined);
  const [shortened, setShortened] = useState(false);

  const take = (content: string) => {
    const long = content.length > PREVIEW_CHARS;
    whole.current = long ? content : undefined;
    setShortened(long);
    setText(long ? `${content.slice(0, PREVIEW_CHARS)}\n…` : content);
    void onText(content);
  };

  const opened = useOpenedFile(take);

  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {t("label")}
      </label>
      <p id={`${id}-hint`} className="mt-0.5 text-xs text-slate-500">
        {t("hint")}
      </p>
      <textarea
        id={id}
        aria-describedby={`${id}-hint`}
        rows={6}
        value={text}
        onChange={(e) => {
          opened.forget();
          whole.current = undefined;
          setShortened(false);
          setText(e.target.value);
        }}
        onPaste={(e) => {
          const pasted = e.clipboardData.getData("text");
          if (pasted) {
            e.preventDefault();
            opened.forget();
            take(pasted);
          }
        }}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void opened.open(e.dataTransfer.files[0]);
        }}
        className={`mt-1 block w-full rounded-md border px-3 py-2 font-mono text-xs ${dragging ? "border-blue-600 bg-blue-50" : "border-slate-300"}`}
      />
      {shortened ? <p className="mt-1 text-xs text-slate-500">{t("shortened")}</p> : null}
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <Button
          type="button"
          variant="secondary"
          onClick={() => void onText(whole.current ?? text)}
          disabled={!text.trim()}
        >
          {t("read")}
        </Button>
        <label className="cursor-pointer rounded-md px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50">
          {t("open")}
          <input
            type="file"
            accept=".csv,.tsv,.txt,.xlsx,text/csv,text/tab-separated-values,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="sr-only"
            onChange={(e) => {
              void opened.open(e.target.files?.[0]);
              // The same file again (after a fix in Excel) is a change too.
              e.target.value = "";
            }}
          />
        </label>
      </div>
      {opened.file ? (
        <FileOptions
          file={opened.file}
          onEncoding={(encoding) => void opened.setEncoding(encoding)}
          onSheet={(sheet) => void opened.setSheet(sheet)}
        />
      ) : null}
      {opened.problem ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {opened.problem ? t(opened.problem.key, opened.problem.params) : null}
        </p>
      ) : null}
    </div>
  );
}
