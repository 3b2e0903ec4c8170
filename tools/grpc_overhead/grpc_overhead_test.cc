#include "tools/grpc_overhead/grpc_overhead.h"

#include <gtest/gtest.h>

#include "tools/grpc_overhead/echo_server.h"

namespace fazhi::grpc_overhead {
namespace {

RateOptions ShortRun() {
  RateOptions options;
  options.clients = 2;
  options.duration = absl::Milliseconds(300);
  options.warmup = absl::Milliseconds(50);
  return options;
}

std::shared_ptr<grpc::Channel> ChannelTo(const EchoServer& echo) {
  return grpc::CreateChannel(echo.address(), grpc::InsecureChannelCredentials());
}

TEST(EchoServerTest, AnswersHealthCheckWithServing) {
  absl::StatusOr<std::unique_ptr<EchoServer>> echo = EchoServer::Start();
  ASSERT_TRUE(echo.ok()) << echo.status();
  auto stub = grpc::health::v1::Health::NewStub(ChannelTo(**echo));
  grpc::ClientContext context;
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status status = stub->Check(&context, grpc::health::v1::HealthCheckRequest(), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
}

TEST(EchoServerTest, WithTheMetricsInterceptorCountsItsCallsAsTheServicesDo) {
  absl::StatusOr<std::unique_ptr<EchoServer>> echo =
      EchoServer::Start({.interceptors = {"decode", "metrics"}, .max_pollers = 5});
  ASSERT_TRUE(echo.ok()) << echo.status();
  CallRate rate = MeasureCallRate(ChannelTo(**echo), EchoProbe(), ShortRun());
  EXPECT_EQ(rate.unexpected, 0) << rate.first_unexpected;
  std::string text = (*echo)->registry().Render();
  EXPECT_NE(text.find("fazhi_grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"Check\","
                      "grpc_service=\"grpc.health.v1.Health\"}"),
            std::string::npos)
      << text;
}

TEST(EchoServerTest, RefusesAnUnknownInterceptorName) {
  absl::StatusOr<std::unique_ptr<EchoServer>> echo = EchoServer::Start({.interceptors = {"auth"}});
  EXPECT_EQ(echo.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(EchoInterceptorNames(), (std::vector<std::string>{"decode", "log", "metrics"}));
}

TEST(MeasureCallRateTest, CountsEveryCallWithTheExpectedStatus) {
  absl::StatusOr<std::unique_ptr<EchoServer>> echo = EchoServer::Start();
  ASSERT_TRUE(echo.ok()) << echo.status();
  CallRate rate = MeasureCallRate(ChannelTo(**echo), EchoProbe(), ShortRun());
  EXPECT_GT(rate.calls, 10);
  EXPECT_EQ(rate.unexpected, 0) << rate.first_unexpected;
  EXPECT_EQ(rate.latencies_ms.size(), static_cast<size_t>(rate.calls));
  EXPECT_GE(rate.seconds, 0.3);
  EXPECT_GT(rate.PerSecond(), 0);
}

TEST(MeasureCallRateTest, CountsAnswersWithAnotherStatusAsUnexpected) {
  absl::StatusOr<std::unique_ptr<EchoServer>> echo = EchoServer::Start();
  ASSERT_TRUE(echo.ok()) << echo.status();
  Probe probe = ServiceProbes().back();  // a fazhi.v1 method: the echo server does not serve it
  ASSERT_EQ(probe.method.rfind("/fazhi.v1.", 0), 0u);
  CallRate rate = MeasureCallRate(ChannelTo(**echo), probe, ShortRun());
  EXPECT_GT(rate.calls, 0);
  EXPECT_EQ(rate.unexpected, rate.calls);
  EXPECT_EQ(rate.first_unexpected.rfind("UNIMPLEMENTED", 0), 0u) << rate.first_unexpected;
}

TEST(ServiceProbesTest, CoverEveryServiceWithHealthAndAnApiMethod) {
  std::vector<Probe> probes = ServiceProbes();
  for (std::string_view target : {"ingestion", "extraction", "query"}) {
    int health = 0, api = 0;
    for (const Probe& probe : probes) {
      if (probe.target != target) continue;
      if (probe.method == "/grpc.health.v1.Health/Check") ++health;
      if (probe.method.rfind("/fazhi.v1.", 0) == 0) ++api;
    }
    EXPECT_EQ(health, 1) << target;
    EXPECT_GE(api, 1) << target;
  }
}

ProbeResult Result(std::string target, int64_t calls, int64_t unexpected = 0) {
  ProbeResult result;
  result.probe.target = std::move(target);
  result.probe.method = "/grpc.health.v1.Health/Check";
  result.rate.calls = calls;
  result.rate.unexpected = unexpected;
  result.rate.first_unexpected = unexpected > 0 ? "UNAVAILABLE: down" : "";
  result.rate.seconds = 1;
  result.rate.latencies_ms.assign(static_cast<size_t>(calls), 0.5);
  return result;
}

TEST(FormatTableTest, ShowsRatioToTheEchoAndWhetherEachMeetsTheTarget) {
  std::string table =
      FormatTable({Result("echo", 1000), Result("query", 700), Result("ingestion", 600)});
  EXPECT_NE(table.find("0.70  met"), std::string::npos) << table;
  EXPECT_NE(table.find("0.60  MISSED"), std::string::npos) << table;
}

TEST(AllMeetTargetTest, NeedsEveryServiceAtTwoThirdsOfTheEchoWithoutUnexpectedAnswers) {
  EXPECT_TRUE(AllMeetTarget({Result("echo", 1500), Result("query", 1000)}));
  EXPECT_FALSE(AllMeetTarget({Result("echo", 1500), Result("query", 990)}));
  EXPECT_FALSE(AllMeetTarget({Result("echo", 1500), Result("query", 1200, 1)}));
  EXPECT_FALSE(AllMeetTarget({}));
}

}  // namespace
}  // namespace fazhi::grpc_overhead
