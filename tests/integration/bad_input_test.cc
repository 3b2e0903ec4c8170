// Bad input against the real services: every class of hostile or broken request gets the right
// status and a message that names the problem, nothing crashes (all three services still answer
// SERVING), and a rejected request changes nothing stored (a checksum of the whole archive).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <set>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/server/decode_error_interceptor.h"
#include "common/server/raw_call.h"
#include "fazhi/v1/extraction.grpc.pb.h"
#include "fazhi/v1/ingestion.grpc.pb.h"
#include "fazhi/v1/query.grpc.pb.h"
#include "tests/integration/running_services.h"
#include "tests/integration/sample_reports.h"
#include "tests/testing/archive_checksum.h"
#include "tests/testing/service_process.h"
#include "tests/testing/test_database.h"

namespace fazhi::testing {
namespace {

using ::testing::AnyOf;
using ::testing::HasSubstr;

constexpr int kMaxDocumentBytes = 12 * 1024 * 1024;

// Strings that break naive SQL, LIKE patterns, escaping or C strings.
const std::vector<std::string>& HostileStrings() {
  static const auto* strings = new std::vector<std::string>{
      "'; DROP TABLE reports; --", "%",  "_",           "\\", std::string("a\0b", 3),
      "\" OR \"1\"=\"1",           "$1", "' OR '1'='1",
  };
  return *strings;
}

// A filter string literal holding `value` (the filter language escapes with a backslash).
std::string Quoted(const std::string& value) {
  return absl::StrCat("\"", absl::StrReplaceAll(value, {{"\\", "\\\\"}, {"\"", "\\\""}}), "\"");
}

std::string Repeat(std::string_view piece, size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (size_t i = 0; i < times; ++i) out.append(piece);
  return out;
}

// A statement that reads like a report's, for documents that must still be extracted.
constexpr char kSentence[] = "二〇二三年,本县共办理行政复议案件37件,行政机关负责人出庭应诉率100%。";

class BadInputTest : public RunningServicesTest {
 protected:
  static void SetUpTestSuite() {
    StartServices({{"FAZHI_MAX_DOCUMENT_BYTES", std::to_string(kMaxDocumentBytes)}});
  }
  static void TearDownTestSuite() { StopServices(); }

  void SetUp() override {
    RunningServicesTest::SetUp();
    if (!HasFatalFailure()) IngestSamples();
  }

  // Whatever a test sent, every service still answers.
  void TearDown() override {
    for (const std::string* address :
         {&suite_->ingestion_addr, &suite_->extraction_addr, &suite_->query_addr}) {
      EXPECT_TRUE(IsServing(*address)) << *address << " stopped serving";
    }
  }

  using RunningServicesTest::Ingest;
  grpc::Status Ingest(const v1::IngestDocumentRequest& request,
                      v1::IngestDocumentResponse* response) {
    return ingestion_->IngestDocument(Context().get(), request, response);
  }

  void IngestSamples() {
    if (!names_.empty()) return;
    for (const SampleReport& sample : *samples_) {
      v1::IngestDocumentResponse response;
      grpc::Status status = Ingest(sample.bytes, sample.file_name, &response);
      ASSERT_TRUE(status.ok()) << status.error_message();
      names_.push_back(response.name());
    }
  }

  // The archive's checksum once extraction has come to rest.
  static std::string Checksum() {
    EXPECT_TRUE(WaitForIdleJobs(database_->url()));
    return ArchiveChecksum(database_->url());
  }

  v1::Report Get(const std::string& name) {
    v1::GetReportRequest request;
    request.set_name(name);
    request.set_view(v1::REPORT_VIEW_FULL);
    v1::Report report;
    grpc::Status status = query_->GetReport(Context().get(), request, &report);
    EXPECT_TRUE(status.ok()) << name << ": " << status.error_message();
    return report;
  }

  // The report once extraction has finished with it.
  v1::Report GetExtracted(const std::string& name) {
    EXPECT_TRUE(WaitForIdleJobs(database_->url()));
    return Get(name);
  }

