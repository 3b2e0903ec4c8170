#include "services/query/service/analytics_reader.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/archive/indicator_values_schema.h"
#include "common/archive/records_schema.h"
#include "common/archive/report_names.h"
#include "common/compat/string_view.h"
#include "common/status/quoted_input.h"
#include "common/text/shortest_decimal.h"
#include "common/text/utf8.h"
#include "services/query/filter/filter.h"
#include "services/query/paging/page_token.h"
#include "services/query/service/read_query.h"

namespace fazhi::query {

namespace {

std::vector<NamedColumn> MakeIndicatorRowColumns() {
  std::vector<NamedColumn> columns = {{"report", "r.id"}};
  for (const RecordColumn& column : JurisdictionRecordColumns()) {
    if (!column.exported()) continue;
    columns.push_back({std::string(column.name), absl::StrCat("rec.", Absl(column.name))});
  }
  columns.push_back({"report_year", "COALESCE(rec.report_year, 0)"});
  // The rest of indicator_values as it is (the row's report and year come from reports and
  // records), in table order but confidence last, where exports have always put it.
  std::vector<NamedColumn> values;
  for (const IndicatorValueColumn& column : IndicatorValueColumns()) {
    if (column.name == "report_id" || column.name == "report_year") continue;
    values.push_back({std::string(column.name), absl::StrCat("iv.", Absl(column.name))});
  }
  std::stable_partition(values.begin(), values.end(),
                        [](const NamedColumn& column) { return column.name != "confidence"; });
  columns.insert(columns.end(), values.begin(), values.end());
  return columns;
}

}  // namespace

const std::vector<NamedColumn>& IndicatorRowColumns() {
  static const auto* const kColumns = new std::vector<NamedColumn>(MakeIndicatorRowColumns());
  return *kColumns;
}

namespace {

constexpr char kIndicatorJoin[] =
    " FROM indicator_values iv JOIN reports r ON r.id = iv.report_id"
    " JOIN records rec ON rec.report_id = r.id ";

// Where the evidence sentence of an indicator row begins: the record keeps it (the indicator
// rows do not), so a reader can centre the evidence on the figure. NULL when it is not there.
constexpr char kEvidenceBeginColumn[] = R"sql(,
  (SELECT (e->'evidence_span'->>'begin')::bigint FROM jsonb_array_elements(rec.record->'indicators') e
   WHERE e->>'id' = iv.indicator_id LIMIT 1) AS evidence_begin)sql";

// An indicator row read with kEvidenceBeginColumn.
v1::IndicatorValue IndicatorValueWithEvidenceSpan(const pqxx::row& row) {
  v1::IndicatorValue value = IndicatorValueFromRow(row);
  if (!row["evidence_begin"].is_null()) {
    const int64_t begin = row["evidence_begin"].as<int64_t>();
    value.mutable_evidence_span()->set_begin(begin);
    value.mutable_evidence_span()->set_end(begin + text::CountCodepoints(value.evidence()));
  }
  return value;
}

// A comparison's rows are paged by (value, report id), in the comparison's order; a token is
// valid only for the same indicator, year, filter and direction.
uint64_t ComparisonFingerprint(const v1::CompareIndicatorRequest& request) {
  return Fingerprint({"compare", request.indicator_id(), std::to_string(request.report_year()),
                      request.filter(), request.descending() ? "desc" : "asc"});
}

absl::StatusOr<std::optional<PageCursor>> ComparisonCursor(
    const v1::CompareIndicatorRequest& request) {
  if (request.page_token().empty()) return std::nullopt;
  absl::StatusOr<PageCursor> cursor =
      DecodePageToken(request.page_token(), ComparisonFingerprint(request));
  if (!cursor.ok()) return cursor.status();
  // The key goes to PostgreSQL as float8: a token's key is the caller's bytes, and one it cannot
  // hold ("1e400") or that orders nowhere ("nan", "inf") is a malformed token, not the archive's
  // error. The number read is what goes on, written as the encoder writes it ("1e-400" as 0).
  double value = 0;
  if (!absl::SimpleAtod(cursor->last_key, &value) || !std::isfinite(value) ||
      cursor->last_id.empty()) {
    return absl::InvalidArgumentError("page_token is malformed: pass back a next_page_token as is");
  }
  cursor->last_key = text::ShortestDecimal(value);
  return *cursor;
}

// A facet's value of a report: its column as text, '' for NULL.
std::string FacetValueSql(const RecordColumn& column) {
  return absl::StrCat("COALESCE(rec.", Absl(column.name), column.type == "text" ? "" : "::text",
                      ", '')");
}

// One GROUPING SETS query counts every facet's values among the reports `from` ... WHERE `where`:
// facet i is column fi; GROUPING(...) tells which facet a row counts, and the grand total comes
// as the empty set.
std::string FacetCountsSql(const std::vector<RecordColumn>& facets, std::string_view from,
                           std::string_view where) {
  const size_t count = facets.size();
  std::vector<std::string> values, names, sets, order = {"1", absl::StrCat(count + 2, " DESC")};
  for (size_t i = 0; i < count; ++i) {
    values.push_back(absl::StrCat(FacetValueSql(facets[i]), " AS f", i));
    names.push_back(absl::StrCat("f", i));
    sets.push_back(absl::StrCat("(f", i, ")"));
    order.push_back(std::to_string(i + 2));
  }
  return absl::StrCat("WITH matching AS (SELECT ", absl::StrJoin(values, ", "), Absl(from),
                      "WHERE ", Absl(where), ") SELECT GROUPING(", absl::StrJoin(names, ", "),
                      ") AS grouping, ", absl::StrJoin(names, ", "),
                      ", count(*) AS reports FROM matching GROUP BY GROUPING SETS (",
                      absl::StrJoin(sets, ", "), ", ()) ORDER BY ", absl::StrJoin(order, ", "));
}

}  // namespace

