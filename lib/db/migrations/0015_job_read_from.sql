-- A creation's rows took their addresses in the preflight, all of them before the first send:
-- 110-150 ms of a 10,000-row job on the embedded database, with every slot idle. Now each row
-- takes its address with its first claim, and a hold another job released is taken only if it
-- was released a list's lag before the preflight's read began: that time is kept here, so it
-- holds for claims made later, by any runner (holds.ts).
ALTER TABLE "job" ADD COLUMN "read_from" timestamp with time zone;
