// fazhi-query: the query service.
#include <algorithm>
#include <cstdlib>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/db/connection_pool.h"
#include "common/logging/logging.h"
#include "common/metrics/pool_metrics.h"
#include "common/server/service_main.h"
#include "services/extraction/indicators/indicator_set.h"
#include "services/query/service/query_service.h"

namespace fazhi::query {
namespace {

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
  std::string with_read_only = options == nullptr
                                   ? std::string(kReadOnly)
                                   : std::string(options) + " " + std::string(kReadOnly);
  setenv("PGOPTIONS", with_read_only.c_str(), /*overwrite=*/1);
  std::string url = settings.Get(kQueryDatabaseUrl);
  return url.empty() ? settings.Get(kDatabaseUrl) : url;
}

// Reads every report into the phrase index before serving, so the first search is complete.
absl::Status LoadSearchIndex(IndexedArchive& archive) {
  absl::Time start = absl::Now();
  if (absl::Status loaded = archive.Load(); absl::IsFailedPrecondition(loaded)) {
    LogEvent(spdlog::level::warn, "search_index_empty",
             {{"reason", std::string(loaded.message())}});
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
// the pool for 30 s, and lists and lookups still get a connection. Full texts and originals are
// admitted by the same calls and bytes (large_read_admission.h).
absl::StatusOr<AdmissionOptions> SearchAdmission(const Settings& settings, int64_t pool_size) {
  absl::StatusOr<int64_t> total = settings.GetInt(kQuerySearchBytes);
  if (!total.ok()) return total.status();
  absl::StatusOr<int64_t> per_call = settings.GetInt(kQueryCallBytes);
  if (!per_call.ok()) return per_call.status();
  return AdmissionOptions{.max_calls = static_cast<int>(std::max<int64_t>(1, pool_size - 1)),
                          .total_bytes = *total,
                          .call_bytes = *per_call,
                          .max_wait = absl::Seconds(1),
                          .what = "searches and whole-report reads",
                          .advice = "ask for fewer hits, snippets or less context"};
}

struct QueryParts final : ServiceParts {
  std::unique_ptr<db::ConnectionPool> pool;
  std::unique_ptr<db::ConnectionPool> follower_pool;
  std::unique_ptr<IndexedArchive> archive;
  std::unique_ptr<Admission> admission;
  std::unique_ptr<ReportReader> reader;
  std::unique_ptr<LargeReadAdmission> large_reads;
  std::unique_ptr<AnalyticsReader> analytics;
  std::unique_ptr<ExportWriter> exports;
  std::unique_ptr<QueryServiceImpl> service;
};

absl::StatusOr<std::unique_ptr<ServiceParts>> Build(ServiceStart& start) {
  absl::StatusOr<int64_t> pool_size = start.settings.GetInt(kDbPoolSize);
  if (!pool_size.ok()) return pool_size.status();
  absl::StatusOr<v1::ListIndicatorsResponse> indicators = LoadIndicatorList(start.settings);
  if (!indicators.ok()) return indicators.status();
  absl::StatusOr<AdmissionOptions> admission_options = SearchAdmission(start.settings, *pool_size);
  if (!admission_options.ok()) return admission_options.status();
  auto parts = std::make_unique<QueryParts>();
  absl::StatusOr<std::unique_ptr<db::ConnectionPool>> pool =
      db::ConnectionPool::Create(start.database_url, static_cast<int>(*pool_size));
  if (!pool.ok()) return pool.status();
  parts->pool = *std::move(pool);
  // The index follower looks at the archive ten times a second on a connection of its own: when
  // it borrowed from the requests' pool, a call now and then got a connection that had not run
  // its statement yet, and a PostgreSQL backend's first run of a statement costs 10-40 ms more.
  absl::StatusOr<std::unique_ptr<db::ConnectionPool>> follower_pool =
      db::ConnectionPool::Create(start.database_url, 1);
  if (!follower_pool.ok()) return follower_pool.status();
  parts->follower_pool = *std::move(follower_pool);
  std::set<std::string> indicator_ids;
  for (const v1::IndicatorInfo& indicator : indicators->indicators())
    indicator_ids.insert(indicator.id());
  parts->archive = std::make_unique<IndexedArchive>(parts->follower_pool.get(),
                                                    start.settings.Get(kQueryIndexSnapshot));
  if (absl::Status loaded = LoadSearchIndex(*parts->archive); !loaded.ok()) return loaded;
  parts->archive->StartFollowing();
  parts->admission = std::make_unique<Admission>(*admission_options);
  parts->reader = std::make_unique<ReportReader>(parts->pool.get(), parts->archive.get(),
                                                 parts->admission.get());
  parts->analytics = std::make_unique<AnalyticsReader>(parts->pool.get(), std::move(indicator_ids));
  parts->exports = std::make_unique<ExportWriter>(parts->pool.get());
  parts->large_reads =
      std::make_unique<LargeReadAdmission>(parts->pool.get(), parts->admission.get());
  parts->service = std::make_unique<QueryServiceImpl>(parts->reader.get(), parts->large_reads.get(),
                                                      parts->analytics.get(), parts->exports.get(),
                                                      *std::move(indicators));
  metrics::ExportPoolMetrics(parts->pool.get(), &metrics::Registry::Default());
  start.runner->AddService(parts->service.get());
  return parts;
}

}  // namespace
}  // namespace fazhi::query

int main(int argc, char** argv) {
  using namespace fazhi;
  return ServiceMain(argc, argv,
                     {.name = "query",
                      .description = "answers lookups, lists and searches over the archive.",
                      .listen_address = kQueryAddr,
                      .metrics_address = kQueryMetricsAddr,
                      .database_url = query::ReadDatabaseUrl,
                      .build = query::Build});
}