v1::IndicatorValue IndicatorValueFromRow(const pqxx::row& row) {
  v1::IndicatorValue value;
  value.set_report(ReportName(row["report"].as<std::string>()));
  for (const RecordColumn& column : JurisdictionRecordColumns()) {
    if (!column.exported()) continue;
    column.ReadBack(row[std::string(column.name)].as<std::string>(), value.mutable_jurisdiction());
  }
  value.set_report_year(row["report_year"].as<int>());
  value.set_indicator_id(row["indicator_id"].as<std::string>());
  value.set_value(row["value"].as<double>());
  value.set_unit(row["unit"].as<std::string>());
  value.set_approximate(row["approximate"].as<bool>());
  value.set_suspect(row["suspect"].as<bool>());
  value.set_evidence(row["evidence"].as<std::string>());
  value.mutable_span()->set_begin(row["span_begin"].as<int64_t>());
  value.mutable_span()->set_end(row["span_end"].as<int64_t>());
  value.set_confidence(row["confidence"].as<double>());
  return value;
}

absl::Status AnalyticsReader::CheckIndicatorId(const std::string& id) const {
  if (indicator_ids_.contains(id)) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown indicator '", QuotedInput(id), "'; known: ", absl::StrJoin(indicator_ids_, ", ")));
}

absl::StatusOr<v1::GetFacetsResponse> AnalyticsReader::Facets(
    const std::string& filter, const std::optional<std::vector<std::string>>& reports,
    absl::Time deadline) {
  QueryParams params;
  absl::StatusOr<SqlCondition> condition = ParseReportFilter(filter, params.next());
  if (!condition.ok()) return condition.status();
  params.Append(condition->params);
  if (reports) RestrictToReports(*reports, &params, &*condition);
  const std::vector<RecordColumn>& facets = FacetRecordColumns();
  std::string sql =
      FacetCountsSql(facets, ReportSourceFor(condition->records_only).from, condition->sql);
  pqxx::result rows;
  if (absl::Status status = RunReadOnly(pool_, deadline, sql, params, &rows); !status.ok())
    return status;
  v1::GetFacetsResponse response;
  for (const RecordColumn& column : facets) {
    response.add_facets()->set_field(std::string(column.name));
  }
  const int count = static_cast<int>(facets.size());
  const int total = (1 << count) - 1;  // every field's bit: the grand total's row
  for (const pqxx::row& row : rows) {
    // Bit (count - 1 - i) is set when facet i is NOT grouped.
    int grouping = row["grouping"].as<int>();
    if (grouping == total) {
      response.set_total_size(row["reports"].as<int64_t>());
      continue;
    }
    for (int i = 0; i < count; ++i) {
      if ((grouping & (1 << (count - 1 - i))) == 0) {
        v1::FacetCount* facet_count = response.mutable_facets(i)->add_counts();
        facet_count->set_value(row[absl::StrCat("f", i)].as<std::string>());
        facet_count->set_count(row["reports"].as<int64_t>());
      }
    }
  }
  return response;
}

