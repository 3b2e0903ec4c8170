// ExtractionService in process over a real PostgreSQL: the caller's deadline bounds the database
// work of a call; ListJobs pages with the shared page tokens.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "common/archive/report_names.h"
#include "common/text/normalize.h"
#include "services/extraction/service/extraction_service.h"
#include "services/extraction/service/job_processor.h"
#include "tests/testing/extraction/gold_documents.h"
#include "tests/testing/migrated_archive.h"

namespace fazhi::extraction {
namespace {

constexpr char kReportId[] = "0123456789abcdef";

class ExtractionServicePgTest : public fazhi::testing::MigratedArchiveTest {
 protected:
  void SetUp() override {
    MigratedArchiveTest::SetUp();
    if (HasFatalFailure()) return;
    absl::StatusOr<Extractor> extractor = Extractor::Load(testing::TestExtractorOptions());
    ASSERT_TRUE(extractor.ok()) << extractor.status();
    extractor_ = std::make_unique<Extractor>(*std::move(extractor));
    queue_ = std::make_unique<JobQueue>(pool_.get(), JobQueueOptions{});
    service_ = std::make_unique<ExtractionServiceImpl>(extractor_.get(), queue_.get(), 1 << 20);
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    stub_ = v1::ExtractionService::NewStub(grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                                                               grpc::InsecureChannelCredentials()));
    AddReport();
  }
  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown();
  }

  void AddReport() {
    ASSERT_TRUE(
        pool_
            ->WithTransaction([](pqxx::work& work) {
              work.exec_params0(
                  "INSERT INTO reports (id, content_sha256, original, original_size_bytes,"
                  " original_encoding, original_format, normalized_text, normalizer_version, "
                  "text_length)"
                  " VALUES ($1, $1, '\\x00', 1, 'UTF-8', 'text', $2, $3, 40)",
                  kReportId, "二〇二三年,本县共办理行政复议案件37件,行政机关负责人出庭应诉率100%。",
                  std::string(text::kNormalizerVersion));
              work.exec_params0("INSERT INTO extraction_jobs (report_id) VALUES ($1)", kReportId);
              return absl::OkStatus();
            })
            .ok());
  }

  grpc::Status ExtractReport(std::chrono::milliseconds timeout,
                             v1::ExtractReportResponse* response) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + timeout);
    v1::ExtractReportRequest request;
    request.set_name(ReportName(kReportId));
    return stub_->ExtractReport(&context, request, response);
  }

  // The job's attempts and whether a record is stored.
  std::pair<int, bool> Stored() {
    pqxx::connection connection(database_.url());
    pqxx::work work(connection);
    int attempts =
        work.exec_params1("SELECT attempts FROM extraction_jobs WHERE report_id = $1", kReportId)[0]
            .as<int>();
    bool record =
        work.exec_params1("SELECT count(*) FROM records WHERE report_id = $1", kReportId)[0]
            .as<int>() > 0;
    return {attempts, record};
  }

  std::unique_ptr<Extractor> extractor_;
  std::unique_ptr<JobQueue> queue_;
  std::unique_ptr<ExtractionServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::ExtractionService::Stub> stub_;
};

TEST_F(ExtractionServicePgTest, ExtractsWithinAGenerousDeadline) {
  v1::ExtractReportResponse response;
  grpc::Status status = ExtractReport(std::chrono::seconds(30), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.state(), v1::REPORT_STATE_EXTRACTED);
  EXPECT_EQ(Stored(), std::make_pair(1, true));
}

// The queue's table is locked by someone else past the caller's deadline: the call's statements
// are cut off at the deadline, so once the lock goes nothing of the call runs on (no claim, no
// record) instead of extracting for a caller that has given up.
TEST_F(ExtractionServicePgTest, DatabaseWorkStopsAtTheCallersDeadline) {
  pqxx::connection locker(database_.url());
  pqxx::work lock(locker);
  lock.exec0("LOCK TABLE extraction_jobs IN ACCESS EXCLUSIVE MODE");
  v1::ExtractReportResponse response;
  EXPECT_EQ(ExtractReport(std::chrono::milliseconds(500), &response).error_code(),
            grpc::StatusCode::DEADLINE_EXCEEDED);
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  lock.commit();
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  EXPECT_EQ(Stored(), std::make_pair(0, false));
}

// A worker of this process holds the report's job: the call waits for it (woken when the worker
// finishes) and answers the state the worker left, without a second extraction.
TEST_F(ExtractionServicePgTest, WaitsForTheWorkerExtractingTheReport) {
  absl::StatusOr<std::optional<ClaimedJob>> claimed = queue_->ClaimReport(kReportId);
  ASSERT_TRUE(claimed.ok() && claimed->has_value()) << claimed.status();
  std::thread worker([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    absl::StatusOr<v1::ReportState> state =
        JobProcessor(extractor_.get(), queue_.get()).Process(**claimed);
    EXPECT_TRUE(state.ok()) << state.status();
  });
  v1::ExtractReportResponse response;
  grpc::Status status = ExtractReport(std::chrono::seconds(30), &response);
  worker.join();
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.state(), v1::REPORT_STATE_EXTRACTED);
  EXPECT_EQ(Stored(), std::make_pair(1, true));
}

// ListJobs pages with the shared page tokens (common/paging): pages follow each other without
// a job twice, and a token is only good for the state it was issued for.
TEST_F(ExtractionServicePgTest, ListJobsPagesWithTokensBoundToTheirState) {
  ASSERT_TRUE(pool_
                  ->WithTransaction([](pqxx::work& work) {
                    for (const char* id : {"1123456789abcdef", "2123456789abcdef"}) {
                      work.exec_params0(
                          "INSERT INTO reports (id, content_sha256, original, original_size_bytes, "
                          "original_encoding,"
                          " original_format, normalized_text, normalizer_version, text_length)"
                          " VALUES ($1, $1, '\\x00', 1, 'UTF-8', 'text', '法治', 'test', 2)",
                          id);
                      work.exec_params0("INSERT INTO extraction_jobs (report_id) VALUES ($1)", id);
                    }
                    return absl::OkStatus();
                  })
                  .ok());
  std::vector<std::string> listed;
  v1::ListJobsRequest request;
  request.set_state("pending");
  request.set_page_size(2);
  std::string first_token;
  do {
    grpc::ClientContext context;
    v1::ListJobsResponse page;
    grpc::Status status = stub_->ListJobs(&context, request, &page);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(page.total_size(), 3);
    for (const v1::ExtractionJob& job : page.jobs()) listed.push_back(job.report());
    if (first_token.empty()) first_token = page.next_page_token();
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  EXPECT_EQ(listed, (std::vector<std::string>{ReportName(kReportId), ReportName("1123456789abcdef"),
                                              ReportName("2123456789abcdef")}));
  ASSERT_FALSE(first_token.empty());

  v1::ListJobsRequest other_state;
  other_state.set_state("dead");
  other_state.set_page_token(first_token);
  grpc::ClientContext context;
  v1::ListJobsResponse page;
  grpc::Status status = stub_->ListJobs(&context, other_state, &page);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("page_token was issued for a different"), std::string::npos)
      << status.error_message();
}

}  // namespace
}  // namespace fazhi::extraction
