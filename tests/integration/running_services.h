// A GoogleTest fixture for end-to-end suites that share one set of running services: a fresh
// database and the three service binaries started once per test suite, stubs for each test, and
// the bundled sample reports.
//
//   class EndToEndTest : public RunningServicesTest {
//    protected:
//     static void SetUpTestSuite() { StartServices({{"FAZHI_MAX_DOCUMENT_BYTES", "1048576"}}); }
//     static void TearDownTestSuite() { StopServices(); }
//   };
//   TEST_F(EndToEndTest, ...) { Ingest(bytes, "report.txt", &response); query_->GetReport(...); }
#ifndef FAZHI_TESTS_INTEGRATION_RUNNING_SERVICES_H_
#define FAZHI_TESTS_INTEGRATION_RUNNING_SERVICES_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "fazhi/v1/extraction.grpc.pb.h"
#include "fazhi/v1/ingestion.grpc.pb.h"
#include "fazhi/v1/query.grpc.pb.h"
#include "tests/integration/sample_reports.h"
#include "tests/testing/service_process.h"
#include "tests/testing/test_database.h"

namespace fazhi::testing {

class RunningServicesTest : public ::testing::Test {
 protected:
  // From SetUpTestSuite: the database, the services (with `environment` added to theirs) and
  // the samples. A failure leaves suite_ null, which fails every test of the suite in SetUp.
  static void StartServices(Environment environment);
  static void StopServices();

  // Opens a stub to each service.
  void SetUp() override;

  static std::unique_ptr<grpc::ClientContext> Context(int seconds = 60);

  grpc::Status Ingest(const std::string& bytes, const std::string& file_name,
                      v1::IngestDocumentResponse* response, const std::string& content_type = "");

  static TestDatabase* database_;
  static ServiceSuite* suite_;
  static std::vector<SampleReport>* samples_;
  std::unique_ptr<v1::IngestionService::Stub> ingestion_;
  std::unique_ptr<v1::ExtractionService::Stub> extraction_;
  std::unique_ptr<v1::QueryService::Stub> query_;
};

}  // namespace fazhi::testing

#endif  // FAZHI_TESTS_INTEGRATION_RUNNING_SERVICES_H_
