#include "services/query/service/export_writer.h"

#include <nlohmann/json.hpp>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/archive/records_schema.h"
#include "common/archive/report_names.h"
#include "common/compat/string_view.h"
#include "common/text/csv.h"
#include "common/text/shortest_decimal.h"
#include "services/query/filter/filter.h"
#include "services/query/service/analytics_reader.h"
#include "services/query/service/read_query.h"

namespace fazhi::query {
namespace {

constexpr int kFetchRows = 500;

// The columns of a report row, named as in the CSV header and the JSON keys: the report, its
// record's exported columns (common/archive/records_schema.h) and its provenance.
std::vector<NamedColumn> MakeReportColumns() {
  std::vector<NamedColumn> columns = {{"name", "'reports/' || r.id"}, {"state", "r.state"}};
  for (const RecordColumn& column : RecordColumns()) {
    if (!column.exported()) continue;
    columns.push_back({std::string(column.name),
                       absl::StrCat("COALESCE(rec.", Absl(column.name), "::text, '')")});
  }
  for (const char* provenance :
       {"source_url", "file_name", "content_sha256", "original_encoding", "original_format"}) {
    columns.push_back({provenance, absl::StrCat("r.", provenance)});
  }
  columns.push_back(
      {"ingest_time",
       R"sql(to_char(r.ingest_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))sql"});
  columns.push_back({"extractor_version", "COALESCE(rec.extractor_version, '')"});
  return columns;
}

const std::vector<NamedColumn>& ReportColumns() {
  static const auto* const kColumns = new std::vector<NamedColumn>(MakeReportColumns());
  return *kColumns;
}

bool IsIndicators(const v1::ExportReportsRequest& request) {
  return request.content() == v1::EXPORT_CONTENT_INDICATORS;
}

std::vector<std::string> Header(const std::vector<NamedColumn>& columns) {
  std::vector<std::string> header;
  for (const NamedColumn& column : columns) header.push_back(column.name);
  return header;
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
std::vector<std::string> RowValues(const pqxx::row& row, const std::vector<std::string>& header) {
  std::vector<std::string> values;
  for (const std::string& name : header) {
    const pqxx::field field = row[name];
    std::string value = field.is_null() ? "" : field.c_str();
    if (name == "report") {
      value = ReportName(value);
    } else if (IsBoolean(name)) {
      value = value == "t" ? "true" : "false";
    } else if (IsDouble(name) && !value.empty()) {
      value = text::ShortestDecimal(field.as<double>());
    }
    values.push_back(std::move(value));
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
  const std::vector<NamedColumn>& columns = indicators ? IndicatorRowColumns() : ReportColumns();
  std::string order = indicators ? " ORDER BY r.id, iv.indicator_id" : " ORDER BY r.id";
  std::vector<std::string> header = Header(columns);

  return pool_->WithTransaction(
      [&](pqxx::work& work) {
        work.exec0("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        auto dynamic = pqxx::prepare::make_dynamic_params(params.values());
        int64_t total =
            work.exec_params(absl::StrCat("SELECT count(*)", from), dynamic)[0][0].as<int64_t>();
        work.exec_params(absl::StrCat("DECLARE export_rows NO SCROLL CURSOR FOR SELECT ",
                                      SelectList(columns), from, order),
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
            buffer += FormatRow(header, RowValues(row, header), jsonl);
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
