// Security end to end: the real services over TLS with bearer tokens (a throwaway CA and server
// certificate made with the openssl CLI), and the least-privilege PostgreSQL group roles.
#include <gmock/gmock.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <pqxx/pqxx>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "common/metrics/metrics_server.h"
#include "fazhi/v1/extraction.grpc.pb.h"
#include "fazhi/v1/ingestion.grpc.pb.h"
#include "fazhi/v1/query.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tests/testing/service_process.h"
#include "tests/testing/test_certificates.h"
#include "tests/testing/test_database.h"

namespace fazhi::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kReaderToken[] = "reader-0f3a9c2d7e5b4a61";
constexpr char kWriterToken[] = "writer-8b1e6d0c4f2a9375";
constexpr char kAdminToken[] = "admin-5c7e2a9d1b3f6048";
constexpr char kServiceToken[] = "service-2d9f4b7a0c6e1835";  // ingestion → extraction (writer)

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

class SecurityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(absl::StrCat(::testing::TempDir(), "/fazhi-security-", getpid()));
    std::filesystem::create_directories(*dir_);
    absl::Status certificates = MakeTestCertificates(*dir_);
    ASSERT_TRUE(certificates.ok()) << certificates;
    std::ofstream(*dir_ + "/tokens")
        << "# role token\nreader " << kReaderToken << "\nadmin " << kAdminToken << "\n";
    database_ = new TestDatabase();
    query_metrics_ = new std::string(absl::StrCat("127.0.0.1:", FreePort()));
    suite_ = new ServiceSuite(
        database_->url(),
        {{"FAZHI_TLS_CERT", *dir_ + "/server.pem"},
         {"FAZHI_TLS_KEY", *dir_ + "/server.key"},
         {"FAZHI_TLS_CA", *dir_ + "/ca.pem"},
         {"FAZHI_TOKENS_FILE", *dir_ + "/tokens"},
         {"FAZHI_TOKENS", absl::StrCat("writer ", kWriterToken, "; writer ", kServiceToken)},
         {"FAZHI_SERVICE_TOKEN", kServiceToken},
         {"FAZHI_QUERY_METRICS_ADDR", *query_metrics_}});
    absl::Status started = suite_->StartAll();
    ASSERT_TRUE(started.ok()) << started;
  }

  static void TearDownTestSuite() {
    delete suite_;
    delete database_;
    std::filesystem::remove_all(*dir_);
    delete dir_;
    delete query_metrics_;
  }

  // The query service's count of calls to SearchReports that ended with `code`.
  static double SearchCalls(std::string_view code) {
    absl::StatusOr<std::string> page = metrics::FetchMetrics(*query_metrics_);
    EXPECT_TRUE(page.ok()) << page.status();
    if (!page.ok()) return -1;
    std::string series =
        absl::StrCat("\nfazhi_grpc_server_handled_total{grpc_code=\"", std::string(code),
                     "\",grpc_method=\"SearchReports\",grpc_service=\"fazhi.v1.QueryService\"} ");
    size_t at = page->find(series);
    if (at == std::string::npos) return 0;
    return std::stod(
        page->substr(at + series.size(), page->find('\n', at + 1) - at - series.size()));
  }

  static std::unique_ptr<grpc::ClientContext> Context() {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    return context;
  }

  static grpc::Status Ingest(const std::string& token, const std::string& file,
                             v1::IngestDocumentResponse* response) {
    auto stub = v1::IngestionService::NewStub(suite_->Channel(suite_->ingestion_addr, token));
    v1::IngestDocumentRequest request;
    request.mutable_document()->set_content(ReadFile(SourceDir() + "/tests/data/corpus/" + file));
    request.mutable_document()->set_file_name(file);
    return stub->IngestDocument(Context().get(), request, response);
  }

  static grpc::Status Search(const std::string& token, v1::SearchReportsResponse* response) {
    auto stub = v1::QueryService::NewStub(suite_->Channel(suite_->query_addr, token));
    v1::SearchReportsRequest request;
    request.set_query("法治");
    return stub->SearchReports(Context().get(), request, response);
  }

  static grpc::Status Requeue(const std::string& token) {
    auto stub = v1::ExtractionService::NewStub(suite_->Channel(suite_->extraction_addr, token));
    v1::RequeueJobsRequest request;
    request.set_state("dead");
    v1::RequeueJobsResponse response;
    return stub->RequeueJobs(Context().get(), request, &response);
  }

  static std::string* dir_;
  static std::string* query_metrics_;  // host:port of the query service's /metrics
  static TestDatabase* database_;
  static ServiceSuite* suite_;
};

