#include "tests/integration/running_services.h"

#include <chrono>

namespace fazhi::testing {

TestDatabase* RunningServicesTest::database_ = nullptr;
ServiceSuite* RunningServicesTest::suite_ = nullptr;
std::vector<SampleReport>* RunningServicesTest::samples_ = nullptr;

void RunningServicesTest::StartServices(Environment environment) {
  database_ = new TestDatabase();
  samples_ = new std::vector<SampleReport>(LoadSampleReports());
  auto suite = std::make_unique<ServiceSuite>(database_->url(), std::move(environment));
  absl::Status started = suite->StartAll();
  ASSERT_TRUE(started.ok()) << started;
  suite_ = suite.release();
}

void RunningServicesTest::StopServices() {
  delete suite_;
  delete database_;
  delete samples_;
  suite_ = nullptr;
  database_ = nullptr;
  samples_ = nullptr;
}

void RunningServicesTest::SetUp() {
  ASSERT_NE(suite_, nullptr) << "the services did not start";
  ingestion_ = v1::IngestionService::NewStub(suite_->Channel(suite_->ingestion_addr));
  extraction_ = v1::ExtractionService::NewStub(suite_->Channel(suite_->extraction_addr));
  query_ = v1::QueryService::NewStub(suite_->Channel(suite_->query_addr));
}

std::unique_ptr<grpc::ClientContext> RunningServicesTest::Context(int seconds) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
  return context;
}

grpc::Status RunningServicesTest::Ingest(const std::string& bytes, const std::string& file_name,
                                         v1::IngestDocumentResponse* response,
                                         const std::string& content_type) {
  v1::IngestDocumentRequest request;
  request.mutable_document()->set_content(bytes);
  request.mutable_document()->set_file_name(file_name);
  request.mutable_document()->set_content_type(content_type);
  return ingestion_->IngestDocument(Context().get(), request, response);
}

}  // namespace fazhi::testing
