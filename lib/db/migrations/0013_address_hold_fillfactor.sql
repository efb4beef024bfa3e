-- A hold is released (released_at set) by the statement that settles its row, once per row of
-- every job. released_at is in no index, so with room left on the page the release is a HOT
-- update: no new index entries. Measured on PostgreSQL, settling 900 rows: the release took
-- 7.7 ms of the statement's 23.8 with full pages, 1.8 of 17.5 with this.
ALTER TABLE "address_hold" SET (fillfactor = 50);
