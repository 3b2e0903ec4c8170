// fazhi-ingest-benchmark: end-to-end ingestion throughput of running services on this machine
// and the share of time per stage (see ingest_benchmark.h). Start nothing; point it at services
// with an empty archive and their metrics endpoints.
//
//   fazhi-ingest-benchmark --reports=10000 --streams=4   # addresses from FAZHI_*_ADDR
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/numbers.h"
#include "common/compat/string_view.h"
#include "common/config/settings.h"
#include "tools/ingest_benchmark/ingest_benchmark.h"
#include "tools/tool_flags/tool_flags.h"

namespace fazhi::ingest_benchmark {
namespace {

constexpr std::string_view kUsage =
    "fazhi-ingest-benchmark [--reports=N (10000)] [--streams=C (4)] [--seed=S (1)]\n"
    "                       [--timeout=SECONDS (1800)] [--ingestion-addr=A] [--extraction-addr=A]\n"
    "                       [--ingestion-metrics-addr=A] [--extraction-metrics-addr=A]\n"
    "                       [--peer-db=URL]\n"
    "Ingests N generated reports over C pipelined streams into running services, waits until\n"
    "every one is extracted, prints reports/s and the time per stage from the services' metrics;\n"
    "With --peer-db=URL (the services' database), then stores the same documents by COPY\n"
    "alone as the peer figure (postgres_alone.h).\n"
    "Use an empty archive. Loopback addresses only. Exit 0 when every report was extracted.\n";

int Main(int argc, char** argv) {
  Settings settings = Settings::FromEnvironment();
  std::vector<std::string> rest;
  if (absl::Status parsed = settings.ApplyCommandLine(argc, argv, &rest); !parsed.ok()) {
    std::cerr << parsed.message() << "\n" << kUsage;
    return 2;
  }
  int64_t reports = 10000, streams = 4, seed = 1, timeout = 1800;
  std::string peer_db;
  constexpr std::string_view kPeerDb = "--peer-db=";
  for (size_t i = 1; i < rest.size(); ++i) {
    std::string_view arg = rest[i];
    if (arg == "--help") {
      std::cout << kUsage;
      return 0;
    }
    if (arg.substr(0, kPeerDb.size()) == kPeerDb) {
      peer_db = std::string(arg.substr(kPeerDb.size()));
      continue;
    }
    bool bad = false;
    bool known = tools::ParseIntFlag(arg, "reports", &reports, &bad) ||
                 tools::ParseIntFlag(arg, "streams", &streams, &bad) ||
                 tools::ParseIntFlag(arg, "seed", &seed, &bad) ||
                 tools::ParseIntFlag(arg, "timeout", &timeout, &bad);
    if (!known || bad) {
      std::cerr << (bad ? "bad value in '" : "unknown argument '") << arg << "'\n" << kUsage;
      return 2;
    }
  }
  IngestBenchmarkOptions options;
  options.ingestion_addr = settings.Get(kIngestionAddr);
  options.extraction_addr = settings.Get(kExtractionAddr);
  options.ingestion_metrics_addr = settings.Get(kIngestionMetricsAddr);
  options.extraction_metrics_addr = settings.Get(kExtractionMetricsAddr);
  options.reports = reports;
  options.streams = static_cast<int>(streams);
  options.seed = static_cast<uint64_t>(seed);
  options.timeout = absl::Seconds(timeout);
  options.database_url = peer_db;

  absl::StatusOr<IngestBenchmarkResult> result = RunIngestBenchmark(options);
  if (!result.ok()) {
    std::cerr << result.status().message() << "\n";
    return 1;
  }
  std::cout << FormatResult(*result);
  PrintSummary(*result, std::cout);
  bool complete = result->unfinished == 0 && result->dead == 0 && result->rejected == 0;
  return complete ? 0 : 1;
}

}  // namespace
}  // namespace fazhi::ingest_benchmark

int main(int argc, char** argv) { return fazhi::ingest_benchmark::Main(argc, argv); }
