#include "tools/query_benchmark/query_benchmark.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/metrics/benchmark_summary.h"
#include "tools/query_benchmark/phrase_picker.h"

namespace fazhi::query_benchmark {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view kService = "fazhi-query";
constexpr std::string_view kStrpos = "strpos scan";
constexpr std::string_view kTrigram = "pg_trgm";

// The SQL methods a run compares the service with.
std::vector<std::string_view> SqlMethods(const BenchmarkOptions& options) {
  if (!options.sql_baselines) return {};
  return {kStrpos, kTrigram};
}

// "search 1 char", "search 2 chars": the row names of searches by phrase length.
std::string SearchName(int length) {
  return absl::StrCat("search ", length, " char", length > 1 ? "s" : "");
}

// One timed call: its latency and the total it reported.
struct Timed {
  double ms = 0;
  int64_t total = 0;
};

absl::Status RpcError(const char* rpc, const grpc::Status& status) {
  return absl::UnavailableError(absl::StrCat(rpc, ": ", status.error_message()));
}

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(5));
  return context;
}

absl::StatusOr<Timed> ServiceSearch(v1::QueryService::Stub& stub, const std::string& phrase,
                                    int page_size) {
  v1::SearchReportsRequest request;
  request.set_query(phrase);
  request.set_page_size(page_size);
  v1::SearchReportsResponse response;
  auto start = Clock::now();
  grpc::Status status = stub.SearchReports(Context().get(), request, &response);
  if (!status.ok()) return RpcError("SearchReports", status);
  return Timed{MillisSince(start), response.total_size()};
}

std::string LikePattern(std::string_view phrase) {
  std::string pattern = "%";
  for (char c : phrase) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + "%";
}

// The service's answer done directly in SQL: the total and the page of reports with the most
// occurrences. strpos can use no index; LIKE can use the trigram index (forced, so the row
// measures the index even where the planner would rather scan).
Timed SqlSearch(pqxx::connection& connection, std::string_view method, const std::string& phrase,
                int page_size) {
  bool trigram = method == kTrigram;
  std::string condition =
      trigram ? "r.normalized_text LIKE $2" : "strpos(r.normalized_text, $1) > 0";
  std::string sql = absl::StrCat(
      "SELECT r.id, (length(r.normalized_text) - length(replace(r.normalized_text, $1, '')))"
      " / length($1) AS n, count(*) OVER () AS total FROM reports r WHERE ",
      condition, " ORDER BY n DESC, r.id LIMIT ", page_size + 1);
  auto start = Clock::now();
  pqxx::work work(connection);
  if (trigram) work.exec0("SET LOCAL enable_seqscan = off");
  pqxx::result rows =
      trigram ? work.exec_params(sql, phrase, LikePattern(phrase)) : work.exec_params(sql, phrase);
  work.commit();
  return Timed{MillisSince(start), rows.empty() ? 0 : rows[0][2].as<int64_t>()};
}

// The search rows of one phrase length, with the hit check per phrase.
absl::Status MeasureSearches(pqxx::connection& connection, v1::QueryService::Stub& stub,
                             const std::vector<Phrase>& phrases, int length,
                             const BenchmarkOptions& options, BenchmarkResult* result,
                             std::ostream& log) {
  std::map<std::string_view, std::vector<double>> samples;
  std::map<std::string_view, std::vector<std::string>> hits;
  std::string query = SearchName(length);
  for (const Phrase& phrase : phrases) {
    std::map<std::string_view, int64_t> totals;
    for (int i = 0; i < options.repeat; ++i) {
      absl::StatusOr<Timed> timed = ServiceSearch(stub, phrase.text, options.page_size);
      if (!timed.ok()) return timed.status();
      samples[kService].push_back(timed->ms);
      totals[kService] = timed->total;
    }
    for (std::string_view method : SqlMethods(options)) {
      for (int i = 0; i < options.sql_repeat; ++i) {
        Timed timed = SqlSearch(connection, method, phrase.text, options.page_size);
        samples[method].push_back(timed.ms);
        totals[method] = timed.total;
      }
    }
    log << "  " << query << " " << phrase.text << " (" << phrase.kind << ", in "
        << phrase.sample_reports << " sample reports):";
    for (const auto& [method, total] : totals) {
      log << " " << method << " " << total;
      hits[method].push_back(std::to_string(total));
    }
    log << "\n" << std::flush;
    if (options.sql_baselines &&
        (totals[kService] != totals[kStrpos] || totals[kTrigram] != totals[kStrpos])) {
      result->mismatches.push_back(absl::StrCat(query, " '", phrase.text, "': fazhi-query ",
                                                totals[kService], ", strpos ", totals[kStrpos],
                                                ", pg_trgm ", totals[kTrigram]));
    }
  }
  std::vector<std::string_view> methods = SqlMethods(options);
  methods.insert(methods.begin(), kService);
  for (std::string_view method : methods) {
    result->rows.push_back(
        {query, std::string(method), Summarize(samples[method]), absl::StrJoin(hits[method], "/")});
  }
  return absl::OkStatus();
}

