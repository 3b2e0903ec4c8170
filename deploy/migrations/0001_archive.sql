-- The archive: originals with provenance, their normalized texts, extracted records, indicator
-- rows and the extraction job queue. The originals are the source of truth; records can be
-- rebuilt from them by re-extraction.

CREATE TABLE reports (
  id                  text PRIMARY KEY,          -- first 16 hex digits of content_sha256
  content_sha256      text NOT NULL UNIQUE,
  original            bytea NOT NULL,
  original_size_bytes bigint NOT NULL,
  original_encoding   text NOT NULL,
  original_format     text NOT NULL,
  file_name           text NOT NULL DEFAULT '',
  content_type        text NOT NULL DEFAULT '',
  source_url          text NOT NULL DEFAULT '',
  retrieved_time      timestamptz,
  request_id          text UNIQUE,                -- client idempotency key; NULL when none
  ingest_time         timestamptz NOT NULL DEFAULT now(),
  normalized_text     text NOT NULL,
  normalizer_version  text NOT NULL,
  text_length         bigint NOT NULL,
  state               text NOT NULL DEFAULT 'pending'
                      CHECK (state IN ('pending', 'extracted', 'failed')),
  error               text NOT NULL DEFAULT ''
);
CREATE INDEX reports_ingest_time ON reports (ingest_time, id);
CREATE INDEX reports_state ON reports (state);

-- One record per report: the extractor's output, plus the columns that filters use.
CREATE TABLE records (
  report_id             text PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
  record                jsonb NOT NULL,            -- fazhi.v1.ExtractedRecord in protobuf JSON
  extractor_version     text NOT NULL,
  indicator_set_version text NOT NULL,
  extract_time          timestamptz NOT NULL DEFAULT now(),
  title                 text NOT NULL DEFAULT '',
  report_year           integer,
  published_on          date,
  document_kind         text NOT NULL DEFAULT '',
  jurisdiction_code     text NOT NULL DEFAULT '',
  jurisdiction_name     text NOT NULL DEFAULT '',
  level                 text NOT NULL DEFAULT '',
  province              text NOT NULL DEFAULT '',
  prefecture            text NOT NULL DEFAULT ''
);
CREATE INDEX records_province ON records (province);
CREATE INDEX records_jurisdiction_code ON records (jurisdiction_code text_pattern_ops);
CREATE INDEX records_report_year ON records (report_year);
CREATE INDEX records_level ON records (level);

-- Canonical indicators, one row per (report, indicator), for series and comparisons.
CREATE TABLE indicator_values (
  report_id    text NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  indicator_id text NOT NULL,
  value        double precision NOT NULL,
  unit         text NOT NULL DEFAULT '',
  approximate  boolean NOT NULL DEFAULT false,
  suspect      boolean NOT NULL DEFAULT false,
  confidence   double precision NOT NULL DEFAULT 0,
  evidence     text NOT NULL DEFAULT '',
  span_begin   bigint NOT NULL DEFAULT 0,
  span_end     bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (report_id, indicator_id)
);
CREATE INDEX indicator_values_by_indicator ON indicator_values (indicator_id, value);

-- The extraction queue: at-least-once with a lease, attempts, backoff and a dead state.
CREATE TABLE extraction_jobs (
  report_id         text PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
  state             text NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'running', 'done', 'dead')),
  attempts          integer NOT NULL DEFAULT 0,
  completions       integer NOT NULL DEFAULT 0,   -- records stored for this report
  next_attempt_time timestamptz NOT NULL DEFAULT now(),
  lease_expire_time timestamptz,
  last_error        text NOT NULL DEFAULT '',
  created_time      timestamptz NOT NULL DEFAULT now(),
  updated_time      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX extraction_jobs_ready ON extraction_jobs (next_attempt_time)
  WHERE state IN ('pending', 'running');
