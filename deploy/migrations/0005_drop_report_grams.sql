-- Drops the SQL gram-signature search index of 0002: search runs in the query service's memory
-- (services/query/phrase_index/, fed by 0003's ingest_xid), so nothing reads report_grams and
-- ingestion no longer writes it. Safe on a fresh database and on an existing archive: the view
-- goes first (it depends on the table); the table takes its GIN index and 0004's grants with it.

DROP VIEW IF EXISTS search_backfill_pending;
DROP TABLE IF EXISTS report_grams;

-- intarray served only report_grams. Another owner (or another user's object using it) keeps it:
-- harmless, so a NOTICE instead of a failed migration.
DO $intarray$
BEGIN
  DROP EXTENSION IF EXISTS intarray;
EXCEPTION
  WHEN insufficient_privilege OR dependent_objects_still_exist THEN
    RAISE NOTICE 'fazhi: extension intarray kept (%); nothing of fazhi uses it', SQLERRM;
END
$intarray$;
