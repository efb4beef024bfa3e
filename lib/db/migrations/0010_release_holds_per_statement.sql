-- A row that ends (created, failed, skipped) lets go of its address, whichever statement ended it
-- (0005). That trigger ran once per row, an UPDATE of its own each time: half of what settling a
-- 10,000-row Hybridbox job cost on the embedded database. Now once per statement, over the rows
-- the statement left ended. The holds are found by `row_id = any(array(…))`, an index probe per
-- ended row, so the plan does not hang on statistics the transition table does not have (a join
-- planned without them was slower than the per-row trigger). A row that was already ended keeps
-- no hold of its own to release (holds are taken by pending and waiting rows only), so the old
-- "state changed" condition is not needed. An unconfirmed row keeps its hold, as before.
DROP TRIGGER job_row_release_hold ON "job_row";
--> statement-breakpoint
DROP FUNCTION job_row_release_hold();
--> statement-breakpoint
CREATE FUNCTION job_row_release_holds() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE address_hold h SET released_at = now()
  WHERE h.row_id = ANY (ARRAY(
      SELECT n.id FROM ended_rows n WHERE n.state IN ('created', 'failed', 'skipped')))
    AND h.released_at IS NULL;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Transition tables cannot be combined with a column list (UPDATE OF state): every update of
-- job_row fires it, and one that ended nothing finds an empty array.
CREATE TRIGGER job_row_release_holds
  AFTER UPDATE ON "job_row"
  REFERENCING NEW TABLE AS ended_rows
  FOR EACH STATEMENT EXECUTE FUNCTION job_row_release_holds();
