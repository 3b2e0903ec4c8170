#include "services/query/service/report_reader.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <limits>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/archive/record_json.h"
#include "common/archive/report_names.h"
#include "common/compat/string_view.h"
#include "common/metrics/registry.h"
#include "common/metrics/stage_timer.h"
#include "common/status/quoted_input.h"
#include "services/query/search/query_language.h"
#include "services/query/service/read_query.h"
#include "services/query/service/snippet_reader.h"

namespace fazhi::query {
namespace {

using google::protobuf::util::TimeUtil;

// A report's row (reports r, records rec), read back by these names; times in milliseconds.
// The basic view leaves the record's long lists in the database instead of parsing them to drop.
std::vector<NamedColumn> MakeReportColumns(v1::ReportView view) {
  std::string record =
      view == v1::REPORT_VIEW_FULL
          ? "rec.record::text"
          : "(rec.record - '{sections,quantities,dates,citations,document_numbers}'::text[])::text";
  std::vector<NamedColumn> columns;
  for (const char* name : {"id", "content_sha256", "original_size_bytes", "original_encoding",
                           "original_format", "file_name", "content_type", "source_url"}) {
    columns.push_back({name, absl::StrCat("r.", name)});
  }
  columns.insert(columns.end(),
                 {{"retrieved_ms", "(extract(epoch FROM r.retrieved_time) * 1000)::bigint"},
                  {"ingest_ms", "(extract(epoch FROM r.ingest_time) * 1000)::bigint"},
                  {"request_id", "COALESCE(r.request_id, '')"},
                  {"normalizer_version", "r.normalizer_version"},
                  {"text_length", "r.text_length"},
                  {"state", "r.state"},
                  {"error", "r.error"},
                  {"record", record},
                  {"extract_ms", "(extract(epoch FROM rec.extract_time) * 1000)::bigint"},
                  {"converter", "r.converter"}});
  return columns;
}

const std::string& ReportColumns(v1::ReportView view) {
  static const auto* const kBasic =
      new std::string(SelectList(MakeReportColumns(v1::REPORT_VIEW_BASIC)));
  static const auto* const kFull =
      new std::string(SelectList(MakeReportColumns(v1::REPORT_VIEW_FULL)));
  return view == v1::REPORT_VIEW_FULL ? *kFull : *kBasic;
}

constexpr char kFromReports[] = " FROM reports r LEFT JOIN records rec ON rec.report_id = r.id ";
// Search hits are checked against a filter by id when they are at most this many and at most a
// quarter of the archive (see ApplyFilter).
constexpr size_t kMaxHitsCheckedById = 2000;
// What a search's row in the basic view may hold besides its snippets (metadata, the record
// without its long lists), for admission: an allowance, not a bound.
constexpr int64_t kRowBytes = 8 << 10;

// Keeps what a list shows: metadata, section summary and indicators.
void TrimToBasic(v1::ExtractedRecord* record) {
  record->clear_sections();
  record->clear_quantities();
  record->clear_dates();
  record->clear_citations();
  record->clear_document_numbers();
}

std::string TextOf(const pqxx::row& row, const char* column) {
  return row[column].as<std::string>();
}

google::protobuf::Timestamp TimeOf(const pqxx::row& row, const char* column) {
  return TimeUtil::MillisecondsToTimestamp(row[column].as<int64_t>());
}

// A row of ReportColumns(view).
absl::StatusOr<v1::Report> ReportFromRow(const pqxx::row& row, v1::ReportView view) {
  v1::Report report;
  report.set_name(ReportName(TextOf(row, "id")));
  v1::Provenance* provenance = report.mutable_provenance();
  provenance->set_content_sha256(TextOf(row, "content_sha256"));
  provenance->set_original_size_bytes(row["original_size_bytes"].as<int64_t>());
  provenance->set_original_encoding(TextOf(row, "original_encoding"));
  provenance->set_original_format(TextOf(row, "original_format"));
  provenance->set_file_name(TextOf(row, "file_name"));
  provenance->set_content_type(TextOf(row, "content_type"));
  provenance->set_source_url(TextOf(row, "source_url"));
  if (!row["retrieved_ms"].is_null()) {
    *provenance->mutable_retrieved_time() = TimeOf(row, "retrieved_ms");
  }
  *provenance->mutable_ingest_time() = TimeOf(row, "ingest_ms");
  provenance->set_request_id(TextOf(row, "request_id"));
  provenance->set_converter(TextOf(row, "converter"));
  report.set_normalizer_version(TextOf(row, "normalizer_version"));
  report.set_text_length(row["text_length"].as<int64_t>());
  report.set_state(ReportStateFromColumn(TextOf(row, "state")));
  report.set_error(TextOf(row, "error"));
  if (!row["record"].is_null()) {
    absl::StatusOr<v1::ExtractedRecord> record = RecordFromStoredJson(TextOf(row, "record"));
    if (!record.ok()) return record.status();
    if (view != v1::REPORT_VIEW_FULL) TrimToBasic(&*record);
    *report.mutable_record() = std::move(*record);
    *report.mutable_extract_time() = TimeOf(row, "extract_ms");
  }
  return report;
}

struct OrderSpec {
  std::string_view name;
  std::string_view key_sql;
  std::string_view records_key_sql;  // empty: the key needs reports
  std::string_view key_cast;
};

constexpr OrderSpec kOrders[] = {
    {"name", "r.id", "rec.report_id", ""},
    {"report_year", "COALESCE(rec.report_year, 0)", "COALESCE(rec.report_year, 0)", "::integer"},
    {"ingest_time", "(extract(epoch FROM r.ingest_time) * 1000000)::bigint", "", "::bigint"},
};

// A cursor's key has its order's type: a page token is the caller's bytes, and a key PostgreSQL
// cannot cast is a malformed token, not the archive's error.
absl::Status CheckCursorKey(const ListOrder& order, const std::string& key) {
  int64_t value = 0;
  bool typed = order.key_cast.empty() ||
               (absl::SimpleAtoi(key, &value) &&
                (order.key_cast != "::integer" || (value >= std::numeric_limits<int32_t>::min() &&
                                                   value <= std::numeric_limits<int32_t>::max())));
  if (typed) return absl::OkStatus();
  return absl::InvalidArgumentError("page_token is malformed: pass back a next_page_token as is");
}

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
      return absl::InvalidArgumentError(absl::StrCat("order_by: expected 'asc' or 'desc' after '",
                                                     QuotedInput(field), "', got '",
                                                     QuotedInput(direction), "'"));
    }
    descending = direction == "desc";
  }
  for (const OrderSpec& spec : kOrders) {
    if (spec.name == field) {
      return ListOrder{absl::StrCat(field, descending ? " desc" : ""), std::string(spec.key_sql),
                       std::string(spec.records_key_sql), std::string(spec.key_cast), descending};
    }
  }
  return absl::InvalidArgumentError(
      absl::StrCat("order_by: unknown field '", QuotedInput(field),
                   "'; use name, report_year or ingest_time, optionally with desc"));
}

