-- PDF, Word and scanned documents: which converter read the original bytes (empty for text and
-- HTML), and for paged formats where each page is in the normalized text and whether OCR read
-- it: a JSON array [{"begin": 0, "end": 812, "ocr": true, "ocr_confidence": 91.2}, ...] of code
-- point ranges, NULL for unpaged documents. Safe on an existing archive: reports stored before
-- are text or HTML, which the defaults describe.

ALTER TABLE reports
  ADD COLUMN converter text NOT NULL DEFAULT '',
  ADD COLUMN pages jsonb;