std::string* SecurityTest::dir_ = nullptr;
std::string* SecurityTest::query_metrics_ = nullptr;
TestDatabase* SecurityTest::database_ = nullptr;
ServiceSuite* SecurityTest::suite_ = nullptr;

TEST_F(SecurityTest, WriterIngestsOverTlsAndIngestionReachesExtractionWithItsServiceToken) {
  v1::IngestDocumentResponse ingested;
  grpc::Status status = Ingest(kWriterToken, "000_00019c19f38eb4da.txt", &ingested);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // Ingestion asks extraction directly; with a refused service token the report would stay
  // pending until a worker's retry.
  EXPECT_EQ(ingested.state(), v1::REPORT_STATE_EXTRACTED);
  EXPECT_THAT(suite_->extraction->LogTail(100000),
              HasSubstr("method=/fazhi.v1.ExtractionService/ExtractReport code=OK"));
}

TEST_F(SecurityTest, ReaderSearchesButMayNotIngest) {
  v1::IngestDocumentResponse ingested;
  ASSERT_TRUE(Ingest(kWriterToken, "001_4ca8cfc4920ed3ee.txt", &ingested).ok());
  v1::SearchReportsResponse found;
  grpc::Status search = Search(kReaderToken, &found);
  ASSERT_TRUE(search.ok()) << search.error_message();
  EXPECT_GE(found.total_size(), 1);

  grpc::Status denied = Ingest(kReaderToken, "002_64802642e30fe92e.txt", &ingested);
  EXPECT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(denied.error_message(), HasSubstr("needs writer"));
}

