#!/usr/bin/env bash
# cpu_per_report.sh: one fazhi-ingest-benchmark run against a fresh database of a running
# PostgreSQL cluster, with the CPU seconds each process spent during it (the two services and
# every process of the cluster, exited backends included through the postmaster's reaped-children
# times), per report. CPU per report does not depend on the machine's load, unlike reports/s.
#
#   tools/ingest_benchmark/cpu_per_report.sh PG_DATA_DIR PORT BUILD_DIR [REPORTS (2000)] [STREAMS (4)]
#   tools/ingest_benchmark/cpu_per_report.sh /tmp/ingest-pg 56600 build-ingest 2000
set -euo pipefail

data=${1:?PG data dir} port=${2:?PG port} build=${3:?build dir} reports=${4:-2000} streams=${5:-4}
db="bench_$(date +%s)"
admin="postgresql://postgres@127.0.0.1:$port/postgres"
logs=$(mktemp -d /tmp/fazhi-cpu-bench.XXXXXX)

# utime + stime (+ reaped children's with $2 = all) of a process, in clock ticks.
ticks() { awk -v all="${2:-}" '{ t = $14 + $15; if (all) t += $16 + $17; print t }' "/proc/$1/stat"; }

# Every process of the cluster: the postmaster with its reaped children, and its living children.
cluster_ticks() {
  local postmaster total child
  postmaster=$(head -1 "$data/postmaster.pid")
  total=$(ticks "$postmaster" all)
  for child in $(pgrep -P "$postmaster"); do
    total=$((total + $(ticks "$child" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

psql -q "$admin" -c "CREATE DATABASE $db"
export FAZHI_DATABASE_URL="postgresql://postgres@127.0.0.1:$port/$db" FAZHI_LOG_LEVEL=warn
export FAZHI_INGESTION_ADDR=127.0.0.1:56611 FAZHI_EXTRACTION_ADDR=127.0.0.1:56612
export FAZHI_INGESTION_METRICS_ADDR=127.0.0.1:56613 FAZHI_EXTRACTION_METRICS_ADDR=127.0.0.1:56614
"$build/bin/fazhi-ingestion" --migrate-only 2>"$logs/migrate.log"
"$build/bin/fazhi-extraction" 2>"$logs/extraction.log" &
extraction=$!
"$build/bin/fazhi-ingestion" 2>"$logs/ingestion.log" &
ingestion=$!
trap 'kill $ingestion $extraction 2>/dev/null || true' EXIT
sleep 2
hz=$(getconf CLK_TCK)
i0=$(ticks $ingestion) e0=$(ticks $extraction) p0=$(cluster_ticks)
# Without --peer-db: the PostgreSQL-alone peer's CPU would count as the pipeline's.
"$build/bin/fazhi-ingest-benchmark" --reports="$reports" --streams="$streams"
i1=$(ticks $ingestion) e1=$(ticks $extraction) p1=$(cluster_ticks)
awk -v i=$((i1 - i0)) -v e=$((e1 - e0)) -v p=$((p1 - p0)) -v hz="$hz" -v n="$reports" \
  -v load="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
  printf "CPU seconds: ingestion %.2f, extraction %.2f, postgresql %.2f; ", i/hz, e/hz, p/hz
  printf "per report ms: ingestion %.2f, extraction %.2f, postgresql %.2f = %.2f; load %s\n",
    1000*i/hz/n, 1000*e/hz/n, 1000*p/hz/n, 1000*(i+e+p)/hz/n, load }'
rm -rf "$logs"
