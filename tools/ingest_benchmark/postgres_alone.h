// The ingestion benchmark's peer: PostgreSQL alone storing what ingestion stores for the same
// documents (each original's bytes and its normalized text, lz4-compressed as the reports table
// has them), with COPY over the same number of concurrent connections, in transactions of the
// size ingestion's group commit reaches, with the cluster's own fsync setting. No services, no
// secondary index, no record: what the database costs before any of fazhi's work.
//
//   absl::StatusOr<PostgresAloneResult> peer =
//       StorePostgresAlone(database_url, documents, {.connections = 4, .batch = 30});
//   // peer->reports_per_second, e.g. 2,400 reports/s beside ingestion's 650
#ifndef FAZHI_TOOLS_INGEST_BENCHMARK_POSTGRES_ALONE_H_
#define FAZHI_TOOLS_INGEST_BENCHMARK_POSTGRES_ALONE_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace fazhi::ingest_benchmark {

struct PostgresAloneOptions {
  int connections = 4;
  int batch = 30;  // rows per transaction
};

struct PostgresAloneResult {
  int64_t reports = 0;
  double seconds = 0;  // the COPYs and commits only (the texts are read before the clock starts)
  double reports_per_second = 0;
};

// Reads each document's text as ingestion would, then times storing them into a scratch table
// (created, then dropped) of the database at `database_url`.
absl::StatusOr<PostgresAloneResult> StorePostgresAlone(
    const std::string& database_url, const std::vector<std::string_view>& documents,
    const PostgresAloneOptions& options);

}  // namespace fazhi::ingest_benchmark

#endif  // FAZHI_TOOLS_INGEST_BENCHMARK_POSTGRES_ALONE_H_
