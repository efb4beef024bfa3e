import { z } from "zod";
import { MAX_ROWS_PER_JOB, rowListSchema } from "@/lib/mailboxes/schema";

/**
 * What the bulk page sends: a job in parts of at most PART_MAX_ROWS rows, each part idempotent by
 * its number, all tied together by a submission id the browser generates (a double submit finds
 * the same job). Isomorphic: the page validates a part with the same schema before sending it.
 */
export const PART_MAX_ROWS = 10_000;
export const JOB_MAX_ROWS = MAX_ROWS_PER_JOB;
export const JOB_MAX_PARTS = Math.ceil(JOB_MAX_ROWS / PART_MAX_ROWS);

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
  partsTotal: z
    .int()
    .min(1)
    .max(JOB_MAX_PARTS, {
      error: `At most ${JOB_MAX_ROWS.toLocaleString("en")} rows per job; split the list`,
    }),
  rowsTotal: z
    .int()
    .min(1)
    .max(JOB_MAX_ROWS, {
      error: `At most ${JOB_MAX_ROWS.toLocaleString("en")} rows per job; split the list`,
    }),
  /** The job whose failed rows this one re-submits: its id, checked again on the server. */
  retryOf: z.uuid({ error: "Not a job this list can retry" }).optional(),
};

export const jobPartSchema = z
  .discriminatedUnion("provider", [
    z.object({
      ...base,
      provider: z.literal("hybridbox"),
      rows: rowListSchema("hybridbox", PART_MAX_ROWS).element.extend(extras).array(),
    }),
    z.object({
      ...base,
      provider: z.literal("zcom"),
      rows: rowListSchema("zcom", PART_MAX_ROWS).element.extend(extras).array(),
    }),
  ])
  .superRefine((part, ctx) => {
    if (part.partNo >= part.partsTotal) {
      ctx.addIssue({ code: "custom", path: ["partNo"], message: "Part number out of range" });
    }
    // Re-check the whole part as a list: size and duplicates, with messages on the rows.
    const list = rowListSchema(part.provider, PART_MAX_ROWS).safeParse(
      part.rows.map(({ skip: _skip, source: _source, ...row }) => row),
    );
    if (!list.success)
      for (const issue of list.error.issues)
        ctx.addIssue({ ...issue, path: ["rows", ...issue.path] } as never);
  });

export type JobPartInput = z.input<typeof jobPartSchema>;
export type JobPart = z.output<typeof jobPartSchema>;
export type SubmittedRow = JobPart["rows"][number];
