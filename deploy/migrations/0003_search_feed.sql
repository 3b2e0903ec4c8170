-- The search index lives in the query service's memory (services/query/phrase_index/); it loads
-- every report at start and then follows new ones. `ingest_xid` (the inserting transaction) lets
-- it follow them without missing a late commit: a poll reads the reports whose xid is at least
-- the oldest transaction still running at the previous poll (see services/query/search_feed/).
--
-- On an existing archive the rewrite gives every old row this migration's xid, which is fine:
-- a starting query service reads them all anyway.
ALTER TABLE reports ADD COLUMN IF NOT EXISTS ingest_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX IF NOT EXISTS reports_ingest_xid ON reports (ingest_xid);
