// The gRPC QueryService: looks reports up, lists them with filters and pages, and searches their
// texts for a phrase with highlighted snippets. It never writes.
#ifndef FAZHI_SERVICES_QUERY_SERVICE_QUERY_SERVICE_H_
#define FAZHI_SERVICES_QUERY_SERVICE_QUERY_SERVICE_H_

#include "fazhi/v1/query.grpc.pb.h"
#include "services/query/service/report_reader.h"

namespace fazhi::query {

class QueryServiceImpl final : public v1::QueryService::Service {
 public:
  explicit QueryServiceImpl(ReportReader* reader) : reader_(reader) {}

  grpc::Status GetReport(grpc::ServerContext* context, const v1::GetReportRequest* request,
                         v1::Report* response) override;
  grpc::Status ListReports(grpc::ServerContext* context, const v1::ListReportsRequest* request,
                           v1::ListReportsResponse* response) override;
  grpc::Status SearchReports(grpc::ServerContext* context, const v1::SearchReportsRequest* request,
                             v1::SearchReportsResponse* response) override;

 private:
  ReportReader* reader_;
};

}  // namespace fazhi::query

#endif  // FAZHI_SERVICES_QUERY_SERVICE_QUERY_SERVICE_H_
