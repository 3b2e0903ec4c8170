// Nothing acknowledged is lost: while the real CLI bulk-ingests a few thousand generated reports,
// the extraction service is killed (-9), then the ingestion service, then PostgreSQL is stopped
// like a crash (immediate mode) and started again. Once everything runs again and the queue is
// drained, every document is archived exactly once (by SHA-256) and extracted exactly once, and
// no extraction job is dead. The cluster is private (tests/testing/private_cluster.h) with fsync
// on, so the restart is a real crash recovery. A second test pins down that a caller's deadline
// reaches the archive's statements: an ingest blocked in PostgreSQL is cut off, not left waiting;
// a third that read-only commands retry an unavailable service and mutations do not (and a
// fourth, against a scripted server, that they retry a server's CANCELLED). Issue 21:
// a service started while PostgreSQL is down waits for it (NOT_SERVING meanwhile), within
// FAZHI_DATABASE_WAIT_SECONDS, and the query service's reads end at the caller's deadline.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/types.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <set>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/text/sha256.h"
#include "fazhi/v1/extraction.grpc.pb.h"
#include "fazhi/v1/ingestion.grpc.pb.h"
#include "fazhi/v1/query.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tests/integration/sample_reports.h"
#include "tests/testing/private_cluster.h"
#include "tests/testing/service_process.h"
#include "tools/corpus_generator/corpus_generator.h"