absl::StatusOr<v1::Report> ReportReader::Get(const std::string& id, v1::ReportView view,
                                             absl::Time deadline) {
  QueryParams params;
  std::string text_column = view == v1::REPORT_VIEW_FULL ? ", r.normalized_text AS text" : "";
  std::string sql = absl::StrCat("SELECT ", ReportColumns(view), text_column, kFromReports,
                                 "WHERE r.id = ", params.Add(id));
  pqxx::result rows;
  if (absl::Status status = RunReadOnly(pool_, deadline, sql, params, &rows); !status.ok())
    return status;
  if (rows.empty())
    return absl::NotFoundError(absl::StrCat("report ", ReportName(id), " not found"));
  absl::StatusOr<v1::Report> report = ReportFromRow(rows[0], view);
  if (report.ok() && view == v1::REPORT_VIEW_FULL) {
    report->set_text(TextOf(rows[0], "text"));
  }
  return report;
}

namespace {

// The media type of a detected format, when the client gave none.
std::string MediaTypeOf(const std::string& format) {
  static const auto* const kTypes = new std::map<std::string, std::string>{
      {"text", "text/plain; charset=utf-8"},
      {"html", "text/html"},
      {"pdf", "application/pdf"},
      {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"doc", "application/msword"}};
  auto found = kTypes->find(format);
  return found == kTypes->end() ? "application/octet-stream" : found->second;
}

}  // namespace