  static std::vector<std::string> names_;  // the samples' reports/{id}
};

std::vector<std::string> BadInputTest::names_;

struct BadDocument {
  std::string name;
  std::string bytes;
  std::string expected_message;
};

std::vector<BadDocument> BadDocuments() {
  return {
      {"empty", "", "document is empty"},
      {"oversized", std::string(kMaxDocumentBytes + 10, 'a'), "MB limit"},
      {"undecodable", "\x81\x30\xFF\xFE\xFD\x80\x80 not text \xC0\xC1", "cannot decode"},
      {"pdf", "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj", "PDF"},
      // Broken PDF, .docx, PNG and OLE files go to their readers, which say what is wrong.
      {"docx",
       std::string("PK\x03\x04\x14\x00\x06\x00", 8) + "[Content_Types].xml word/document.xml",
       ".docx cannot be read"},
      {"zip", std::string("PK\x03\x04\x14\x00\x00\x00", 8) + "report.txt", "ZIP"},
      {"png", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16), "PNG"},
      {"doc", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(64, '\0'),
       "unsupported format"},
      {"gzip", std::string("\x1F\x8B\x08\x00\x00\x00\x00\x00", 8), "unsupported format"},
      {"nul bytes in text", std::string("依法行政\0\0\0工作报告", 21), "unsupported format"},
  };
}

TEST_F(BadInputTest, UnsupportedDocumentsAreRejectedWithTheReasonAndChangeNothing) {
  std::string checksum = Checksum();
  for (const BadDocument& bad : BadDocuments()) {
    v1::IngestDocumentResponse response;
    grpc::Status status = Ingest(bad.bytes, bad.name + ".bin", &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad.name;
    EXPECT_THAT(status.error_message(), HasSubstr(bad.expected_message)) << bad.name;

    // ExtractText decodes the same way (it stores nothing either way).
    v1::ExtractTextRequest extract;
    extract.set_content(bad.bytes);
    v1::ExtractTextResponse extracted;
    grpc::Status extract_status = extraction_->ExtractText(Context().get(), extract, &extracted);
    if (bad.name != "oversized") {  // extraction's own limit is the default
      EXPECT_EQ(extract_status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad.name;
      EXPECT_THAT(extract_status.error_message(), HasSubstr(bad.expected_message)) << bad.name;
    }
  }
  EXPECT_EQ(Checksum(), checksum);
}

TEST_F(BadInputTest, StreamedBadDocumentsGetTheirErrorAndTheStreamGoesOn) {
  std::string checksum = Checksum();
  std::vector<BadDocument> bad = BadDocuments();
  auto context = Context();
  auto stream = ingestion_->StreamIngestDocuments(context.get());
  for (const BadDocument& document : bad) {
    v1::IngestDocumentRequest request;
    request.mutable_document()->set_content(document.bytes);
    ASSERT_TRUE(stream->Write(request));
  }
  stream->WritesDone();
  std::vector<v1::StreamIngestDocumentsResponse> responses;
  for (v1::StreamIngestDocumentsResponse response; stream->Read(&response);) {
    responses.push_back(response);
  }
  ASSERT_TRUE(stream->Finish().ok());
  ASSERT_EQ(responses.size(), bad.size());
  for (size_t i = 0; i < bad.size(); ++i) {
    EXPECT_EQ(responses[i].error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad[i].name;
    EXPECT_THAT(responses[i].error_message(), HasSubstr(bad[i].expected_message)) << bad[i].name;
  }
  EXPECT_EQ(Checksum(), checksum);
}

TEST_F(BadInputTest, AMessageOverTheTransportLimitIsResourceExhausted) {
  std::string checksum = Checksum();
  v1::IngestDocumentResponse response;
  // The services accept messages up to the document limit plus 1 MB of envelope.
  grpc::Status status =
      Ingest(std::string(kMaxDocumentBytes + 2 * 1024 * 1024, 'a'), "big.txt", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(status.error_message(), HasSubstr("larger than max"));
  EXPECT_EQ(Checksum(), checksum);
}

// Hostile HTML is accepted (a real page may be deep, long or tag-heavy) and reduced to the text
// it carries. A blow-up would fail on the calls' deadlines; the time taken is printed, not
// asserted (speed is the benchmarks' to measure).
TEST_F(BadInputTest, HtmlBombsAreReducedToTheirText) {
  struct Bomb {
    std::string name, html;
  };
  std::vector<Bomb> bombs = {
      {"nested 100k deep", absl::StrCat("<html><body>", Repeat("<div>", 100000), "<p>", kSentence,
                                        "</p>", Repeat("</div>", 100000), "</body></html>")},
      {"5 MB attribute", absl::StrCat("<html><body><p title=\"", std::string(5 * 1024 * 1024, 'x'),
                                      "\">", kSentence, "</p></body></html>")},
      {"1M tags", absl::StrCat("<html><body><p>", kSentence, "</p>", Repeat("<b></b>", 1000000),
                               "</body></html>")},
  };
  for (const Bomb& bomb : bombs) {
    auto start = std::chrono::steady_clock::now();
    v1::IngestDocumentResponse response;
    grpc::Status status = Ingest(bomb.html, "bomb.html", &response);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(status.ok()) << bomb.name << ": " << status.error_message();
    v1::Report report = GetExtracted(response.name());
    EXPECT_EQ(report.provenance().original_format(), "html") << bomb.name;
    EXPECT_THAT(report.text(), HasSubstr("办理行政复议案件37件")) << bomb.name;
    EXPECT_EQ(report.state(), v1::REPORT_STATE_EXTRACTED) << bomb.name;
    std::cerr << bomb.name << ": ingested in " << seconds << " s\n";
  }
}

// A real report can come as one line (scrapers that drop line breaks): accepted and extracted
// before the wait for idle jobs gives up.
TEST_F(BadInputTest, TenMegabytesOnOneLineAreAcceptedAndExtracted) {
  std::string line;
  for (size_t i = 0; line.size() < 10 * 1024 * 1024; ++i) {
    std::string sample = (*samples_)[i % samples_->size()].bytes;
    line += absl::StrReplaceAll(sample, {{"\r", ""}, {"\n", " "}});
  }
  ASSERT_EQ(line.find('\n'), std::string::npos);
  auto start = std::chrono::steady_clock::now();
  v1::IngestDocumentResponse response;
  grpc::Status status = Ingest(line, "one-line.txt", &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  v1::Report report = GetExtracted(response.name());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cerr << "10 MB on one line: ingested and extracted in " << seconds << " s\n";
  EXPECT_EQ(report.state(), v1::REPORT_STATE_EXTRACTED) << report.error();
  EXPECT_GT(report.text_length(), 3000000);
}

// Figures with thousands of digits are accepted; the stored figures are finite numbers.
TEST_F(BadInputTest, NumbersWithThousandsOfDigitsGiveFiniteFigures) {
  std::string text = absl::StrCat(
      "某县人民政府关于2022年法治政府建设情况的报告\n", kSentence, "\n全年共受理行政复议案件",
      std::string(5000, '9'), "件,办结", Repeat("九", 3000), "件,行政应诉案件", "1",
      Repeat(",999", 2000), "件。\n调解成功率", std::string(2000, '9'), ".", std::string(2000, '9'),
      "%,罚没金额", Repeat("一万", 1500), "元,法律援助案件", Repeat("亿", 2000), "件,", "0.",
      std::string(4000, '0'), "1万元。\n");
  v1::IngestDocumentResponse response;
  grpc::Status status = Ingest(text, "digits.txt", &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  v1::Report report = GetExtracted(response.name());
  EXPECT_EQ(report.state(), v1::REPORT_STATE_EXTRACTED) << report.error();
  for (const v1::Quantity& quantity : report.record().quantities()) {
    EXPECT_TRUE(std::isfinite(quantity.value())) << quantity.text().substr(0, 40);
  }
  for (const v1::Indicator& indicator : report.record().indicators()) {
    EXPECT_TRUE(std::isfinite(indicator.value())) << indicator.id();
  }
  pqxx::connection connection(database_->url());
  pqxx::work work(connection);
  pqxx::row bad = work.exec1(
      "SELECT count(*) FROM indicator_values WHERE value IN ('Infinity', '-Infinity', 'NaN')");
  EXPECT_EQ(bad[0].as<int64_t>(), 0);
}

TEST_F(BadInputTest, MalformedFiltersAreInvalidArgumentNamingTheFilter) {
  std::string checksum = Checksum();
  std::vector<std::string> filters = {
      "level =",
      "yr = 1",
      "(province = \"四川省\"",
      "province = \"unterminated",
      "report_year >= \"abc\"",
      "report_year = 99999999999",
      "report_year = " + std::string(400, '9'),
      "published_on = \"2021-13-45\"",
      "published_on = \"0000-00-00\"",
      "indicators.litigation.cases > " + std::string(400, '9'),
      "indicators.litigation.cases > 1.2.3",
      "indicators. = 1",
      Repeat("(", 100000) + "level = \"county\"" + Repeat(")", 100000),
      Repeat("NOT ", 100000) + "level = \"county\"",
      Repeat("level = \"county\" AND ", 200000) + "level",
      std::string("province = \"a\0b\"", 16),
  };
  for (const std::string& filter : filters) {
    std::string shown = filter.substr(0, 60);
    auto start = std::chrono::steady_clock::now();
    v1::ListReportsRequest list;
    list.set_filter(filter);
    v1::ListReportsResponse listed;
    grpc::Status status = query_->ListReports(Context().get(), list, &listed);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << shown;
    EXPECT_THAT(status.error_message(), HasSubstr("filter")) << shown;
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 5)
        << shown;

    v1::GetFacetsRequest facets;
    facets.set_filter(filter);
    v1::GetFacetsResponse faceted;
    EXPECT_EQ(query_->GetFacets(Context().get(), facets, &faceted).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT)
        << shown;
  }
  EXPECT_EQ(Checksum(), checksum);
}

TEST_F(BadInputTest, MalformedOrForeignPageTokensAreInvalidArgument) {
  v1::ListReportsRequest first;
  first.set_page_size(2);
  v1::ListReportsResponse page;
  ASSERT_TRUE(query_->ListReports(Context().get(), first, &page).ok());
  const std::string token = page.next_page_token();
  ASSERT_FALSE(token.empty());
  std::string flipped = token;
  flipped[flipped.size() / 2] = flipped[flipped.size() / 2] == 'A' ? 'B' : 'A';
  // A token edited so that it still decodes to a cursor cannot be told from a real one (tokens
  // are not signed); it starts the page elsewhere, harmlessly.
  for (const std::string& tampered : {flipped, token + "AAAA"}) {
    v1::ListReportsRequest list;
    list.set_page_size(2);
    list.set_page_token(tampered);
    v1::ListReportsResponse listed;
    grpc::Status status = query_->ListReports(Context().get(), list, &listed);
    EXPECT_THAT(status.error_code(),
                AnyOf(grpc::StatusCode::OK, grpc::StatusCode::INVALID_ARGUMENT))
        << status.error_message();
  }
  std::vector<std::string> tokens = {"not-a-token", "%%%", token.substr(0, token.size() / 2),
                                     std::string(100000, 'A')};
  for (const std::string& bad : tokens) {
    v1::ListReportsRequest list;
    list.set_page_size(2);
    list.set_page_token(bad);
    v1::ListReportsResponse listed;
    grpc::Status status = query_->ListReports(Context().get(), list, &listed);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad.substr(0, 40);
    EXPECT_THAT(status.error_message(), HasSubstr("page_token")) << bad.substr(0, 40);
  }
  // A token is only good for the query it came from.
  v1::ListReportsRequest foreign;
  foreign.set_page_size(2);
  foreign.set_filter("report_year > 2000");
  foreign.set_page_token(token);
  v1::ListReportsResponse listed;
  grpc::Status status = query_->ListReports(Context().get(), foreign, &listed);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("different query"));
  v1::SearchReportsRequest search;
  search.set_query("法");
  search.set_page_token(token);
  v1::SearchReportsResponse found;
  EXPECT_EQ(query_->SearchReports(Context().get(), search, &found).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  v1::ListJobsRequest jobs;
  jobs.set_page_token(token);
  v1::ListJobsResponse listed_jobs;
  status = extraction_->ListJobs(Context().get(), jobs, &listed_jobs);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("page_token"));
}

// Issue 20, finding 8: each of these was INTERNAL (PostgreSQL's error passed on) or broke the
// reply's metadata limit.
TEST_F(BadInputTest, OutOfRangeTimestampsTypedTokenKeysAndHugeNamesAreInvalidArgument) {
  std::string checksum = Checksum();
  for (auto [seconds, nanos] : std::vector<std::pair<int64_t, int32_t>>{
           {1000000000000000, 0}, {-100000000000, 0}, {1700000000, -1}, {1700000000, 1000000000}}) {
    v1::IngestDocumentRequest request;
    request.mutable_document()->set_content(samples_->at(0).bytes + "\n时间戳测试\n");
    request.mutable_document()->mutable_retrieved_time()->set_seconds(seconds);
    request.mutable_document()->mutable_retrieved_time()->set_nanos(nanos);
    v1::IngestDocumentResponse response;
    grpc::Status status = ingestion_->IngestDocument(Context().get(), request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << seconds << " " << nanos;
    EXPECT_THAT(status.error_message(), HasSubstr("retrieved_time is out of range"));
  }
  // A real token whose key was edited to what the order's column cannot hold.
  v1::ListReportsRequest first;
  first.set_page_size(1);
  first.set_order_by("report_year");
  v1::ListReportsResponse page;
  ASSERT_TRUE(query_->ListReports(Context().get(), first, &page).ok());
  std::string json;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(page.next_page_token(), &json));
  for (const char* key : {"abc", "99999999999", "1.5", ""}) {
    nlohmann::json cursor = nlohmann::json::parse(json);
    cursor["k"] = key;
    v1::ListReportsRequest next = first;
    next.set_page_token(absl::WebSafeBase64Escape(cursor.dump()));
    v1::ListReportsResponse listed;
    grpc::Status status = query_->ListReports(Context().get(), next, &listed);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << key << ": " << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr("page_token")) << key;
  }
  // A comparison's token whose value key PostgreSQL's float8 cannot hold, or that orders nowhere.
  v1::CompareIndicatorRequest compare;
  compare.set_indicator_id("litigation.cases");
  compare.set_page_size(1);
  v1::CompareIndicatorResponse compared;
  grpc::Status compared_status = query_->CompareIndicator(Context().get(), compare, &compared);
  ASSERT_TRUE(compared_status.ok()) << compared_status.error_message();
  ASSERT_FALSE(compared.next_page_token().empty());
  ASSERT_TRUE(absl::WebSafeBase64Unescape(compared.next_page_token(), &json));
  for (const char* key : {"1e400", "-1e400", "nan", "inf", "-Infinity", "x"}) {
    nlohmann::json cursor = nlohmann::json::parse(json);
    cursor["k"] = key;
    v1::CompareIndicatorRequest next = compare;
    next.set_page_token(absl::WebSafeBase64Escape(cursor.dump()));
    v1::CompareIndicatorResponse page;
    grpc::Status status = query_->CompareIndicator(Context().get(), next, &page);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << key << ": " << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr("page_token is malformed")) << key;
  }
  {  // A key under float8's range reads as 0 and is passed on as such (PostgreSQL refused it).
    nlohmann::json cursor = nlohmann::json::parse(json);
    cursor["k"] = "1e-400";
    v1::CompareIndicatorRequest next = compare;
    next.set_page_token(absl::WebSafeBase64Escape(cursor.dump()));
    v1::CompareIndicatorResponse page;
    grpc::Status status = query_->CompareIndicator(Context().get(), next, &page);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }
  // A megabyte of name comes back as a short quote.
  v1::GetReportRequest get;
  get.set_name("reports/" + std::string(1 << 20, 'f'));
  v1::Report report;
  grpc::Status status = query_->GetReport(Context().get(), get, &report);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_LT(status.error_message().size(), 300u);
  v1::GetIndicatorSeriesRequest series;
  series.set_indicator_id(std::string(1 << 20, 'x'));
  v1::GetIndicatorSeriesResponse points;
  status = query_->GetIndicatorSeries(Context().get(), series, &points);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_LT(status.error_message().size(), 4000u);
  EXPECT_EQ(Checksum(), checksum);
}

// Issue 20, finding 8: an error quotes a caller's string cut short. Whole, a megabyte of order_by
// or jobs state, or a filter's 19 KB field name or value, broke the reply's metadata limit: the
// caller got RESOURCE_EXHAUSTED ("received initial metadata size exceeds limit") instead.
TEST_F(BadInputTest, HugeCallerStringsComeBackQuotedShortInInvalidArgumentErrors) {
  const std::string megabyte(1 << 20, 'a');
  auto expect_short_invalid = [](const grpc::Status& status, const std::string& what) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << what << ": " << status.error_message().substr(0, 200);
    EXPECT_LT(status.error_message().size(), 300u) << what;
  };
  for (const std::string& order_by : {megabyte, "name " + megabyte}) {
    v1::ListReportsRequest list;
    list.set_order_by(order_by);
    v1::ListReportsResponse listed;
    expect_short_invalid(query_->ListReports(Context().get(), list, &listed),
                         "order_by " + order_by.substr(0, 8));
  }
  v1::ListJobsRequest jobs;
  jobs.set_state(megabyte);
  v1::ListJobsResponse listed_jobs;
  expect_short_invalid(extraction_->ListJobs(Context().get(), jobs, &listed_jobs), "jobs state");
  v1::RequeueJobsRequest requeue;
  requeue.set_state(megabyte);
  v1::RequeueJobsResponse requeued;
  expect_short_invalid(extraction_->RequeueJobs(Context().get(), requeue, &requeued),
                       "requeue state");

  const std::string name(19000, 'a');  // under the filter's limit of 20,000 bytes
  for (const std::string& filter :
       {name + " = 1", name + " 1", "level = \"" + name + "\"", "state = '" + name + "'"}) {
    const std::string shown = filter.substr(filter.size() - 20);
    v1::ListReportsRequest list;
    list.set_filter(filter);
    v1::ListReportsResponse listed;
    expect_short_invalid(query_->ListReports(Context().get(), list, &listed), "list " + shown);
    v1::SearchReportsRequest search;
    search.set_query("法");
    search.set_filter(filter);
    v1::SearchReportsResponse found;
    expect_short_invalid(query_->SearchReports(Context().get(), search, &found), "search " + shown);
    v1::GetFacetsRequest facets;
    facets.set_filter(filter);
    v1::GetFacetsResponse faceted;
    expect_short_invalid(query_->GetFacets(Context().get(), facets, &faceted), "facets " + shown);
    v1::CompareIndicatorRequest compare;
    compare.set_indicator_id("litigation.cases");
    compare.set_filter(filter);
    v1::CompareIndicatorResponse compared;
    expect_short_invalid(query_->CompareIndicator(Context().get(), compare, &compared),
                         "compare " + shown);
    v1::ExportReportsRequest export_request;
    export_request.set_filter(filter);
    export_request.set_format(v1::EXPORT_FORMAT_CSV);
    auto context = Context();
    auto reader = query_->ExportReports(context.get(), export_request);
    for (v1::ExportReportsResponse chunk; reader->Read(&chunk);) {
    }
    expect_short_invalid(reader->Finish(), "export " + shown);
  }
  // The audit's reproduction, through the CLI.
  CommandResult listed = RunCli(*suite_, {"list", "--filter", name + " = 1"});
  EXPECT_EQ(listed.exit_code, 1);
  EXPECT_THAT(listed.err, HasSubstr("INVALID_ARGUMENT: filter: unknown field 'aaaa"));
  EXPECT_LT(listed.err.size(), 300u) << listed.err.substr(0, 300);
}

// Runs one request per hostile string in every string field of every read-only or rejected
// request; each answer must be OK or INVALID_ARGUMENT/NOT_FOUND, never another code.
TEST_F(BadInputTest, SqlMetacharactersInEveryRequestStringChangeNothing) {
  std::string checksum = Checksum();
  auto expect_handled = [](const grpc::Status& status, const std::string& what) {
    EXPECT_THAT(status.error_code(), AnyOf(grpc::StatusCode::OK, grpc::StatusCode::INVALID_ARGUMENT,
                                           grpc::StatusCode::NOT_FOUND))
        << what << ": " << status.error_message();
    if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
      EXPECT_FALSE(status.error_message().empty()) << what;
    }
  };
  auto expect_invalid = [](const grpc::Status& status, const std::string& what) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << what << ": " << status.error_message();
  };
  std::vector<std::string> string_fields = {
      "province",      "prefecture", "jurisdiction_code", "jurisdiction_name", "level",
      "document_kind", "state"};
  for (const std::string& hostile : HostileStrings()) {
    const bool has_nul = hostile.find('\0') != std::string::npos;
    {  // report names
      v1::GetReportRequest get;
      v1::Report report;
      for (const std::string& name : {hostile, "reports/" + hostile}) {
        get.set_name(name);
        expect_invalid(query_->GetReport(Context().get(), get, &report), "GetReport " + name);
        v1::ExtractReportRequest extract;
        extract.set_name(name);
        v1::ExtractReportResponse extracted;
        expect_invalid(extraction_->ExtractReport(Context().get(), extract, &extracted),
                       "ExtractReport " + name);
        v1::RequeueJobsRequest requeue;
        requeue.add_names(name);
        v1::RequeueJobsResponse requeued;
        expect_invalid(extraction_->RequeueJobs(Context().get(), requeue, &requeued),
                       "RequeueJobs " + name);
      }
    }
    {  // list: filter, comparisons on every string field, order_by, page_token
      auto list = [&](const std::string& filter, const std::string& order_by,
                      const std::string& token) {
        v1::ListReportsRequest request;
        request.set_filter(filter);
        request.set_order_by(order_by);
        request.set_page_token(token);
        v1::ListReportsResponse response;
        grpc::Status status = query_->ListReports(Context().get(), request, &response);
        return std::make_pair(status, response.total_size());
      };
      expect_invalid(list(hostile, "", "").first, "filter " + hostile);
      expect_invalid(list("", hostile, "").first, "order_by " + hostile);
      expect_invalid(list("", "", hostile).first, "page_token " + hostile);
      for (const std::string& field : string_fields) {
        for (const std::string op : {" = ", " != ", ": "}) {
          if (op == ": " && field != "jurisdiction_code") continue;
          std::string filter = field + op + Quoted(hostile);
          auto [status, total] = list(filter, "", "");
          // Enum-like fields take only their values: anything else is refused, naming them.
          const bool enum_like = field == "level" || field == "document_kind" || field == "state";
          if (has_nul || enum_like) {
            expect_invalid(status, filter);
            if (enum_like && !has_nul) {
              EXPECT_THAT(status.error_message(), HasSubstr("is one of")) << filter;
            }
            continue;
          }
          EXPECT_TRUE(status.ok()) << filter << ": " << status.error_message();
          // No stored value is any of these strings, nor starts with one.
          if (op != " != ") {
            EXPECT_EQ(total, 0) << filter;
          }
        }
      }
    }
    {  // search: the query (matched literally) and the filter
      v1::SearchReportsRequest search;
      search.set_query(hostile);
      v1::SearchReportsResponse found;
      grpc::Status status = query_->SearchReports(Context().get(), search, &found);
      if (has_nul) {
        expect_invalid(status, "search for a NUL");
      } else {
        expect_handled(status, "search " + hostile);
      }
      if (hostile.size() == 1 && status.ok()) {  // one character: exactly the reports holding it
        std::set<std::string> expected, hits;
        for (const std::string& name : names_) {
          if (Get(name).text().find(hostile) != std::string::npos) expected.insert(name);
        }
        for (const v1::SearchHit& hit : found.hits()) {
          if (std::find(names_.begin(), names_.end(), hit.report().name()) != names_.end()) {
            hits.insert(hit.report().name());
          }
        }
        EXPECT_EQ(hits, expected) << "search " << hostile;
      }
      search.set_query("法");
      search.set_filter(hostile);
      expect_invalid(query_->SearchReports(Context().get(), search, &found),
                     "search filter " + hostile);
    }
    {  // analytics and export
      v1::GetFacetsRequest facets;
      facets.set_filter(hostile);
      v1::GetFacetsResponse faceted;
      expect_invalid(query_->GetFacets(Context().get(), facets, &faceted), "facets " + hostile);
      v1::GetIndicatorSeriesRequest series;
      series.set_indicator_id(hostile);
      series.set_jurisdiction_code("513327");
      v1::GetIndicatorSeriesResponse points;
      grpc::Status status = query_->GetIndicatorSeries(Context().get(), series, &points);
      expect_invalid(status, "series indicator " + hostile);
      EXPECT_THAT(status.error_message(),
                  AnyOf(HasSubstr("indicator"), HasSubstr("UTF-8"), HasSubstr("NUL")));
      series.set_indicator_id("litigation.cases");
      series.set_jurisdiction_code(hostile);
      status = query_->GetIndicatorSeries(Context().get(), series, &points);
      expect_handled(status, "series jurisdiction " + hostile);
      if (status.ok()) {
        EXPECT_EQ(points.points_size(), 0) << hostile;
      }
      v1::CompareIndicatorRequest compare;
      compare.set_indicator_id(hostile);
      v1::CompareIndicatorResponse compared;
      expect_invalid(query_->CompareIndicator(Context().get(), compare, &compared),
                     "compare " + hostile);
      compare.set_indicator_id("litigation.cases");
      compare.set_filter(hostile);
      expect_invalid(query_->CompareIndicator(Context().get(), compare, &compared),
                     "compare filter " + hostile);
      v1::ExportReportsRequest export_request;
      export_request.set_filter(hostile);
      export_request.set_format(v1::EXPORT_FORMAT_CSV);
      auto context = Context();
      auto reader = query_->ExportReports(context.get(), export_request);
      for (v1::ExportReportsResponse chunk; reader->Read(&chunk);) {
      }
      expect_invalid(reader->Finish(), "export filter " + hostile);
    }
    {  // jobs: state and page token
      v1::ListJobsRequest jobs;
      jobs.set_state(hostile);
      v1::ListJobsResponse listed;
      expect_invalid(extraction_->ListJobs(Context().get(), jobs, &listed),
                     "jobs state " + hostile);
      jobs.set_state("");
      jobs.set_page_token(hostile);
      expect_invalid(extraction_->ListJobs(Context().get(), jobs, &listed),
                     "jobs token " + hostile);
      v1::RequeueJobsRequest requeue;
      requeue.set_state(hostile);
      v1::RequeueJobsResponse requeued;
      expect_invalid(extraction_->RequeueJobs(Context().get(), requeue, &requeued),
                     "requeue state " + hostile);
    }
    {  // ExtractText stores nothing; its file name and content type are only hints
      v1::ExtractTextRequest extract;
      extract.set_content(kSentence);
      extract.set_file_name(hostile);
      extract.set_content_type(hostile);
      v1::ExtractTextResponse extracted;
      grpc::Status status = extraction_->ExtractText(Context().get(), extract, &extracted);
      EXPECT_TRUE(status.ok()) << hostile << ": " << status.error_message();
    }
  }
  {  // an export format or content that does not exist: refused, naming the field
    v1::ExportReportsRequest export_request;
    export_request.set_format(static_cast<v1::ExportFormat>(77));
    export_request.set_content(static_cast<v1::ExportContent>(-3));
    auto context = Context();
    auto reader = query_->ExportReports(context.get(), export_request);
    for (v1::ExportReportsResponse chunk; reader->Read(&chunk);) {
    }
    grpc::Status status = reader->Finish();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr("format: unknown export format 77"));
  }
  EXPECT_EQ(Checksum(), checksum);
}

