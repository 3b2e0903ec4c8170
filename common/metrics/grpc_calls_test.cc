#include "common/metrics/grpc_calls.h"

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "fazhi/v1/ingestion.grpc.pb.h"
#include "fazhi/v1/query.grpc.pb.h"

namespace fazhi::metrics {
namespace {

// Linking the query service's generated code registers its descriptors, as in the services.
const std::string kQueryService =
    fazhi::v1::SearchReportsRequest::descriptor()->file()->service(0)->full_name();
const bool kIngestionLinked = fazhi::v1::IngestDocumentRequest::descriptor() != nullptr;

TEST(GrpcMethodLabelsTest, SplitsThePathIntoServiceAndMethod) {
  Labels labels = GrpcMethodLabels("/fazhi.v1.QueryService/GetReport");
  EXPECT_EQ(labels,
            (Labels{{"grpc_service", "fazhi.v1.QueryService"}, {"grpc_method", "GetReport"}}));
}

TEST(GrpcMethodLabelsTest, PathsOfNoLinkedMethodShareOneUnknownLabelSet) {
  Labels unknown{{"grpc_service", "unknown"}, {"grpc_method", "unknown"}};
  EXPECT_EQ(GrpcMethodLabels("Check"), unknown);
  EXPECT_EQ(GrpcMethodLabels("/fazhi.v1.QueryService/NoSuchMethod"), unknown);
  EXPECT_EQ(GrpcMethodLabels("/no.Such/GetReport"), unknown);
  EXPECT_EQ(GrpcMethodLabels("/" + kQueryService + "/SearchReports"),
            (Labels{{"grpc_service", "fazhi.v1.QueryService"}, {"grpc_method", "SearchReports"}}));
  EXPECT_EQ(GrpcMethodLabels("/grpc.health.v1.Health/Check"),
            (Labels{{"grpc_service", "grpc.health.v1.Health"}, {"grpc_method", "Check"}}));
}

// Issue 20: 20,000 refused calls with made-up paths took /metrics from 114 KB to 42 MB.
TEST(GrpcCallMetricsTest, MadeUpPathsDoNotGrowTheMetrics) {
  Registry registry;
  GrpcCallMetrics calls(&registry);
  calls.ForMethod("/fazhi.v1.QueryService/GetReport")->Finish(absl::StatusCode::kOk, 0.001);
  CountGrpcCall(&registry, "/x/0", absl::StatusCode::kUnauthenticated);
  calls.ForMethod("/x/0")->Finish(absl::StatusCode::kUnimplemented, 0.001);
  size_t before = registry.Render().size();
  for (int i = 1; i < 20000; ++i) {
    std::string path = absl::StrCat("/fazhi.v1.QueryService/Made", i);
    CountGrpcCall(&registry, path, absl::StatusCode::kUnauthenticated);
    calls.ForMethod(path)->Finish(absl::StatusCode::kUnimplemented, 0.001);
  }
  std::string text = registry.Render();
  // Only the counts' digits grow.
  EXPECT_LT(text.size(), before + 200) << "grew by " << text.size() - before << " bytes";
  EXPECT_NE(
      text.find(
          "grpc_code=\"UNAUTHENTICATED\",grpc_method=\"unknown\",grpc_service=\"unknown\"} 20000"),
      std::string::npos)
      << text;
}

TEST(CountGrpcCallTest, CountsByMethodAndCodeInOneSeriesPerPair) {
  Registry registry;
  CountGrpcCall(&registry, "/fazhi.v1.IngestionService/IngestDocument",
                absl::StatusCode::kUnauthenticated);
  CountGrpcCall(&registry, "/fazhi.v1.IngestionService/IngestDocument",
                absl::StatusCode::kUnauthenticated);
  CountGrpcCall(&registry, "/fazhi.v1.IngestionService/IngestDocument", absl::StatusCode::kOk);
  std::string text = registry.Render();
  EXPECT_NE(
      text.find("fazhi_grpc_server_handled_total{grpc_code=\"UNAUTHENTICATED\","
                "grpc_method=\"IngestDocument\",grpc_service=\"fazhi.v1.IngestionService\"} 2\n"),
      std::string::npos)
      << text;
  EXPECT_NE(
      text.find("fazhi_grpc_server_handled_total{grpc_code=\"OK\","
                "grpc_method=\"IngestDocument\",grpc_service=\"fazhi.v1.IngestionService\"} 1\n"),
      std::string::npos)
      << text;
}

TEST(GrpcCallMetricsTest, CachedSeriesStillCountPerMethodAndCode) {
  Registry registry;
  GrpcCallMetrics calls(&registry);
  GrpcMethodMetrics* get = calls.ForMethod("/fazhi.v1.QueryService/GetReport");
  EXPECT_EQ(calls.ForMethod("/fazhi.v1.QueryService/GetReport"), get);
  EXPECT_NE(calls.ForMethod("/fazhi.v1.QueryService/SearchReports"), get);
  get->Finish(absl::StatusCode::kOk, 0.002);
  get->Finish(absl::StatusCode::kOk, 0.003);
  get->Finish(absl::StatusCode::kInvalidArgument, 0.0005);
  calls.ForMethod("/fazhi.v1.QueryService/SearchReports")->Finish(absl::StatusCode::kOk, 0.5);
  // A call refused elsewhere (the auth check) lands in the same series as the cached ones.
  CountGrpcCall(&registry, "/fazhi.v1.QueryService/GetReport", absl::StatusCode::kOk);
  std::string text = registry.Render();
  for (const char* line :
       {"fazhi_grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"GetReport\","
        "grpc_service=\"fazhi.v1.QueryService\"} 3\n",
        "fazhi_grpc_server_handled_total{grpc_code=\"INVALID_ARGUMENT\",grpc_method=\"GetReport\","
        "grpc_service=\"fazhi.v1.QueryService\"} 1\n",
        "fazhi_grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"SearchReports\","
        "grpc_service=\"fazhi.v1.QueryService\"} 1\n",
        "fazhi_grpc_server_handling_seconds_count{grpc_method=\"GetReport\","
        "grpc_service=\"fazhi.v1.QueryService\"} 3\n",
        "fazhi_grpc_server_handling_seconds_count{grpc_method=\"SearchReports\","
        "grpc_service=\"fazhi.v1.QueryService\"} 1\n"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\n" << text;
  }
  // Codes that never happened get no series.
  EXPECT_EQ(text.find("NOT_FOUND"), std::string::npos) << text;
}

}  // namespace
}  // namespace fazhi::metrics