// One kind of service call of the benchmark; `round` picks among its variants (phrases).
struct Operation {
  std::string name;  // "search 2 chars", "list filtered", ...
  std::function<absl::StatusOr<Timed>(int round)> call;
};

// Repeats a service call; the row's hits are the last call's total.
absl::Status MeasureRpc(const Operation& operation, int repeat, BenchmarkResult* result) {
  if (absl::StatusOr<Timed> warm = operation.call(0); !warm.ok()) return warm.status();
  std::vector<double> samples;
  int64_t total = 0;
  for (int i = 0; i < repeat; ++i) {
    absl::StatusOr<Timed> timed = operation.call(i);
    if (!timed.ok()) return timed.status();
    samples.push_back(timed->ms);
    total = timed->total;
  }
  result->rows.push_back(
      {operation.name, std::string(kService), Summarize(samples), std::to_string(total)});
  return absl::OkStatus();
}

// What the analytics queries ask about: the commonest province, indicator and its commonest year.
struct AnalyticsTargets {
  std::string filter;
  std::string indicator_id;
  int year = 0;
};

AnalyticsTargets PickAnalyticsTargets(pqxx::connection& connection) {
  pqxx::work work(connection);
  AnalyticsTargets targets;
  pqxx::result province = work.exec(
      "SELECT province FROM records WHERE province <> '' GROUP BY 1 ORDER BY count(*) DESC, 1 "
      "LIMIT 1");
  targets.filter = absl::StrCat("province = \"", province.empty() ? "" : province[0][0].c_str(),
                                "\" AND report_year >= 2020");
  pqxx::result indicator = work.exec(
      "SELECT v.indicator_id, rec.report_year FROM indicator_values v"
      " JOIN records rec ON rec.report_id = v.report_id WHERE rec.report_year IS NOT NULL"
      " GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2 LIMIT 1");
  if (!indicator.empty()) {
    targets.indicator_id = indicator[0][0].as<std::string>();
    targets.year = indicator[0][1].as<int>();
  }
  return targets;
}

// The filtered list, facets and (when the archive states any indicator) the comparison.
std::vector<Operation> AnalyticsOperations(v1::QueryService::Stub& stub,
                                           const AnalyticsTargets& targets, int page_size) {
  std::vector<Operation> operations;
  operations.push_back({"list filtered", [&stub, targets, page_size](int) -> absl::StatusOr<Timed> {
                          v1::ListReportsRequest request;
                          request.set_filter(targets.filter);
                          request.set_page_size(page_size);
                          v1::ListReportsResponse response;
                          auto start = Clock::now();
                          grpc::Status status =
                              stub.ListReports(Context().get(), request, &response);
                          if (!status.ok()) return RpcError("ListReports", status);
                          return Timed{MillisSince(start), response.total_size()};
                        }});
  operations.push_back({"facets filtered", [&stub, targets](int) -> absl::StatusOr<Timed> {
                          v1::GetFacetsRequest request;
                          request.set_filter(targets.filter);
                          v1::GetFacetsResponse response;
                          auto start = Clock::now();
                          grpc::Status status = stub.GetFacets(Context().get(), request, &response);
                          if (!status.ok()) return RpcError("GetFacets", status);
                          return Timed{MillisSince(start), response.total_size()};
                        }});
  if (targets.indicator_id.empty()) return operations;
  operations.push_back(
      {"compare indicator", [&stub, targets, page_size](int) -> absl::StatusOr<Timed> {
         v1::CompareIndicatorRequest request;
         request.set_indicator_id(targets.indicator_id);
         request.set_report_year(targets.year);
         request.set_page_size(page_size);
         v1::CompareIndicatorResponse response;
         auto start = Clock::now();
         grpc::Status status = stub.CompareIndicator(Context().get(), request, &response);
         if (!status.ok()) return RpcError("CompareIndicator", status);
         return Timed{MillisSince(start), response.summary().stating_count()};
       }});
  return operations;
}

