#include "common/server/decode_error_interceptor.h"

#include <google/protobuf/descriptor.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "common/metrics/registry.h"
#include "common/server/raw_call.h"
#include "common/server/rpc_metrics_interceptor.h"
#include "fazhi/v1/extraction.grpc.pb.h"
#include "fazhi/v1/ingestion.grpc.pb.h"
#include "fazhi/v1/query.grpc.pb.h"

namespace fazhi {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::MethodDescriptor;
using google::protobuf::ServiceDescriptor;

// Field 1, length-delimited, says 5 bytes and carries 2: no message type can decode it.
const std::string kTruncated(
    "\x0a\x05"
    "ab",
    4);
const std::string kNotUtf8(
    "\xff\xfe"
    "abc",
    5);

// The API's services with gRPC's generated bases, whose handlers answer UNIMPLEMENTED: decoding
// happens before any handler, so the bases are enough to see how every method decodes.
class DecodeErrorInterceptorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.RegisterService(&ingestion_);
    builder.RegisterService(&extraction_);
    builder.RegisterService(&query_);
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> factories;
    factories.push_back(std::make_unique<DecodeErrorInterceptorFactory>());
    factories.push_back(std::make_unique<RpcMetricsInterceptorFactory>(&registry_));
    builder.experimental().SetInterceptorCreators(std::move(factories));
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    channel_ = grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                                   grpc::InsecureChannelCredentials());
  }
  void TearDown() override { server_->Shutdown(); }

  // Every method of every fazhi.v1 service, from the descriptors compiled into the binary.
  static std::vector<const MethodDescriptor*> AllMethods() {
    std::vector<const MethodDescriptor*> methods;
    for (const char* name :
         {v1::IngestionService::service_full_name(), v1::ExtractionService::service_full_name(),
          v1::QueryService::service_full_name()}) {
      const ServiceDescriptor* service =
          google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
      for (int i = 0; i < service->method_count(); ++i) methods.push_back(service->method(i));
    }
    return methods;
  }

  static std::string Path(const MethodDescriptor* method) {
    return "/" + method->service()->full_name() + "/" + method->name();
  }

  v1::IngestionService::Service ingestion_;
  v1::ExtractionService::Service extraction_;
  v1::QueryService::Service query_;
  metrics::Registry registry_;
  std::unique_ptr<grpc::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(DecodeErrorInterceptorTest, MalformedRequestToEverySingleRequestMethodIsInvalidArgument) {
  int checked = 0;
  for (const MethodDescriptor* method : AllMethods()) {
    if (method->client_streaming()) continue;  // decoded by the handler's Read()
    RawCallResult result = RawCall(channel_, Path(method), kTruncated);
    EXPECT_EQ(result.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << Path(method);
    EXPECT_EQ(result.status.error_message(), kUndecodableRequestMessage) << Path(method);
    ++checked;
  }
  EXPECT_GE(checked, 12);
}

TEST_F(DecodeErrorInterceptorTest, InvalidUtf8InEveryTopLevelStringFieldIsInvalidArgument) {
  int checked = 0;
  for (const MethodDescriptor* method : AllMethods()) {
    if (method->client_streaming()) continue;
    const google::protobuf::Descriptor* request = method->input_type();
    for (int i = 0; i < request->field_count(); ++i) {
      const FieldDescriptor* field = request->field(i);
      if (field->type() != FieldDescriptor::TYPE_STRING) continue;
      RawCallResult result =
          RawCall(channel_, Path(method), EncodeBytesField(field->number(), kNotUtf8));
      EXPECT_EQ(result.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
          << Path(method) << " " << field->name();
      EXPECT_EQ(result.status.error_message(), kUndecodableRequestMessage);
      ++checked;
    }
  }
  EXPECT_GE(checked, 10);
}

TEST_F(DecodeErrorInterceptorTest, DecodableRequestKeepsTheHandlersStatus) {
  RawCallResult empty = RawCall(channel_, "/fazhi.v1.QueryService/GetReport", "");
  EXPECT_EQ(empty.status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
  RawCallResult valid_utf8 =
      RawCall(channel_, "/fazhi.v1.QueryService/GetReport", EncodeBytesField(1, "法治"));
  EXPECT_EQ(valid_utf8.status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
}

TEST_F(DecodeErrorInterceptorTest, MetricsCountTheCallAsInvalidArgument) {
  RawCall(channel_, "/fazhi.v1.QueryService/ListReports", kTruncated);
  server_->Shutdown();
  std::string text = registry_.Render();
  EXPECT_NE(text.find("fazhi_grpc_server_handled_total{grpc_code=\"INVALID_ARGUMENT\","
                      "grpc_method=\"ListReports\",grpc_service=\"fazhi.v1.QueryService\"} 1\n"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace fazhi
