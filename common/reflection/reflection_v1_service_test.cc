// Reflection v1 answered from the generated descriptor pool, through a real in-process server that
// also has grpc++_reflection's v1alpha: list_services names every service, a symbol gives its
// file with the files it imports, and unknown names give NOT_FOUND in the answer.
#include "common/reflection/reflection_v1_service.h"

#include <google/protobuf/descriptor.pb.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <gtest/gtest.h>

#include <set>

#include "fazhi/v1/query.grpc.pb.h"

namespace fazhi {
namespace {

namespace reflection_v1 = grpc::reflection::v1;

class ReflectionV1ServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();
    grpc::ServerBuilder builder;
    builder.RegisterService(&query_);
    builder.RegisterService(&reflection_);
    server_ = builder.BuildAndStart();
    reflection_.SetServer(server_.get());
    stub_ = reflection_v1::ServerReflection::NewStub(
        server_->InProcessChannel(grpc::ChannelArguments()));
  }

  // Sends one request on a fresh stream and returns its answer.
  reflection_v1::ServerReflectionResponse Ask(
      const reflection_v1::ServerReflectionRequest& request) {
    grpc::ClientContext context;
    auto stream = stub_->ServerReflectionInfo(&context);
    reflection_v1::ServerReflectionResponse response;
    EXPECT_TRUE(stream->Write(request));
    stream->WritesDone();
    EXPECT_TRUE(stream->Read(&response));
    EXPECT_TRUE(stream->Finish().ok());
    return response;
  }

  static std::set<std::string> FileNames(const reflection_v1::ServerReflectionResponse& response) {
    std::set<std::string> names;
    for (const std::string& bytes : response.file_descriptor_response().file_descriptor_proto()) {
      google::protobuf::FileDescriptorProto file;
      EXPECT_TRUE(file.ParseFromString(bytes));
      names.insert(file.name());
    }
    return names;
  }

  v1::QueryService::Service query_;
  ReflectionV1Service reflection_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<reflection_v1::ServerReflection::Stub> stub_;
};

TEST_F(ReflectionV1ServiceTest, ListServicesNamesTheServersServicesBothReflectionsIncluded) {
  reflection_v1::ServerReflectionRequest request;
  request.set_list_services("");
  reflection_v1::ServerReflectionResponse response = Ask(request);
  std::set<std::string> names;
  for (const auto& service : response.list_services_response().service())
    names.insert(service.name());
  EXPECT_EQ(names,
            (std::set<std::string>{"fazhi.v1.QueryService", "grpc.reflection.v1.ServerReflection",
                                   "grpc.reflection.v1alpha.ServerReflection"}));
}

TEST_F(ReflectionV1ServiceTest, SymbolGivesItsFileAndTheFilesItImports) {
  reflection_v1::ServerReflectionRequest request;
  request.set_file_containing_symbol("fazhi.v1.QueryService");
  std::set<std::string> files = FileNames(Ask(request));
  EXPECT_TRUE(files.count("fazhi/v1/query.proto"));
  EXPECT_TRUE(files.count("fazhi/v1/report.proto"));
  EXPECT_TRUE(files.count("google/api/annotations.proto"));
}

TEST_F(ReflectionV1ServiceTest, FileByNameGivesThatFile) {
  reflection_v1::ServerReflectionRequest request;
  request.set_file_by_filename("fazhi/v1/report.proto");
  EXPECT_TRUE(FileNames(Ask(request)).count("fazhi/v1/report.proto"));
}

TEST_F(ReflectionV1ServiceTest, UnknownSymbolIsNotFoundInTheAnswer) {
  reflection_v1::ServerReflectionRequest request;
  request.set_file_containing_symbol("fazhi.v1.NoSuchService");
  reflection_v1::ServerReflectionResponse response = Ask(request);
  EXPECT_EQ(response.error_response().error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(response.error_response().error_message().find("fazhi.v1.NoSuchService"),
            std::string::npos);
}

TEST_F(ReflectionV1ServiceTest, AnswerEchoesTheRequest) {
  reflection_v1::ServerReflectionRequest request;
  request.set_host("localhost");
  request.set_file_by_filename("fazhi/v1/query.proto");
  reflection_v1::ServerReflectionResponse response = Ask(request);
  EXPECT_EQ(response.valid_host(), "localhost");
  EXPECT_EQ(response.original_request().file_by_filename(), "fazhi/v1/query.proto");
}

}  // namespace
}  // namespace fazhi