absl::Status MeasureAnalytics(pqxx::connection& connection, v1::QueryService::Stub& stub,
                              const BenchmarkOptions& options, BenchmarkResult* result,
                              std::ostream& log) {
  AnalyticsTargets targets = PickAnalyticsTargets(connection);
  log << "  filter: " << targets.filter << "; indicator: " << targets.indicator_id << " in "
      << targets.year << "\n";
  for (const Operation& operation : AnalyticsOperations(stub, targets, options.page_size)) {
    if (absl::Status s = MeasureRpc(operation, options.analytics_repeat, result); !s.ok()) return s;
  }
  return absl::OkStatus();
}

std::vector<std::string> SampleTexts(pqxx::connection& connection, int sample) {
  pqxx::work work(connection);
  std::vector<std::string> texts;
  for (const pqxx::row& row :
       work.exec_params("SELECT normalized_text FROM reports ORDER BY id LIMIT $1", sample)) {
    texts.push_back(row[0].as<std::string>());
  }
  return texts;
}

// The concurrent clients' mix: a search of each phrase length (cycling through the picked
// phrases) and the analytics calls, the same calls the single-client rows time.
std::vector<Operation> MixOperations(pqxx::connection& connection, v1::QueryService::Stub& stub,
                                     const BenchmarkOptions& options) {
  std::vector<std::string> sample = SampleTexts(connection, options.sample);
  std::vector<Operation> operations;
  for (int length : options.lengths) {
    std::vector<Phrase> phrases = PickPhrases(sample, length);
    if (phrases.empty()) continue;
    operations.push_back(
        {SearchName(length), [&stub, phrases, page_size = options.page_size](int round) {
           return ServiceSearch(stub, phrases[round % phrases.size()].text, page_size);
         }});
  }
  for (Operation& operation :
       AnalyticsOperations(stub, PickAnalyticsTargets(connection), options.page_size)) {
    operations.push_back(std::move(operation));
  }
  return operations;
}

// One client thread's calls, per operation of the mix.
struct ClientTally {
  std::vector<std::vector<double>> samples_ms;
  std::vector<int64_t> errors;
  std::string first_error;
};

// Calls the mix in turn, each client from its own place in it, until `end`.
void RunClient(const std::vector<Operation>& operations, int client, Clock::time_point end,
               ClientTally* tally) {
  tally->samples_ms.resize(operations.size());
  tally->errors.resize(operations.size());
  for (size_t i = client; Clock::now() < end; ++i) {
    size_t which = i % operations.size();
    absl::StatusOr<Timed> timed = operations[which].call(static_cast<int>(i / operations.size()));
    if (timed.ok()) {
      tally->samples_ms[which].push_back(timed->ms);
    } else if (tally->errors[which]++ == 0 && tally->first_error.empty()) {
      tally->first_error = std::string(timed.status().message());
    }
  }
}

// One row per operation and an "all" row for `clients` threads calling for `seconds`.
std::vector<ConcurrencyRow> MeasureConcurrency(const std::vector<Operation>& operations,
                                               int clients, int seconds) {
  std::vector<ClientTally> tallies(clients);
  auto start = Clock::now();
  auto end = start + std::chrono::seconds(seconds);
  std::vector<std::thread> threads;
  for (int client = 0; client < clients; ++client) {
    threads.emplace_back(RunClient, std::cref(operations), client, end, &tallies[client]);
  }
  for (std::thread& thread : threads) thread.join();
  double elapsed = MillisSince(start) / 1000;  // to the last call's answer
  std::vector<ConcurrencyRow> rows;
  ConcurrencyRow all;
  all.clients = clients;
  all.query = "all";
  std::vector<double> all_samples;
  for (size_t which = 0; which < operations.size(); ++which) {
    ConcurrencyRow row;
    row.clients = clients;
    row.query = operations[which].name;
    std::vector<double> samples;
    for (const ClientTally& tally : tallies) {
      samples.insert(samples.end(), tally.samples_ms[which].begin(), tally.samples_ms[which].end());
      row.errors += tally.errors[which];
      if (all.first_error.empty()) all.first_error = tally.first_error;
    }
    all_samples.insert(all_samples.end(), samples.begin(), samples.end());
    row.calls_per_second = samples.size() / elapsed;
    row.latency = Summarize(std::move(samples));
    all.errors += row.errors;
    rows.push_back(std::move(row));
  }
  all.calls_per_second = all_samples.size() / elapsed;
  all.latency = Summarize(std::move(all_samples));
  rows.push_back(std::move(all));
  return rows;
}

}  // namespace

