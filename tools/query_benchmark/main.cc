// fazhi-query-benchmark: loads N generated reports into a benchmark database and measures the
// real query service against a plain strpos scan and a pg_trgm index (see query_benchmark.h).
//
//   fazhi-query-benchmark --db="host=127.0.0.1 port=57000 dbname=bench user=postgres"
//       --reports=10000 --repeat=20
//
// Flags: --db=CONNINFO (required; the database is wiped), --reports=N (10000), --repeat=R (20),
// --sql-repeat=R (as --repeat), --analytics-repeat=R (200: timed list, facet and comparison calls),
// --no-search (only those three queries), --no-load (keep the loaded archive), --query-bin=DIR (the
// folder holding fazhi-query; default: next to this binary), --threads=T (2), --seed=S (1),
// --clients=8,32 (then the same mix from that many concurrent client threads: p50/p99 and
// calls/s per count), --concurrent-seconds=S (10 per count), --lengths=1,2,4 (searched phrase
// lengths), --no-sql (no strpos/pg_trgm baselines: for archives too big to scan), --first=F (0:
// add generator reports F..F+N-1 to the archive as it is, without wiping it; see docs/scaling.md).
//
// It prints the query service's start-up (seconds until it serves, having read every text into
// its phrase index) and its resident memory then and at the end.
// Exits 1 when the methods disagree on a hit count or a concurrent call fails.
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/metrics/benchmark_summary.h"
#include "tools/query_benchmark/bulk_load.h"
#include "tools/query_benchmark/query_benchmark.h"
#include "tools/query_benchmark/query_process.h"

namespace fazhi::query_benchmark {
namespace {

struct Flags {
  std::string db;
  LoadOptions load;
  BenchmarkOptions bench;
  std::optional<int> sql_repeat;
  bool no_load = false;
  std::string query_bin;
  ConcurrencyOptions concurrency{.clients = {}};
};

bool ParseInt(std::string_view text, int64_t* out) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return error == std::errc() && end == text.data() + text.size();
}

// "8,32" into {8, 32}; false unless every item is a positive integer.
bool ParseIntList(std::string_view text, std::vector<int>* out) {
  out->clear();
  while (!text.empty()) {
    size_t comma = text.find(',');
    int64_t number = 0;
    if (!ParseInt(text.substr(0, comma), &number) || number <= 0 || number > 1024) return false;
    out->push_back(static_cast<int>(number));
    text = comma == std::string_view::npos ? "" : text.substr(comma + 1);
  }
  return !out->empty();
}

// InvalidArgument naming the flag at fault.
absl::StatusOr<Flags> ParseFlags(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    size_t equals = arg.find('=');
    std::string_view name = arg.substr(0, equals);
    std::string_view value = equals == std::string_view::npos ? "" : arg.substr(equals + 1);
    int64_t number = 0;
    bool numeric = ParseInt(value, &number) && number >= 0;
    if (name == "--db")
      flags.db = value;
    else if (name == "--no-load")
      flags.no_load = true;
    else if (name == "--no-search")
      flags.bench.searches = false;
    else if (name == "--no-sql")
      flags.bench.sql_baselines = false;
    else if (name == "--first" && numeric)
      flags.load.first = number;
    else if (name == "--lengths" && ParseIntList(value, &flags.bench.lengths))
      continue;
    else if (name == "--query-bin")
      flags.query_bin = value;
    else if (name == "--reports" && numeric)
      flags.load.reports = number;
    else if (name == "--repeat" && numeric && number > 0)
      flags.bench.repeat = static_cast<int>(number);
    else if (name == "--sql-repeat" && numeric && number > 0)
      flags.sql_repeat = static_cast<int>(number);
    else if (name == "--analytics-repeat" && numeric && number > 0)
      flags.bench.analytics_repeat = static_cast<int>(number);
    else if (name == "--threads" && numeric && number > 0)
      flags.load.threads = static_cast<int>(number);
    else if (name == "--seed" && numeric)
      flags.load.seed = static_cast<uint64_t>(number);
    else if (name == "--clients" && ParseIntList(value, &flags.concurrency.clients))
      continue;
    else if (name == "--concurrent-seconds" && numeric && number > 0)
      flags.concurrency.seconds = static_cast<int>(number);
    else
      return absl::InvalidArgumentError(absl::StrCat("bad flag: ", std::string(arg)));
  }
  if (flags.db.empty()) return absl::InvalidArgumentError("--db=CONNINFO is required");
  flags.bench.sql_repeat = flags.sql_repeat.value_or(flags.bench.repeat);
  if (flags.query_bin.empty()) {
    flags.query_bin = std::filesystem::read_symlink("/proc/self/exe").parent_path().string();
  }
  return flags;
}

int Fail(const absl::Status& status) {
  std::cerr << "fazhi-query-benchmark: " << status.message() << "\n";
  return 1;
}

absl::Status Load(pqxx::connection& connection, const LoadOptions& options) {
  std::cout << "loading " << options.reports << " generated reports from number " << options.first
            << " (" << options.threads << " threads)\n";
  if (options.first == 0) {
    if (absl::Status reset = ResetArchive(connection); !reset.ok()) return reset;
  }
  absl::StatusOr<LoadStats> stats = BulkLoad(connection, options, std::cout);
  if (!stats.ok()) return stats.status();
  std::cout << "load: " << stats->reports << " reports (" << stats->duplicates
            << " duplicates skipped), " << stats->indicator_rows << " indicator rows, "
            << stats->text_bytes / (1 << 20) << " MB of text in " << stats->rows_seconds
            << " s = " << static_cast<int64_t>(stats->reports / stats->rows_seconds)
            << " reports/s; secondary indexes rebuilt in " << stats->index_seconds << " s\n";
  return absl::OkStatus();
}

