#include "common/security/credentials.h"

#include <gmock/gmock.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/health_check_service_interface.h>
#include <gtest/gtest.h>

#include <condition_variable>
#include <fstream>
#include <mutex>

#include "fazhi/v1/ingestion.pb.h"
#include "fazhi/v1/query.pb.h"

namespace fazhi::security {
namespace {

using ::testing::HasSubstr;

constexpr char kReader[] = "reader-token-0123456789";
constexpr char kWriter[] = "writer-token-0123456789";

// A plaintext server with bearer-token auth and only health and reflection registered: an
// allowed fazhi call ends UNIMPLEMENTED, a refused one with the processor's code.
class AuthServer {
 public:
  AuthServer() {
    grpc::EnableDefaultHealthCheckService(true);
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();
    Settings settings;
    settings.Set(kTokens, std::string("reader ") + kReader + ";writer " + kWriter);
    absl::StatusOr<ServerSecurity> security = ServerSecurityFromSettings(settings);
    EXPECT_TRUE(security.ok()) << security.status();
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", MakeServerCredentials(*security, &refusals_), &port_);
    server_ = builder.BuildAndStart();
  }
  ~AuthServer() { server_->Shutdown(); }

  grpc::Status Call(std::string_view method, std::string token) {
    auto security = MakeChannelSecurity("", std::move(token));
    grpc::GenericStub stub(MakeChannel("127.0.0.1:" + std::to_string(port_), *security));
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    grpc::Slice empty(std::string(""));
    grpc::ByteBuffer request(&empty, 1), response;
    std::mutex mutex;
    std::condition_variable done;
    std::optional<grpc::Status> result;
    stub.UnaryCall(&context, std::string(method), grpc::StubOptions(), &request, &response,
                   [&](grpc::Status status) {
                     std::lock_guard lock(mutex);
                     result = status;
                     done.notify_one();
                   });
    std::unique_lock lock(mutex);
    done.wait(lock, [&] { return result.has_value(); });
    return *result;
  }

  metrics::Registry& refusals() { return refusals_; }

 private:
  metrics::Registry refusals_;
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
};

TEST(CredentialsTest, PlaintextServerEnforcesTokensSentByTheChannel) {
  AuthServer server;
  EXPECT_EQ(server.Call("/fazhi.v1.QueryService/GetReport", kReader).error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
  grpc::Status denied = server.Call("/fazhi.v1.IngestionService/IngestDocument", kReader);
  EXPECT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(denied.error_message(), HasSubstr("needs writer"));
  EXPECT_EQ(server.Call("/fazhi.v1.IngestionService/IngestDocument", kWriter).error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_EQ(server.Call("/fazhi.v1.QueryService/GetReport", "").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(server.Call("/fazhi.v1.QueryService/GetReport", "wrong-token-0123456789").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST(CredentialsTest, RefusedCallsAreCountedByMethodAndCode) {
  // Metrics label only methods of linked services (metrics/grpc_calls.h), as the services link
  // theirs: link these two.
  ASSERT_NE(fazhi::v1::IngestDocumentRequest::descriptor(), nullptr);
  ASSERT_NE(fazhi::v1::GetReportRequest::descriptor(), nullptr);
  AuthServer server;
  server.Call("/fazhi.v1.IngestionService/IngestDocument", kReader);
  server.Call("/fazhi.v1.QueryService/GetReport", "");
  server.Call("/fazhi.v1.QueryService/GetReport", "wrong-token-0123456789");
  server.Call("/fazhi.v1.QueryService/GetReport", kReader);  // allowed: the interceptors count it
  std::string text = server.refusals().Render();
  EXPECT_THAT(
      text,
      HasSubstr("fazhi_grpc_server_handled_total{grpc_code=\"PERMISSION_DENIED\","
                "grpc_method=\"IngestDocument\",grpc_service=\"fazhi.v1.IngestionService\"} 1\n"));
  EXPECT_THAT(text,
              HasSubstr("fazhi_grpc_server_handled_total{grpc_code=\"UNAUTHENTICATED\","
                        "grpc_method=\"GetReport\",grpc_service=\"fazhi.v1.QueryService\"} 2\n"));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("grpc_code=\"OK\"")));
}

TEST(CredentialsTest, HealthIsOpenWithoutAToken) {
  AuthServer server;
  // An empty HealthCheckRequest asks about the whole server.
  EXPECT_TRUE(server.Call("/grpc.health.v1.Health/Check", "").ok());
}

TEST(CredentialsTest, NoTokensMeansNoAuthorizer) {
  absl::StatusOr<ServerSecurity> security = ServerSecurityFromSettings(Settings());
  ASSERT_TRUE(security.ok());
  EXPECT_EQ(security->authorizer, nullptr);
  EXPECT_TRUE(security->tls_cert_chain.empty());
}

TEST(CredentialsTest, HalfATlsPairIsRejected) {
  Settings settings;
  settings.Set(kTlsCert, "/etc/hostname");
  absl::StatusOr<ServerSecurity> security = ServerSecurityFromSettings(settings);
  EXPECT_EQ(security.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(security.status().message(), HasSubstr("set both FAZHI_TLS_CERT and FAZHI_TLS_KEY"));
}

TEST(CredentialsTest, UnreadableOrNonPemFilesNameTheSetting) {
  Settings settings;
  settings.Set(kTlsCert, "/nonexistent/cert.pem");
  settings.Set(kTlsKey, "/nonexistent/key.pem");
  EXPECT_THAT(ServerSecurityFromSettings(settings).status().message(),
              HasSubstr("FAZHI_TLS_CERT: cannot read '/nonexistent/cert.pem'"));
  std::string not_pem = ::testing::TempDir() + "/not_pem.txt";
  std::ofstream(not_pem) << "hello\n";
  EXPECT_THAT(MakeChannelSecurity(not_pem, "").status().message(),
              HasSubstr("FAZHI_TLS_CA: not a PEM certificate"));
}

TEST(CredentialsTest, BadTokenEntriesStopTheStart) {
  Settings settings;
  settings.Set(kTokens, "superuser aaaaaaaaaaaaaaaa");
  EXPECT_THAT(ServerSecurityFromSettings(settings).status().message(),
              HasSubstr("FAZHI_TOKENS entry 1: unknown role 'superuser'"));
}

}  // namespace
}  // namespace fazhi::security
