-- Jobs that change mailboxes (delete, reset passwords, edit names) now hold their addresses too,
-- so two jobs never work one mailbox at once. Their rows end unconfirmed only after the attempts
-- ran out (and cannot be checked again): such a row lets go of its address like an ended one, or
-- the address would stay held for ever. A creation's unconfirmed row keeps its hold, as before
-- (the mailbox may exist from it, and "check again" settles it).
CREATE OR REPLACE FUNCTION job_row_release_holds() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE address_hold h SET released_at = now()
  WHERE h.row_id = ANY (ARRAY(
      SELECT n.id FROM ended_rows n
      WHERE n.state IN ('created', 'failed', 'skipped')
         OR (n.state = 'unconfirmed'
             AND EXISTS (SELECT 1 FROM job j WHERE j.id = n.job_id AND j.kind <> 'create'))))
    AND h.released_at IS NULL;
  RETURN NULL;
END;
$$;