int64_t ArchivedReports(pqxx::connection& connection) {
  return pqxx::work(connection).exec1("SELECT count(*) FROM reports")[0].as<int64_t>();
}

// How long the service took to serve (its phrase index built from every stored text) and what
// it holds then, per code point of the archive's texts.
void PrintStartUp(pqxx::connection& connection, const QueryProcess& query,
                  std::chrono::steady_clock::duration took) {
  pqxx::result archive =
      pqxx::work(connection).exec("SELECT count(*), COALESCE(sum(text_length), 0) FROM reports");
  int64_t reports = archive[0][0].as<int64_t>();
  int64_t codepoints = archive[0][1].as<int64_t>();
  QueryProcess::Memory memory = query.ReadMemory();
  std::cout << "fazhi-query serving after " << std::chrono::duration<double>(took).count()
            << " s: " << reports << " reports, " << codepoints / 1000000 << " M code points; "
            << memory.resident_bytes / 1000000 << " MB resident (peak "
            << memory.peak_resident_bytes / 1000000 << " MB), "
            << (codepoints ? static_cast<double>(memory.resident_bytes) / codepoints : 0)
            << " bytes per code point\n";
  char measured[128];
  std::snprintf(measured, sizeof measured, "%.1f s; %.2f bytes resident per code point of text",
                std::chrono::duration<double>(took).count(),
                codepoints ? static_cast<double>(memory.resident_bytes) / codepoints : 0.0);
  metrics::PrintSummaryLine(
      std::cout, {.figure = absl::StrCat("query replica start-up at ", reports, " reports"),
                  .measured = measured,
                  .target = "<= 10 s at 100k; index <= 1.2 bytes per character"});
}

absl::StatusOr<tools::StageTotals> SearchStages(const QueryProcess& query) {
  absl::StatusOr<std::string> text = tools::FetchMetrics(query.metrics_address());
  if (!text.ok()) return text.status();
  return tools::StageTotalsFrom(*text, "fazhi_query_search_stage_seconds");
}

int Main(int argc, char** argv) {
  absl::StatusOr<Flags> flags = ParseFlags(argc, argv);
  if (!flags.ok()) return Fail(flags.status());
  try {
    pqxx::connection connection(flags->db);
    if (!flags->no_load) {
      if (absl::Status loaded = Load(connection, flags->load); !loaded.ok()) return Fail(loaded);
    }
    if (flags->bench.sql_baselines) {
      absl::StatusOr<double> trigram_seconds = EnsureTrigramIndex(connection);
      if (!trigram_seconds.ok()) return Fail(trigram_seconds.status());
      std::cout << "pg_trgm index built in " << *trigram_seconds << " s\n";
    }
    pqxx::nontransaction(connection).exec0("VACUUM ANALYZE");
    PrintSizes(connection, std::cout);

    QueryProcess query(flags->query_bin + "/fazhi-query", flags->db,
                       std::string(FAZHI_SOURCE_DIR) + "/data");
    auto start = std::chrono::steady_clock::now();
    if (absl::Status started = query.Start(); !started.ok()) return Fail(started);
    PrintStartUp(connection, query, std::chrono::steady_clock::now() - start);
    auto stub = v1::QueryService::NewStub(query.Channel());
    std::cout << "measuring (fazhi-query at " << query.address() << ", repeat "
              << flags->bench.repeat << ", SQL repeat " << flags->bench.sql_repeat
              << ", analytics repeat " << flags->bench.analytics_repeat << ")\n";
    absl::StatusOr<tools::StageTotals> stages_before = SearchStages(query);
    absl::StatusOr<BenchmarkResult> result =
        RunQueryBenchmark(connection, *stub, flags->bench, std::cout);
    if (!result.ok()) return Fail(result.status());
    absl::StatusOr<tools::StageTotals> stages_after = SearchStages(query);
    std::cout << "\n";
    PrintTable(*result, std::cout);
    PrintSummary(*result, ArchivedReports(connection), std::cout);
    if (stages_before.ok() && stages_after.ok()) {
      std::cout << "\nthe service's searches above, by stage\n";
      PrintSearchStages(tools::Difference(*stages_after, *stages_before), std::cout);
    }
    bool concurrent_errors = false;
    if (!flags->concurrency.clients.empty()) {
      std::cout << "\nconcurrent clients (the same mix from each thread)\n";
      absl::StatusOr<std::vector<ConcurrencyRow>> rows =
          RunConcurrentQueries(connection, *stub, flags->bench, flags->concurrency, std::cout);
      if (!rows.ok()) return Fail(rows.status());
      std::cout << "\n";
      PrintConcurrencyTable(*rows, std::cout);
      for (const ConcurrencyRow& row : *rows) concurrent_errors |= row.errors > 0;
    }
    QueryProcess::Memory memory = query.ReadMemory();
    std::cout << "\nfazhi-query memory at the end: " << memory.resident_bytes / 1000000
              << " MB resident, peak " << memory.peak_resident_bytes / 1000000 << " MB\n";
    return result->mismatches.empty() && !concurrent_errors ? 0 : 1;
  } catch (const std::exception& error) {
    return Fail(absl::InternalError(error.what()));
  }
}

}  // namespace
}  // namespace fazhi::query_benchmark

int main(int argc, char** argv) { return fazhi::query_benchmark::Main(argc, argv); }
