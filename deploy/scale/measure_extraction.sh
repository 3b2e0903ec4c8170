#!/usr/bin/env bash
# Measures what docs/scaling.md quotes: ingestion's rate with extraction away, then the
# extraction service working the queue with 1, 2, ... workers, on the real binaries.
#
#   deploy/scale/measure_extraction.sh BIN_DIR ADMIN_URL CORPUS_DIR [WORKERS...]
#   deploy/scale/measure_extraction.sh build/bin postgresql://postgres@127.0.0.1:5432/postgres \
#       /tmp/corpus 1 2          # corpus from: build/bin/fazhi-corpus-gen --out /tmp/corpus --count 2000
#
# Uses (drops and recreates) the database fazhi_scale on ADMIN_URL's server.
set -euo pipefail
BIN=$1 ADMIN=$2 CORPUS=$3
shift 3
WORKERS=("${@:-1 2}")
DB_URL="${ADMIN%/*}/fazhi_scale"
psql -q "$ADMIN" -c "DROP DATABASE IF EXISTS fazhi_scale" -c "CREATE DATABASE fazhi_scale"
export FAZHI_DATABASE_URL=$DB_URL FAZHI_INGESTION_METRICS_ADDR= FAZHI_EXTRACTION_METRICS_ADDR=
export FAZHI_INGESTION_ADDR=127.0.0.1:${FAZHI_SCALE_PORT:-56651} FAZHI_EXTRACTION_ADDR=127.0.0.1:$((${FAZHI_SCALE_PORT:-56651} + 1))
"$BIN/fazhi-ingestion" --migrate-only
now() { date +%s.%N; }
sql() { psql -Atq "$DB_URL" -c "$1"; }

# Ingestion alone: extraction is not running, so every report's job waits in the queue.
FAZHI_EXTRACTION_DEADLINE_MS=200 "$BIN/fazhi-ingestion" 2>/dev/null &
ingestion=$!
trap 'kill $ingestion 2>/dev/null || true' EXIT
"$BIN/fazhi" wait-ready --timeout 30 >/dev/null 2>&1 || sleep 2
start=$(now)
"$BIN/fazhi" ingest "$CORPUS" >/dev/null
reports=$(sql "SELECT count(*) FROM reports")
echo "ingestion: $reports reports in $(echo "$(now) - $start" | bc) s"
kill $ingestion; wait $ingestion || true

for workers in ${WORKERS[*]}; do
  sql "DELETE FROM indicator_values; DELETE FROM records; UPDATE reports SET state = 'pending';
       UPDATE extraction_jobs SET state = 'pending', attempts = 0, completions = 0,
         next_attempt_time = now(), lease_expire_time = NULL"
  start=$(now)
  FAZHI_EXTRACTION_WORKERS=$workers FAZHI_JOB_POLL_MS=50 "$BIN/fazhi-extraction" 2>/dev/null &
  extraction=$!
  while [[ $(sql "SELECT count(*) FROM extraction_jobs WHERE state IN ('pending', 'running')") != 0 ]]; do
    sleep 0.2
  done
  seconds=$(echo "$(now) - $start" | bc)
  kill $extraction; wait $extraction || true
  echo "extraction, $workers worker(s): $reports reports in $seconds s =" \
    "$(echo "scale=1; $reports / $seconds" | bc) reports/s;" \
    "dead: $(sql "SELECT count(*) FROM extraction_jobs WHERE state = 'dead'")"
done
echo "archive: $(sql "SELECT pg_size_pretty(pg_database_size(current_database()))") for $reports reports"