// Provenance strings are stored as given (they are data), however hostile; a NUL is rejected
// because PostgreSQL text cannot hold one.
TEST_F(BadInputTest, HostileProvenanceStringsAreStoredVerbatim) {
  int serial = 0;
  for (const std::string& hostile : HostileStrings()) {
    const bool has_nul = hostile.find('\0') != std::string::npos;
    std::string checksum = has_nul ? Checksum() : "";
    v1::IngestDocumentRequest request;
    request.mutable_document()->set_content(absl::StrCat(kSentence, "\n编号", ++serial, "。\n"));
    request.mutable_document()->set_file_name(hostile);
    request.mutable_document()->set_content_type(hostile);
    request.mutable_document()->set_source_url(hostile);
    request.set_request_id(hostile);
    v1::IngestDocumentResponse response;
    grpc::Status status = Ingest(request, &response);
    if (has_nul) {
      EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
      EXPECT_THAT(status.error_message(), HasSubstr("NUL"));
      EXPECT_EQ(Checksum(), checksum);
      continue;
    }
    ASSERT_TRUE(status.ok()) << hostile << ": " << status.error_message();
    v1::Report report = GetExtracted(response.name());
    EXPECT_EQ(report.provenance().file_name(), hostile);
    EXPECT_EQ(report.provenance().content_type(), hostile);
    EXPECT_EQ(report.provenance().source_url(), hostile);
    EXPECT_EQ(report.provenance().request_id(), hostile);
    // The same request id with other bytes is refused, not a second report.
    request.mutable_document()->set_content(absl::StrCat(kSentence, "\n另一份", serial, "。\n"));
    checksum = Checksum();
    status = Ingest(request, &response);
    EXPECT_NE(status.error_code(), grpc::StatusCode::INTERNAL) << status.error_message();
    EXPECT_NE(status.error_code(), grpc::StatusCode::UNKNOWN) << status.error_message();
    if (!status.ok()) {
      EXPECT_EQ(Checksum(), checksum);
    }
  }
}

