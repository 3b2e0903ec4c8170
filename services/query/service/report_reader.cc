#include "services/query/service/report_reader.h"

#include <google/protobuf/util/time_util.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/archive/record_json.h"
#include "common/archive/report_names.h"
#include "common/compat/string_view.h"
#include "common/search_index/search_query.h"
#include "services/query/service/read_query.h"

namespace fazhi::query {
namespace {

constexpr char kReportColumns[] = R"sql(
  r.id, r.content_sha256, r.original_size_bytes, r.original_encoding, r.original_format,
  r.file_name, r.content_type, r.source_url,
  (extract(epoch FROM r.retrieved_time) * 1000)::bigint,
  (extract(epoch FROM r.ingest_time) * 1000)::bigint,
  COALESCE(r.request_id, ''), r.normalizer_version, r.text_length, r.state, r.error,
  rec.record::text, (extract(epoch FROM rec.extract_time) * 1000)::bigint)sql";
constexpr int kReportColumnCount = 17;

constexpr char kFromReports[] = " FROM reports r LEFT JOIN records rec ON rec.report_id = r.id ";

google::protobuf::Timestamp FromMillis(int64_t millis) {
  return google::protobuf::util::TimeUtil::MillisecondsToTimestamp(millis);
}

// Keeps what a list shows: metadata, section summary and indicators.
void TrimToBasic(v1::ExtractedRecord* record) {
  record->clear_sections();
  record->clear_quantities();
  record->clear_dates();
  record->clear_citations();
  record->clear_document_numbers();
}

absl::StatusOr<v1::Report> ReportFromRow(const pqxx::row& row, v1::ReportView view) {
  v1::Report report;
  report.set_name(ReportName(row[0].as<std::string>()));
  v1::Provenance* provenance = report.mutable_provenance();
  provenance->set_content_sha256(row[1].as<std::string>());
  provenance->set_original_size_bytes(row[2].as<int64_t>());
  provenance->set_original_encoding(row[3].as<std::string>());
  provenance->set_original_format(row[4].as<std::string>());
  provenance->set_file_name(row[5].as<std::string>());
  provenance->set_content_type(row[6].as<std::string>());
  provenance->set_source_url(row[7].as<std::string>());
  if (!row[8].is_null()) *provenance->mutable_retrieved_time() = FromMillis(row[8].as<int64_t>());
  *provenance->mutable_ingest_time() = FromMillis(row[9].as<int64_t>());
  provenance->set_request_id(row[10].as<std::string>());
  report.set_normalizer_version(row[11].as<std::string>());
  report.set_text_length(row[12].as<int64_t>());
  report.set_state(ReportStateFromColumn(row[13].as<std::string>()));
  report.set_error(row[14].as<std::string>());
  if (!row[15].is_null()) {
    absl::StatusOr<v1::ExtractedRecord> record = RecordFromStoredJson(row[15].as<std::string>());
    if (!record.ok()) return record.status();
    if (view != v1::REPORT_VIEW_FULL) TrimToBasic(&*record);
    *report.mutable_record() = std::move(*record);
    *report.mutable_extract_time() = FromMillis(row[16].as<int64_t>());
  }
  return report;
}

// Reads the page's rows (one more than the page size, to know whether more follow) into `page`.
// Columns `extra_from` and `extra_from + 1` hold the total count and the sort key as text.
absl::Status FillPage(const pqxx::result& rows, int page_size, v1::ReportView view, int extra_from,
                      ReportPage* page) {
  for (int i = 0; i < static_cast<int>(rows.size()) && i < page_size; ++i) {
    absl::StatusOr<v1::Report> report = ReportFromRow(rows[i], view);
    if (!report.ok()) return report.status();
    page->reports.push_back(std::move(*report));
    page->total_size = rows[i][extra_from].as<int64_t>();
  }
  if (static_cast<int>(rows.size()) > page_size) {
    const pqxx::row& last = rows[page_size - 1];
    page->next = PageCursor{0, last[extra_from + 1].as<std::string>(), last[0].as<std::string>()};
  }
  return absl::OkStatus();
}

struct OrderSpec {
  std::string_view name;
  std::string_view key_sql;
  std::string_view key_cast;
};

constexpr OrderSpec kOrders[] = {
    {"name", "r.id", ""},
    {"report_year", "COALESCE(rec.report_year, 0)", "::integer"},
    {"ingest_time", "(extract(epoch FROM r.ingest_time) * 1000000)::bigint", "::bigint"},
};

}  // namespace

absl::StatusOr<ListOrder> ParseListOrder(std::string_view order_by) {
  std::string normalized = absl::AsciiStrToLower(absl::StripAsciiWhitespace(Absl(order_by)));
  if (normalized.empty()) normalized = "name";
  bool descending = false;
  std::string field = normalized;
  if (size_t space = normalized.find(' '); space != std::string::npos) {
    field = normalized.substr(0, space);
    std::string direction(absl::StripAsciiWhitespace(normalized.substr(space)));
    if (direction != "desc" && direction != "asc") {
      return absl::InvalidArgumentError(
          absl::StrCat("order_by: expected 'asc' or 'desc' after '", field, "', got '", direction, "'"));
    }
    descending = direction == "desc";
  }
  for (const OrderSpec& spec : kOrders) {
    if (spec.name == field) {
      return ListOrder{absl::StrCat(field, descending ? " desc" : ""), std::string(spec.key_sql),
                       std::string(spec.key_cast), descending};
    }
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "order_by: unknown field '", field, "'; use name, report_year or ingest_time, optionally with desc"));
}