namespace fazhi::testing {
namespace {

namespace fs = std::filesystem;

// Enough documents that every fault lands in the middle of the streams; small ones (a few KB,
// cut at a line break) so the whole test runs in about a minute and a half on two cores.
constexpr int kDocuments = 6000;
// Each fault strikes once this many more documents are archived than when the previous fault's
// recovery ended (the streams are flowing again), so that a fast ingest (about 1000 documents a
// second while extraction is down) does not finish before the last fault.
constexpr int kDocumentsBetweenFaults = kDocuments / 100;
constexpr size_t kDocumentBytes = 3000;
// Concurrent `fazhi ingest` processes, each with its own folder.
constexpr int kClients = 2;

fs::path ClientDir(const fs::path& dir, int client) {
  return dir / absl::StrCat("client-", client);
}

// Distinct generated documents, dealt out to the clients' folders under `dir`; returns their
// SHA-256s.
std::set<std::string> WriteDocuments(const fs::path& dir) {
  corpus::CorpusGeneratorOptions options;
  options.seed = 5;
  // Text encodings whose bytes may be cut at a newline without breaking a character.
  options.mix = {{corpus::OutputKind::kUtf8Text, 4}, {corpus::OutputKind::kGb18030Text, 1}};
  absl::StatusOr<corpus::CorpusGenerator> generator = corpus::CorpusGenerator::Create(options);
  EXPECT_TRUE(generator.ok()) << generator.status();
  std::set<std::string> hashes;
  for (int client = 0; client < kClients; ++client) fs::create_directories(ClientDir(dir, client));
  while (generator.ok() && hashes.size() < static_cast<size_t>(kDocuments)) {
    corpus::GeneratedReport report = generator->Next();
    std::string bytes = report.bytes;
    if (size_t cut = bytes.find('\n', kDocumentBytes); cut != std::string::npos)
      bytes.resize(cut + 1);
    if (!hashes.insert(text::Sha256Hex(bytes)).second) continue;  // same prefix drawn twice
    std::ofstream(ClientDir(dir, hashes.size() % kClients) / report.file_name, std::ios::binary)
        << bytes;
  }
  return hashes;
}

// One number from the archive, or -1 while the database cannot be reached.
int64_t Query(const std::string& url, const std::string& sql) {
  try {
    pqxx::connection connection(url);
    pqxx::nontransaction work(connection);
    return work.exec1(sql)[0].as<int64_t>();
  } catch (const std::exception&) {
    return -1;
  }
}

int64_t Reports(const std::string& url) { return Query(url, "SELECT count(*) FROM reports"); }

// Waits until `reports` documents are archived (or the ingest finished); false on timeout.
bool WaitForReports(const std::string& url, int64_t reports, const std::atomic<int>& clients_done) {
  absl::Time deadline = absl::Now() + absl::Seconds(120);
  while (absl::Now() < deadline && clients_done < kClients) {
    if (Reports(url) >= reports) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return clients_done == kClients;
}

// Removes the generated documents however the test ends.
struct TemporaryDir final {
  fs::path path;
  ~TemporaryDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

// A private PostgreSQL without fsync (what these tests stop and start is the services, or the
// cluster cleanly) holding an empty "fazhi" database.
absl::StatusOr<std::unique_ptr<PrivateCluster>> ClusterWithEmptyArchive() {
  PrivateCluster::Options options;
  options.fsync = false;
  absl::StatusOr<std::unique_ptr<PrivateCluster>> cluster = PrivateCluster::Create(options);
  if (!cluster.ok()) return cluster;
  if (absl::Status created = (*cluster)->CreateDatabase("fazhi"); !created.ok()) return created;
  return cluster;
}

struct Fault {
  std::string what;
  int64_t reports_before = 0;  // archived when it struck
  absl::Duration downtime;
};

TEST(FaultTest, AcknowledgedDocumentsSurviveCrashesOfBothServicesAndOfPostgres) {
  absl::Time start = absl::Now();
  PrivateCluster::Options options;  // fsync on: the crash is real
  // Crash recovery syncs the data directory first: one syncfs instead of a fsync per file.
  options.settings = {"recovery_init_sync_method=syncfs", "checkpoint_timeout=30s"};
  auto cluster = PrivateCluster::Create(options);
  ASSERT_TRUE(cluster.ok()) << cluster.status();
  ASSERT_TRUE((*cluster)->CreateDatabase("fazhi").ok());
  const std::string url = (*cluster)->Url("fazhi");
  // A short lease so the jobs of the killed extraction service are claimed again soon.
  ServiceSuite suite(url, {{"FAZHI_JOB_LEASE_SECONDS", "3"},
                           {"FAZHI_EXTRACTION_DEADLINE_MS", "2000"},
                           {"FAZHI_LOG_LEVEL", "warn"}});
  ASSERT_TRUE(suite.StartAll().ok());

  TemporaryDir documents{absl::StrCat("/tmp/fazhi-fault-docs-", getpid())};
  const fs::path& dir = documents.path;
  std::set<std::string> hashes = WriteDocuments(dir);
  ASSERT_EQ(hashes.size(), static_cast<size_t>(kDocuments));

  std::atomic<int> clients_done = 0;
  std::vector<CommandResult> ingests(kClients);
  std::vector<std::thread> clients;
  for (int client = 0; client < kClients; ++client) {
    clients.emplace_back([&, client] {
      ingests[client] =
          RunCli(suite, {"ingest", ClientDir(dir, client).string(), "--format", "json"});
      ++clients_done;
    });
  }

  std::vector<Fault> faults;
  int64_t recovered_at = 0;  // documents archived when the previous recovery ended
  auto strike = [&](const std::string& what, const std::function<void()>& crash,
                    const std::function<absl::Status()>& recover) {
    ASSERT_TRUE(WaitForReports(url, recovered_at + kDocumentsBetweenFaults, clients_done))
        << "ingest stalled";
    Fault& fault = faults.emplace_back(Fault{what, Reports(url), {}});
    EXPECT_LT(fault.reports_before, kDocuments) << what << " struck after the ingest ended";
    absl::Time down = absl::Now();
    crash();
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // clients see the outage
    absl::Status recovered = recover();
    fault.downtime = absl::Now() - down;
    ASSERT_TRUE(recovered.ok()) << what << ": " << recovered;
    recovered_at = Reports(url);
  };
  strike(
      "kill -9 extraction", [&] { suite.extraction->Kill(); },
      [&] { return suite.extraction->Start(); });
  strike(
      "kill -9 ingestion", [&] { suite.ingestion->Kill(); },
      [&] { return suite.ingestion->Start(); });
  strike(
      "PostgreSQL crash (immediate stop) and restart",
      [&] { ASSERT_TRUE((*cluster)->Stop(PrivateCluster::StopMode::kImmediate).ok()); },
      [&] { return (*cluster)->Start(); });
  for (std::thread& client : clients) client.join();
  absl::Duration ingest_time = absl::Now() - start;

  // The CLIs retried until every document was acknowledged.
  std::map<std::string, int> counts;
  for (const CommandResult& ingest : ingests) {
    ASSERT_EQ(ingest.exit_code, 0) << ingest.out << ingest.err;
    nlohmann::json client_counts = nlohmann::json::parse(ingest.out);
    for (const char* name : {"files", "new", "duplicate", "failed"})
      counts[name] += client_counts[name].get<int>();
  }
  EXPECT_EQ(counts["files"], kDocuments);
  EXPECT_EQ(counts["failed"], 0);
  int acknowledged = counts["new"] + counts["duplicate"];
  EXPECT_EQ(acknowledged, kDocuments);

  // Extraction catches up: no job pending or running.
  const std::string unfinished =
      "SELECT count(*) FROM extraction_jobs WHERE state IN ('pending', 'running')";
  absl::Time deadline = absl::Now() + absl::Seconds(120);
  while (absl::Now() < deadline && Query(url, unfinished) != 0)
    absl::SleepFor(absl::Milliseconds(200));
  EXPECT_EQ(Query(url, unfinished), 0) << suite.extraction->LogTail();

  // Every acknowledged document is archived exactly once...
  std::set<std::string> archived;
  {
    pqxx::connection connection(url);
    pqxx::nontransaction work(connection);
    for (const pqxx::row& row : work.exec("SELECT content_sha256 FROM reports")) {
      archived.insert(row[0].as<std::string>());
    }
  }
  std::vector<std::string> missing;
  std::set_difference(hashes.begin(), hashes.end(), archived.begin(), archived.end(),
                      std::back_inserter(missing));
  EXPECT_THAT(missing, ::testing::IsEmpty()) << "acknowledged but not archived";
  int64_t reports = Reports(url);
  EXPECT_EQ(reports, kDocuments) << "a document archived twice";
  // ...and extracted exactly once.
  int64_t records = Query(url, "SELECT count(*) FROM records");
  int64_t unextracted =
      Query(url,
            "SELECT count(*) FROM reports r LEFT JOIN records c ON c.report_id = r.id"
            " WHERE c.report_id IS NULL");
  int64_t done = Query(url, "SELECT count(*) FROM extraction_jobs WHERE state = 'done'");
  int64_t dead = Query(url, "SELECT count(*) FROM extraction_jobs WHERE state = 'dead'");
  int64_t not_once = Query(url, "SELECT count(*) FROM extraction_jobs WHERE completions <> 1");
  int64_t reclaimed = Query(url, "SELECT count(*) FROM extraction_jobs WHERE attempts > 1");
  EXPECT_EQ(records, kDocuments);
  EXPECT_EQ(unextracted, 0);
  EXPECT_EQ(done, kDocuments);
  EXPECT_EQ(dead, 0) << "no job may die of a transient outage";
  EXPECT_EQ(not_once, 0) << "each report extracted exactly once";

  for (const Fault& fault : faults) {
    std::printf("fault: %-48s at %5lld archived, down %s\n", fault.what.c_str(),
                static_cast<long long>(fault.reports_before),
                absl::FormatDuration(fault.downtime).c_str());
  }
  std::printf(
      "documents %d in %d clients, acknowledged %d (new %d, duplicate %d = acknowledgements lost "
      "and retried), stream retries %d, failed %d\n"
      "archived %lld (distinct sha256 %zu, missing %zu), records %lld, jobs done %lld, dead %lld, "
      "completions != 1: %lld, jobs claimed more than once %lld\n"
      "ingest with faults %s, total %s\n",
      kDocuments, kClients, acknowledged, counts["new"], counts["duplicate"], counts["retries"],
      counts["failed"], static_cast<long long>(reports), archived.size(), missing.size(),
      static_cast<long long>(records), static_cast<long long>(done), static_cast<long long>(dead),
      static_cast<long long>(not_once), static_cast<long long>(reclaimed),
      absl::FormatDuration(ingest_time).c_str(), absl::FormatDuration(absl::Now() - start).c_str());
}

// Another session holds an exclusive lock on the reports table, so the ingest's statements wait
// until the deadline the client gave; PostgreSQL then cancels them (statement_timeout) and the
// transaction stores nothing. Without the propagation they would wait for the lock forever.
TEST(FaultTest, ClientDeadlineCancelsTheArchiveStatementsItWaitsOn) {
  auto cluster = ClusterWithEmptyArchive();
  ASSERT_TRUE(cluster.ok()) << cluster.status();
  const std::string url = (*cluster)->Url("fazhi");
  ServiceSuite suite(url, {{"FAZHI_LOG_LEVEL", "warn"}});
  ASSERT_TRUE(suite.StartAll().ok());
  auto ingestion = v1::IngestionService::NewStub(suite.Channel(suite.ingestion_addr));
  v1::IngestDocumentRequest request;
  request.mutable_document()->set_content(LoadSampleReports().at(0).bytes);
  request.mutable_document()->set_file_name("report.txt");
  // The query service's index follower reads reports too and waits for the lock like any
  // reader; only the ingest's statements must give up.
  const std::string waiting_on_lock =
      "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
      " AND application_name <> 'fazhi-query'";

  pqxx::connection blocker(url);
  auto lock = std::make_unique<pqxx::work>(blocker);
  lock->exec0("LOCK TABLE reports IN ACCESS EXCLUSIVE MODE");
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(1500));
  v1::IngestDocumentResponse response;
  grpc::Status status = ingestion->IngestDocument(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << status.error_message();
  // The server-side statement ends by itself (shortly after the client gave up).
  int64_t waiting = -1;
  for (int i = 0; i < 50 && waiting != 0; ++i) {
    waiting = Query(url, waiting_on_lock);
    if (waiting != 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(waiting, 0) << "an ingest statement still waits for the lock after the deadline";
  lock->commit();
  lock.reset();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(Reports(url), 0) << "the cut-off transaction stored nothing";

  // The service is fine afterwards: the same document is then archived as new.
  grpc::ClientContext retry;
  retry.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  ASSERT_TRUE(ingestion->IngestDocument(&retry, request, &response).ok());
  EXPECT_FALSE(response.duplicate());
  EXPECT_EQ(Reports(url), 1);
}

// Read-only commands wait out a restart of the query service (they retry UNAVAILABLE); an admin
// mutation is sent once and reports the outage at once.
TEST(FaultTest, ReadOnlyCommandsRetryWhileMutationsFailFast) {
  auto cluster = ClusterWithEmptyArchive();
  ASSERT_TRUE(cluster.ok()) << cluster.status();
  ServiceSuite suite((*cluster)->Url("fazhi"), {{"FAZHI_LOG_LEVEL", "warn"}});
  ASSERT_TRUE(suite.Migrate().ok());
  ASSERT_TRUE(suite.extraction->Start().ok());

  // The query service comes up just after `fazhi list` first finds it down.
  std::thread late_start([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    EXPECT_TRUE(suite.query->Start().ok());
  });
  CommandResult list = RunCli(suite, {"list"});
  late_start.join();
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, ::testing::HasSubstr("0 reports"));

  // Issue 20, finding 9: gRPC's reconnect backoff stacked on the CLI's own, and a read started
  // in a 2 s outage took 12 s to come back. With one backoff it answers within a few seconds of
  // the service's return.
  suite.query->Kill();
  absl::Time back;  // when the restarted service answers health again
  std::thread restart([&] {
    std::this_thread::sleep_for(std::chrono::seconds(2));
    EXPECT_TRUE(suite.query->Start().ok());
    back = absl::Now();
  });
  CommandResult during = RunCli(suite, {"list"});
  absl::Time answered = absl::Now();
  restart.join();
  EXPECT_EQ(during.exit_code, 0) << during.err;
  // What is left is one backoff of the retry loop (at most 4 s) and the channel's connection,
  // which the attempt after a probe found the service listening waits for (wait_for_ready)
  // instead of failing fast within gRPC's reconnect delay and sleeping one more backoff: that
  // took 3.1-6.3 s here (8.5 s once in CI), waiting for the channel 0.4-0.8 s.
  EXPECT_LT(answered - back, absl::Seconds(5)) << "the command came back long after the service";

  suite.extraction->Kill();
  absl::Time start = absl::Now();
  CommandResult requeue = RunCli(suite, {"requeue", "--state", "dead"});
  EXPECT_EQ(requeue.exit_code, 1);
  EXPECT_THAT(requeue.err, ::testing::HasSubstr("UNAVAILABLE"));
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(1500)) << "no backoff before failing";
}

// Answers each call with the next of its codes (OK once they run out) and counts the calls.
class ScriptedAnswers final {
 public:
  explicit ScriptedAnswers(std::vector<grpc::StatusCode> codes) : codes_(std::move(codes)) {}

  grpc::Status Next() {
    std::lock_guard<std::mutex> lock(mutex_);
    const size_t call = calls_++;
    if (call >= codes_.size() || codes_[call] == grpc::StatusCode::OK) return grpc::Status::OK;
    return grpc::Status(codes_[call], absl::StrCat("scripted answer to call ", call + 1));
  }
  int calls() {
    std::lock_guard<std::mutex> lock(mutex_);
    return static_cast<int>(calls_);
  }

 private:
  std::mutex mutex_;
  std::vector<grpc::StatusCode> codes_;
  size_t calls_ = 0;
};

class ScriptedQueryService final : public v1::QueryService::Service {
 public:
  explicit ScriptedQueryService(std::vector<grpc::StatusCode> codes) : answers(std::move(codes)) {}
  grpc::Status ListReports(grpc::ServerContext*, const v1::ListReportsRequest*,
                           v1::ListReportsResponse*) override {
    return answers.Next();
  }
  ScriptedAnswers answers;
};

class ScriptedExtractionService final : public v1::ExtractionService::Service {
 public:
  explicit ScriptedExtractionService(std::vector<grpc::StatusCode> codes)
      : answers(std::move(codes)) {}
  grpc::Status RequeueJobs(grpc::ServerContext*, const v1::RequeueJobsRequest*,
                           v1::RequeueJobsResponse*) override {
    return answers.Next();
  }
  ScriptedAnswers answers;
};

// Issue 20, finding 6: a read-only command sends its call again when the server (or a proxy
// before it), not the client, cancelled it; a mutation is sent once, and an answer that is the
// caller's fault is not retried. A scripted server in the test stands for the services.
TEST(FaultTest, ReadOnlyCommandsRetryAServersCancelledAndMutationsDoNot) {
  ScriptedQueryService query(
      {grpc::StatusCode::CANCELLED, grpc::StatusCode::OK, grpc::StatusCode::INVALID_ARGUMENT});
  ScriptedExtractionService extraction({grpc::StatusCode::CANCELLED});
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&query);
  builder.RegisterService(&extraction);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  ASSERT_NE(server, nullptr);
  const std::string address = absl::StrCat("127.0.0.1:", port);
  const Environment environment = {{"FAZHI_QUERY_ADDR", address},
                                   {"FAZHI_EXTRACTION_ADDR", address}};

  CommandResult list = RunBinary("fazhi", {"list"}, environment);
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, ::testing::HasSubstr("0 reports"));
  EXPECT_EQ(query.answers.calls(), 2) << "the cancelled call and one retry";

  CommandResult refused = RunBinary("fazhi", {"list"}, environment);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, ::testing::HasSubstr("INVALID_ARGUMENT"));
  EXPECT_EQ(query.answers.calls(), 3) << "INVALID_ARGUMENT is not retried";

