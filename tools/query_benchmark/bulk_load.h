// Fills a benchmark database with generated reports, fast: the archive is reset to the project's
// migrations, reports are generated and extracted in-process on several threads (as ingestion +
// extraction would store them, see copy_rows.h) and written with COPY in batches, with the
// secondary indexes dropped during the load and rebuilt after it.
//
//   pqxx::connection connection("host=127.0.0.1 port=57000 dbname=bench user=postgres");
//   absl::Status reset = ResetArchive(connection);
//   absl::StatusOr<LoadStats> stats = BulkLoad(connection, {.reports = 10000}, std::cout);
#ifndef FAZHI_TOOLS_QUERY_BENCHMARK_BULK_LOAD_H_
#define FAZHI_TOOLS_QUERY_BENCHMARK_BULK_LOAD_H_

#include <cstdint>
#include <ostream>
#include <pqxx/pqxx>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace fazhi::query_benchmark {

// Drops schema public with everything in it and applies the embedded migrations.
absl::Status ResetArchive(pqxx::connection& connection);

struct LoadOptions {
  int64_t reports = 10000;
  int threads = 2;    // generation + extraction threads
  int batch = 500;    // reports per COPY transaction
  uint64_t seed = 1;  // of the corpus generator
  // The generator's first sequence number: above 0, the reports are added to the archive as it
  // is (no reset), so a big archive grows in steps measured one after another.
  int64_t first = 0;
};

struct LoadStats {
  int64_t reports = 0;     // rows written to reports
  int64_t duplicates = 0;  // generated files with bytes seen before (skipped, as ingestion would)
  int64_t indicator_rows = 0;
  int64_t text_bytes = 0;    // normalized text, UTF-8
  double rows_seconds = 0;   // generation, extraction and COPY (overlapped)
  double index_seconds = 0;  // rebuilding the secondary indexes
};

// Loads reports first..first+reports-1 of the generator (into a freshly reset archive when first
// is 0); prints progress. Reports whose bytes are already archived are skipped as duplicates.
absl::StatusOr<LoadStats> BulkLoad(pqxx::connection& connection, const LoadOptions& options,
                                   std::ostream& progress);

}  // namespace fazhi::query_benchmark

#endif  // FAZHI_TOOLS_QUERY_BENCHMARK_BULK_LOAD_H_