TEST_F(SecurityTest, MissingOrUnknownTokenIsUnauthenticated) {
  v1::SearchReportsResponse found;
  EXPECT_EQ(Search("", &found).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Search("reader-but-guessed-000000", &found).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  v1::IngestDocumentResponse ingested;
  EXPECT_EQ(Ingest("", "003_7a36a27cbcf2ea14.txt", &ingested).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

// Refusals happen in the token check, before the interceptors that count calls; they are counted
// there, in the same series.
TEST_F(SecurityTest, RefusedCallsAreCountedInMetricsByMethodAndCode) {
  double unauthenticated = SearchCalls("UNAUTHENTICATED");
  double ok = SearchCalls("OK");
  v1::SearchReportsResponse found;
  ASSERT_EQ(Search("", &found).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  ASSERT_EQ(Search("reader-but-guessed-000000", &found).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  ASSERT_TRUE(Search(kReaderToken, &found).ok());
  EXPECT_EQ(SearchCalls("UNAUTHENTICATED"), unauthenticated + 2);
  EXPECT_EQ(SearchCalls("OK"), ok + 1);
}

// Issue 20: each made-up method path once became a series of its own; 20,000 refused calls took
// the query service's /metrics from 114 KB to 42 MB.
TEST_F(SecurityTest, MadeUpMethodPathsShareOneSeriesInMetrics) {
  auto page_size = [] {
    absl::StatusOr<std::string> page = metrics::FetchMetrics(*query_metrics_);
    EXPECT_TRUE(page.ok()) << page.status();
    return page.ok() ? *page : std::string();
  };
  grpc::GenericStub stub(suite_->Channel(suite_->query_addr, ""));
  auto call = [&](const std::string& path) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    grpc::Slice empty("");
    grpc::ByteBuffer request(&empty, 1), response;
    std::promise<grpc::Status> done;
    stub.UnaryCall(&context, path, grpc::StubOptions(), &request, &response,
                   [&done](grpc::Status status) { done.set_value(std::move(status)); });
    return done.get_future().get();
  };
  call("/fazhi.v1.QueryService/Made0");
  std::string before = page_size();
  for (int i = 1; i <= 300; ++i) {
    grpc::Status status = call(absl::StrCat("/fazhi.v1.QueryService/Made", i));
    ASSERT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
  }
  std::string after = page_size();
  EXPECT_EQ(after.find("Made"), std::string::npos);
  EXPECT_NE(after.find("grpc_method=\"unknown\",grpc_service=\"unknown\""), std::string::npos);
  // Only counts' digits (and other calls' series, if any ran) may grow.
  EXPECT_LT(after.size(), before.size() + 2000) << "grew by " << after.size() - before.size();
}

TEST_F(SecurityTest, OnlyAdminsRequeueJobs) {
  grpc::Status admin = Requeue(kAdminToken);
  EXPECT_TRUE(admin.ok()) << admin.error_message();
  EXPECT_EQ(Requeue(kWriterToken).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Requeue(kReaderToken).error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(SecurityTest, HealthAnswersWithoutAToken) {
  for (const std::string* address :
       {&suite_->ingestion_addr, &suite_->extraction_addr, &suite_->query_addr}) {
    auto stub = grpc::health::v1::Health::NewStub(suite_->Channel(*address, ""));
    grpc::health::v1::HealthCheckResponse response;
    grpc::Status status =
        stub->Check(Context().get(), grpc::health::v1::HealthCheckRequest(), &response);
    ASSERT_TRUE(status.ok()) << *address << ": " << status.error_message();
    EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
  }
}

TEST_F(SecurityTest, PlaintextClientCannotTalkToATlsService) {
  auto stub = grpc::health::v1::Health::NewStub(
      grpc::CreateChannel(suite_->query_addr, grpc::InsecureChannelCredentials()));
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(3));
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status status =
      stub->Check(context.get(), grpc::health::v1::HealthCheckRequest(), &response);
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.error_code(),
              ::testing::AnyOf(grpc::StatusCode::UNAVAILABLE, grpc::StatusCode::DEADLINE_EXCEEDED));
}

TEST_F(SecurityTest, CliSendsItsTokenFromTheEnvironment) {
  Environment reader = suite_->environment();
  reader["FAZHI_TOKEN"] = kReaderToken;
  CommandResult list = RunBinary("fazhi", {"list"}, reader);
  EXPECT_EQ(list.exit_code, 0) << list.err;
  CommandResult requeue = RunBinary("fazhi", {"requeue", "--state", "dead"}, reader);
  EXPECT_EQ(requeue.exit_code, 1);
  EXPECT_THAT(requeue.err, HasSubstr("PERMISSION_DENIED"));
  CommandResult admin =
      RunBinary("fazhi", {absl::StrCat("--token=", kAdminToken), "requeue", "--state", "dead"},
                suite_->environment());
  EXPECT_EQ(admin.exit_code, 0) << admin.err;
}

// Issue 20, finding 9: the CLI sent its bearer token over plaintext.
TEST_F(SecurityTest, CliRefusesToSendItsTokenWithoutTls) {
  Environment plaintext = suite_->environment();
  plaintext.erase("FAZHI_TLS_CA");
  plaintext["FAZHI_TOKEN"] = kReaderToken;
  CommandResult refused = RunBinary("fazhi", {"list"}, plaintext);
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_THAT(refused.err, HasSubstr("refusing to send FAZHI_TOKEN without TLS"));
  // Told to, it sends it (and then meets the TLS port with plaintext, which fails to connect;
  // a mutation is sent once, where a read would retry for seconds).
  CommandResult told = RunBinary("fazhi",
                                 {"--insecure-token", "--extraction-addr", suite_->extraction_addr,
                                  "requeue", "--state", "dead"},
                                 plaintext);
  EXPECT_EQ(told.exit_code, 1) << told.err;
  EXPECT_THAT(told.err, Not(HasSubstr("refusing")));
}

// Issue 19: a plaintext CLI retried a TLS service silently for 15-19 s.
TEST_F(SecurityTest, CliWithoutTheCaIsToldTheServerSpeaksTls) {
  Environment plaintext = suite_->environment();
  plaintext.erase("FAZHI_TLS_CA");
  CommandResult list = RunBinary("fazhi", {"list"}, plaintext);
  EXPECT_EQ(list.exit_code, 1);
  EXPECT_THAT(list.err,
              HasSubstr(absl::StrCat("the server at ", suite_->query_addr, " speaks TLS")));
  EXPECT_THAT(list.err, HasSubstr("set FAZHI_TLS_CA"));
}

TEST_F(SecurityTest, TokensNeverReachTheLogs) {
  v1::SearchReportsResponse found;
  ASSERT_TRUE(Search(kReaderToken, &found).ok());
  v1::IngestDocumentResponse ingested;
  ASSERT_FALSE(Ingest(kReaderToken, "004_20e5f79f8eb1e5cf.txt", &ingested).ok());
  for (const ServiceProcess* service :
       {suite_->ingestion.get(), suite_->extraction.get(), suite_->query.get()}) {
    std::string log = service->LogTail(1 << 20);
    for (const char* token : {kReaderToken, kWriterToken, kAdminToken, kServiceToken}) {
      EXPECT_THAT(log, Not(HasSubstr(token))) << service->log_path();
    }
  }
}

// The group roles of deploy/migrations/0004_roles.sql, logged in as members of them.
class DatabaseRolesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServiceSuite suite(database_.url());
    absl::Status migrated = suite.Migrate();
    ASSERT_TRUE(migrated.ok()) << migrated;
    pqxx::connection admin(database_.url());
    pqxx::nontransaction work(admin);
    work.exec0(
        "INSERT INTO reports (id, content_sha256, original, original_size_bytes,"
        " original_encoding, original_format, normalized_text, normalizer_version, text_length)"
        " VALUES ('00000000000000aa', 'aa', '\\x00', 1, 'utf-8', 'text', '法治', 'v', 2)");
  }

  void TearDown() override {
    pqxx::connection admin(database_.url());
    pqxx::nontransaction work(admin);
    for (const std::string& login : logins_) work.exec0("DROP ROLE IF EXISTS " + login);
  }

  // A fresh login role in `group`, and a connection as it to the test database.
  std::unique_ptr<pqxx::connection> LoginAs(const std::string& group) {
    std::string login = absl::StrCat(database_.name(), "_", group);
    {
      pqxx::connection admin(database_.url());
      pqxx::nontransaction work(admin);
      work.exec0(absl::StrCat("CREATE ROLE ", login, " LOGIN IN ROLE ", group));
    }
    logins_.push_back(login);
    std::string url = database_.url();
    size_t user_begin = url.find("://") + 3;
    size_t user_end = url.find('@', user_begin);
    url.replace(user_begin, user_end - user_begin, login);
    return std::make_unique<pqxx::connection>(url);
  }

  // Runs one statement in its own transaction; "denied" for insufficient_privilege.
  static std::string Try(pqxx::connection& connection, const std::string& sql) {
    try {
      pqxx::work work(connection);
      work.exec(sql);
      work.commit();
      return "ok";
    } catch (const pqxx::insufficient_privilege&) {
      return "denied";
    }
  }

  TestDatabase database_;
  std::vector<std::string> logins_;
};

TEST_F(DatabaseRolesTest, QueryRoleReadsButCannotWrite) {
  std::unique_ptr<pqxx::connection> query = LoginAs("fazhi_query");
  EXPECT_EQ(Try(*query, "SELECT id FROM reports"), "ok");
  EXPECT_EQ(Try(*query, "SELECT count(*) FROM records JOIN indicator_values USING (report_id)"),
            "ok");
  EXPECT_EQ(Try(*query,
                "INSERT INTO reports (id, content_sha256, original, original_size_bytes,"
                " original_encoding, original_format, normalized_text, normalizer_version,"
                " text_length) VALUES ('00000000000000bb', 'bb', '\\x00', 1, 'utf-8', 'text',"
                " 'x', 'v', 1)"),
            "denied");
  EXPECT_EQ(Try(*query, "UPDATE reports SET state = 'failed'"), "denied");
  EXPECT_EQ(Try(*query, "DELETE FROM reports"), "denied");
  EXPECT_EQ(Try(*query, "SELECT count(*) FROM extraction_jobs"), "denied");
}

TEST_F(DatabaseRolesTest, ExtractionRoleSetsStateButNotTheArchivedText) {
  std::unique_ptr<pqxx::connection> extraction = LoginAs("fazhi_extraction");
  EXPECT_EQ(Try(*extraction, "UPDATE reports SET state = 'extracted', error = ''"), "ok");
  EXPECT_EQ(Try(*extraction, "UPDATE reports SET normalized_text = ''"), "denied");
  EXPECT_EQ(Try(*extraction, "DELETE FROM reports"), "denied");
  EXPECT_EQ(Try(*extraction, "DELETE FROM indicator_values WHERE report_id = 'x'"), "ok");
}

TEST_F(DatabaseRolesTest, IngestionRoleAddsReportsButNeverChangesThem) {
  std::unique_ptr<pqxx::connection> ingestion = LoginAs("fazhi_ingestion");
  EXPECT_EQ(Try(*ingestion, "INSERT INTO extraction_jobs (report_id) VALUES ('00000000000000aa')"),
            "ok");
  EXPECT_EQ(Try(*ingestion, "UPDATE reports SET state = 'failed'"), "denied");
  EXPECT_EQ(Try(*ingestion,
                "INSERT INTO records (report_id, record, extractor_version,"
                " indicator_set_version) VALUES ('00000000000000aa', '{}', 'v', 'v')"),
            "denied");
}

// What every deployment does (./dev up, docker-compose, deploy/k8s): migrate as the tables' owner
// with the services' passwords in a folder, then start each service as its own role with its
// password file. Every session of a service is its role's, and the three together still ingest,
// extract and answer.
TEST_F(DatabaseRolesTest, EachServiceConnectsAsItsOwnRole) {
  const std::string secrets = absl::StrCat(::testing::TempDir(), "/fazhi-logins-", getpid());
  std::filesystem::create_directories(secrets);
  for (const char* role : {"fazhi_ingestion", "fazhi_extraction", "fazhi_query"}) {
    std::ofstream(secrets + "/" + role) << "pw-" << role << "-" << getpid() << "\n";
  }
  ServiceSuite owner(database_.url(), {{"FAZHI_SERVICE_PASSWORDS_DIR", secrets}});
  absl::Status migrated = owner.Migrate();
  ASSERT_TRUE(migrated.ok()) << migrated;
  pqxx::connection admin(database_.url());
  {
    pqxx::nontransaction work(admin);
    // (The test cluster trusts local logins: the password is checked as stored, not by logging in.)
    pqxx::result roles = work.exec(
        "SELECT rolname, rolcanlogin, rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE "
        "rolname IN"
        " ('fazhi_ingestion', 'fazhi_extraction', 'fazhi_query') ORDER BY rolname");
    ASSERT_EQ(roles.size(), 3u);
    for (const auto& role : roles) {
      EXPECT_TRUE(role[1].as<bool>()) << role[0].as<std::string>();
      EXPECT_TRUE(role[2].as<bool>(false)) << role[0].as<std::string>() << " has no password";
    }
  }

  // One suite per service, each service's settings its own role and password file; ingestion
  // hands off to the extraction service of the other suite.
  auto as_role = [&](const std::string& role, Environment extra) {
    std::string url = database_.url();
    const size_t user_begin = url.find("://") + 3;
    url.replace(user_begin, url.find('@', user_begin) - user_begin, role);
    extra["FAZHI_DATABASE_PASSWORD_FILE"] = secrets + "/" + role;
    return std::make_unique<ServiceSuite>(url, extra);
  };
  std::unique_ptr<ServiceSuite> extraction = as_role("fazhi_extraction", {});
  std::unique_ptr<ServiceSuite> query = as_role("fazhi_query", {});
  std::unique_ptr<ServiceSuite> ingestion =
      as_role("fazhi_ingestion", {{"FAZHI_EXTRACTION_ADDR", extraction->extraction_addr}});
  for (ServiceProcess* service :
       {extraction->extraction.get(), query->query.get(), ingestion->ingestion.get()}) {
    absl::Status started = service->Start();
    ASSERT_TRUE(started.ok()) << started;
  }
  auto stub = v1::IngestionService::NewStub(ingestion->Channel(ingestion->ingestion_addr));
  v1::IngestDocumentRequest request;
  request.mutable_document()->set_content(
      ReadFile(SourceDir() + "/tests/data/corpus/004_20e5f79f8eb1e5cf.txt"));
  request.mutable_document()->set_file_name("004_20e5f79f8eb1e5cf.txt");
  v1::IngestDocumentResponse ingested;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  grpc::Status status = stub->IngestDocument(&context, request, &ingested);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // Ingestion waits for the extraction it hands the report to (as fazhi_extraction), and the
  // query service (as fazhi_query) reads the record.
  EXPECT_EQ(ingested.state(), v1::REPORT_STATE_EXTRACTED);
  CommandResult got = RunCli(*query, {"get", ingested.name()});
  EXPECT_EQ(got.exit_code, 0) << got.err;
  EXPECT_THAT(got.out, HasSubstr("extracted"));

  pqxx::nontransaction work(admin);
  pqxx::result sessions = work.exec_params(
      "SELECT application_name, usename::text FROM pg_stat_activity WHERE datname = $1"
      " AND application_name LIKE 'fazhi-%' ORDER BY 1, 2",
      database_.name());
  std::map<std::string, std::set<std::string>> users_of;
  for (const auto& session : sessions)
    users_of[session[0].as<std::string>()].insert(session[1].as<std::string>());
  EXPECT_EQ(users_of["fazhi-ingestion"], std::set<std::string>{"fazhi_ingestion"});
  EXPECT_EQ(users_of["fazhi-extraction"], std::set<std::string>{"fazhi_extraction"});
  EXPECT_EQ(users_of["fazhi-query"], std::set<std::string>{"fazhi_query"});
  std::filesystem::remove_all(secrets);
}

// A passwords folder without one of the files fails the migration step, naming the file.
TEST_F(DatabaseRolesTest, MissingServicePasswordFileFailsTheMigrationNamingIt) {
  const std::string secrets =
      absl::StrCat(::testing::TempDir(), "/fazhi-logins-missing-", getpid());
  std::filesystem::create_directories(secrets);
  std::ofstream(secrets + "/fazhi_ingestion") << "x\n";
  CommandResult result = RunBinary(
      "fazhi-ingestion", {"--migrate-only"},
      {{"FAZHI_DATABASE_URL", database_.url()}, {"FAZHI_SERVICE_PASSWORDS_DIR", secrets}});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_THAT(result.err, HasSubstr(secrets + "/fazhi_extraction"));
  std::filesystem::remove_all(secrets);
}

TEST_F(DatabaseRolesTest, RolesMigrationCanRunAgain) {
  pqxx::connection admin(database_.url());
  pqxx::work work(admin);
  std::string sql = ReadFile(SourceDir() + "/deploy/migrations/0004_roles.sql");
  ASSERT_FALSE(sql.empty());
  EXPECT_NO_THROW(work.exec(sql));
}

}  // namespace
}  // namespace fazhi::testing
