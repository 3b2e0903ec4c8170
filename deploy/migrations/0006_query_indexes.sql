-- Query speed on a large archive (lists, facets and comparisons at 100,000+ reports): indexes
-- shaped like the query service's statements, and each indicator value's report year kept
-- beside it, so that comparing an indicator within a year reads that (indicator, year) range of
-- one index instead of joining every value of the indicator with every record of the year.
--
-- indicator_values.report_year mirrors records.report_year (NULL while the report has no
-- record). Triggers keep it so; no writer names the column. Safe on an existing archive: it adds
-- a column, fills it, and adds triggers and indexes.

ALTER TABLE indicator_values ADD COLUMN IF NOT EXISTS report_year integer;

-- Filled before the triggers exist, so the fill does not ask records twice per row.
UPDATE indicator_values iv SET report_year = rec.report_year
FROM records rec
WHERE rec.report_id = iv.report_id AND iv.report_year IS DISTINCT FROM rec.report_year;

-- A value row takes its record's year whenever it is written.
CREATE OR REPLACE FUNCTION indicator_values_take_report_year() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  NEW.report_year := (SELECT report_year FROM records WHERE report_id = NEW.report_id);
  RETURN NEW;
END
$$;

-- A record stored, re-dated or removed passes its year on to its value rows. SECURITY DEFINER:
-- the extraction role may insert and delete value rows but not update them.
CREATE OR REPLACE FUNCTION records_share_report_year() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE indicator_values SET report_year = NULL
    WHERE report_id = OLD.report_id AND report_year IS NOT NULL;
    RETURN OLD;
  END IF;
  UPDATE indicator_values SET report_year = NEW.report_year
  WHERE report_id = NEW.report_id AND report_year IS DISTINCT FROM NEW.report_year;
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS indicator_values_take_report_year ON indicator_values;
CREATE TRIGGER indicator_values_take_report_year BEFORE INSERT OR UPDATE ON indicator_values
  FOR EACH ROW EXECUTE FUNCTION indicator_values_take_report_year();
DROP TRIGGER IF EXISTS records_share_report_year ON records;
CREATE TRIGGER records_share_report_year AFTER INSERT OR UPDATE OF report_year OR DELETE ON records
  FOR EACH ROW EXECUTE FUNCTION records_share_report_year();

-- Compare: one indicator in one year, its values in order (the summary reads only the index).
CREATE INDEX IF NOT EXISTS indicator_values_by_indicator_year
  ON indicator_values (indicator_id, report_year, value) INCLUDE (report_id);

-- Lists and facets: the filter fields people narrow by first, each carrying the report id and
-- the facet fields, so a filtered list's ids and a filter's facet counts come from the index
-- alone (with records read alone, see ReportSourceFor in services/query/filter). They replace
-- the plain indexes on the same leading columns.
CREATE INDEX IF NOT EXISTS records_province_covering
  ON records (province, report_year) INCLUDE (report_id, level, document_kind);
CREATE INDEX IF NOT EXISTS records_report_year_covering
  ON records (report_year) INCLUDE (report_id, province, level, document_kind);
CREATE INDEX IF NOT EXISTS records_level_covering
  ON records (level, report_year) INCLUDE (report_id, province, document_kind);
DROP INDEX IF EXISTS records_province;
DROP INDEX IF EXISTS records_report_year;
DROP INDEX IF EXISTS records_level;
