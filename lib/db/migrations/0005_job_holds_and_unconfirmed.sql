CREATE TABLE "address_hold" (
	"provider" text NOT NULL,
	"domain_id" text NOT NULL,
	"address" text NOT NULL,
	"job_id" text NOT NULL,
	"row_id" bigint NOT NULL,
	"held_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_at" timestamp with time zone,
	CONSTRAINT "address_hold_provider_domain_id_address_pk" PRIMARY KEY("provider","domain_id","address")
);
--> statement-breakpoint
ALTER TABLE "job_row" ADD COLUMN "uncertain_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "job_row" ADD COLUMN "ambiguous_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "job_row" ADD COLUMN "absent_then_fail" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "job_row" ADD COLUMN "held_by_job" text;--> statement-breakpoint
ALTER TABLE "job_row" ADD COLUMN "superseded_by" text;--> statement-breakpoint
ALTER TABLE "job_row" ADD COLUMN "inherited_from" text;--> statement-breakpoint
ALTER TABLE "job_row" ADD COLUMN "password_lost" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "job_row" ADD COLUMN "password_taken_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "job" ADD COLUMN "preflight_failing_since" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "address_hold_row_idx" ON "address_hold" USING btree ("row_id");--> statement-breakpoint
-- A row that ends (created, failed, skipped) lets go of its address, whichever statement ended it.
-- An unconfirmed row keeps it: the mailbox may exist from it.
CREATE FUNCTION job_row_release_hold() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE address_hold SET released_at = now() WHERE row_id = NEW.id AND released_at IS NULL;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER job_row_release_hold
  AFTER UPDATE OF state ON "job_row"
  FOR EACH ROW
  WHEN (NEW.state IN ('created', 'failed', 'skipped') AND OLD.state IS DISTINCT FROM NEW.state)
  EXECUTE FUNCTION job_row_release_hold();