absl::StatusOr<v1::Report> ReportReader::Get(const std::string& id, v1::ReportView view) {
  QueryParams params;
  std::string text_column = view == v1::REPORT_VIEW_FULL ? ", r.normalized_text" : "";
  std::string sql = absl::StrCat("SELECT ", kReportColumns, text_column, kFromReports,
                                 "WHERE r.id = ", params.Add(id));
  pqxx::result rows;
  if (absl::Status status = RunReadOnly(pool_, sql, params, &rows); !status.ok()) return status;
  if (rows.empty()) return absl::NotFoundError(absl::StrCat("report ", ReportName(id), " not found"));
  absl::StatusOr<v1::Report> report = ReportFromRow(rows[0], view);
  if (report.ok() && view == v1::REPORT_VIEW_FULL) {
    report->set_text(rows[0][kReportColumnCount].as<std::string>());
  }
  return report;
}

absl::StatusOr<ReportPage> ReportReader::List(const std::string& filter, const ListOrder& order,
                                              const std::optional<PageCursor>& after, int page_size,
                                              v1::ReportView view) {
  QueryParams params;
  absl::StatusOr<SqlCondition> condition = ParseReportFilter(filter, params.next());
  if (!condition.ok()) return condition.status();
  params.Append(condition->params);
  std::string keyset = "TRUE";
  if (after) {
    std::string key = params.Add(after->last_key);
    std::string id = params.Add(after->last_id);
    keyset = absl::StrCat("(sort_key, id) ", order.descending ? "<" : ">", " (", key, order.key_cast,
                          ", ", id, ")");
  }
  std::string direction = order.descending ? " DESC" : "";
  std::string sql = absl::StrCat(
      "WITH matching AS (SELECT ", kReportColumns, ", ", order.key_sql, " AS sort_key",
      ", count(*) OVER () AS total", kFromReports, "WHERE ", condition->sql, ") ",
      "SELECT *, sort_key::text AS cursor_key FROM matching WHERE ", keyset, " ORDER BY sort_key", direction,
      ", id", direction, " LIMIT ", page_size + 1);
  pqxx::result rows;
  if (absl::Status status = RunReadOnly(pool_, sql, params, &rows); !status.ok()) return status;
  ReportPage page;
  // Columns: report columns (id first), sort_key, total, sort_key::text.
  if (absl::Status filled = FillPage(rows, page_size, view, kReportColumnCount + 1, &page);
      !filled.ok()) {
    return filled;
  }
  return page;
}

absl::StatusOr<ReportPage> ReportReader::Search(const std::string& query, const std::string& filter,
                                                const std::optional<PageCursor>& after,
                                                int page_size) {
  absl::StatusOr<search_index::SearchPlan> plan = search_index::PlanSearch(query, 1);
  if (!plan.ok()) return plan.status();
  QueryParams params;
  params.Append(plan->params);
  absl::StatusOr<SqlCondition> condition = ParseReportFilter(filter, params.next());
  if (!condition.ok()) return condition.status();
  params.Append(condition->params);
  std::string keyset = "TRUE";
  if (after) {
    std::string key = params.Add(after->last_key);
    std::string id = params.Add(after->last_id);
    keyset = absl::StrCat("(-match_count, id) > (-", key, "::bigint, ", id, ")");
  }
  std::string sql = absl::StrCat(
      "WITH matching AS (SELECT ", kReportColumns, ", r.normalized_text AS text, (",
      plan->occurrences_sql, ")::bigint AS match_count, count(*) OVER () AS total", kFromReports,
      "JOIN report_grams g ON g.report_id = r.id WHERE (", plan->condition, ") AND ", condition->sql,
      ") SELECT *, match_count::text AS cursor_key FROM matching WHERE ", keyset,
      " ORDER BY match_count DESC, id LIMIT ", page_size + 1);
  pqxx::result rows;
  // The planner underestimates how selective the gram index is on small tables.
  if (absl::Status status =
          RunReadOnly(pool_, sql, params, &rows, {"SET LOCAL enable_seqscan = off"});
      !status.ok()) {
    return status;
  }
  ReportPage page;
  // Columns: report columns (id first), text, match_count, total, match_count::text.
  if (absl::Status filled =
          FillPage(rows, page_size, v1::REPORT_VIEW_BASIC, kReportColumnCount + 2, &page);
      !filled.ok()) {
    return filled;
  }
  for (size_t i = 0; i < page.reports.size(); ++i) {
    page.texts.push_back(rows[i][kReportColumnCount].as<std::string>());
    page.match_counts.push_back(rows[i][kReportColumnCount + 1].as<int64_t>());
  }
  page.phrases = plan->phrases;
  return page;
}

}  // namespace fazhi::query
