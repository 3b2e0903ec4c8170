-- Superseded: 0005_drop_report_grams.sql drops what this creates (search moved to the query
-- service's in-memory phrase index). Kept as applied, so migrations replay in order; the encoder
-- and DESIGN.md named below were removed with it (see git history).
-- Exact Chinese full-text search: one gram signature per report (every distinct unigram and
-- bigram of reports.normalized_text, encoded by common/search_index/gram_signature.h)
-- under a GIN index. One- and two-character phrases are answered by the index alone; longer
-- ones use it for candidates that strpos verifies. See common/search_index/DESIGN.md.
--
-- Safe on an existing archive: it only adds an extension, a table and its index. Ingestion writes
-- a report's signature in the transaction that stores the report; signatures of reports stored
-- before this migration are computed in C++ by the migrate step (`fazhi-ingestion --migrate-only`)
-- right after it applies the SQL (see `search_backfill_pending` below).

CREATE EXTENSION IF NOT EXISTS intarray;

CREATE TABLE IF NOT EXISTS report_grams (
  report_id         text PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
  signature_version text NOT NULL,             -- kGramSignatureVersion of the encoder
  grams             int4[] NOT NULL            -- sorted, distinct gram tokens
);
-- The arrays are ~20 KB per report and do not compress: keep them out of line, uncompressed.
ALTER TABLE report_grams ALTER COLUMN grams SET STORAGE EXTERNAL;
CREATE INDEX IF NOT EXISTS report_grams_grams ON report_grams USING gin (grams gin__int_ops)
  WITH (fastupdate = off);

-- Reports whose signature is missing or stale: what the backfill has left to do.
CREATE OR REPLACE VIEW search_backfill_pending AS
  SELECT r.id
  FROM reports r LEFT JOIN report_grams g ON g.report_id = r.id
  WHERE g.report_id IS NULL;