absl::StatusOr<v1::GetIndicatorSeriesResponse> AnalyticsReader::Series(
    const v1::GetIndicatorSeriesRequest& request, absl::Time deadline) {
  if (absl::Status known = CheckIndicatorId(request.indicator_id()); !known.ok()) return known;
  if (request.jurisdiction_code().empty()) {
    return absl::InvalidArgumentError(
        "jurisdiction_code is empty: give a division code such as 513327");
  }
  QueryParams params;
  std::string sql =
      absl::StrCat("SELECT ", SelectList(IndicatorRowColumns()), kEvidenceBeginColumn,
                   kIndicatorJoin, "WHERE iv.indicator_id = ", params.Add(request.indicator_id()),
                   " AND rec.jurisdiction_code = ", params.Add(request.jurisdiction_code()),
                   " ORDER BY rec.report_year, rec.published_on NULLS FIRST, r.id");
  pqxx::result rows;
  if (absl::Status status = RunReadOnly(pool_, deadline, sql, params, &rows); !status.ok())
    return status;
  v1::GetIndicatorSeriesResponse response;
  for (const pqxx::row& row : rows) *response.add_points() = IndicatorValueWithEvidenceSpan(row);
  return response;
}

absl::StatusOr<v1::CompareIndicatorResponse> AnalyticsReader::Compare(
    const v1::CompareIndicatorRequest& request, absl::Time deadline) {
  if (absl::Status known = CheckIndicatorId(request.indicator_id()); !known.ok()) return known;
  absl::StatusOr<int> requested_size = PageSize(request.page_size(), 100, 1000);
  if (!requested_size.ok()) return requested_size.status();
  const int page_size = *requested_size;
  absl::StatusOr<std::optional<PageCursor>> after = ComparisonCursor(request);
  if (!after.ok()) return after.status();
  QueryParams params;
  std::string id = params.Add(request.indicator_id());
  absl::StatusOr<SqlCondition> condition = ParseReportFilter(request.filter(), params.next());
  if (!condition.ok()) return condition.status();
  params.Append(condition->params);
  const bool by_year = request.report_year() != 0;
  const bool unfiltered = condition->sql == "TRUE";  // what an empty filter becomes
  std::string scope = condition->sql;
  // The scope's reports, and the indicator's value rows among them. A year reads one range of
  // indicator_values_by_indicator_year (report_year there mirrors the record's, NULL without
  // one, see migration 0006); without a year a row counts only when its report has a record.
  std::string stated = absl::StrCat(
      "SELECT iv.report_id AS id, iv.value, iv.suspect FROM indicator_values iv"
      " WHERE iv.indicator_id = ",
      id);
  if (by_year) {
    std::string year = params.Add(std::to_string(request.report_year()));
    scope = absl::StrCat("rec.report_year = ", year, "::integer AND ", scope);
    absl::StrAppend(&stated, " AND iv.report_year = ", year, "::integer");
  } else {
    absl::StrAppend(&stated,
                    " AND EXISTS (SELECT 1 FROM records x WHERE x.report_id = iv.report_id)");
  }
  if (!unfiltered) absl::StrAppend(&stated, " AND iv.report_id IN (SELECT id FROM scoped)");
  // A year makes the scope NULL without a record, so it can read records alone.
  ReportSource source = ReportSourceFor(condition->records_only || by_year);
  std::string direction = request.descending() ? " DESC" : "";
  std::string order = absl::StrCat("page.value", direction, ", page.id");
  // Rows after the cursor in the comparison's order (value in its direction, then id ascending).
  std::string keyset = "TRUE";
  if (*after) {
    std::string value = absl::StrCat(params.Add((*after)->last_key), "::float8");
    std::string report = params.Add((*after)->last_id);
    keyset = absl::StrCat("(value ", request.descending() ? "<" : ">", " ", value,
                          " OR (value = ", value, " AND id > ", report, "))");
  }
  // The page's full rows are read last, for its rows only.
  std::string sql = absl::StrCat(
      "WITH scoped AS (SELECT ", Absl(source.id), " AS id", Absl(source.from), "WHERE ", scope,
      "), stated AS (", stated, "), ",
      // A suspect value (a damaged figure, a rate over 100%) would make the extremes and move
      // the mean: it is counted, not summarized.
      "summary AS (SELECT (SELECT count(*) FROM scoped) AS reports, count(*) AS stating,"
      " count(*) FILTER (WHERE suspect) AS suspects,"
      " min(value) FILTER (WHERE NOT suspect) AS lo,"
      " percentile_cont(0.5) WITHIN GROUP (ORDER BY value) FILTER (WHERE NOT suspect) AS median,"
      " max(value) FILTER (WHERE NOT suspect) AS hi,"
      " avg(value) FILTER (WHERE NOT suspect) AS mean FROM stated), ",
      "page AS (SELECT id, value FROM stated WHERE ", keyset, " ORDER BY value", direction,
      ", id LIMIT ", page_size + 1, ") SELECT ", SelectList(IndicatorRowColumns()),
      kEvidenceBeginColumn, ", summary.* FROM summary LEFT JOIN (page",
      " JOIN indicator_values iv ON iv.report_id = page.id AND iv.indicator_id = ", id,
      " JOIN reports r ON r.id = page.id JOIN records rec ON rec.report_id = page.id) ON true",
      " ORDER BY ", order);
  pqxx::result rows;
  if (absl::Status status = RunReadOnly(pool_, deadline, sql, params, &rows); !status.ok())
    return status;
  v1::CompareIndicatorResponse response;
  std::string last_id;  // of the page's last row
  for (const pqxx::row& row : rows) {
    // One row past the page tells that more follow.
    if (!row["report"].is_null() && response.rows_size() < page_size) {
      *response.add_rows() = IndicatorValueWithEvidenceSpan(row);
      last_id = row["report"].as<std::string>();
    } else if (!row["report"].is_null()) {
      response.set_next_page_token(
          EncodePageToken({ComparisonFingerprint(request),
                           text::ShortestDecimal(response.rows().rbegin()->value()), last_id}));
    }
    v1::IndicatorSummary* summary = response.mutable_summary();
    summary->set_report_count(row["reports"].as<int64_t>());
    summary->set_stating_count(row["stating"].as<int64_t>());
    summary->set_suspect_count(row["suspects"].as<int64_t>());
    if (!row["lo"].is_null()) {
      summary->set_min(row["lo"].as<double>());
      summary->set_median(row["median"].as<double>());
      summary->set_max(row["hi"].as<double>());
      summary->set_mean(row["mean"].as<double>());
    }
  }
  return response;
}

}  // namespace fazhi::query
