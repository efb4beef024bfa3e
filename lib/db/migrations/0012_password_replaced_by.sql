ALTER TABLE "job_row" ADD COLUMN "password_replaced_by" text;--> statement-breakpoint
-- A password reset or a delete that is done leaves every password another job still stores for
-- that mailbox useless: it no longer opens it. Such a password is dropped, and its row names the
-- job that replaced it, so no download ever hands it out. Only rows that ended in this
-- transaction count (finished_at is set to now() when a row ends): a later update of a done
-- row, such as its own download, replaces nothing. The drop is itself an update of job_row:
-- at trigger depth 1 only, or the dropped rows would be taken for replacements in turn. The
-- releasing of holds is as in 0011.
CREATE OR REPLACE FUNCTION job_row_release_holds() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE address_hold h SET released_at = now()
  WHERE h.row_id = ANY (ARRAY(
      SELECT n.id FROM ended_rows n
      WHERE n.state IN ('created', 'failed', 'skipped')
         OR (n.state = 'unconfirmed'
             AND EXISTS (SELECT 1 FROM job j WHERE j.id = n.job_id AND j.kind <> 'create'))))
    AND h.released_at IS NULL;
  IF pg_trigger_depth() = 1 AND EXISTS (
      SELECT 1 FROM job j
      WHERE j.id = ANY (ARRAY(SELECT DISTINCT n.job_id FROM ended_rows n
                              WHERE n.state = 'created' AND n.finished_at = now()))
        AND j.kind IN ('reset_password', 'delete')) THEN
    UPDATE job_row o SET password_enc = NULL, password_purged_at = now(),
      password_replaced_by = n.job_id
    FROM ended_rows n
    JOIN job j ON j.id = n.job_id AND j.kind IN ('reset_password', 'delete')
    JOIN job oj ON oj.provider = j.provider AND oj.domain_id = j.domain_id AND oj.id <> j.id
    WHERE n.state = 'created' AND n.finished_at = now()
      AND o.job_id = oj.id AND o.address IN (n.address, lower(n.address)) AND o.state = 'created'
      AND o.password_enc IS NOT NULL AND o.password_taken_at IS NULL;
  END IF;
  RETURN NULL;
END;
$$;
