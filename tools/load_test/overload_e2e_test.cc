// Overload shedding against the real services: with FAZHI_MAX_INFLIGHT=1, concurrent slow calls
// beyond the limit get RESOURCE_EXHAUSTED at once, every document is archived once the callers
// retry, health still answers, and /metrics counts each refusal.
#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/compat/string_view.h"
#include "common/metrics/metrics_server.h"
#include "fazhi/v1/ingestion.grpc.pb.h"
#include "fazhi/v1/query.grpc.pb.h"
#include "tests/testing/service_process.h"
#include "tests/testing/test_database.h"
#include "tools/corpus_generator/corpus_generator.h"

namespace fazhi::load_test {
namespace {

using testing::FreePort;
using testing::ServiceSuite;
using testing::TestDatabase;

constexpr int kCallers = 12;
constexpr int kDocumentsPerCaller = 4;

// The value of the sample `series` (name and labels exactly as rendered) in a metrics page.
std::optional<double> Sample(const std::string& page, const std::string& series) {
  size_t at = page.find("\n" + series + " ");
  if (at == std::string::npos) return std::nullopt;
  size_t start = at + series.size() + 2;
  double value = 0;
  if (!absl::SimpleAtod(page.substr(start, page.find('\n', start) - start), &value)) {
    return std::nullopt;
  }
  return value;
}

TEST(OverloadE2eTest, CallsPastTheLimitAreShedRetriedAndCounted) {
  TestDatabase database;
  std::string metrics_addr = absl::StrCat("127.0.0.1:", FreePort());
  ServiceSuite suite(database.url(), {{"FAZHI_MAX_INFLIGHT", "1"},
                                      {"FAZHI_INGESTION_METRICS_ADDR", metrics_addr},
                                      {"FAZHI_EXTRACTION_METRICS_ADDR", ""},
                                      {"FAZHI_QUERY_METRICS_ADDR", ""},
                                      {"FAZHI_LOG_LEVEL", "warn"}});
  absl::Status started = suite.StartAll();
  ASSERT_TRUE(started.ok()) << started;
  absl::StatusOr<corpus::CorpusGenerator> generator =
      corpus::CorpusGenerator::Create(corpus::CorpusGeneratorOptions{});
  ASSERT_TRUE(generator.ok()) << generator.status();

  auto ingestion = v1::IngestionService::NewStub(suite.Channel(suite.ingestion_addr));
  std::atomic<int> shed{0};
  std::atomic<int> other_errors{0};
  std::atomic<bool> health_failed{false};
  absl::Mutex mutex;
  std::vector<std::string> names;
  std::vector<std::thread> callers;
  for (int caller = 0; caller < kCallers; ++caller) {
    callers.emplace_back([&, caller] {
      for (int i = 0; i < kDocumentsPerCaller; ++i) {
        corpus::GeneratedReport report = generator->Generate(caller * kDocumentsPerCaller + i);
        v1::IngestDocumentRequest request;
        request.mutable_document()->set_content(report.bytes);
        request.mutable_document()->set_file_name(report.file_name);
        while (true) {  // the caller's retry loop
          grpc::ClientContext context;
          v1::IngestDocumentResponse response;
          grpc::Status status = ingestion->IngestDocument(&context, request, &response);
          if (status.ok()) {
            absl::MutexLock lock(&mutex);
            names.push_back(response.name());
            break;
          }
          if (status.error_code() != grpc::StatusCode::RESOURCE_EXHAUSTED) {
            if (++other_errors == 1) {
              ADD_FAILURE() << "first other error: " << status.error_code() << " "
                            << status.error_message();
            }
            break;
          }
          EXPECT_EQ(status.error_message(), "server overloaded, retry later");
          ++shed;
          if (!testing::IsServing(suite.ingestion_addr)) health_failed = true;
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
      }
    });
  }
  for (std::thread& caller : callers) caller.join();

  EXPECT_GT(shed.load(), 0) << "no call was shed: the limit did not bite";
  EXPECT_EQ(other_errors.load(), 0);
  EXPECT_FALSE(health_failed.load()) << "health checks must not be shed";
  ASSERT_EQ(names.size(), static_cast<size_t>(kCallers * kDocumentsPerCaller));

  // None lost: every acknowledged report is in the archive.
  auto query = v1::QueryService::NewStub(suite.Channel(suite.query_addr));
  for (const std::string& name : names) {
    grpc::Status status;
    for (int attempt = 0; attempt < 50; ++attempt) {
      grpc::ClientContext context;
      v1::GetReportRequest request;
      request.set_name(name);
      v1::Report report;
      status = query->GetReport(&context, request, &report);
      if (status.error_code() != grpc::StatusCode::RESOURCE_EXHAUSTED) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_TRUE(status.ok()) << name << ": " << status.error_message();
  }

  absl::StatusOr<std::string> page = metrics::FetchMetrics(metrics_addr);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(Sample(*page, "fazhi_grpc_server_shed_total"), shed.load()) << *page;
  EXPECT_EQ(Sample(*page,
                   "fazhi_grpc_server_handled_total{grpc_code=\"RESOURCE_EXHAUSTED\","
                   "grpc_method=\"IngestDocument\",grpc_service=\"fazhi.v1.IngestionService\"}"),
            shed.load())
      << *page;
  EXPECT_EQ(Sample(*page,
                   "fazhi_grpc_server_handled_total{grpc_code=\"OK\","
                   "grpc_method=\"IngestDocument\",grpc_service=\"fazhi.v1.IngestionService\"}"),
            kCallers * kDocumentsPerCaller)
      << *page;
}

}  // namespace
}  // namespace fazhi::load_test
