// The gRPC QueryService: looks reports up, lists them with filters and pages, and searches their
// texts for a phrase with highlighted snippets; indicator series, comparisons and exports; the
// archived originals. It never writes.
#ifndef FAZHI_SERVICES_QUERY_SERVICE_QUERY_SERVICE_H_
#define FAZHI_SERVICES_QUERY_SERVICE_QUERY_SERVICE_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fazhi/v1/query.grpc.pb.h"
#include "services/query/service/analytics_reader.h"
#include "services/query/service/export_writer.h"
#include "services/query/service/large_read_admission.h"
#include "services/query/service/report_reader.h"

namespace fazhi::query {

class QueryServiceImpl final : public v1::QueryService::Service {
 public:
  // `indicators`: the indicator list ListIndicators answers with. Full texts and originals are
  // admitted by `large_reads`.
  QueryServiceImpl(ReportReader* reader, LargeReadAdmission* large_reads,
                   AnalyticsReader* analytics, ExportWriter* exports,
                   v1::ListIndicatorsResponse indicators)
      : reader_(reader),
        large_reads_(large_reads),
        analytics_(analytics),
        exports_(exports),
        indicators_(std::move(indicators)) {}

  grpc::Status GetReport(grpc::ServerContext* context, const v1::GetReportRequest* request,
                         v1::Report* response) override;
  grpc::Status ListReports(grpc::ServerContext* context, const v1::ListReportsRequest* request,
                           v1::ListReportsResponse* response) override;
  grpc::Status SearchReports(grpc::ServerContext* context, const v1::SearchReportsRequest* request,
                             v1::SearchReportsResponse* response) override;
  grpc::Status GetFacets(grpc::ServerContext* context, const v1::GetFacetsRequest* request,
                         v1::GetFacetsResponse* response) override;
  grpc::Status GetIndicatorSeries(grpc::ServerContext* context,
                                  const v1::GetIndicatorSeriesRequest* request,
                                  v1::GetIndicatorSeriesResponse* response) override;
  grpc::Status CompareIndicator(grpc::ServerContext* context,
                                const v1::CompareIndicatorRequest* request,
                                v1::CompareIndicatorResponse* response) override;
  grpc::Status GetReportOriginal(grpc::ServerContext* context,
                                 const v1::GetReportOriginalRequest* request,
                                 v1::ReportOriginal* response) override;
  grpc::Status ListIndicators(grpc::ServerContext* context,
                              const v1::ListIndicatorsRequest* request,
                              v1::ListIndicatorsResponse* response) override;
  grpc::Status ExportReports(grpc::ServerContext* context, const v1::ExportReportsRequest* request,
                             grpc::ServerWriter<v1::ExportReportsResponse>* writer) override;

 private:
  // INVALID_ARGUMENT, naming the known ids, when the filter compares an unknown indicator.
  absl::Status CheckFilterIndicators(const std::string& filter) const;
  // The ids of the reports a search query matches, or none (every report) for an empty query;
  // INVALID_ARGUMENT for a query that does not parse.
  absl::StatusOr<std::optional<std::vector<std::string>>> QueryMatches(
      const std::string& query) const;

  ReportReader* reader_;
  LargeReadAdmission* large_reads_;
  AnalyticsReader* analytics_;
  ExportWriter* exports_;
  const v1::ListIndicatorsResponse indicators_;
};

}  // namespace fazhi::query

#endif  // FAZHI_SERVICES_QUERY_SERVICE_QUERY_SERVICE_H_