TEST_F(BadInputTest, UnknownIdsAreNotFound) {
  std::string checksum = Checksum();
  v1::GetReportRequest get;
  get.set_name("reports/0000000000000000");
  v1::Report report;
  grpc::Status status = query_->GetReport(Context().get(), get, &report);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("reports/0000000000000000 not found"));
  v1::ExtractReportRequest extract;
  extract.set_name("reports/ffffffffffffffff");
  v1::ExtractReportResponse extracted;
  status = extraction_->ExtractReport(Context().get(), extract, &extracted);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("not found"));
  v1::RequeueJobsRequest requeue;
  requeue.add_names("reports/ffffffffffffffff");
  v1::RequeueJobsResponse requeued;
  status = extraction_->RequeueJobs(Context().get(), requeue, &requeued);
  EXPECT_TRUE(status.ok() || status.error_code() == grpc::StatusCode::NOT_FOUND)
      << status.error_message();
  EXPECT_EQ(requeued.requeued_count(), 0);
  v1::GetIndicatorSeriesRequest series;
  series.set_indicator_id("no.such_indicator");
  series.set_jurisdiction_code("513327");
  v1::GetIndicatorSeriesResponse points;
  status = query_->GetIndicatorSeries(Context().get(), series, &points);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("unknown indicator 'no.such_indicator'"));
  EXPECT_EQ(Checksum(), checksum);
}

