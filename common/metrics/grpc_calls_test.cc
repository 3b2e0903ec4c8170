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

}  // namespace
}  // namespace fazhi::metrics
