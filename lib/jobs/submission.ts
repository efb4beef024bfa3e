import { z } from "zod";
import { addDuplicateIssues, MAX_ROWS_PER_JOB, rowSchema } from "@/lib/mailboxes/schema";

/**
 * What the bulk page sends: a job in parts of at most PART_MAX_ROWS rows AND PART_MAX_BYTES bytes
 * (a wide spreadsheet makes big rows), each part idempotent by its number and placed in the list
 * by its first row, all tied together by a submission id the browser generates (a double submit
 * finds the same job). Isomorphic: the page validates a part with the same schema before sending.
 */
export const PART_MAX_ROWS = 10_000;
/**
 * A part as sent is at most this many bytes; next.config.mjs lets server actions read bodies a
 * little larger (React's encoding) and no more, since a body is read before the session is checked.
 */
export const PART_MAX_BYTES = 1_500_000;
export const JOB_MAX_PARTS = 100;
/** Room for the part's own fields around its rows (ids, domain, counts). */
const PART_ENVELOPE_BYTES = 1_024;

/** The row's own cells as pasted (minus any password), for "download the failed rows as input". */
const sourceSchema = z
  .record(z.string().max(100), z.string().max(1_000))
  .refine((r) => Object.keys(r).length <= 50, "At most 50 columns")
  .optional();

const extras = { skip: z.boolean().optional(), source: sourceSchema };

const base = {
  submissionId: z.uuid({ error: "A submission id must be a UUID" }),
  domain: z.string().trim().min(1, "Choose a domain").max(253),
  partNo: z.int().min(0),
  /** Where the part's rows start in the whole list (parts split by size differ in length). */
  firstRow: z.int().min(0).optional(),
  partsTotal: z
    .int()
    .min(1)
    .max(JOB_MAX_PARTS, {
      error: `At most ${MAX_ROWS_PER_JOB.toLocaleString("en")} rows per job; split the list`,
    }),
  rowsTotal: z
    .int()
    .min(1)
    .max(MAX_ROWS_PER_JOB, {
      error: `At most ${MAX_ROWS_PER_JOB.toLocaleString("en")} rows per job; split the list`,
    }),
  /** The job whose failed rows this one re-submits: its id, checked again on the server. */
  retryOf: z.uuid({ error: "Not a job this list can retry" }).optional(),
};

const PART_SIZE = {
  min: [1, "Add at least one mailbox"],
  max: [PART_MAX_ROWS, `At most ${PART_MAX_ROWS.toLocaleString("en")} rows per part`],
} as const;

export const jobPartSchema = z
  .discriminatedUnion("provider", [
    z.object({
      ...base,
      provider: z.literal("hybridbox"),
      rows: rowSchema("hybridbox")
        .extend(extras)
        .array()
        .min(...PART_SIZE.min)
        .max(...PART_SIZE.max),
    }),
    z.object({
      ...base,
      provider: z.literal("zcom"),
      rows: rowSchema("zcom")
        .extend(extras)
        .array()
        .min(...PART_SIZE.min)
        .max(...PART_SIZE.max),
    }),
  ])
  .superRefine((part, ctx) => {
    if (part.partNo >= part.partsTotal) {
      ctx.addIssue({ code: "custom", path: ["partNo"], message: "Part number out of range" });
    }
    if (part.firstRow !== undefined && part.firstRow + part.rows.length > part.rowsTotal) {
      ctx.addIssue({ code: "custom", path: ["firstRow"], message: "Part runs past the list" });
    }
    // Each row was checked above; across rows, no local part twice (on every row involved).
    addDuplicateIssues(part.rows, ctx, ["rows"]);
  });

export type JobPartInput = z.input<typeof jobPartSchema>;
export type JobPart = z.output<typeof jobPartSchema>;
export type SubmittedRow = JobPart["rows"][number];

/** The list position of a part's first row (parts without one are PART_MAX_ROWS apart). */
export function firstRowOf(part: Pick<JobPart, "firstRow" | "partNo">): number {
  return part.firstRow ?? part.partNo * PART_MAX_ROWS;
}

const utf8 = new TextEncoder();

/** A row's share of a part as sent: its JSON, a comma, and a byte per string for escaping. */
export function rowWireBytes(row: unknown): number {
  const json = JSON.stringify(row);
  return utf8.encode(json).length + 1 + (json.match(/":"/g)?.length ?? 0);
}

/**
 * The list in parts of at most PART_MAX_ROWS rows and PART_MAX_BYTES bytes each (with the part's
 * envelope), in order; each part knows its first row.
 */
export function splitIntoParts<T>(
  rows: readonly T[],
  limits: { maxRows?: number; maxBytes?: number } = {},
): { firstRow: number; rows: T[] }[] {
  const maxRows = limits.maxRows ?? PART_MAX_ROWS;
  const budget = (limits.maxBytes ?? PART_MAX_BYTES) - PART_ENVELOPE_BYTES;
  const parts: { firstRow: number; rows: T[] }[] = [];
  let current: T[] = [];
  let bytes = 0;
  let firstRow = 0;
  rows.forEach((row, index) => {
    const size = rowWireBytes(row);
    if (current.length > 0 && (current.length >= maxRows || bytes + size > budget)) {
      parts.push({ firstRow, rows: current });
      current = [];
      bytes = 0;
      firstRow = index;
    }
    current.push(row);
    bytes += size;
  });
  if (current.length > 0) parts.push({ firstRow, rows: current });
  return parts;
}