// Protobuf refuses invalid UTF-8 in proto3 string fields while decoding the request, before the
// service sees it; the servers' decode-error interceptor turns gRPC's bare INTERNAL into
// INVALID_ARGUMENT with a message. (The C++ client serializes such strings with only a logged
// error, so the calls below send them as Python or Node clients with raw bytes could.)
TEST_F(BadInputTest, InvalidUtf8InRequestStringsIsRefusedWithoutEffect) {
  std::string checksum = Checksum();
  const std::string invalid = "\xC3\x28 \xFF";
  std::vector<std::pair<std::string, std::function<grpc::Status()>>> calls = {
      {"GetReport.name",
       [&] {
         v1::GetReportRequest request;
         request.set_name(invalid);
         v1::Report response;
         return query_->GetReport(Context().get(), request, &response);
       }},
      {"ListReports.page_token",
       [&] {
         v1::ListReportsRequest request;
         request.set_page_token("\xFF\xFE");
         v1::ListReportsResponse response;
         return query_->ListReports(Context().get(), request, &response);
       }},
      {"ListReports.filter",
       [&] {
         v1::ListReportsRequest request;
         request.set_filter(invalid);
         v1::ListReportsResponse response;
         return query_->ListReports(Context().get(), request, &response);
       }},
      {"SearchReports.query",
       [&] {
         v1::SearchReportsRequest request;
         request.set_query(invalid);
         v1::SearchReportsResponse response;
         return query_->SearchReports(Context().get(), request, &response);
       }},
      {"IngestDocument.file_name",
       [&] {
         v1::IngestDocumentRequest request;
         request.mutable_document()->set_content(kSentence);
         request.mutable_document()->set_file_name(invalid);
         v1::IngestDocumentResponse response;
         return Ingest(request, &response);
       }},
      {"IngestDocument.request_id",
       [&] {
         v1::IngestDocumentRequest request;
         request.mutable_document()->set_content(kSentence);
         request.set_request_id(invalid);
         v1::IngestDocumentResponse response;
         return Ingest(request, &response);
       }},
      {"ListJobs.state",
       [&] {
         v1::ListJobsRequest request;
         request.set_state(invalid);
         v1::ListJobsResponse response;
         return extraction_->ListJobs(Context().get(), request, &response);
       }},
  };
  for (const auto& [what, call] : calls) {
    grpc::Status status = call();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << what;
    EXPECT_EQ(status.error_message(), kUndecodableRequestMessage) << what;
  }
  EXPECT_EQ(Checksum(), checksum);
}

