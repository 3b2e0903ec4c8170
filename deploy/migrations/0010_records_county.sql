-- A township's county as a filter field (`county = "通道侗族自治县"`): the record's
-- jurisdiction.county as a column of records, which the extraction service writes as
-- common/archive/records_schema.h lists it. Safe on an existing archive: a column with a constant
-- default is added without a rewrite, and the update touches only the records that name a county
-- (townships); the others keep ''. Indexed like the other filter columns (0001), so that a county
-- filter does not scan the table.

ALTER TABLE records ADD COLUMN IF NOT EXISTS county text NOT NULL DEFAULT '';

UPDATE records SET county = record->'metadata'->'jurisdiction'->>'county'
WHERE record->'metadata'->'jurisdiction'->>'county' <> '' AND county = '';

CREATE INDEX IF NOT EXISTS records_county ON records (county);