  CommandResult requeue = RunBinary("fazhi", {"requeue", "--state", "dead"}, environment);
  EXPECT_EQ(requeue.exit_code, 1);
  EXPECT_THAT(requeue.err, ::testing::HasSubstr("CANCELLED"));
  EXPECT_EQ(extraction.answers.calls(), 1) << "a mutation is sent once";
  server->Shutdown();
}

// Issue 20, finding 6: health turned NOT_SERVING and calls were refused in the same instant,
// so pollers never saw NOT_SERVING first. Now calls are still served for the drain pause.
TEST(FaultTest, DrainSaysNotServingWhileItStillServes) {
  auto cluster = ClusterWithEmptyArchive();
  ASSERT_TRUE(cluster.ok()) << cluster.status();
  ServiceSuite suite((*cluster)->Url("fazhi"),
                     {{"FAZHI_LOG_LEVEL", "warn"}, {"FAZHI_DRAIN_PAUSE_MS", "3000"}});
  ASSERT_TRUE(suite.Migrate().ok());
  ASSERT_TRUE(suite.query->Start().ok());
  auto channel = suite.Channel(suite.query_addr);
  auto health = grpc::health::v1::Health::NewStub(channel);
  auto query = v1::QueryService::NewStub(channel);
  std::thread stop([&] { suite.query->Stop(absl::Seconds(20)); });
  // Health turns NOT_SERVING first...
  bool not_serving = false;
  for (int i = 0; i < 100 && !not_serving; ++i) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
    grpc::health::v1::HealthCheckResponse response;
    grpc::Status status = health->Check(&context, {}, &response);
    ASSERT_TRUE(status.ok()) << "refused before NOT_SERVING was seen: " << status.error_message();
    not_serving = response.status() == grpc::health::v1::HealthCheckResponse::NOT_SERVING;
    if (!not_serving) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(not_serving);
  // ...while calls are still answered.
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
  v1::ListReportsResponse listed;
  EXPECT_TRUE(query->ListReports(&context, v1::ListReportsRequest(), &listed).ok());
  stop.join();
  EXPECT_FALSE(suite.query->running());
}

// A stream open when the service drains ends after its current group with UNAVAILABLE on both
// sides (the server's log says so too): the client knows what was answered and sends the rest
// again. Every answered document is stored.
TEST(FaultTest, DrainEndsOpenStreamsWithUnavailable) {
  auto cluster = ClusterWithEmptyArchive();
  ASSERT_TRUE(cluster.ok()) << cluster.status();
  // Pause and grace long enough for a loaded machine to answer the second document meanwhile.
  ServiceSuite suite((*cluster)->Url("fazhi"),
                     {{"FAZHI_DRAIN_PAUSE_MS", "3000"}, {"FAZHI_SHUTDOWN_GRACE_MS", "15000"}});
  ASSERT_TRUE(suite.Migrate().ok());
  ASSERT_TRUE(suite.ingestion->Start().ok());
  auto channel = suite.Channel(suite.ingestion_addr);
  auto ingestion = v1::IngestionService::NewStub(channel);
  auto health = grpc::health::v1::Health::NewStub(channel);
  const std::vector<SampleReport> samples = LoadSampleReports();
  ASSERT_GE(samples.size(), 2u);
  auto request = [&](size_t i) {
    v1::IngestDocumentRequest r;
    r.mutable_document()->set_content(samples[i].bytes);
    r.mutable_document()->set_file_name(samples[i].file_name);
    return r;
  };

  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  auto stream = ingestion->StreamIngestDocuments(&context);
  v1::StreamIngestDocumentsResponse answer;
  ASSERT_TRUE(stream->Write(request(0)));
  ASSERT_TRUE(stream->Read(&answer));
  EXPECT_TRUE(answer.has_result());

  std::thread stop([&] { suite.ingestion->Stop(absl::Seconds(20)); });
  bool not_serving = false;
  for (int i = 0; i < 200 && !not_serving; ++i) {
    grpc::ClientContext check;
    check.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
    grpc::health::v1::HealthCheckResponse response;
    not_serving = health->Check(&check, {}, &response).ok() &&
                  response.status() == grpc::health::v1::HealthCheckResponse::NOT_SERVING;
    if (!not_serving) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(not_serving);
  // A stream ends with UNAVAILABLE once its current batch is answered. The document sent after
  // NOT_SERVING is answered when the server was already waiting for it, and never read when the
  // server was still finishing the first document's batch as the drain began (a loaded machine
  // gives both); either way the client knows which documents were answered, and exactly those
  // are stored.
  int answered = 1;
  if (stream->Write(request(1)) && stream->Read(&answer)) {
    EXPECT_TRUE(answer.has_result());
    ++answered;
  }
  stream->WritesDone();
  EXPECT_FALSE(stream->Read(&answer));
  grpc::Status status = stream->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
  // When the second document was answered, the server's own message ends the stream, counting
  // what it answered. When the stream had ended before the client wrote it, the client may see
  // the transport's "Socket closed" instead of that message (seen on CI); UNAVAILABLE either way.
  if (answered == 2) {
    EXPECT_THAT(status.error_message(), ::testing::HasSubstr("first 2 documents were answered"));
  }
  stop.join();
  EXPECT_THAT(suite.ingestion->LogTail(1 << 20),
              ::testing::HasSubstr(
                  "method=/fazhi.v1.IngestionService/StreamIngestDocuments code=UNAVAILABLE"));
  EXPECT_EQ(Reports((*cluster)->Url("fazhi")), answered);
}

// What grpc.health.v1 says at `address`; nullopt when it does not answer.
std::optional<grpc::health::v1::HealthCheckResponse::ServingStatus> Health(
    const std::shared_ptr<grpc::Channel>& channel) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
  grpc::health::v1::HealthCheckResponse response;
  if (!grpc::health::v1::Health::NewStub(channel)->Check(&context, {}, &response).ok())
    return std::nullopt;
  return response.status();
}

// Polls `condition` every 100 ms for up to `limit`: a loaded machine (CTest runs several
// service suites at once) may take seconds to start a process or to log its next attempt.
bool Eventually(const std::function<bool()>& condition, absl::Duration limit = absl::Seconds(30)) {
  const absl::Time end = absl::Now() + limit;
  while (!condition()) {
    if (absl::Now() > end) return false;
    absl::SleepFor(absl::Milliseconds(100));
  }
  return true;
}

// Issue 21: a service started while PostgreSQL is down used to exit (`startup_failed`), so a
// deployment had to start the database first. Now it waits for it, saying NOT_SERVING on health
// and UNAVAILABLE to calls, logs each attempt naming the database, and serves once it answers.
TEST(FaultTest, ServiceStartedBeforePostgresWaitsForIt) {
  auto cluster = ClusterWithEmptyArchive();
  ASSERT_TRUE(cluster.ok()) << cluster.status();
  ServiceSuite suite((*cluster)->Url("fazhi"), {{"FAZHI_LOG_LEVEL", "info"}});
  ASSERT_TRUE(suite.Migrate().ok());
  ASSERT_TRUE((*cluster)->Stop().ok());

  // Not serving within the start's time: it is still running, waiting.
  absl::Status started = suite.query->Start(absl::Seconds(3));
  EXPECT_EQ(started.code(), absl::StatusCode::kDeadlineExceeded) << started;
  ASSERT_TRUE(suite.query->running()) << suite.query->LogTail();
  auto channel = suite.Channel(suite.query_addr);
  EXPECT_TRUE(Eventually([&] {
    return Health(channel) == grpc::health::v1::HealthCheckResponse::NOT_SERVING;
  })) << suite.query->LogTail();
  auto query = v1::QueryService::NewStub(channel);
  {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    v1::ListReportsResponse listed;
    grpc::Status status = query->ListReports(&context, v1::ListReportsRequest(), &listed);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
    EXPECT_THAT(status.error_message(), ::testing::HasSubstr("waiting for the database"));
  }
  EXPECT_TRUE(Eventually([&] {
    return absl::StrContains(suite.query->LogTail(1 << 20), "attempt=2");
  })) << suite.query->LogTail();
  const std::string log = suite.query->LogTail(1 << 20);
  EXPECT_THAT(log, ::testing::HasSubstr("event=waiting_for_database"));
  EXPECT_THAT(log, ::testing::HasSubstr(
                       absl::StrCat("database=postgres@127.0.0.1:", (*cluster)->port(), "/fazhi")));
  EXPECT_THAT(log, ::testing::HasSubstr("attempt=2"));
  EXPECT_THAT(log, ::testing::Not(::testing::HasSubstr("startup_failed")));

  ASSERT_TRUE((*cluster)->Start().ok());
  // The backoff is capped at 5 s: it is serving well within 30 s of the database's return.
  ASSERT_TRUE(Eventually([&] {
    return Health(channel) == grpc::health::v1::HealthCheckResponse::SERVING;
  })) << suite.query->LogTail();
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  v1::ListReportsResponse listed;
  grpc::Status status = query->ListReports(&context, v1::ListReportsRequest(), &listed);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(suite.query->LogTail(1 << 20), ::testing::HasSubstr("event=database_reachable"));
  EXPECT_EQ(suite.query->Stop(), 0);
}

// FAZHI_DATABASE_WAIT_SECONDS bounds the wait, for serving and for the migration step alike.
TEST(FaultTest, DatabaseWaitEndsAtItsLimit) {
  PrivateCluster::Options options;
  options.fsync = false;
  auto cluster = PrivateCluster::Create(options);
  ASSERT_TRUE(cluster.ok()) << cluster.status();
  ServiceSuite suite((*cluster)->Url("fazhi"), {{"FAZHI_DATABASE_WAIT_SECONDS", "1"}});
  ASSERT_TRUE((*cluster)->Stop().ok());
  for (const auto& [binary, args] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"fazhi-extraction", {}}, {"fazhi-ingestion", {"--migrate-only"}}}) {
    CommandResult result = RunBinary(binary, args, suite.environment());
    EXPECT_EQ(result.exit_code, 1) << binary;
    EXPECT_THAT(result.err, ::testing::HasSubstr("event=waiting_for_database")) << binary;
    EXPECT_THAT(result.err, ::testing::HasSubstr("startup_failed")) << binary;
    EXPECT_THAT(result.err, ::testing::HasSubstr("unreachable for 1s")) << binary;
  }
}

