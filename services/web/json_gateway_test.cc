#include "services/web/json_gateway.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fazhi/v1/query.grpc.pb.h"

namespace fazhi::web {
namespace {

using ::testing::HasSubstr;
using ::testing::Pair;

TEST(SetRequestFieldsTest, PathBindingsAndParametersByFieldOrJsonName) {
  v1::CompareIndicatorRequest request;
  ASSERT_TRUE(SetRequestFields({{"indicator_id", "litigation.cases"}},
                               {{"reportYear", "2021"},
                                {"descending", "true"},
                                {"filter", "province = \"四川省\""},
                                {"page_size", "20"}},
                               &request)
                  .ok());
  EXPECT_EQ(request.indicator_id(), "litigation.cases");
  EXPECT_EQ(request.report_year(), 2021);
  EXPECT_TRUE(request.descending());
  EXPECT_EQ(request.filter(), "province = \"四川省\"");
  EXPECT_EQ(request.page_size(), 20);
}

TEST(SetRequestFieldsTest, EnumsByNameOrNumber) {
  v1::GetReportRequest request;
  ASSERT_TRUE(SetRequestFields({}, {{"view", "REPORT_VIEW_FULL"}}, &request).ok());
  EXPECT_EQ(request.view(), v1::REPORT_VIEW_FULL);
  v1::GetReportRequest by_number;
  ASSERT_TRUE(SetRequestFields({}, {{"view", "1"}}, &by_number).ok());
  EXPECT_EQ(by_number.view(), 1);
}

TEST(SetRequestFieldsTest, BadParametersAreInvalidArgumentSayingWhatIsWrong) {
  v1::SearchReportsRequest request;
  absl::Status unknown = SetRequestFields({}, {{"q", "调解"}}, &request);
  EXPECT_EQ(unknown.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(unknown.message(), HasSubstr("unknown query parameter \"q\""));
  EXPECT_THAT(unknown.message(), HasSubstr("query"));
  absl::Status not_number = SetRequestFields({}, {{"pageSize", "ten"}}, &request);
  EXPECT_THAT(not_number.message(), HasSubstr("pageSize: \"ten\" is not a valid int32"));
  absl::Status twice = SetRequestFields({}, {{"query", "a"}, {"query", "b"}}, &request);
  EXPECT_THAT(twice.message(), HasSubstr("given twice"));
  v1::GetReportRequest get;
  absl::Status bad_enum = SetRequestFields({}, {{"view", "FULL"}}, &get);
  EXPECT_THAT(bad_enum.message(), HasSubstr("REPORT_VIEW_FULL"));
  absl::Status bound = SetRequestFields({{"name", "reports/a"}}, {{"name", "reports/b"}}, &get);
  EXPECT_EQ(bound.code(), absl::StatusCode::kInvalidArgument) << "the path names the report";
}

TEST(JsonGatewayTest, RoutesComeFromTheQueryServicesHttpAnnotations) {
  auto gateway =
      JsonGateway::Create(grpc::CreateChannel("127.0.0.1:1", grpc::InsecureChannelCredentials()),
                          QueryServiceDescriptor(), {});
  ASSERT_TRUE(gateway.ok()) << gateway.status();
  EXPECT_THAT((*gateway)->RouteTable(),
              ::testing::IsSupersetOf(
                  {Pair("GET /v1/{name=reports/*}", "fazhi.v1.QueryService.GetReport"),
                   Pair("GET /v1/reports:search", "fazhi.v1.QueryService.SearchReports"),
                   Pair("GET /v1/indicators/{indicator_id}:compare",
                        "fazhi.v1.QueryService.CompareIndicator")}));
  EXPECT_TRUE((*gateway)->Routes("/v1/reports/0123456789abcdef:original"));
  EXPECT_FALSE((*gateway)->Routes("/v1/exports"));
  HttpReply unknown = (*gateway)->Handle({.path = "/v1/nothing"});
  EXPECT_EQ(unknown.status, 404);
  HttpReply post = (*gateway)->Handle({.method = "POST", .path = "/v1/reports"});
  EXPECT_EQ(post.status, 405);
  EXPECT_THAT(post.body, HasSubstr("read-only"));
}

TEST(JsonGatewayTest, ErrorsCarryTheHttpStatusAndTheGrpcStatusName) {
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::INVALID_ARGUMENT), 400);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::NOT_FOUND), 404);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::UNAUTHENTICATED), 401);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::PERMISSION_DENIED), 403);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::UNAVAILABLE), 503);
  EXPECT_EQ(
      ErrorBody(404, grpc::StatusCode::NOT_FOUND, "report reports/x not found"),
      R"({"error":{"code":404,"message":"report reports/x not found","status":"NOT_FOUND"}})");
}

TEST(JsonGatewayTest, AnUnreachableQueryServiceIsUnavailable) {
  auto gateway =
      JsonGateway::Create(grpc::CreateChannel("127.0.0.1:1", grpc::InsecureChannelCredentials()),
                          QueryServiceDescriptor(), {.deadline = absl::Seconds(2)});
  ASSERT_TRUE(gateway.ok());
  HttpReply reply = (*gateway)->Handle({.path = "/v1/reports"});
  EXPECT_THAT(reply.status, ::testing::AnyOf(503, 504));
  EXPECT_THAT(reply.body, HasSubstr("\"status\":"));
}

}  // namespace
}  // namespace fazhi::web
