#include "common/metrics/metrics_server.h"

#include <gtest/gtest.h>
#include <httplib.h>

namespace fazhi::metrics {
namespace {

TEST(MetricsServerTest, ServesTheRegistryAsPrometheusText) {
  Registry registry;
  registry.GetCounter("fazhi_test_total", "A test counter", {{"code", "OK"}})->Increment(7);
  absl::StatusOr<std::unique_ptr<MetricsServer>> server =
      MetricsServer::Start("127.0.0.1:0", &registry);
  ASSERT_TRUE(server.ok()) << server.status();
  httplib::Client client("127.0.0.1", (*server)->port());
  httplib::Result response = client.Get("/metrics");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->get_header_value("Content-Type"), MetricsServer::kContentType);
  EXPECT_NE(response->body.find("fazhi_test_total{code=\"OK\"} 7\n"), std::string::npos)
      << response->body;
}

TEST(MetricsServerTest, EachScrapeShowsCurrentValues) {
  Registry registry;
  Gauge* gauge = registry.GetGauge("fazhi_test_gauge", "g");
  auto server = MetricsServer::Start("127.0.0.1:0", &registry);
  ASSERT_TRUE(server.ok()) << server.status();
  httplib::Client client("127.0.0.1", (*server)->port());
  gauge->Set(1);
  EXPECT_NE(client.Get("/metrics")->body.find("fazhi_test_gauge 1\n"), std::string::npos);
  gauge->Set(5);
  EXPECT_NE(client.Get("/metrics")->body.find("fazhi_test_gauge 5\n"), std::string::npos);
}

TEST(MetricsServerTest, FetchMetricsReturnsTheBody) {
  Registry registry;
  registry.GetGauge("fazhi_test_gauge", "g")->Set(3);
  auto server = MetricsServer::Start("127.0.0.1:0", &registry);
  ASSERT_TRUE(server.ok()) << server.status();
  absl::StatusOr<std::string> body = FetchMetrics("127.0.0.1:" + std::to_string((*server)->port()));
  ASSERT_TRUE(body.ok()) << body.status();
  EXPECT_NE(body->find("fazhi_test_gauge 3\n"), std::string::npos);
}

TEST(MetricsServerTest, OtherPathsAreNotFound) {
  Registry registry;
  auto server = MetricsServer::Start("127.0.0.1:0", &registry);
  ASSERT_TRUE(server.ok()) << server.status();
  httplib::Client client("127.0.0.1", (*server)->port());
  EXPECT_EQ(client.Get("/")->status, 404);
}

TEST(MetricsServerTest, AnAddressInUseIsUnavailable) {
  Registry registry;
  auto first = MetricsServer::Start("127.0.0.1:0", &registry);
  ASSERT_TRUE(first.ok()) << first.status();
  auto second = MetricsServer::Start("127.0.0.1:" + std::to_string((*first)->port()), &registry);
  EXPECT_TRUE(absl::IsUnavailable(second.status())) << second.status();
}

TEST(MetricsServerTest, AMalformedAddressIsInvalid) {
  Registry registry;
  EXPECT_TRUE(absl::IsInvalidArgument(MetricsServer::Start("localhost", &registry).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(MetricsServer::Start("h:99999", &registry).status()));
}

}  // namespace
}  // namespace fazhi::metrics
