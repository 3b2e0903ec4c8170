// fazhi-query: the query service.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <set>

#include "common/config/settings.h"
#include "common/db/connection_pool.h"
#include "common/db/database_login.h"
#include "common/logging/logging.h"
#include "common/metrics/pool_metrics.h"
#include "common/security/credentials.h"
#include "absl/strings/str_cat.h"
#include "common/server/service_runner.h"
#include "services/extraction/indicators/indicator_set.h"
#include "services/query/service/query_service.h"

namespace fazhi::query {
namespace {

int Fail(const absl::Status& status) {
  LogEvent(spdlog::level::critical, "startup_failed", {{"error", std::string(status.message())}});
  return 1;
}

// The indicator list: ListIndicators answers with it, and its ids let unknown ones get a clear
// error instead of an empty answer.
absl::StatusOr<v1::ListIndicatorsResponse> LoadIndicatorList(const Settings& settings) {
  std::string data_dir = settings.Get(kDataDir);
  if (data_dir.empty()) data_dir = std::string(FAZHI_SOURCE_DIR) + "/data";
  absl::StatusOr<extraction::IndicatorSet> indicators =
      extraction::IndicatorSet::LoadFromFile(data_dir + "/indicators/indicators.json");
  if (!indicators.ok()) return indicators.status();
  v1::ListIndicatorsResponse list;
  list.set_indicator_set_version(indicators->version());
  for (const auto& indicator : indicators->indicators()) {
    v1::IndicatorInfo* info = list.add_indicators();
    info->set_id(indicator.id);
    info->set_name(indicator.name);
    info->set_unit(indicator.unit);
    info->set_group(indicator.group);
  }
  return list;
}

// The query service only reads, so it may read from a streaming replica. Its sessions are marked
// read-only (a write fails instead of changing the archive); libpq takes that from the environment
// unless the URL sets it.
std::string ReadDatabaseUrl(const Settings& settings) {
  static constexpr std::string_view kReadOnly = "-c default_transaction_read_only=on";
  const char* options = getenv("PGOPTIONS");
  std::string with_read_only = options == nullptr ? std::string(kReadOnly)
                                                  : std::string(options) + " " + std::string(kReadOnly);
  setenv("PGOPTIONS", with_read_only.c_str(), /*overwrite=*/1);
  std::string url = settings.Get(kQueryDatabaseUrl);
  return url.empty() ? settings.Get(kDatabaseUrl) : url;
}

// Reads every report into the phrase index before serving, so the first search is complete.
absl::Status LoadSearchIndex(IndexedArchive& archive) {
  absl::Time start = absl::Now();
  if (absl::Status loaded = archive.Load(); absl::IsFailedPrecondition(loaded)) {
    LogEvent(spdlog::level::warn, "search_index_empty", {{"reason", std::string(loaded.message())}});
    return absl::OkStatus();
  } else if (!loaded.ok()) {
    return loaded;
  }
  PhraseIndexStats stats = archive.Stats();
  LogEvent(spdlog::level::info, "search_index_loaded",
           {{"reports", std::to_string(stats.documents)},
            {"codepoints", std::to_string(stats.indexed_codepoints)},
            {"posting_mb", std::to_string(stats.posting_bytes / 1000000)},
            {"seconds", absl::StrCat(absl::ToDoubleSeconds(absl::Now() - start))}});
  return absl::OkStatus();
}

// Searches read the archive on the requests' pool: let them hold one connection fewer than it
// has, so a burst of them waits here (at most a second, then RESOURCE_EXHAUSTED) instead of in
// the pool for 30 s, and lists and lookups still get a connection.
absl::StatusOr<AdmissionOptions> SearchAdmission(const Settings& settings, int64_t pool_size) {
  absl::StatusOr<int64_t> total = settings.GetInt(kQuerySearchBytes);
  if (!total.ok()) return total.status();
  absl::StatusOr<int64_t> per_call = settings.GetInt(kQueryCallBytes);
  if (!per_call.ok()) return per_call.status();
  return AdmissionOptions{.max_calls = static_cast<int>(std::max<int64_t>(1, pool_size - 1)),
                          .total_bytes = *total,
                          .call_bytes = *per_call,
                          .max_wait = absl::Seconds(1),
                          .what = "searches",
                          .advice = "ask for fewer hits, snippets or less context"};
}

int Main(int argc, char** argv) {
  BlockShutdownSignals();
  Settings settings = Settings::FromEnvironment();
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--help") {
      std::cout << "fazhi-query: answers lookups, lists and searches over the archive.\n\n"
                << Settings::HelpText();
      return 0;
    }
  }
  if (absl::Status parsed = settings.ApplyCommandLine(argc, argv); !parsed.ok()) {
    std::cerr << parsed.message() << "\n";
    return 2;
  }
  InitLogging("query", settings.Get(kLogLevel));
  absl::StatusOr<int64_t> pool_size = settings.GetInt(kDbPoolSize);
  if (!pool_size.ok()) return Fail(pool_size.status());
  absl::StatusOr<ServiceRunnerOptions> runner_options =
      RunnerOptionsFromSettings(settings, "query", kQueryAddr, kQueryMetricsAddr);
  if (!runner_options.ok()) return Fail(runner_options.status());
  if (absl::Status login = db::UseDatabaseLogin(settings, "fazhi-query"); !login.ok()) return Fail(login);
  std::string database_url = ReadDatabaseUrl(settings);
  absl::StatusOr<std::unique_ptr<db::ConnectionPool>> pool =
      db::ConnectionPool::Create(database_url, static_cast<int>(*pool_size));
  if (!pool.ok()) return Fail(pool.status());
  // The index follower looks at the archive ten times a second on a connection of its own: when
  // it borrowed from the requests' pool, a call now and then got a connection that had not run
  // its statement yet, and a PostgreSQL backend's first run of a statement costs 10-40 ms more.
  absl::StatusOr<std::unique_ptr<db::ConnectionPool>> follower_pool =
      db::ConnectionPool::Create(database_url, 1);
  if (!follower_pool.ok()) return Fail(follower_pool.status());
  absl::StatusOr<v1::ListIndicatorsResponse> indicators = LoadIndicatorList(settings);
  if (!indicators.ok()) return Fail(indicators.status());
  std::set<std::string> indicator_ids;
  for (const v1::IndicatorInfo& indicator : indicators->indicators()) indicator_ids.insert(indicator.id());
  IndexedArchive archive(follower_pool->get(), settings.Get(kQueryIndexSnapshot));
  if (absl::Status loaded = LoadSearchIndex(archive); !loaded.ok()) return Fail(loaded);
  archive.StartFollowing();
  absl::StatusOr<AdmissionOptions> admission_options = SearchAdmission(settings, *pool_size);
  if (!admission_options.ok()) return Fail(admission_options.status());
  Admission admission(*admission_options);
  ReportReader reader(pool->get(), &archive, &admission);
  AnalyticsReader analytics(pool->get(), std::move(indicator_ids));
  ExportWriter exports(pool->get());
  QueryServiceImpl service(&reader, &analytics, &exports, *std::move(indicators));
  ServiceRunner runner(*std::move(runner_options));
  metrics::ExportPoolMetrics(pool->get(), &metrics::Registry::Default());
  runner.AddService(&service);
  absl::Status run = runner.RunUntilSignalled();
  if (!run.ok()) return Fail(run);
  return 0;
}

}  // namespace
}  // namespace fazhi::query

int main(int argc, char** argv) { return fazhi::query::Main(argc, argv); }
