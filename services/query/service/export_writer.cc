#include "services/query/service/export_writer.h"

#include <nlohmann/json.hpp>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/archive/report_names.h"
#include "common/text/csv.h"
#include "common/text/shortest_decimal.h"
#include "services/query/filter/filter.h"
#include "services/query/service/analytics_reader.h"
#include "services/query/service/read_query.h"

namespace fazhi::query {
namespace {

constexpr int kFetchRows = 500;

// Columns of a report row, named as in the CSV header and the JSON keys.
constexpr const char* kReportFields[] = {"name",
                                         "state",
                                         "title",
                                         "report_year",
                                         "published_on",
                                         "document_kind",
                                         "jurisdiction_code",
                                         "jurisdiction_name",
                                         "level",
                                         "province",
                                         "prefecture",
                                         "source_url",
                                         "file_name",
                                         "content_sha256",
                                         "original_encoding",
                                         "original_format",
                                         "ingest_time",
                                         "extractor_version"};
constexpr char kReportSelect[] = R"sql(
  'reports/' || r.id, r.state, COALESCE(rec.title, ''), COALESCE(rec.report_year::text, ''),
  COALESCE(rec.published_on::text, ''), COALESCE(rec.document_kind, ''),
  COALESCE(rec.jurisdiction_code, ''), COALESCE(rec.jurisdiction_name, ''), COALESCE(rec.level, ''),
  COALESCE(rec.province, ''), COALESCE(rec.prefecture, ''), r.source_url, r.file_name,
  r.content_sha256, r.original_encoding, r.original_format,
  to_char(r.ingest_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
  COALESCE(rec.extractor_version, ''))sql";

constexpr const char* kIndicatorFields[] = {
    "report",      "jurisdiction_code", "jurisdiction_name", "level",      "province",
    "prefecture",  "report_year",       "indicator_id",      "value",      "unit",
    "approximate", "suspect",           "evidence",          "span_begin", "span_end",
    "confidence"};

bool IsIndicators(const v1::ExportReportsRequest& request) {
  return request.content() == v1::EXPORT_CONTENT_INDICATORS;
}

template <size_t N>
std::vector<std::string> Header(const char* const (&fields)[N]) {
  return std::vector<std::string>(std::begin(fields), std::end(fields));
}

// Typed columns, by header name.
bool IsBoolean(const std::string& field) { return field == "approximate" || field == "suspect"; }
bool IsDouble(const std::string& field) { return field == "value" || field == "confidence"; }
bool IsNumber(const std::string& field) {
  static const std::set<std::string> kNumbers = {"report_year", "value", "span_begin", "span_end",
                                                 "confidence"};
  return kNumbers.contains(field);
}

// The row's values as text, in the order of the header; booleans as "true"/"false", not
// PostgreSQL's "t"/"f", so spreadsheets and data frames read them; doubles as their shortest
// decimal (27.42), whatever the server's extra_float_digits.
std::vector<std::string> RowValues(const pqxx::row& row, const std::vector<std::string>& header,
                                   bool indicators) {
  std::vector<std::string> values;
  for (const pqxx::field& field : row) values.push_back(field.is_null() ? "" : field.c_str());
  if (indicators) values[0] = ReportName(values[0]);
  for (size_t i = 0; i < values.size() && i < header.size(); ++i) {
    if (IsBoolean(header[i])) values[i] = values[i] == "t" ? "true" : "false";
    if (IsDouble(header[i]) && !values[i].empty()) {
      values[i] = text::ShortestDecimal(row[static_cast<int>(i)].as<double>());
    }
  }
  return values;
}

// JSON Lines keep numbers and booleans typed; CSV has only text.
nlohmann::ordered_json TypedValue(const std::string& field, const std::string& text) {
  if (IsBoolean(field)) return text == "true";
  if (IsNumber(field)) {
    if (text.empty()) return nullptr;
    nlohmann::ordered_json number = nlohmann::ordered_json::parse(text, nullptr, false);
    return number.is_number() ? number : nlohmann::ordered_json(text);
  }
  return text;
}

std::string FormatRow(const std::vector<std::string>& header,
                      const std::vector<std::string>& values, bool jsonl) {
  if (!jsonl) return text::CsvLine(values);
  nlohmann::ordered_json object;
  for (size_t i = 0; i < header.size() && i < values.size(); ++i) {
    object[header[i]] = TypedValue(header[i], values[i]);
  }
  return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace

absl::Status ExportWriter::Export(
    const v1::ExportReportsRequest& request, const std::optional<std::vector<std::string>>& reports,
    const std::function<bool(const v1::ExportReportsResponse&)>& write, absl::Time deadline) {
  // Closed enums from clients built against a newer API arrive as unknown numbers: refuse them
  // rather than guess a format.
  if (!v1::ExportFormat_IsValid(request.format())) {
    return absl::InvalidArgumentError(
        absl::StrCat("format: unknown export format ", request.format(), "; use CSV or JSONL"));
  }
  if (!v1::ExportContent_IsValid(request.content())) {
    return absl::InvalidArgumentError(absl::StrCat(
        "content: unknown export content ", request.content(), "; use REPORTS or INDICATORS"));
  }
  const bool indicators = IsIndicators(request);
  const bool jsonl = request.format() == v1::EXPORT_FORMAT_JSONL;
  QueryParams params;
  absl::StatusOr<SqlCondition> condition = ParseReportFilter(request.filter(), params.next());
  if (!condition.ok()) return condition.status();
  params.Append(condition->params);
  if (reports) RestrictToReports(*reports, &params, &*condition);
  std::string from =
      indicators
          ? absl::StrCat(
                " FROM indicator_values iv JOIN reports r ON r.id = iv.report_id"
                " JOIN records rec ON rec.report_id = r.id WHERE ",
                condition->sql)
          : absl::StrCat(" FROM reports r LEFT JOIN records rec ON rec.report_id = r.id WHERE ",
                         condition->sql);
  std::string select = indicators ? kIndicatorRowColumns : kReportSelect;
  std::string order = indicators ? " ORDER BY r.id, iv.indicator_id" : " ORDER BY r.id";
  std::vector<std::string> header = indicators ? Header(kIndicatorFields) : Header(kReportFields);

  return pool_->WithTransaction(
      [&](pqxx::work& work) {
        work.exec0("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        auto dynamic = pqxx::prepare::make_dynamic_params(params.values());
        int64_t total =
            work.exec_params(absl::StrCat("SELECT count(*)", from), dynamic)[0][0].as<int64_t>();
        work.exec_params(
            absl::StrCat("DECLARE export_rows NO SCROLL CURSOR FOR SELECT ", select, from, order),
            dynamic);
        v1::ExportReportsResponse chunk;
        chunk.set_total_rows(total);
        std::string buffer = jsonl ? "" : text::CsvLine(header);
        int64_t written = 0;
        auto flush = [&]() {
          chunk.set_data(std::move(buffer));
          chunk.set_rows_written(written);
          buffer.clear();
          return write(chunk);
        };
        while (true) {
          pqxx::result rows = work.exec(absl::StrCat("FETCH ", kFetchRows, " FROM export_rows"));
          for (const pqxx::row& row : rows) {
            buffer += FormatRow(header, RowValues(row, header, indicators), jsonl);
            ++written;
            if (buffer.size() >= chunk_bytes_ && !flush()) {
              return absl::CancelledError("export stopped: the client went away");
            }
          }
          if (static_cast<int>(rows.size()) < kFetchRows) break;
        }
        if ((!buffer.empty() || written == 0) && !flush()) {
          return absl::CancelledError("export stopped: the client went away");
        }
        return absl::OkStatus();
      },
      deadline);
}

}  // namespace fazhi::query
