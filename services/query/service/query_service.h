// The gRPC QueryService: looks reports up, lists them with filters and pages, and searches their
// texts for a phrase with highlighted snippets. It never writes.
#ifndef FAZHI_SERVICES_QUERY_SERVICE_QUERY_SERVICE_H_
#define FAZHI_SERVICES_QUERY_SERVICE_QUERY_SERVICE_H_

#include "fazhi/v1/query.grpc.pb.h"
#include "services/query/service/analytics_reader.h"
#include "services/query/service/export_writer.h"
#include "services/query/service/report_reader.h"

namespace fazhi::query {

class QueryServiceImpl final : public v1::QueryService::Service {
 public:
  QueryServiceImpl(ReportReader* reader, AnalyticsReader* analytics, ExportWriter* exports)
      : reader_(reader), analytics_(analytics), exports_(exports) {}

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
  grpc::Status ExportReports(grpc::ServerContext* context, const v1::ExportReportsRequest* request,
                             grpc::ServerWriter<v1::ExportReportsResponse>* writer) override;

 private:
  ReportReader* reader_;
  AnalyticsReader* analytics_;
  ExportWriter* exports_;
};

}  // namespace fazhi::query

#endif  // FAZHI_SERVICES_QUERY_SERVICE_QUERY_SERVICE_H_