absl::StatusOr<std::vector<ConcurrencyRow>> RunConcurrentQueries(
    pqxx::connection& connection, v1::QueryService::Stub& stub, const BenchmarkOptions& options,
    const ConcurrencyOptions& concurrency, std::ostream& log) {
  std::vector<Operation> operations;
  try {
    operations = MixOperations(connection, stub, options);
  } catch (const std::exception& error) {
    return absl::InternalError(absl::StrCat("benchmark query: ", error.what()));
  }
  if (operations.empty())
    return absl::FailedPreconditionError("no query to make: the archive is empty");
  for (const Operation& operation : operations) {  // each answers before many ask at once
    if (absl::StatusOr<Timed> warm = operation.call(0); !warm.ok()) return warm.status();
  }
  std::vector<ConcurrencyRow> rows;
  for (int clients : concurrency.clients) {
    log << "  " << clients << " concurrent clients for " << concurrency.seconds << " s\n"
        << std::flush;
    for (ConcurrencyRow& row : MeasureConcurrency(operations, clients, concurrency.seconds)) {
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

void PrintConcurrencyTable(const std::vector<ConcurrencyRow>& rows, std::ostream& out) {
  char line[256];
  std::snprintf(line, sizeof line, "%-7s %-18s %9s %9s %9s %9s %7s %6s\n", "clients", "query",
                "calls/s", "p50 ms", "p99 ms", "mean ms", "n", "errors");
  out << line;
  for (const ConcurrencyRow& row : rows) {
    std::snprintf(line, sizeof line, "%-7d %-18s %9.1f %9.1f %9.1f %9.1f %7d %6lld\n", row.clients,
                  row.query.c_str(), row.calls_per_second, row.latency.p50_ms, row.latency.p99_ms,
                  row.latency.mean_ms, row.latency.count, static_cast<long long>(row.errors));
    out << line;
    if (row.query == "all" && !row.first_error.empty())
      out << "  first error: " << row.first_error << "\n";
  }
}

absl::StatusOr<double> EnsureTrigramIndex(pqxx::connection& connection) {
  try {
    pqxx::nontransaction work(connection);
    work.exec0("CREATE EXTENSION IF NOT EXISTS pg_trgm");
    if (!work.exec("SELECT 1 FROM pg_class WHERE relname = 'bench_reports_text_trgm'").empty()) {
      return 0.0;
    }
    work.exec0("SET maintenance_work_mem = '512MB'");
    auto start = Clock::now();
    work.exec0(
        "CREATE INDEX bench_reports_text_trgm ON reports USING gin (normalized_text gin_trgm_ops)");
    return MillisSince(start) / 1000;
  } catch (const std::exception& error) {
    return absl::InternalError(absl::StrCat("pg_trgm index: ", error.what()));
  }
}

void PrintSizes(pqxx::connection& connection, std::ostream& out) {
  pqxx::work work(connection);
  out << "sizes (table = heap + TOAST; indexes listed below):\n";
  for (const pqxx::row& row :
       work.exec("SELECT relname, pg_size_pretty(pg_table_size(oid)), "
                 "pg_size_pretty(pg_indexes_size(oid)),"
                 " pg_size_pretty(pg_total_relation_size(oid)) FROM pg_class"
                 " WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'"
                 " ORDER BY pg_total_relation_size(oid) DESC")) {
    out << "  table " << row[0].c_str() << ": " << row[1].c_str() << " + indexes " << row[2].c_str()
        << " = " << row[3].c_str() << "\n";
  }
  for (const pqxx::row& row :
       work.exec("SELECT relname, pg_size_pretty(pg_relation_size(oid)) FROM pg_class"
                 " WHERE relnamespace = 'public'::regnamespace AND relkind = 'i'"
                 " ORDER BY pg_relation_size(oid) DESC LIMIT 8")) {
    out << "  index " << row[0].c_str() << ": " << row[1].c_str() << "\n";
  }
}

// Every phrase length's searches on the service and in SQL, each length warmed up first.
absl::Status MeasureAllSearches(pqxx::connection& connection, v1::QueryService::Stub& stub,
                                const BenchmarkOptions& options, BenchmarkResult* result,
                                std::ostream& log) {
  std::vector<std::string> sample = SampleTexts(connection, options.sample);
  for (int length : options.lengths) {
    std::vector<Phrase> phrases = PickPhrases(sample, length);
    // One untimed pass over the first phrase per method: connections and caches warm.
    if (!phrases.empty()) {
      if (absl::StatusOr<Timed> warm = ServiceSearch(stub, phrases[0].text, options.page_size);
          !warm.ok()) {
        return warm.status();
      }
      for (std::string_view method : SqlMethods(options)) {
        SqlSearch(connection, method, phrases[0].text, options.page_size);
      }
    }
    if (absl::Status s = MeasureSearches(connection, stub, phrases, length, options, result, log);
        !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<BenchmarkResult> RunQueryBenchmark(pqxx::connection& connection,
                                                  v1::QueryService::Stub& stub,
                                                  const BenchmarkOptions& options,
                                                  std::ostream& log) {
  BenchmarkResult result;
  try {
    if (options.searches) {
      if (absl::Status s = MeasureAllSearches(connection, stub, options, &result, log); !s.ok()) {
        return s;
      }
    }
    if (absl::Status s = MeasureAnalytics(connection, stub, options, &result, log); !s.ok())
      return s;
  } catch (const std::exception& error) {
    return absl::InternalError(absl::StrCat("benchmark query: ", error.what()));
  }
  return result;
}

void PrintTable(const BenchmarkResult& result, std::ostream& out) {
  char line[256];
  std::snprintf(line, sizeof line, "%-18s %-12s %9s %9s %9s %9s %5s  %s\n", "query", "method",
                "p50 ms", "p99 ms", "mean ms", "max ms", "n", "hits");
  out << line;
  for (const ResultRow& row : result.rows) {
    std::snprintf(line, sizeof line, "%-18s %-12s %9.1f %9.1f %9.1f %9.1f %5d  ", row.query.c_str(),
                  row.method.c_str(), row.latency.p50_ms, row.latency.p99_ms, row.latency.mean_ms,
                  row.latency.max_ms, row.latency.count);
    out << line << row.hits << "\n";
  }
  for (const std::string& mismatch : result.mismatches) {
    out << "!!! HIT COUNT MISMATCH: " << mismatch << "\n";
  }
}

void PrintSummary(const BenchmarkResult& result, int64_t reports, std::ostream& out) {
  auto p50_p99 = [](const LatencySummary& latency) {
    char text[64];
    std::snprintf(text, sizeof text, "p50 %.1f ms, p99 %.1f ms", latency.p50_ms, latency.p99_ms);
    return std::string(text);
  };
  for (const ResultRow& row : result.rows) {
    if (row.method != kService) continue;
    bool search = row.query.rfind("search", 0) == 0;
    std::string peer;
    for (const ResultRow& other : result.rows) {
      if (other.query == row.query && other.method == kStrpos) {
        peer = absl::StrCat("strpos scan p50 ", static_cast<int64_t>(other.latency.p50_ms), " ms");
      }
    }
    metrics::PrintSummaryLine(out, {.figure = absl::StrCat(row.query, " at ", reports, " reports"),
                                    .measured = p50_p99(row.latency),
                                    .target = search ? "p99 <= 50 ms" : "p99 <= 20 ms",
                                    .peer = peer});
  }
}

void PrintSearchStages(const tools::StageTotals& spent, std::ostream& out) {
  // The stages in the order a search passes them (see services/query/service/report_reader.h).
  constexpr std::string_view kOrder[] = {"wait_for_index", "index",     "filter",
                                         "rank",           "read_rows", "snippets"};
  double all_seconds = 0;
  for (const auto& [stage, total] : spent) all_seconds += total.seconds;
  std::vector<std::string> stages(std::begin(kOrder), std::end(kOrder));
  for (const auto& [stage, total] : spent) {
    if (std::find(stages.begin(), stages.end(), stage) == stages.end()) stages.push_back(stage);
  }
  char line[256];
  std::snprintf(line, sizeof line, "%-16s %7s %12s %7s\n", "search stage", "calls", "ms per call",
                "share");
  out << line;
  for (const std::string& stage : stages) {
    auto found = spent.find(stage);
    if (found == spent.end() || found->second.count == 0) continue;
    const tools::StageTotal& total = found->second;
    std::snprintf(line, sizeof line, "%-16s %7.0f %12.2f %6.1f%%\n", stage.c_str(), total.count,
                  1000 * total.seconds / total.count,
                  all_seconds > 0 ? 100 * total.seconds / all_seconds : 0.0);
    out << line;
  }
}

}  // namespace fazhi::query_benchmark
