import { read, utils, type WorkBook } from "@e965/xlsx";

// .xlsx workbooks, read as the text Excel displays. SheetJS keeps each cell's formatted text (`w`)
// next to its value: "00123" stays "00123" (a text cell, or a number formatted "00000"), a date
// reads as its format shows it rather than as a serial number, a formula as its cached value.
// Loaded only when a workbook is opened (a dynamic import), so the bulk page does not carry it.

/**
 * Excel's built-in short date (format 14) follows the reader's regional settings (2024/1/15 in
 * Japan, 2024-01-15 in Korea, 1/15/2024 in the US); SheetJS would write "1/15/24". ISO is the
 * one spelling no locale misreads. Dates with an explicit format keep theirs.
 */
const SHORT_DATE = "yyyy-mm-dd";

export interface OpenedWorkbook {
  /** Sheet names in workbook order; the first is the one Excel opens on. */
  sheets: string[];
  /** The sheet's cells as displayed text, one array per non-blank row; [] for an unknown name. */
  rows(sheet: string): string[][];
}

export function openWorkbook(bytes: Uint8Array): OpenedWorkbook {
  const book: WorkBook = read(bytes, { type: "array", dateNF: SHORT_DATE, cellHTML: false });
  return {
    sheets: [...book.SheetNames],
    rows(sheet) {
      const ws = book.Sheets[sheet];
      if (!ws) return [];
      return utils.sheet_to_json<string[]>(ws, {
        header: 1,
        raw: false,
        defval: "",
        blankrows: false,
        dateNF: SHORT_DATE,
      });
    },
  };
}

const NEEDS_QUOTES = /["\t\n\r]/;

/** Rows as tab-separated text, the shape a copy from Excel has; the paste parser reads it. */
export function rowsToTsv(rows: readonly (readonly string[])[]): string {
  return rows
    .map((cells) =>
      cells.map((c) => (NEEDS_QUOTES.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join("\t"),
    )
    .join("\n");
}
