#include "services/query/service/query_service.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "common/archive/report_names.h"
#include "common/server/call_deadline.h"
#include "common/status/grpc_status.h"
#include "common/text/utf8.h"
#include "services/query/filter/filter.h"
#include "services/query/search/snippets.h"

namespace fazhi::query {
namespace {

constexpr int kMaxQueryCodepoints = 2000;

absl::StatusOr<std::optional<PageCursor>> Cursor(const std::string& token, uint64_t fingerprint) {
  if (token.empty()) return std::nullopt;
  absl::StatusOr<PageCursor> cursor = DecodePageToken(token, fingerprint);
  if (!cursor.ok()) return cursor.status();
  return *cursor;
}

std::string NextToken(const ReportPage& page, uint64_t fingerprint) {
  if (!page.next) return "";
  PageCursor next = *page.next;
  next.fingerprint = fingerprint;
  return EncodePageToken(next);
}

absl::Status ValidateQuery(const std::string& query) {
  if (query.empty()) return absl::InvalidArgumentError("query is empty: give a phrase to find");
  if (!text::IsValidUtf8(query)) return absl::InvalidArgumentError("query is not valid UTF-8");
  if (query.find('\0') != std::string::npos) {
    return absl::InvalidArgumentError("query must not contain NUL characters");
  }
  if (text::CountCodepoints(query) > kMaxQueryCodepoints) {
    return absl::InvalidArgumentError(
        absl::StrCat("query is longer than ", kMaxQueryCodepoints, " characters"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status QueryServiceImpl::CheckFilterIndicators(const std::string& filter) const {
  absl::StatusOr<SqlCondition> condition = ParseReportFilter(filter);
  if (!condition.ok()) return condition.status();
  for (const std::string& id : condition->indicator_ids) {
    if (absl::Status known = analytics_->CheckIndicatorId(id); !known.ok()) return known;
  }
  return absl::OkStatus();
}

namespace {

void AddSnippets(const std::vector<TextSnippet>& snippets, v1::SearchHit* hit) {
  for (const TextSnippet& snippet : snippets) {
    v1::Snippet* out = hit->add_snippets();
    out->set_text(snippet.text);
    out->set_offset(snippet.offset);
    for (const TextRange& range : snippet.highlights) {
      v1::Span* span = out->add_highlights();
      span->set_begin(range.begin);
      span->set_end(range.end);
    }
  }
}

}  // namespace

grpc::Status QueryServiceImpl::GetReport(grpc::ServerContext* context,
                                         const v1::GetReportRequest* request,
                                         v1::Report* response) {
  absl::StatusOr<std::string> id = ParseReportName(request->name());
  if (!id.ok()) return ToGrpcStatus(id.status());
  std::optional<Admission::Ticket> full_text;  // the basic view is small: not admitted
  if (request->view() == v1::REPORT_VIEW_FULL) {
    absl::StatusOr<Admission::Ticket> ticket = large_reads_->AdmitText(*id, CallDeadline(*context));
    if (!ticket.ok()) return ToGrpcStatus(ticket.status());
    full_text.emplace(*std::move(ticket));
  }
  absl::StatusOr<v1::Report> report = reader_->Get(*id, request->view(), CallDeadline(*context));
  if (!report.ok()) return ToGrpcStatus(report.status());
  *response = std::move(*report);
  return grpc::Status::OK;
}

grpc::Status QueryServiceImpl::GetReportOriginal(grpc::ServerContext* context,
                                                 const v1::GetReportOriginalRequest* request,
                                                 v1::ReportOriginal* response) {
  absl::StatusOr<std::string> id = ParseReportName(request->name());
  if (!id.ok()) return ToGrpcStatus(id.status());
  absl::StatusOr<Admission::Ticket> ticket =
      large_reads_->AdmitOriginal(*id, CallDeadline(*context));
  if (!ticket.ok()) return ToGrpcStatus(ticket.status());
  absl::StatusOr<v1::ReportOriginal> original = reader_->Original(*id, CallDeadline(*context));
  if (!original.ok()) return ToGrpcStatus(original.status());
  *response = std::move(*original);
  return grpc::Status::OK;
}

grpc::Status QueryServiceImpl::ListIndicators(grpc::ServerContext* context,
                                              const v1::ListIndicatorsRequest* request,
                                              v1::ListIndicatorsResponse* response) {
  *response = indicators_;
  return grpc::Status::OK;
}

grpc::Status QueryServiceImpl::ListReports(grpc::ServerContext* context,
                                           const v1::ListReportsRequest* request,
                                           v1::ListReportsResponse* response) {
  absl::StatusOr<int> page_size = PageSize(request->page_size(), 50, 1000);
  if (!page_size.ok()) return ToGrpcStatus(page_size.status());
  absl::StatusOr<ListOrder> order = ParseListOrder(request->order_by());
  if (!order.ok()) return ToGrpcStatus(order.status());
  if (absl::Status known = CheckFilterIndicators(request->filter()); !known.ok())
    return ToGrpcStatus(known);
  uint64_t fingerprint = Fingerprint({"list", request->filter(), order->name});
  absl::StatusOr<std::optional<PageCursor>> after = Cursor(request->page_token(), fingerprint);
  if (!after.ok()) return ToGrpcStatus(after.status());
  absl::StatusOr<ReportPage> page = reader_->List(request->filter(), *order, *after, *page_size,
                                                  request->view(), CallDeadline(*context));
  if (!page.ok()) return ToGrpcStatus(page.status());
  for (v1::Report& report : page->reports) *response->add_reports() = std::move(report);
  response->set_next_page_token(NextToken(*page, fingerprint));
  response->set_total_size(page->total_size);
  return grpc::Status::OK;
}

grpc::Status QueryServiceImpl::SearchReports(grpc::ServerContext* context,
                                             const v1::SearchReportsRequest* request,
                                             v1::SearchReportsResponse* response) {
  if (absl::Status valid = ValidateQuery(request->query()); !valid.ok()) return ToGrpcStatus(valid);
  absl::StatusOr<int> page_size = PageSize(request->page_size(), 20, 200);
  if (!page_size.ok()) return ToGrpcStatus(page_size.status());
  if (absl::Status known = CheckFilterIndicators(request->filter()); !known.ok())
    return ToGrpcStatus(known);
  uint64_t fingerprint = Fingerprint({"search", request->query(), request->filter()});
  absl::StatusOr<std::optional<PageCursor>> after = Cursor(request->page_token(), fingerprint);
  if (!after.ok()) return ToGrpcStatus(after.status());
  SnippetOptions options{
      .max_snippets = request->max_snippets() > 0 ? std::min(request->max_snippets(), 20) : 3,
      .context = request->snippet_context() > 0 ? std::min(request->snippet_context(), 500) : 30};
  absl::StatusOr<ReportPage> page = reader_->Search(request->query(), request->filter(), *after,
                                                    *page_size, options, CallDeadline(*context));
  if (!page.ok()) return ToGrpcStatus(page.status());
  for (size_t i = 0; i < page->reports.size(); ++i) {
    v1::SearchHit* hit = response->add_hits();
    *hit->mutable_report() = std::move(page->reports[i]);
    hit->set_match_count(page->match_counts[i]);
    AddSnippets(page->snippets[i], hit);
  }
  response->set_next_page_token(NextToken(*page, fingerprint));
  response->set_total_size(page->total_size);
  return grpc::Status::OK;
}

namespace {

// Runs a reader call and moves its answer into the response, or returns its error.
template <typename Response>
grpc::Status Answer(absl::StatusOr<Response> result, Response* response) {
  if (!result.ok()) return ToGrpcStatus(result.status());
  *response = std::move(*result);
  return grpc::Status::OK;
}

}  // namespace

absl::StatusOr<std::optional<std::vector<std::string>>> QueryServiceImpl::QueryMatches(
    const std::string& query) const {
  if (query.empty()) return std::nullopt;
  if (absl::Status valid = ValidateQuery(query); !valid.ok()) return valid;
  absl::StatusOr<std::vector<std::string>> ids = reader_->MatchingIds(query);
  if (!ids.ok()) return ids.status();
  return *std::move(ids);
}

grpc::Status QueryServiceImpl::GetFacets(grpc::ServerContext* context,
                                         const v1::GetFacetsRequest* request,
                                         v1::GetFacetsResponse* response) {
  if (absl::Status known = CheckFilterIndicators(request->filter()); !known.ok())
    return ToGrpcStatus(known);
  absl::StatusOr<std::optional<std::vector<std::string>>> matches = QueryMatches(request->query());
  if (!matches.ok()) return ToGrpcStatus(matches.status());
  return Answer(analytics_->Facets(request->filter(), *matches, CallDeadline(*context)), response);
}

grpc::Status QueryServiceImpl::GetIndicatorSeries(grpc::ServerContext* context,
                                                  const v1::GetIndicatorSeriesRequest* request,
                                                  v1::GetIndicatorSeriesResponse* response) {
  return Answer(analytics_->Series(*request, CallDeadline(*context)), response);
}

grpc::Status QueryServiceImpl::CompareIndicator(grpc::ServerContext* context,
                                                const v1::CompareIndicatorRequest* request,
                                                v1::CompareIndicatorResponse* response) {
  if (absl::Status known = CheckFilterIndicators(request->filter()); !known.ok())
    return ToGrpcStatus(known);
  return Answer(analytics_->Compare(*request, CallDeadline(*context)), response);
}

grpc::Status QueryServiceImpl::ExportReports(
    grpc::ServerContext* context, const v1::ExportReportsRequest* request,
    grpc::ServerWriter<v1::ExportReportsResponse>* writer) {
  if (absl::Status known = CheckFilterIndicators(request->filter()); !known.ok())
    return ToGrpcStatus(known);
  absl::StatusOr<std::optional<std::vector<std::string>>> matches = QueryMatches(request->query());
  if (!matches.ok()) return ToGrpcStatus(matches.status());
  absl::Status status = exports_->Export(
      *request, *matches,
      [&](const v1::ExportReportsResponse& chunk) {
        return !context->IsCancelled() && writer->Write(chunk);
      },
      CallDeadline(*context));
  return ToGrpcStatus(status);
}

}  // namespace fazhi::query
