// The query service's memory is bounded by design, not by luck: 16 reports of ~10 MB, each with
// hundreds of thousands of 法, then 80 concurrent worst-case searches (one character, the largest
// page, the most snippets and context) against a real fazhi-query. Its resident memory is sampled
// throughout and must stay under a ceiling, and every call must end OK or RESOURCE_EXHAUSTED
// (shed by the search admission) within a bound: no DEADLINE_EXCEEDED or UNAVAILABLE pile-up.
// When searches read whole texts, the same calls took the service from 206 MB to 3.6 GB, and 75
// of the 80 ended DEADLINE_EXCEEDED at 30 s (docs/operations.md, Memory bounds).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/barrier.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "fazhi/v1/ingestion.grpc.pb.h"
#include "fazhi/v1/query.grpc.pb.h"
#include "tests/testing/service_process.h"
#include "tests/testing/test_database.h"
#include "tools/load_test/peak_memory.h"

namespace fazhi::load_test {
namespace {

using testing::ServiceSuite;
using testing::TestDatabase;

constexpr int kDocuments = 16;
constexpr size_t kDocumentBytes = 10 << 20;
// FAZHI_SEARCH_MEMORY_CALLERS overrides it (to measure a build that reads whole texts without
// exhausting the machine).
constexpr int kCallers = 80;
// Measured 2026-12-05 (docs/operations.md, Memory bounds): 178 MB before the searches, VmHWM 229 MB
// after; the ceiling leaves room for a slower machine's longer queue.
constexpr int64_t kCeilingKb = 400 * 1024;
constexpr absl::Duration kCallBound = absl::Seconds(15);
constexpr int kWholeReadCallers = 64;

// A report of about kDocumentBytes whose every line differs (so nothing is set aside as
// repeated chrome) and holds 法 twice a line (~233,000 a report).
std::string Document(int number) {
  std::string text = absl::StrCat("某县", number, "年法治政府建设情况报告\n");
  for (int line = 0; text.size() < kDocumentBytes; ++line) {
    absl::StrAppend(&text, "第", line, "项：依法行政，推进法治政府建设，办理行政复议案件",
                    (line * 7 + number) % 1000, "件。\n");
  }
  return text;
}

absl::Status IngestAll(ServiceSuite& suite) {
  auto ingestion = v1::IngestionService::NewStub(suite.Channel(suite.ingestion_addr));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
  auto stream = ingestion->StreamIngestDocuments(&context);
  for (int i = 0; i < kDocuments; ++i) {
    v1::IngestDocumentRequest request;
    request.mutable_document()->set_content(Document(i));
    request.mutable_document()->set_file_name(absl::StrCat("report-", i, ".txt"));
    if (!stream->Write(request)) break;
  }
  stream->WritesDone();
  v1::StreamIngestDocumentsResponse response;
  int answered = 0;
  while (stream->Read(&response)) {
    if (response.error_code() != 0) return absl::InternalError(response.error_message());
    ++answered;
  }
  grpc::Status status = stream->Finish();
  if (!status.ok()) return absl::InternalError(status.error_message());
  if (answered != kDocuments) return absl::InternalError(absl::StrCat("answered ", answered));
  return absl::OkStatus();
}

v1::SearchReportsRequest WorstCase() {
  v1::SearchReportsRequest request;
  request.set_query("法");
  request.set_page_size(200);
  request.set_max_snippets(20);
  request.set_snippet_context(500);
  return request;
}

// Waits until the index serves every report.
absl::Status WaitIndexed(v1::QueryService::Stub& query) {
  for (absl::Time until = absl::Now() + absl::Seconds(60); absl::Now() < until;
       absl::SleepFor(absl::Milliseconds(200))) {
    grpc::ClientContext context;
    v1::SearchReportsRequest request;
    request.set_query("复议");
    request.set_page_size(1);
    v1::SearchReportsResponse response;
    if (query.SearchReports(&context, request, &response).ok() &&
        response.total_size() == kDocuments) {
      return absl::OkStatus();
    }
  }
  return absl::DeadlineExceededError("the index did not serve every report within 60 s");
}

struct Call {
  grpc::StatusCode code = grpc::StatusCode::OK;
  absl::Duration took;
};

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<size_t>(p * values.size()))];
}

