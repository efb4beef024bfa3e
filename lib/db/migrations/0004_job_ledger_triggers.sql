-- Every change to a job row takes the next number of one sequence, so "rows changed since cursor
-- N" is an index range scan, whichever process or statement made the change.
CREATE SEQUENCE job_row_change_seq;
--> statement-breakpoint
CREATE FUNCTION job_row_bump_change_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.change_seq := nextval('job_row_change_seq');
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER job_row_change_seq
  BEFORE INSERT OR UPDATE ON "job_row"
  FOR EACH ROW EXECUTE FUNCTION job_row_bump_change_seq();
--> statement-breakpoint
-- A job's history is append-only, like the audit trail. Deleting a whole job (cascade) is allowed.
CREATE FUNCTION job_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'job_event is append-only (% refused)', TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER job_event_append_only
  BEFORE UPDATE ON "job_event"
  FOR EACH ROW EXECUTE FUNCTION job_event_is_append_only();
