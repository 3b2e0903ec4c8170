// Nothing acknowledged waits forever: documents ingested while the extraction service is down
// are extracted, each exactly once, by its job-queue workers once it starts; a job whose worker
// dies on every attempt ends dead, its lease expired.
#include <gtest/gtest.h>

#include <functional>
#include <pqxx/pqxx>
#include <thread>

#include "absl/strings/str_cat.h"
#include "fazhi/v1/ingestion.grpc.pb.h"
#include "tests/integration/sample_reports.h"
#include "tests/testing/service_process.h"
#include "tests/testing/test_database.h"

namespace fazhi::testing {
namespace {

struct JobCounts {
  int reports = 0, extracted = 0, done = 0, records = 0, max_attempts = 0, max_completions = 0;
};

JobCounts Count(const std::string& url) {
  pqxx::connection connection(url);
  pqxx::work work(connection);
  pqxx::row row = work.exec1(
      "SELECT (SELECT count(*) FROM reports), (SELECT count(*) FROM reports WHERE state = "
      "'extracted'),"
      " (SELECT count(*) FROM extraction_jobs WHERE state = 'done'), (SELECT count(*) FROM "
      "records),"
      " (SELECT COALESCE(max(attempts), 0) FROM extraction_jobs),"
      " (SELECT COALESCE(max(completions), 0) FROM extraction_jobs)");
  return {row[0].as<int>(), row[1].as<int>(), row[2].as<int>(),
          row[3].as<int>(), row[4].as<int>(), row[5].as<int>()};
}

TEST(ExtractionRecoveryTest, DocumentsIngestedWhileExtractionIsDownAreExtractedExactlyOnce) {
  TestDatabase database;
  ServiceSuite suite(database.url(),
                     {{"FAZHI_EXTRACTION_DEADLINE_MS", "300"}, {"FAZHI_EXTRACTION_WORKERS", "2"}});
  ASSERT_TRUE(suite.Migrate().ok());
  ASSERT_TRUE(suite.ingestion->Start().ok());  // extraction is not running

  auto ingestion = v1::IngestionService::NewStub(suite.Channel(suite.ingestion_addr));
  std::vector<SampleReport> samples = LoadSampleReports();
  for (const SampleReport& sample : samples) {
    v1::IngestDocumentRequest request;
    request.mutable_document()->set_content(sample.bytes);
    request.mutable_document()->set_file_name(sample.file_name);
    v1::IngestDocumentResponse response;
    grpc::ClientContext context;
    ASSERT_TRUE(ingestion->IngestDocument(&context, request, &response).ok());
    EXPECT_EQ(response.state(), v1::REPORT_STATE_PENDING) << "acknowledged, waiting for extraction";
  }
  JobCounts before = Count(database.url());
  EXPECT_EQ(before.reports, static_cast<int>(samples.size()));
  EXPECT_EQ(before.extracted, 0);
  EXPECT_EQ(before.max_attempts, 0);

  ASSERT_TRUE(suite.extraction->Start().ok());
  JobCounts after;
  for (int i = 0; i < 300; ++i) {  // up to 30 s
    after = Count(database.url());
    if (after.extracted == after.reports) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(after.extracted, static_cast<int>(samples.size()));
  EXPECT_EQ(after.done, static_cast<int>(samples.size()));
  EXPECT_EQ(after.records, static_cast<int>(samples.size()));
  EXPECT_EQ(after.max_attempts, 1) << "each job claimed once";
  EXPECT_EQ(after.max_completions, 1) << "each report extracted exactly once";
}

TEST(ExtractionRecoveryTest, ReextractionRebuildsRecordsFromTheArchivedTexts) {
  TestDatabase database;
  ServiceSuite suite(database.url());
  ASSERT_TRUE(suite.StartAll().ok());
  std::vector<SampleReport> samples = LoadSampleReports();
  auto ingestion = v1::IngestionService::NewStub(suite.Channel(suite.ingestion_addr));
  for (const SampleReport& sample : samples) {
    v1::IngestDocumentRequest request;
    request.mutable_document()->set_content(sample.bytes);
    v1::IngestDocumentResponse response;
    grpc::ClientContext context;
    ASSERT_TRUE(ingestion->IngestDocument(&context, request, &response).ok());
  }
  {
    // Pretend the records came from an older extractor.
    pqxx::connection connection(database.url());
    pqxx::work work(connection);
    work.exec0("UPDATE records SET extractor_version = 'old', record = '{}'::jsonb");
    work.commit();
  }
  CommandResult result = RunCli(suite, {"reextract"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("queued " + std::to_string(samples.size()) + " reports"),
            std::string::npos)
      << result.out;
  int old_records = -1;
  for (int i = 0; i < 300 && old_records != 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    pqxx::connection connection(database.url());
    pqxx::work work(connection);
    old_records =
        work.exec1("SELECT count(*) FROM records WHERE extractor_version = 'old'")[0].as<int>();
  }
  EXPECT_EQ(old_records, 0);
  CommandResult again = RunCli(suite, {"reextract"});
  EXPECT_NE(again.out.find("queued 0 reports"), std::string::npos) << again.out;
}

// A work report archived by the first extractor (labelled a rule-of-law report of its delivery
// year, no level) is upgraded in place by `fazhi reextract`: kind, reviewed year, national level.
TEST(ExtractionRecoveryTest, ReextractionUpgradesRecordsOfTheOldExtractor) {
  TestDatabase database;
  ServiceSuite suite(database.url());
  ASSERT_TRUE(suite.StartAll().ok());
  auto ingestion = v1::IngestionService::NewStub(suite.Channel(suite.ingestion_addr));
  v1::IngestDocumentRequest request;
  request.mutable_document()->set_content(
      "各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议。\n一、2018年工作回顾\n"
      "过去一年，我们推进法治政府建设，法治政府建设取得新进展。\n三、2019年政府工作任务\n今年要继续"
      "推进改革。\n");
  v1::IngestDocumentResponse response;
  grpc::ClientContext context;
  ASSERT_TRUE(ingestion->IngestDocument(&context, request, &response).ok());
  const std::string id = response.name().substr(std::string("reports/").size());
  {
    // What fazhi-extractor-1.0 stored for it.
    pqxx::connection connection(database.url());
    pqxx::work work(connection);
    work.exec_params0(
        "UPDATE records SET extractor_version = 'fazhi-extractor-1.0', document_kind = "
        "'rule_of_law_report',"
        " report_year = 2019, level = '', record = '{}'::jsonb WHERE report_id = $1",
        id);
    work.commit();
  }
  CommandResult result = RunCli(suite, {"reextract"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("queued 1 reports"), std::string::npos) << result.out;
  std::string kind, level, version;
  int year = 0;
  for (int i = 0; i < 300 && version != "fazhi-extractor-2.0"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    pqxx::connection connection(database.url());
    pqxx::work work(connection);
    pqxx::row row = work.exec_params1(
        "SELECT extractor_version, document_kind, COALESCE(report_year, 0), level FROM records "
        "WHERE report_id = $1",
        id);
    version = row[0].as<std::string>();
    kind = row[1].as<std::string>();
    year = row[2].as<int>();
    level = row[3].as<std::string>();
  }
  EXPECT_EQ(version, "fazhi-extractor-2.0");
  EXPECT_EQ(kind, "government_work_report");
  EXPECT_EQ(year, 2018);
  EXPECT_EQ(level, "national");
}

TEST(ExtractionRecoveryTest, DeadJobsAreListedWithTheirErrorAndRequeuedByOperators) {
  TestDatabase database;
  ServiceSuite suite(database.url());
  ASSERT_TRUE(suite.StartAll().ok());
  SampleReport sample = LoadSampleReports().front();
  auto ingestion = v1::IngestionService::NewStub(suite.Channel(suite.ingestion_addr));
  v1::IngestDocumentRequest request;
  request.mutable_document()->set_content(sample.bytes);
  v1::IngestDocumentResponse response;
  grpc::ClientContext context;
  ASSERT_TRUE(ingestion->IngestDocument(&context, request, &response).ok());
  {
    // As if every attempt had failed.
    pqxx::connection connection(database.url());
    pqxx::work work(connection);
    work.exec0(
        "UPDATE extraction_jobs SET state = 'dead', attempts = 5, last_error = 'extractor failed: "
        "boom'");
    work.exec0("UPDATE reports SET state = 'failed', error = 'extractor failed: boom'");
    work.exec0("DELETE FROM records");
    work.commit();
  }
  CommandResult dead = RunCli(suite, {"jobs", "--state", "dead"});
  ASSERT_EQ(dead.exit_code, 0) << dead.err;
  EXPECT_NE(dead.out.find(response.name()), std::string::npos) << dead.out;
  EXPECT_NE(dead.out.find("extractor failed: boom"), std::string::npos) << dead.out;
  EXPECT_NE(dead.out.find("1 jobs"), std::string::npos) << dead.out;
  EXPECT_EQ(RunCli(suite, {"requeue", "--state", "bogus"}).exit_code, 1);
  CommandResult requeued = RunCli(suite, {"requeue", "--state", "dead"});
  ASSERT_EQ(requeued.exit_code, 0) << requeued.err;
  EXPECT_NE(requeued.out.find("requeued 1 jobs"), std::string::npos) << requeued.out;
  JobCounts after;
  for (int i = 0; i < 100 && after.extracted != 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    after = Count(database.url());
  }
  EXPECT_EQ(after.extracted, 1);
  EXPECT_EQ(after.records, 1);
}

struct JobRow {
  std::string state;
  int attempts = 0;
  std::string last_error;
};

JobRow OnlyJob(const std::string& url) {
  pqxx::connection connection(url);
  pqxx::work work(connection);
  pqxx::row row = work.exec1("SELECT state, attempts, last_error FROM extraction_jobs");
  return {row[0].as<std::string>(), row[1].as<int>(), row[2].as<std::string>()};
}

// Polls the job (up to 60 s) until `done` holds; returns the last row read.
JobRow AwaitJob(const std::string& url, const std::function<bool(const JobRow&)>& done) {
  JobRow job;
  for (int i = 0; i < 1200; ++i) {
    job = OnlyJob(url);
    if (done(job)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return job;
}

// Issue 20, finding 3: a job whose worker is killed (-9) on every attempt ends. Each kill leaves
// the job running with a lease no one renews; the restarted service takes it again once the lease
// has run out, until the attempts are spent: then the job is dead, saying its lease expired, and
// its report failed. (The job_queue pgtests simulate the expiry; this is the real service.)
TEST(ExtractionRecoveryTest, AJobWhoseWorkerIsKilledOnEveryAttemptEndsDeadWhenItsLeaseExpires) {
  constexpr int kMaxAttempts = 3;
  TestDatabase database;
  ServiceSuite suite(database.url(), {{"FAZHI_JOB_LEASE_SECONDS", "1"},
                                      {"FAZHI_JOB_MAX_ATTEMPTS", std::to_string(kMaxAttempts)},
                                      {"FAZHI_JOB_POLL_MS", "100"},
                                      {"FAZHI_EXTRACTION_WORKERS", "1"},
                                      {"FAZHI_LOG_LEVEL", "warn"}});
  ASSERT_TRUE(suite.Migrate().ok());
  ASSERT_TRUE(suite.ingestion->Start().ok());  // extraction is not running yet
  // Ten megabytes of reports' text: its extraction takes long enough to be killed midway.
  std::string big;
  std::vector<SampleReport> samples = LoadSampleReports();
  for (size_t i = 0; big.size() < 10 * 1024 * 1024; ++i) big += samples[i % samples.size()].bytes;
  auto ingestion = v1::IngestionService::NewStub(suite.Channel(suite.ingestion_addr));
  v1::IngestDocumentRequest request;
  request.mutable_document()->set_content(big);
  request.mutable_document()->set_file_name("big.txt");
  v1::IngestDocumentResponse response;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  grpc::Status ingested = ingestion->IngestDocument(&context, request, &response);
  ASSERT_TRUE(ingested.ok()) << ingested.error_message();
  ASSERT_EQ(response.state(), v1::REPORT_STATE_PENDING);

  for (int attempt = 1; attempt <= kMaxAttempts; ++attempt) {
    ASSERT_TRUE(suite.extraction->Start().ok()) << suite.extraction->LogTail();
    JobRow job = AwaitJob(database.url(), [&](const JobRow& row) {
      return row.attempts >= attempt || row.state == "done" || row.state == "dead";
    });
    suite.extraction->Kill();
    ASSERT_EQ(job.state, "running") << "attempt " << attempt << ": " << job.last_error;
    ASSERT_EQ(job.attempts, attempt);
    // Killed midway: still running, its lease left to run out.
    JobRow killed = OnlyJob(database.url());
    ASSERT_EQ(killed.state, "running") << "attempt " << attempt << " finished before the kill";
    ASSERT_EQ(killed.attempts, attempt);
  }
  ASSERT_TRUE(suite.extraction->Start().ok()) << suite.extraction->LogTail();
  JobRow dead = AwaitJob(database.url(), [](const JobRow& row) { return row.state != "running"; });
  EXPECT_EQ(dead.state, "dead");
  EXPECT_EQ(dead.attempts, kMaxAttempts) << "no attempt after the last";
  const std::string expired =
      absl::StrCat("attempt ", kMaxAttempts, " of ", kMaxAttempts,
                   ": the worker stopped before finishing (its lease expired)");
  EXPECT_EQ(dead.last_error, expired);
  pqxx::connection connection(database.url());
  pqxx::work work(connection);
  pqxx::row report = work.exec1("SELECT state, error FROM reports");
  EXPECT_EQ(report[0].as<std::string>(), "failed");
  EXPECT_EQ(report[1].as<std::string>(), expired);
  EXPECT_EQ(work.exec1("SELECT count(*) FROM records")[0].as<int>(), 0);
}

}  // namespace
}  // namespace fazhi::testing