// Runs `call(i)` for i in [0, callers) on as many threads, released together; returns each
// call's code and time.
std::vector<Call> CallConcurrently(int callers, const std::function<grpc::Status(int)>& call) {
  std::vector<Call> calls(callers);
  absl::Barrier* ready = new absl::Barrier(callers);
  std::vector<std::thread> threads;
  for (int i = 0; i < callers; ++i) {
    threads.emplace_back([&, i] {
      if (ready->Block()) delete ready;
      absl::Time begin = absl::Now();
      grpc::Status status = call(i);
      calls[i] = {status.error_code(), absl::Now() - begin};
      if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
        EXPECT_NE(status.error_message().find("retry later"), std::string::npos)
            << status.error_message();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  return calls;
}

struct Outcomes {
  int ok = 0, shed = 0, other = 0;
};

Outcomes Count(const std::vector<Call>& calls) {
  Outcomes outcomes;
  for (const Call& call : calls) {
    if (call.code == grpc::StatusCode::OK) {
      ++outcomes.ok;
    } else if (call.code == grpc::StatusCode::RESOURCE_EXHAUSTED) {
      ++outcomes.shed;
    } else {
      ++outcomes.other;
    }
  }
  return outcomes;
}

testing::Environment QueryMeasured() {
  return {{"FAZHI_EXTRACTION_WORKERS", "0"},  // the query is measured
          {"FAZHI_MAX_DOCUMENT_BYTES", absl::StrCat(kDocumentBytes + (1 << 20))},
          {"FAZHI_INGESTION_METRICS_ADDR", ""},
          {"FAZHI_EXTRACTION_METRICS_ADDR", ""},
          {"FAZHI_QUERY_METRICS_ADDR", ""},
          {"FAZHI_MAX_INFLIGHT", "128"},
          {"FAZHI_LOG_LEVEL", "warn"}};
}

TEST(SearchMemoryE2eTest, WorstCaseSearchesStayUnderTheCeilingAndEndOkOrShed) {
  int callers = kCallers;
  if (const char* value = std::getenv("FAZHI_SEARCH_MEMORY_CALLERS")) {
    ASSERT_TRUE(absl::SimpleAtoi(value, &callers));
  }
  TestDatabase database;
  ServiceSuite suite(database.url(), QueryMeasured());
  absl::Status started = suite.StartAll();
  ASSERT_TRUE(started.ok()) << started;
  absl::Time start = absl::Now();
  absl::Status ingested = IngestAll(suite);
  ASSERT_TRUE(ingested.ok()) << ingested;
  auto query = v1::QueryService::NewStub(suite.Channel(suite.query_addr));
  absl::Status indexed = WaitIndexed(*query);
  ASSERT_TRUE(indexed.ok()) << indexed;
  const pid_t pid = suite.query->pid();
  absl::StatusOr<int64_t> before_kb = ResidentKb(pid);
  ASSERT_TRUE(before_kb.ok()) << before_kb.status();
  std::cout << absl::StrFormat(
      "ingested and indexed %d reports of %.1f MB in %.1f s; query VmRSS %d MB\n", kDocuments,
      kDocumentBytes / 1048576.0, absl::ToDoubleSeconds(absl::Now() - start), *before_kb / 1024);

  RssSampler sampler(pid);
  absl::Time searches = absl::Now();
  std::vector<Call> calls = CallConcurrently(callers, [&](int) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    v1::SearchReportsResponse response;
    grpc::Status status = query->SearchReports(&context, WorstCase(), &response);
    if (status.ok()) {
      EXPECT_EQ(response.hits_size(), kDocuments);
      EXPECT_EQ(response.hits(0).snippets_size(), 20);
    }
    return status;
  });
  const absl::Duration wall = absl::Now() - searches;
  const int64_t max_rss_kb = sampler.Stop();
  absl::StatusOr<int64_t> peak_kb = PeakResidentKb(pid);
  ASSERT_TRUE(peak_kb.ok()) << peak_kb.status();

  const Outcomes outcomes = Count(calls);
  std::vector<double> ok_ms, all_ms;
  for (const Call& call : calls) {
    all_ms.push_back(absl::ToDoubleMilliseconds(call.took));
    if (call.code == grpc::StatusCode::OK) ok_ms.push_back(all_ms.back());
    EXPECT_LE(call.took, kCallBound) << "code " << call.code;
  }
  std::cout << absl::StrFormat(
      "%d concurrent searches (法, page 200, 20 snippets, context 500) in %.1f s: %d OK, %d shed, "
      "%d other; "
      "OK p50 %.0f ms, p99 %.0f ms; all p99 %.0f ms\n"
      "query VmRSS before %d MB, sampled max %d MB, VmHWM %d MB (ceiling %d MB)\n",
      callers, absl::ToDoubleSeconds(wall), outcomes.ok, outcomes.shed, outcomes.other,
      Percentile(ok_ms, 0.5), Percentile(ok_ms, 0.99), Percentile(all_ms, 0.99), *before_kb / 1024,
      max_rss_kb / 1024, *peak_kb / 1024, kCeilingKb / 1024);
  EXPECT_EQ(outcomes.other, 0) << "calls must end OK or RESOURCE_EXHAUSTED";
  EXPECT_GT(outcomes.ok, 0);
  EXPECT_LE(*peak_kb, kCeilingKb);
}

// The names of the ingested reports.
absl::StatusOr<std::vector<std::string>> ReportNames(v1::QueryService::Stub& query) {
  grpc::ClientContext context;
  v1::ListReportsRequest request;
  request.set_page_size(kDocuments);
  v1::ListReportsResponse response;
  grpc::Status status = query.ListReports(&context, request, &response);
  if (!status.ok()) return absl::InternalError(status.error_message());
  std::vector<std::string> names;
  for (const v1::Report& report : response.reports()) names.push_back(report.name());
  if (names.size() != kDocuments) return absl::InternalError(absl::StrCat("listed ", names.size()));
  return names;
}

// Whole texts and originals are admitted by their stored sizes like searches: 64 concurrent
// GetReport(REPORT_VIEW_FULL) of the 10 MB reports, then 64 concurrent GetReportOriginal. Without
// the admission they took the service from 161 MB to ~1 GB and to 1.25 GB.
TEST(SearchMemoryE2eTest, WholeReportReadsStayUnderTheCeilingAndEndOkOrShed) {
  TestDatabase database;
  ServiceSuite suite(database.url(), QueryMeasured());
  absl::Status started = suite.StartAll();
  ASSERT_TRUE(started.ok()) << started;
  absl::Status ingested = IngestAll(suite);
  ASSERT_TRUE(ingested.ok()) << ingested;
  auto query = v1::QueryService::NewStub(suite.Channel(suite.query_addr));
  absl::StatusOr<std::vector<std::string>> names = ReportNames(*query);
  ASSERT_TRUE(names.ok()) << names.status();
  const pid_t pid = suite.query->pid();
  absl::StatusOr<int64_t> before_kb = ResidentKb(pid);
  ASSERT_TRUE(before_kb.ok()) << before_kb.status();

  const auto measure = [&](const char* what, const std::function<grpc::Status(int)>& call) {
    RssSampler sampler(pid);
    const absl::Time start = absl::Now();
    const Outcomes outcomes = Count(CallConcurrently(kWholeReadCallers, call));
    const absl::Duration wall = absl::Now() - start;
    const int64_t max_rss_kb = sampler.Stop();
    absl::StatusOr<int64_t> after_kb = ResidentKb(pid);
    absl::StatusOr<int64_t> peak_kb = PeakResidentKb(pid);
    ASSERT_TRUE(after_kb.ok() && peak_kb.ok());
    std::cout << absl::StrFormat(
        "%d concurrent %s of 10 MB reports in %.1f s: %d OK, %d shed, %d other; query VmRSS "
        "before %d MB, sampled max %d MB, after %d MB, VmHWM %d MB (ceiling %d MB)\n",
        kWholeReadCallers, what, absl::ToDoubleSeconds(wall), outcomes.ok, outcomes.shed,
        outcomes.other, *before_kb / 1024, max_rss_kb / 1024, *after_kb / 1024, *peak_kb / 1024,
        kCeilingKb / 1024);
    EXPECT_EQ(outcomes.other, 0) << what << " must end OK or RESOURCE_EXHAUSTED";
    EXPECT_GT(outcomes.ok, 0) << what;
    EXPECT_LE(*peak_kb, kCeilingKb) << what;
  };
  measure("GetReport(FULL)", [&](int i) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    v1::GetReportRequest request;
    request.set_name((*names)[i % kDocuments]);
    request.set_view(v1::REPORT_VIEW_FULL);
    v1::Report response;
    grpc::Status status = query->GetReport(&context, request, &response);
    if (status.ok()) {
      EXPECT_GE(response.text().size(), kDocumentBytes / 2);
    }
    return status;
  });
  measure("GetReportOriginal", [&](int i) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    v1::GetReportOriginalRequest request;
    request.set_name((*names)[i % kDocuments]);
    v1::ReportOriginal response;
    grpc::Status status = query->GetReportOriginal(&context, request, &response);
    if (status.ok()) {
      EXPECT_GE(response.content().size(), kDocumentBytes);
    }
    return status;
  });
}

}  // namespace
}  // namespace fazhi::load_test
