// Aggregate questions over the archive: facet counts for a filter, an indicator's series for one
// jurisdiction, and an indicator compared across jurisdictions with coverage and statistics, a
// page of rows at a time.
//
//   AnalyticsReader analytics(pool, &known_indicator_ids);
//   absl::StatusOr<v1::GetFacetsResponse> facets = analytics.Facets("level = \"county\"");
#ifndef FAZHI_SERVICES_QUERY_SERVICE_ANALYTICS_READER_H_
#define FAZHI_SERVICES_QUERY_SERVICE_ANALYTICS_READER_H_

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/db/connection_pool.h"
#include "fazhi/v1/query.pb.h"
#include "services/query/service/read_query.h"

namespace fazhi::query {

class AnalyticsReader final {
 public:
  // `indicator_ids`: the ids of the indicator list, to reject unknown ones with a clear error.
  AnalyticsReader(db::ConnectionPool* pool, std::set<std::string> indicator_ids)
      : pool_(pool), indicator_ids_(std::move(indicator_ids)) {}

  // `reports`: when set, only those reports are counted (a search query's matches). Each read
  // is bounded by `deadline` (the call's): DEADLINE_EXCEEDED when it passes.
  absl::StatusOr<v1::GetFacetsResponse> Facets(
      const std::string& filter,
      const std::optional<std::vector<std::string>>& reports = std::nullopt,
      absl::Time deadline = absl::InfiniteFuture());

  absl::StatusOr<v1::GetIndicatorSeriesResponse> Series(
      const v1::GetIndicatorSeriesRequest& request, absl::Time deadline = absl::InfiniteFuture());

  // One page of rows (after request.page_token) and the summary over every row. The page token
  // is checked against the request's indicator, year, filter and order: INVALID_ARGUMENT when
  // it was issued for others.
  absl::StatusOr<v1::CompareIndicatorResponse> Compare(
      const v1::CompareIndicatorRequest& request, absl::Time deadline = absl::InfiniteFuture());

  // INVALID_ARGUMENT naming the known ids when `id` is not one of them.
  absl::Status CheckIndicatorId(const std::string& id) const;

 private:
  db::ConnectionPool* pool_;
  std::set<std::string> indicator_ids_;
};

// The columns of an indicator row (reports r, records rec, indicator_values iv; the jurisdiction
// columns from the archive schema) and its conversion, by column name; shared with exports.
const std::vector<NamedColumn>& IndicatorRowColumns();
v1::IndicatorValue IndicatorValueFromRow(const pqxx::row& row);

}  // namespace fazhi::query

#endif  // FAZHI_SERVICES_QUERY_SERVICE_ANALYTICS_READER_H_
