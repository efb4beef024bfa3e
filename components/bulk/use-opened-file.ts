"use client";

import { useRef, useState } from "react";
import type { EncodingId } from "@/lib/import/encodings";
import type { DetectedBy } from "@/lib/import/decode";
import { fileKind, type FileKind } from "@/lib/import/file-kind";
import type { OpenedWorkbook } from "@/lib/import/xlsx";

/** Why a file could not be opened: a key of the "bulk.paste" catalog group and its values. */
export interface FileProblem {
  key: "oldExcel" | "notWorkbook" | "unreadable";
  params: { name: string };
}

// An opened file, kept so the admin can read it again another way: a text file in another
// encoding, a workbook on another sheet. The detector and the .xlsx reader load on first use
// (dynamic imports), so the bulk page's first load carries neither.

export type OpenedFile =
  | {
      kind: "text";
      name: string;
      bytes: Uint8Array;
      encoding: EncodingId;
      detected: EncodingId;
      by: DetectedBy;
    }
  | { kind: "xlsx"; name: string; book: OpenedWorkbook; sheet: string };

const loadDecoder = () => import("@/lib/import/decode");
const loadXlsx = () => import("@/lib/import/xlsx");

export function useOpenedFile(take: (text: string) => void) {
  const [file, setFile] = useState<OpenedFile>();
  const [problem, setProblem] = useState<FileProblem>();
  // A file opened while another is still being read wins; the older one is dropped.
  const latest = useRef(0);

  const open = async (picked: File | undefined) => {
    if (!picked) return;
    const ticket = ++latest.current;
    setProblem(undefined);
    let kind: FileKind = "text";
    try {
      const bytes = new Uint8Array(await picked.arrayBuffer());
      kind = fileKind(picked.name, bytes);
      if (kind === "xls") {
        if (ticket !== latest.current) return;
        setFile(undefined);
        setProblem({ key: "oldExcel", params: { name: picked.name } });
        return;
      }
      if (kind === "xlsx") {
        const { openWorkbook, rowsToTsv } = await loadXlsx();
        const book = openWorkbook(bytes);
        const sheet = book.sheets[0] ?? "";
        if (ticket !== latest.current) return;
        setFile({ kind: "xlsx", name: picked.name, book, sheet });
        take(rowsToTsv(book.rows(sheet)));
        return;
      }
      const { decodeFile } = await loadDecoder();
      const { encoding, by, text } = decodeFile(bytes);
      if (ticket !== latest.current) return;
      setFile({ kind: "text", name: picked.name, bytes, encoding, detected: encoding, by });
      take(text);
    } catch {
      if (ticket !== latest.current) return;
      setFile(undefined);
      setProblem({
        key: kind === "xlsx" ? "notWorkbook" : "unreadable",
        params: { name: picked.name },
      });
    }
  };

  const setEncoding = async (encoding: EncodingId) => {
    if (file?.kind !== "text") return;
    const { decodeAs } = await loadDecoder();
    setFile({ ...file, encoding });
    take(decodeAs(file.bytes, encoding));
  };

  const setSheet = async (sheet: string) => {
    if (file?.kind !== "xlsx") return;
    const { rowsToTsv } = await loadXlsx();
    setFile({ ...file, sheet });
    take(rowsToTsv(file.book.rows(sheet)));
  };

  /** The admin typed or pasted over the file's text: it no longer stands for the file. */
  const forget = () => {
    latest.current++;
    setFile(undefined);
    setProblem(undefined);
  };

  return { file, problem, open, setEncoding, setSheet, forget };
}
