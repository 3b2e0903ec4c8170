#include "common/metrics/grpc_calls.h"

#include <string>

#include <gtest/gtest.h>

namespace fazhi::metrics {
namespace {

TEST(GrpcMethodLabelsTest, SplitsThePathIntoServiceAndMethod) {
  Labels labels = GrpcMethodLabels("/fazhi.v1.QueryService/GetReport");
  EXPECT_EQ(labels, (Labels{{"grpc_service", "fazhi.v1.QueryService"}, {"grpc_method", "GetReport"}}));
}

TEST(GrpcMethodLabelsTest, APathWithoutServiceKeepsTheMethod) {
  EXPECT_EQ(GrpcMethodLabels("Check"), (Labels{{"grpc_service", ""}, {"grpc_method", "Check"}}));
}

TEST(CountGrpcCallTest, CountsByMethodAndCodeInOneSeriesPerPair) {
  Registry registry;
  CountGrpcCall(&registry, "/fazhi.v1.IngestionService/IngestDocument", absl::StatusCode::kUnauthenticated);
  CountGrpcCall(&registry, "/fazhi.v1.IngestionService/IngestDocument", absl::StatusCode::kUnauthenticated);
  CountGrpcCall(&registry, "/fazhi.v1.IngestionService/IngestDocument", absl::StatusCode::kOk);
  std::string text = registry.Render();
  EXPECT_NE(text.find("fazhi_grpc_server_handled_total{grpc_code=\"UNAUTHENTICATED\","
                      "grpc_method=\"IngestDocument\",grpc_service=\"fazhi.v1.IngestionService\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("fazhi_grpc_server_handled_total{grpc_code=\"OK\","
                      "grpc_method=\"IngestDocument\",grpc_service=\"fazhi.v1.IngestionService\"} 1\n"),
            std::string::npos)
      << text;
}

TEST(GrpcCallMetricsTest, CachedSeriesStillCountPerMethodAndCode) {
  Registry registry;
  GrpcCallMetrics calls(&registry);
  GrpcMethodMetrics* get = calls.ForMethod("/fazhi.v1.QueryService/GetReport");
  EXPECT_EQ(calls.ForMethod("/fazhi.v1.QueryService/GetReport"), get);
  EXPECT_NE(calls.ForMethod("/fazhi.v1.QueryService/Search"), get);
  get->Finish(absl::StatusCode::kOk, 0.002);
  get->Finish(absl::StatusCode::kOk, 0.003);
  get->Finish(absl::StatusCode::kInvalidArgument, 0.0005);
  calls.ForMethod("/fazhi.v1.QueryService/Search")->Finish(absl::StatusCode::kOk, 0.5);
  // A call refused elsewhere (the auth check) lands in the same series as the cached ones.
  CountGrpcCall(&registry, "/fazhi.v1.QueryService/GetReport", absl::StatusCode::kOk);
  std::string text = registry.Render();
  for (const char* line : {
           "fazhi_grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"GetReport\","
           "grpc_service=\"fazhi.v1.QueryService\"} 3\n",
           "fazhi_grpc_server_handled_total{grpc_code=\"INVALID_ARGUMENT\",grpc_method=\"GetReport\","
           "grpc_service=\"fazhi.v1.QueryService\"} 1\n",
           "fazhi_grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"Search\","
           "grpc_service=\"fazhi.v1.QueryService\"} 1\n",
           "fazhi_grpc_server_handling_seconds_count{grpc_method=\"GetReport\","
           "grpc_service=\"fazhi.v1.QueryService\"} 3\n",
           "fazhi_grpc_server_handling_seconds_count{grpc_method=\"Search\","
           "grpc_service=\"fazhi.v1.QueryService\"} 1\n"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\n" << text;
  }
  // Codes that never happened get no series.
  EXPECT_EQ(text.find("NOT_FOUND"), std::string::npos) << text;
}

}  // namespace
}  // namespace fazhi::metrics
