CREATE TABLE "job_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"row_no" integer,
	"runner" text,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "job_part" (
	"job_id" text NOT NULL,
	"part_no" integer NOT NULL,
	"row_count" integer NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_part_job_id_part_no_pk" PRIMARY KEY("job_id","part_no")
);
--> statement-breakpoint
CREATE TABLE "job_row" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job_id" text NOT NULL,
	"row_no" integer NOT NULL,
	"input" jsonb NOT NULL,
	"local_part" text NOT NULL,
	"address" text NOT NULL,
	"first_name" text DEFAULT '' NOT NULL,
	"last_name" text DEFAULT '' NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"ambiguous_attempts" integer DEFAULT 0 NOT NULL,
	"absent_before" boolean DEFAULT false NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"claimed_by" text,
	"claimed_at" timestamp with time zone,
	"error_code" text,
	"error_message" text,
	"error_status" integer,
	"provider_code" text,
	"mailbox_id" text,
	"verified" boolean DEFAULT false NOT NULL,
	"password_enc" text,
	"password_generated" boolean DEFAULT false NOT NULL,
	"password_purged_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"change_seq" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job" (
	"id" text PRIMARY KEY NOT NULL,
	"submission_id" text NOT NULL,
	"provider" text NOT NULL,
	"domain" text NOT NULL,
	"domain_id" text NOT NULL,
	"created_by" text NOT NULL,
	"created_by_email" text NOT NULL,
	"state" text NOT NULL,
	"parts_total" integer NOT NULL,
	"rows_total" integer NOT NULL,
	"stop_code" text,
	"stop_message" text,
	"claimed_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"credentials_downloaded_at" timestamp with time zone,
	"retry_of" text
);
--> statement-breakpoint
CREATE TABLE "provider_pause" (
	"provider" text PRIMARY KEY NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "runner" (
	"id" text PRIMARY KEY NOT NULL,
	"host" text NOT NULL,
	"pid" integer NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "job_event" ADD CONSTRAINT "job_event_job_id_job_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."job"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_part" ADD CONSTRAINT "job_part_job_id_job_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."job"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_row" ADD CONSTRAINT "job_row_job_id_job_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."job"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "job_event_job_idx" ON "job_event" USING btree ("job_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "job_row_job_row_no_idx" ON "job_row" USING btree ("job_id","row_no");--> statement-breakpoint
CREATE UNIQUE INDEX "job_row_job_address_idx" ON "job_row" USING btree ("job_id","address");--> statement-breakpoint
CREATE INDEX "job_row_job_state_idx" ON "job_row" USING btree ("job_id","state","row_no");--> statement-breakpoint
CREATE INDEX "job_row_change_brin" ON "job_row" USING brin ("change_seq");--> statement-breakpoint
CREATE UNIQUE INDEX "job_submission_id_idx" ON "job" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "job_state_created_idx" ON "job" USING btree ("state","created_at");