// Bytes that are no protobuf message at all (a length running past the end), to one method of
// each service.
TEST_F(BadInputTest, MalformedProtobufIsInvalidArgumentInEveryService) {
  std::string checksum = Checksum();
  const std::string truncated(
      "\x0a\x05"
      "ab",
      4);
  for (const auto& [address, method] : std::vector<std::pair<std::string, std::string>>{
           {suite_->ingestion_addr, "/fazhi.v1.IngestionService/IngestDocument"},
           {suite_->extraction_addr, "/fazhi.v1.ExtractionService/ExtractText"},
           {suite_->query_addr, "/fazhi.v1.QueryService/SearchReports"},
           {suite_->query_addr, "/fazhi.v1.QueryService/ExportReports"}}) {
    RawCallResult result = RawCall(suite_->Channel(address), method, truncated, Context().get());
    EXPECT_EQ(result.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << method;
    EXPECT_EQ(result.status.error_message(), kUndecodableRequestMessage) << method;
    EXPECT_TRUE(result.responses.empty()) << method;
  }
  EXPECT_EQ(Checksum(), checksum);
}

// A client stream's message that cannot be decoded ends the stream with INVALID_ARGUMENT (gRPC's
// Read() alone would end it OK, as at the client's end): the document before it is committed
// and answered, the one after it is never read.
TEST_F(BadInputTest, UndecodableStreamMessageEndsTheStreamAfterAnsweringTheOnesBefore) {
  v1::IngestDocumentRequest before;
  before.mutable_document()->set_content(absl::StrCat("某县人民政府关于法治政府建设情况的报告\n",
                                                      kSentence, "\n坏消息之前的文档。\n"));
  before.mutable_document()->set_file_name("before-undecodable.txt");
  v1::IngestDocumentRequest after = before;
  after.mutable_document()->set_content(absl::StrCat(kSentence, "\n坏消息之后的文档。\n"));
  after.mutable_document()->set_file_name("after-undecodable.txt");
  const std::vector<std::pair<std::string, std::string>> undecodable = {
      // The document (field 1) with a file name (field 2) that is not UTF-8.
      {"invalid UTF-8", EncodeBytesField(1, EncodeBytesField(2, "\xFF\xFE"))},
      {"malformed protobuf", std::string("\x0a\x05"
                                         "ab",
                                         4)},  // a length past the end
  };
  auto count = [](const std::string& sql) {
    pqxx::connection connection(database_->url());
    pqxx::nontransaction work(connection);
    return work.exec1(sql)[0].as<int64_t>();
  };
  const std::string count_reports = "SELECT count(*) FROM reports";
  const std::string count_after =
      "SELECT count(*) FROM reports WHERE file_name = 'after-undecodable.txt'";
  std::string checksum = Checksum();
  int64_t reports = count(count_reports);
  for (size_t i = 0; i < undecodable.size(); ++i) {
    const auto& [what, bytes] = undecodable[i];
    RawCallResult result = RawStream(
        suite_->Channel(suite_->ingestion_addr), "/fazhi.v1.IngestionService/StreamIngestDocuments",
        {before.SerializeAsString(), bytes, after.SerializeAsString()}, Context().get());
    EXPECT_EQ(result.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << what;
    EXPECT_EQ(result.status.error_message(), kUndecodableRequestMessage) << what;
    ASSERT_EQ(result.responses.size(), 1u) << what << ": only the document before it is answered";
    v1::StreamIngestDocumentsResponse answer;
    ASSERT_TRUE(answer.ParseFromString(result.responses[0])) << what;
    EXPECT_EQ(answer.index(), 0) << what;
    EXPECT_EQ(answer.error_code(), 0) << what << ": " << answer.error_message();
    // The first stream stores it; the second finds it archived.
    EXPECT_EQ(answer.result().duplicate(), i > 0) << what;
    EXPECT_EQ(Get(answer.result().name()).provenance().file_name(), "before-undecodable.txt");
    EXPECT_EQ(count(count_after), 0) << what << ": the document after it was stored";
    EXPECT_EQ(count(count_reports), reports + 1) << what;
    if (i == 0) {
      checksum = Checksum();
    } else {
      EXPECT_EQ(Checksum(), checksum) << what << ": a stream of nothing new changed the archive";
    }
  }
}

TEST_F(BadInputTest, HugePageSizesAreCappedAndNegativeOnesRejected) {
  v1::ListReportsRequest list;
  list.set_page_size(std::numeric_limits<int32_t>::max());
  v1::ListReportsResponse listed;
  grpc::Status status = query_->ListReports(Context().get(), list, &listed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(listed.reports_size(), listed.total_size());

  v1::SearchReportsRequest search;
  search.set_query("法");
  search.set_page_size(std::numeric_limits<int32_t>::max());
  search.set_max_snippets(std::numeric_limits<int32_t>::max());
  search.set_snippet_context(std::numeric_limits<int32_t>::max());
  v1::SearchReportsResponse found;
  status = query_->SearchReports(Context().get(), search, &found);
  EXPECT_TRUE(status.ok()) << status.error_message();

  v1::CompareIndicatorRequest compare;
  compare.set_indicator_id("litigation.cases");
  compare.set_page_size(std::numeric_limits<int32_t>::max());
  v1::CompareIndicatorResponse compared;
  status = query_->CompareIndicator(Context().get(), compare, &compared);
  EXPECT_TRUE(status.ok()) << status.error_message();

  v1::ListJobsRequest jobs;
  jobs.set_page_size(std::numeric_limits<int32_t>::max());
  v1::ListJobsResponse listed_jobs;
  status = extraction_->ListJobs(Context().get(), jobs, &listed_jobs);
  EXPECT_TRUE(status.ok()) << status.error_message();

  for (int32_t negative : {-1, std::numeric_limits<int32_t>::min()}) {
    list.set_page_size(negative);
    status = query_->ListReports(Context().get(), list, &listed);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(status.error_message(), HasSubstr("page_size must not be negative"));
    search.set_page_size(negative);
    search.set_max_snippets(negative);
    search.set_snippet_context(negative);
    EXPECT_EQ(query_->SearchReports(Context().get(), search, &found).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
    compare.set_page_size(negative);
    EXPECT_EQ(query_->CompareIndicator(Context().get(), compare, &compared).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
    jobs.set_page_size(negative);
    EXPECT_EQ(extraction_->ListJobs(Context().get(), jobs, &listed_jobs).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
  }
}

}  // namespace
}  // namespace fazhi::testing
