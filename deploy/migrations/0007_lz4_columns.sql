-- Ingestion speed: the large values (an original, its normalized text, a record's JSON) are
-- TOAST-compressed with lz4 as a column setting. The writers used to `SET LOCAL
-- default_toast_compression = lz4` in each transaction (pglz was PostgreSQL's largest cost per
-- report), one more statement per transaction. Safe on an existing archive: no rewrite, values
-- stored before keep the compression they were written with and stay readable; it applies to
-- values written from now on.

ALTER TABLE reports
  ALTER COLUMN original SET COMPRESSION lz4,
  ALTER COLUMN normalized_text SET COMPRESSION lz4;
ALTER TABLE records ALTER COLUMN record SET COMPRESSION lz4;
