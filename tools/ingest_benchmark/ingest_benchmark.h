// End-to-end ingestion throughput of running services: N generated reports
// (tools/corpus_generator) sent over C concurrent StreamIngestDocuments streams, each stream
// pipelined (a writer sends while a reader takes the answers), then a wait until the extraction
// queue holds no pending or running job, i.e. every report has its record. The services' stage
// histograms (fazhi_ingestion_stage_seconds, fazhi_extraction_stage_seconds), scraped before and
// after, say where the time went.
//
//   IngestBenchmarkOptions options;  // addresses of the services and their metrics endpoints
//   options.reports = 10000;
//   options.streams = 4;
//   absl::StatusOr<IngestBenchmarkResult> result = RunIngestBenchmark(options);
//   std::cout << FormatResult(*result);
//   // 10000 reports over 4 streams: acknowledged in 14.2 s (704/s), extracted in 19.8 s (505/s)
//   // service     stage          seconds  count   ms/report  share
//   // ingestion   decode            3.10  10000        0.31   9.8%  ...
//
// The archive should be empty of these reports (a fresh database): duplicates are counted and
// shown, but they are not extracted again and would flatter the figure. Loopback addresses only.
#ifndef FAZHI_TOOLS_INGEST_BENCHMARK_INGEST_BENCHMARK_H_
#define FAZHI_TOOLS_INGEST_BENCHMARK_INGEST_BENCHMARK_H_

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tools/ingest_benchmark/postgres_alone.h"
#include "tools/stage_metrics/stage_metrics.h"

namespace fazhi::ingest_benchmark {

using tools::StageTotal;
using tools::StageTotals;

struct IngestBenchmarkOptions {
  std::string ingestion_addr = "127.0.0.1:50051";
  std::string extraction_addr = "127.0.0.1:50052";
  std::string ingestion_metrics_addr = "127.0.0.1:9451";   // empty: no stage figures
  std::string extraction_metrics_addr = "127.0.0.1:9452";  // empty: no stage figures
  int64_t reports = 10000;
  int streams = 4;
  uint64_t seed = 1;                           // of the generated reports
  absl::Duration timeout = absl::Minutes(30);  // for ingesting and extracting everything
  // The services' database: when set, the same documents are then stored by PostgreSQL alone
  // (postgres_alone.h) as the peer figure.
  std::string database_url;
};

// Time one service spent in one stage during the run, summed over its threads.
struct StageShare {
  std::string service;  // "ingestion", "extraction"
  std::string stage;
  StageTotal total;
};

struct IngestBenchmarkResult {
  int64_t reports = 0;
  int streams = 0;
  int64_t bytes = 0;         // of the generated documents
  int64_t acknowledged = 0;  // new reports the archive acknowledged
  int64_t duplicates = 0;
  int64_t rejected = 0;      // documents answered with an error
  absl::Duration ingested;   // from the first write until the last acknowledgement
  absl::Duration extracted;  // from the first write until the queue was empty
  int64_t unfinished = 0;    // jobs still pending or running at the timeout
  int64_t dead = 0;          // jobs that failed for good
  std::vector<StageShare> stages;
  std::optional<PostgresAloneResult> postgres_alone;  // with options.database_url

  double IngestedPerSecond() const;
  double ExtractedPerSecond() const;  // the end-to-end figure
};

absl::StatusOr<IngestBenchmarkResult> RunIngestBenchmark(const IngestBenchmarkOptions& options);

// The headline figure against its target, the peer beside it (a `summary | ...` line).
void PrintSummary(const IngestBenchmarkResult& result, std::ostream& out);

// Rates, then one line per stage: seconds, observations, milliseconds per report and the share
// of all stage time of its service.
std::string FormatResult(const IngestBenchmarkResult& result);

}  // namespace fazhi::ingest_benchmark

#endif  // FAZHI_TOOLS_INGEST_BENCHMARK_INGEST_BENCHMARK_H_
