-- Jobs of other kinds than creation (delete, reset passwords, edit names), and the link from an
-- undo (a delete job) to the creation job it undoes; its page finds the undo by this column.
ALTER TABLE "job" ADD COLUMN "kind" text DEFAULT 'create' NOT NULL;--> statement-breakpoint
ALTER TABLE "job" ADD COLUMN "undo_of" text;--> statement-breakpoint
ALTER TABLE "job" ADD CONSTRAINT "job_undo_of_job_id_fk" FOREIGN KEY ("undo_of") REFERENCES "public"."job"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "job_undo_of_idx" ON "job" USING btree ("undo_of");--> statement-breakpoint
ALTER TABLE "job" ADD CONSTRAINT "job_kind_check" CHECK ("job"."kind" in ('create', 'delete', 'reset_password', 'update_names'));