absl::StatusOr<v1::ReportOriginal> ReportReader::Original(const std::string& id,
                                                          absl::Time deadline) {
  QueryParams params;
  std::string sql = absl::StrCat(
      "SELECT r.original, r.content_type, r.file_name, r.original_format FROM reports r"
      " WHERE r.id = ",
      params.Add(id));
  pqxx::result rows;
  if (absl::Status status = RunReadOnly(pool_, deadline, sql, params, &rows); !status.ok())
    return status;
  if (rows.empty())
    return absl::NotFoundError(absl::StrCat("report ", ReportName(id), " not found"));
  const pqxx::row& row = rows[0];
  v1::ReportOriginal original;
  original.set_content(pqxx::binarystring(row["original"]).str());
  const std::string format = TextOf(row, "original_format");
  const std::string content_type = TextOf(row, "content_type");
  original.set_content_type(content_type.empty() ? MediaTypeOf(format) : content_type);
  std::string file_name = TextOf(row, "file_name");
  if (file_name.empty()) {
    file_name = absl::StrCat(id, ".",
                             format == "text"    ? "txt"
                             : format == "image" ? "bin"
                                                 : format);
  }
  original.set_file_name(file_name);
  return original;
}

absl::StatusOr<ReportPage> ReportReader::List(const std::string& filter, const ListOrder& order,
                                              const std::optional<PageCursor>& after, int page_size,
                                              v1::ReportView view, absl::Time deadline) {
  QueryParams params;
  absl::StatusOr<SqlCondition> condition = ParseReportFilter(filter, params.next());
  if (!condition.ok()) return condition.status();
  params.Append(condition->params);
  std::string keyset = "TRUE";
  if (after) {
    if (absl::Status typed = CheckCursorKey(order, after->last_key); !typed.ok()) return typed;
    std::string key = params.Add(after->last_key);
    std::string id = params.Add(after->last_id);
    keyset = absl::StrCat("(sort_key, id) ", order.descending ? "<" : ">", " (", key,
                          order.key_cast, ", ", id, ")");
  }
  std::string direction = order.descending ? " DESC" : "";
  const bool records_alone = condition->records_only && !order.records_key_sql.empty();
  ReportSource source = ReportSourceFor(records_alone);
  // One statement: the matching ids and their total (counted over ids only), the page after the
  // cursor plus one row that tells whether more follow, then those rows. (Two statements cost a
  // second planning and four more round trips.)
  std::string sql = absl::StrCat(
      "WITH matching AS (SELECT ", Absl(source.id), " AS id, ",
      records_alone ? order.records_key_sql : order.key_sql,
      " AS sort_key, count(*) OVER () AS total", Absl(source.from), "WHERE ", condition->sql, "), ",
      "page AS (SELECT id, sort_key, total FROM matching WHERE ", keyset, " ORDER BY sort_key",
      direction, ", id", direction, " LIMIT ", page_size + 1, ") ", "SELECT ", ReportColumns(view),
      ", page.total AS total, page.sort_key::text AS sort_key",
      " FROM page JOIN reports r ON r.id = page.id LEFT JOIN records rec ON rec.report_id = r.id",
      " ORDER BY page.sort_key", direction, ", page.id", direction);
  pqxx::result rows;
  if (absl::Status status = RunReadOnly(pool_, deadline, sql, params, &rows); !status.ok())
    return status;
  ReportPage page;
  const int shown = std::min(static_cast<int>(rows.size()), page_size);
  for (int i = 0; i < shown; ++i) {
    absl::StatusOr<v1::Report> report = ReportFromRow(rows[i], view);
    if (!report.ok()) return report.status();
    page.reports.push_back(std::move(*report));
    page.total_size = rows[i]["total"].as<int64_t>();
  }
  if (static_cast<int>(rows.size()) > page_size) {
    const pqxx::row& last = rows[page_size - 1];
    page.next = PageCursor{0, TextOf(last, "sort_key"), TextOf(last, "id")};
  }
  return page;
}

