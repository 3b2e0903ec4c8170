#include "common/server/rpc_metrics_interceptor.h"

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "grpc/health/v1/health.grpc.pb.h"

namespace fazhi {
namespace {

// A sync health service: "" is serving, any other service is unknown.
class FakeHealth final : public grpc::health::v1::Health::Service {
 public:
  grpc::Status Check(grpc::ServerContext*, const grpc::health::v1::HealthCheckRequest* request,
                     grpc::health::v1::HealthCheckResponse* response) override {
    if (!request->service().empty()) return grpc::Status(grpc::StatusCode::NOT_FOUND, "unknown");
    response->set_status(grpc::health::v1::HealthCheckResponse::SERVING);
    return grpc::Status::OK;
  }
};

// An in-process server with the fake health service, observed by the interceptor.
class RpcMetricsInterceptorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.RegisterService(&health_);
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> factories;
    factories.push_back(std::make_unique<RpcMetricsInterceptorFactory>(&registry_));
    builder.experimental().SetInterceptorCreators(std::move(factories));
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    stub_ = grpc::health::v1::Health::NewStub(grpc::CreateChannel(
        "127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials()));
  }
  void TearDown() override { server_->Shutdown(); }

  grpc::Status Check(const std::string& service) {
    grpc::ClientContext context;
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    grpc::health::v1::HealthCheckResponse response;
    return stub_->Check(&context, request, &response);
  }

  FakeHealth health_;
  metrics::Registry registry_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<grpc::health::v1::Health::Stub> stub_;
};

TEST_F(RpcMetricsInterceptorTest, CountsCallsByServiceMethodAndCode) {
  ASSERT_TRUE(Check("").ok());
  ASSERT_TRUE(Check("").ok());
  ASSERT_EQ(Check("no.such.Service").error_code(), grpc::StatusCode::NOT_FOUND);
  server_->Shutdown();  // every interceptor has finished
  std::string text = registry_.Render();
  EXPECT_NE(text.find("fazhi_grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"Check\","
                      "grpc_service=\"grpc.health.v1.Health\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(
      text.find("fazhi_grpc_server_handled_total{grpc_code=\"NOT_FOUND\",grpc_method=\"Check\","
                "grpc_service=\"grpc.health.v1.Health\"} 1\n"),
      std::string::npos)
      << text;
}

TEST_F(RpcMetricsInterceptorTest, ObservesLatencyOncePerCallAndEndsWithNothingInFlight) {
  ASSERT_TRUE(Check("").ok());
  ASSERT_TRUE(Check("").ok());
  server_->Shutdown();
  std::string text = registry_.Render();
  EXPECT_NE(text.find("fazhi_grpc_server_handling_seconds_count{grpc_method=\"Check\","
                      "grpc_service=\"grpc.health.v1.Health\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("fazhi_grpc_server_in_flight 0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("fazhi_grpc_server_shed_total 0\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace fazhi