// Issue 21: the query service's reads took no deadline and waited for a lock as long as it was
// held. Each read is now cut off at the caller's deadline, and its connection goes back to the
// pool usable: with a pool of one connection, the next call reaches the database again.
TEST(FaultTest, QueryReadsEndAtTheCallersDeadline) {
  auto cluster = ClusterWithEmptyArchive();
  ASSERT_TRUE(cluster.ok()) << cluster.status();
  const std::string url = (*cluster)->Url("fazhi");
  ServiceSuite suite(url, {{"FAZHI_LOG_LEVEL", "warn"}, {"FAZHI_DB_POOL_SIZE", "1"}});
  ASSERT_TRUE(suite.Migrate().ok());
  ASSERT_TRUE(suite.query->Start().ok());
  auto query = v1::QueryService::NewStub(suite.Channel(suite.query_addr));
  auto with_deadline = [](grpc::ClientContext* context, int milliseconds) {
    context->set_deadline(std::chrono::system_clock::now() +
                          std::chrono::milliseconds(milliseconds));
  };

  pqxx::connection blocker(url);
  auto lock = std::make_unique<pqxx::work>(blocker);
  lock->exec0("LOCK TABLE reports IN ACCESS EXCLUSIVE MODE");
  // The client gives up at its deadline whatever the server does; PostgreSQL's log shows that
  // each call's statement was cancelled there too (without, the first would wait for the lock
  // holding the pool's only connection, and the others for that connection).
  for (int call = 0; call < 3; ++call) {
    grpc::ClientContext context;
    with_deadline(&context, 1000);
    v1::ListReportsResponse listed;
    grpc::Status status = query->ListReports(&context, v1::ListReportsRequest(), &listed);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << status.error_message();
  }
  {
    grpc::ClientContext context;
    with_deadline(&context, 1000);
    v1::GetFacetsResponse facets;
    grpc::Status status = query->GetFacets(&context, v1::GetFacetsRequest(), &facets);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << status.error_message();
  }
  int cancelled = 0;
  for (int i = 0; i < 50 && cancelled < 4; ++i) {
    const std::string log = (*cluster)->LogTail(1 << 20);
    cancelled = 0;
    for (size_t at = log.find("canceling statement due to statement timeout");
         at != std::string::npos;
         at = log.find("canceling statement due to statement timeout", at + 1)) {
      ++cancelled;
    }
    if (cancelled < 4) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(cancelled, 4) << (*cluster)->LogTail();
  lock->commit();
  lock.reset();
  grpc::ClientContext context;
  with_deadline(&context, 10000);
  v1::ListReportsResponse listed;
  grpc::Status status = query->ListReports(&context, v1::ListReportsRequest(), &listed);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(listed.total_size(), 0);
}

}  // namespace
}  // namespace fazhi::testing