absl::StatusOr<std::vector<ReportReader::RankedHit>> ReportReader::ApplyFilter(
    std::vector<RankedHit> hits, const std::string& filter, absl::Time deadline) {
  if (absl::StripAsciiWhitespace(Absl(filter)).empty() || hits.empty()) return hits;
  metrics::StageTimer timer(kSearchStages, "filter");
  // Few hits: PostgreSQL checks just those by id. Many: it lists every report passing the
  // filter, which costs the same whatever the phrase, instead of receiving a huge id array.
  QueryParams params;
  std::string scope;
  absl::Status read = archive_->Read([&](const PhraseIndex& index) {
    if (hits.size() <= std::min<size_t>(kMaxHitsCheckedById, index.size() / 4)) {
      std::vector<std::string> ids;
      ids.reserve(hits.size());
      for (const RankedHit& hit : hits) ids.push_back(index.id(hit.doc));
      scope = absl::StrCat("r.id = ANY(", params.Add(IdArrayLiteral(ids)), "::text[]) AND ");
    }
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  absl::StatusOr<SqlCondition> condition = ParseReportFilter(filter, params.next());
  if (!condition.ok()) return condition.status();
  params.Append(condition->params);
  pqxx::result rows;
  std::string sql =
      absl::StrCat("SELECT r.id", kFromReports, "WHERE ", scope, "(", condition->sql, ")");
  if (absl::Status status = RunReadOnly(pool_, deadline, sql, params, &rows); !status.ok())
    return status;
  read = archive_->Read([&](const PhraseIndex& index) {
    std::vector<bool> passing(index.size());
    for (const pqxx::row& row : rows) {
      const pqxx::field id = row["id"];
      int64_t doc = index.Find(std::string_view(id.c_str(), id.size()));
      if (doc >= 0) passing[doc] = true;
    }
    std::erase_if(hits, [&](const RankedHit& hit) { return !passing[hit.doc]; });
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  return hits;
}

absl::StatusOr<ReportReader::PageOfHits> ReportReader::RankPage(
    std::vector<RankedHit> hits, const std::optional<PageCursor>& after, int page_size) {
  metrics::StageTimer timer(kSearchStages, "rank");
  std::optional<int64_t> last_rank;
  if (after) {
    int64_t rank = 0;
    if (!absl::SimpleAtoi(after->last_key, &rank)) {
      return absl::InvalidArgumentError("page_token is malformed");
    }
    last_rank = rank;
  }
  PageOfHits page;
  page.total = static_cast<int64_t>(hits.size());
  absl::Status read = archive_->Read([&](const PhraseIndex& index) {
    // Most occurrences first, then by name; the page starts after the cursor's (rank, id).
    auto before = [&](const RankedHit& a, const RankedHit& b) {
      return a.rank != b.rank ? a.rank > b.rank : index.id(a.doc) < index.id(b.doc);
    };
    if (last_rank) {
      std::erase_if(hits, [&](const RankedHit& hit) {
        return hit.rank != *last_rank ? hit.rank > *last_rank : index.id(hit.doc) <= after->last_id;
      });
    }
    size_t wanted = std::min(hits.size(), static_cast<size_t>(page_size) + 1);
    std::partial_sort(hits.begin(), hits.begin() + wanted, hits.end(), before);
    for (size_t i = 0; i < wanted && i < static_cast<size_t>(page_size); ++i) {
      page.ids.push_back(index.id(hits[i].doc));
      page.ranks.push_back(hits[i].rank);
    }
    page.more = wanted > static_cast<size_t>(page_size);
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  return page;
}

absl::Status ReportReader::ReadHits(const std::vector<std::string>& ids,
                                    const std::vector<std::string>& phrases,
                                    const SnippetOptions& options, absl::Time deadline,
                                    ReportPage* page) {
  QueryParams params;
  std::string ids_param = params.Add(IdArrayLiteral(ids));
  std::string sql = absl::StrCat(
      "SELECT ", ReportColumns(v1::REPORT_VIEW_BASIC), kFromReports, "WHERE r.id = ANY(", ids_param,
      "::text[]) ORDER BY array_position(", ids_param, "::text[], r.id)");
  metrics::StageTimer rows_timer(kSearchStages, "read_rows");  // with the wait for a connection
  return WithReadOnly(pool_, deadline, [&](pqxx::work& work) -> absl::Status {
    pqxx::result rows = work.exec_params(sql, pqxx::prepare::make_dynamic_params(params.values()));
    if (rows.size() != ids.size()) {
      return absl::InternalError("a report found by the search index is missing from the archive");
    }
    for (const pqxx::row& row : rows) {
      absl::StatusOr<v1::Report> report = ReportFromRow(row, v1::REPORT_VIEW_BASIC);
      if (!report.ok()) return report.status();
      page->reports.push_back(std::move(*report));
    }
    rows_timer.Stop();
    metrics::StageTimer timer(kSearchStages, "snippets");
    absl::StatusOr<std::vector<std::vector<TextSnippet>>> snippets =
        ReadSnippets(work, ids, phrases, options);
    if (!snippets.ok()) return snippets.status();
    page->snippets = *std::move(snippets);
    return absl::OkStatus();
  });
}

absl::StatusOr<Admission::Ticket> ReportReader::AdmitSearch(int64_t hits,
                                                            const std::vector<std::string>& phrases,
                                                            const SnippetOptions& options,
                                                            absl::Time deadline) {
  absl::StatusOr<Admission::Ticket> ticket =
      admission_->Admit(SnippetBytes(hits, phrases, options) + hits * kRowBytes, deadline);
  if (!ticket.ok()) {
    metrics::Registry::Default()
        .GetCounter(
            "fazhi_query_search_shed_total",
            "Searches refused with RESOURCE_EXHAUSTED by the search admission (calls or bytes)")
        ->Increment();
  }
  return ticket;
}

absl::StatusOr<std::vector<ReportReader::RankedHit>> ReportReader::FindHits(const QueryNode& root) {
  {
    metrics::StageTimer timer(kSearchStages, "wait_for_index");
    if (absl::Status current = archive_->WaitForArchive(); !current.ok()) return current;
  }
  metrics::StageTimer timer(kSearchStages, "index");
  std::vector<RankedHit> hits;
  absl::Status searched = archive_->Read([&](const PhraseIndex& index) {
    SearchHits found = index.Search(root);
    hits.reserve(found.docs.size());
    for (size_t i = 0; i < found.docs.size(); ++i) hits.push_back({found.ranks[i], found.docs[i]});
    return absl::OkStatus();
  });
  if (!searched.ok()) return searched;
  return hits;
}

absl::StatusOr<std::vector<std::string>> ReportReader::MatchingIds(const std::string& query) {
  absl::StatusOr<std::unique_ptr<QueryNode>> root = ParseSearchQuery(query);
  if (!root.ok()) return root.status();
  absl::StatusOr<std::vector<RankedHit>> hits = FindHits(**root);
  if (!hits.ok()) return hits.status();
  std::vector<std::string> ids;
  ids.reserve(hits->size());
  absl::Status read = archive_->Read([&](const PhraseIndex& index) {
    for (const RankedHit& hit : *hits) ids.push_back(index.id(hit.doc));
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  return ids;
}

absl::StatusOr<ReportPage> ReportReader::Search(const std::string& query, const std::string& filter,
                                                const std::optional<PageCursor>& after,
                                                int page_size, const SnippetOptions& snippets,
                                                absl::Time deadline) {
  absl::StatusOr<std::unique_ptr<QueryNode>> root = ParseSearchQuery(query);
  if (!root.ok()) return root.status();
  absl::StatusOr<std::vector<RankedHit>> found = FindHits(**root);
  if (!found.ok()) return found.status();
  std::vector<RankedHit> hits = *std::move(found);
  const std::vector<std::string> phrases = PositivePhrases(**root);
  const int64_t shown = std::min<int64_t>(page_size, static_cast<int64_t>(hits.size()));
  absl::StatusOr<Admission::Ticket> ticket = AdmitSearch(shown, phrases, snippets, deadline);
  if (!ticket.ok()) return ticket.status();
  absl::StatusOr<std::vector<RankedHit>> filtered = ApplyFilter(std::move(hits), filter, deadline);
  if (!filtered.ok()) return filtered.status();
  absl::StatusOr<PageOfHits> ranked = RankPage(*std::move(filtered), after, page_size);
  if (!ranked.ok()) return ranked.status();

  ReportPage page;
  if (absl::Status read = ReadHits(ranked->ids, phrases, snippets, deadline, &page); !read.ok())
    return read;
  page.total_size = ranked->total;
  page.match_counts = ranked->ranks;
  if (ranked->more) {
    page.next = PageCursor{0, absl::StrCat(ranked->ranks.back()), ranked->ids.back()};
  }
  return page;
}

}  // namespace fazhi::query
