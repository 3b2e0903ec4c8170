-- Least privilege: one NOLOGIN group role per service with exactly the table rights its SQL
-- needs. An operator creates a login role per service IN ROLE its group and gives each service
-- its own FAZHI_DATABASE_URL (docs/operations.md, "Security"); migrations keep running as the tables' owner.
--
--   fazhi_ingestion  stores reports and extraction jobs
--   fazhi_extraction claims jobs, writes records and indicator rows, sets report state
--   fazhi_query      reads (SELECT only)
--
-- Roles belong to the whole cluster, so creating them is idempotent and tolerates another
-- database of the cluster migrating at the same moment. A migrating user without CREATEROLE
-- skips creating them with a NOTICE and grants to the roles that exist; once a superuser has
-- created them, re-run this file by hand (psql -f deploy/migrations/0004_roles.sql): it only
-- creates what is missing and GRANT is idempotent. A later migration that adds a table grants
-- on it in the same way. (It once granted on report_grams too; 0005 drops that table and its
-- grants, and a by-hand re-run must not name a table that is gone.)

DO $roles$
DECLARE
  group_role text;
BEGIN
  FOREACH group_role IN ARRAY ARRAY['fazhi_ingestion', 'fazhi_extraction', 'fazhi_query'] LOOP
    CONTINUE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = group_role);
    BEGIN
      EXECUTE format('CREATE ROLE %I NOLOGIN', group_role);
    EXCEPTION
      WHEN insufficient_privilege THEN
        RAISE NOTICE 'fazhi: role % not created (the migrating user lacks CREATEROLE): a superuser '
                     'runs CREATE ROLE % NOLOGIN, then this file again', group_role, group_role;
      WHEN duplicate_object OR unique_violation THEN
        NULL;  -- created meanwhile by a migration of another database
    END;
  END LOOP;
END
$roles$;

DO $grants$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fazhi_ingestion') THEN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO fazhi_ingestion', current_schema());
    GRANT SELECT, INSERT ON reports TO fazhi_ingestion;
    GRANT SELECT, INSERT ON extraction_jobs TO fazhi_ingestion;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fazhi_extraction') THEN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO fazhi_extraction', current_schema());
    GRANT SELECT ON reports TO fazhi_extraction;
    GRANT UPDATE (state, error) ON reports TO fazhi_extraction;
    GRANT SELECT, UPDATE ON extraction_jobs TO fazhi_extraction;
    GRANT SELECT, INSERT, UPDATE ON records TO fazhi_extraction;
    GRANT SELECT, INSERT, DELETE ON indicator_values TO fazhi_extraction;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fazhi_query') THEN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO fazhi_query', current_schema());
    GRANT SELECT ON reports, records, indicator_values TO fazhi_query;
  END IF;
END
$grants$;
