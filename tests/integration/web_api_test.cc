// fazhi-web's JSON API from the HTTP side, against the real services with the sample reports and
// bearer tokens on: each answer is the canonical JSON of what the gRPC method answers, originals
// come back byte for byte, and bad filters, unknown reports, wrong methods and missing tokens get
// the HTTP status of their gRPC code with an AIP-193 error body.
#include <gmock/gmock.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "absl/strings/str_cat.h"
#include "tests/integration/running_services.h"

namespace fazhi::testing {
namespace {

using ::testing::HasSubstr;
using json = nlohmann::json;

constexpr char kReaderToken[] = "reader-web-5b1d8e0c2f7a9364";
constexpr char kWriterToken[] = "writer-web-a07c3e9d5b1f2846";

class WebApiTest : public RunningServicesTest {
 protected:
  static void SetUpTestSuite() {
    StartServices(
        {{"FAZHI_TOKENS", absl::StrCat("reader ", kReaderToken, "; writer ", kWriterToken)},
         {"FAZHI_TOKEN", kWriterToken},
         {"FAZHI_SERVICE_TOKEN", kWriterToken}});
    if (suite_ == nullptr) return;
    absl::Status web = suite_->StartWeb();
    ASSERT_TRUE(web.ok()) << web << suite_->web->LogTail();
  }
  static void TearDownTestSuite() { StopServices(); }

  void SetUp() override {
    RunningServicesTest::SetUp();
    if (names_.empty()) {
      for (const SampleReport& sample : *samples_) {
        v1::IngestDocumentResponse response;
        grpc::Status status = Ingest(sample.bytes, sample.file_name, &response);
        ASSERT_TRUE(status.ok()) << status.error_message();
        names_.push_back(response.name());
      }
    }
  }

  static httplib::Result Get(const std::string& path, const std::string& token = kReaderToken) {
    httplib::Client client("http://" + suite_->web_addr);
    client.set_read_timeout(30);
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    return client.Get(path, headers);
  }

  static std::string Json(const google::protobuf::Message& message) {
    google::protobuf::util::JsonPrintOptions print;
    print.always_print_primitive_fields = true;
    std::string out;
    EXPECT_TRUE(google::protobuf::util::MessageToJsonString(message, &out, print).ok());
    return out;
  }

  static std::vector<std::string> names_;
};

std::vector<std::string> WebApiTest::names_;

TEST_F(WebApiTest, SearchAnswersTheCanonicalJsonOfTheGrpcAnswer) {
  v1::SearchReportsRequest request;
  request.set_query("行政复议");
  request.set_page_size(3);
  v1::SearchReportsResponse expected;
  ASSERT_TRUE(query_->SearchReports(Context().get(), request, &expected).ok());
  ASSERT_GT(expected.hits_size(), 0);

  httplib::Result result =
      Get("/v1/reports:search?query=%E8%A1%8C%E6%94%BF%E5%A4%8D%E8%AE%AE&pageSize=3");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200) << result->body;
  EXPECT_THAT(result->get_header_value("Content-Type"), HasSubstr("application/json"));
  EXPECT_EQ(json::parse(result->body), json::parse(Json(expected)));
  // int64 as strings, as the mapping says; every field printed.
  const json hit = json::parse(result->body)["hits"][0];
  EXPECT_TRUE(hit["matchCount"].is_string());
  EXPECT_TRUE(hit["report"].contains("error"));
}

TEST_F(WebApiTest, AReportWithItsTextAndItsZerosAndTheIndicatorList) {
  httplib::Result result = Get("/v1/" + names_[0] + "?view=REPORT_VIEW_FULL");
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  const json report = json::parse(result->body);
  EXPECT_EQ(report["name"], names_[0]);
  EXPECT_FALSE(report["text"].get<std::string>().empty());
  ASSERT_FALSE(report["record"]["indicators"].empty());
  for (const json& indicator : report["record"]["indicators"]) {
    EXPECT_TRUE(indicator.contains("value")) << "a value of 0 must be printed, not dropped";
    EXPECT_TRUE(indicator.contains("approximate"));
  }
  httplib::Result indicators = Get("/v1/indicators");
  ASSERT_TRUE(indicators);
  ASSERT_EQ(indicators->status, 200);
  const json list = json::parse(indicators->body);
  EXPECT_GT(list["indicators"].size(), 10u);
  EXPECT_FALSE(list["indicators"][0]["name"].get<std::string>().empty());
}

TEST_F(WebApiTest, ComparisonAndSeriesByPathAndQuery) {
  v1::CompareIndicatorRequest request;
  request.set_indicator_id("litigation.cases");
  request.set_descending(true);
  v1::CompareIndicatorResponse expected;
  ASSERT_TRUE(query_->CompareIndicator(Context().get(), request, &expected).ok());
  httplib::Result result = Get("/v1/indicators/litigation.cases:compare?descending=true");
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  EXPECT_EQ(json::parse(result->body), json::parse(Json(expected)));
  ASSERT_GT(expected.rows_size(), 0);
  const std::string code = expected.rows(0).jurisdiction().code();
  httplib::Result series = Get("/v1/indicators/litigation.cases:series?jurisdictionCode=" + code);
  ASSERT_TRUE(series);
  ASSERT_EQ(series->status, 200) << series->body;
  EXPECT_GE(json::parse(series->body)["points"].size(), 1u);
}

TEST_F(WebApiTest, TheOriginalComesBackByteForByteToSave) {
  httplib::Result result = Get("/v1/" + names_[0] + ":original");
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  EXPECT_EQ(result->body, (*samples_)[0].bytes);
  EXPECT_THAT(result->get_header_value("Content-Disposition"),
              HasSubstr("attachment; filename*=UTF-8''"));
  EXPECT_NE(result->get_header_value("Content-Type"), "");
}

TEST_F(WebApiTest, BadRequestsGetTheirHttpStatusAndSayWhatIsWrong) {
  struct Case {
    std::string path;
    int status;
    std::string grpc_status;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"/v1/reports?filter=nonsense%20%3D%3D", 400, "INVALID_ARGUMENT", "filter"},
      {"/v1/reports/0000000000000000", 404, "NOT_FOUND", "not found"},
      {"/v1/reports/NOT-A-NAME", 400, "INVALID_ARGUMENT", ""},
      {"/v1/reports:search?q=x", 400, "INVALID_ARGUMENT", "unknown query parameter"},
      {"/v1/reports?pageSize=many", 400, "INVALID_ARGUMENT", "pageSize"},
      {"/v1/indicators/no.such:compare", 400, "INVALID_ARGUMENT", "no.such"},
      {"/v1/nothing/here", 404, "NOT_FOUND", "no API method"},
  };
  for (const Case& bad : cases) {
    httplib::Result result = Get(bad.path);
    ASSERT_TRUE(result) << bad.path;
    EXPECT_EQ(result->status, bad.status) << bad.path << " " << result->body;
    const json error = json::parse(result->body)["error"];
    EXPECT_EQ(error["code"], bad.status) << bad.path;
    EXPECT_EQ(error["status"], bad.grpc_status) << bad.path;
    EXPECT_THAT(error["message"].get<std::string>(), HasSubstr(bad.says)) << bad.path;
  }
  httplib::Client client("http://" + suite_->web_addr);
  httplib::Result post = client.Post("/v1/reports", "{}", "application/json");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
  EXPECT_EQ(post->get_header_value("Allow"), "GET");
}

TEST_F(WebApiTest, TokensAreTheQueryServicesRules) {
  httplib::Result none = Get("/v1/reports", "");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401) << none->body;
  EXPECT_EQ(json::parse(none->body)["error"]["status"], "UNAUTHENTICATED");
  httplib::Result wrong = Get("/v1/reports", "reader-wrong-000000000000");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);

  // A deployment that lets browsers read without a token gives fazhi-web a reader token.
  Environment environment = suite_->environment();
  const std::string address = absl::StrCat("127.0.0.1:", FreePort());
  environment["FAZHI_WEB_ADDR"] = address;
  environment["FAZHI_WEB_METRICS_ADDR"] = absl::StrCat("127.0.0.1:", FreePort());
  environment["FAZHI_WEB_TOKEN"] = kReaderToken;
  ServiceProcess open_web("fazhi-web", "http://" + address, environment);
  ASSERT_TRUE(open_web.Start().ok()) << open_web.LogTail();
  httplib::Client client("http://" + address);
  httplib::Result open = client.Get("/v1/reports");
  ASSERT_TRUE(open);
  EXPECT_EQ(open->status, 200) << open->body;
  EXPECT_EQ(json::parse(open->body)["reports"].size(), names_.size());
}

TEST_F(WebApiTest, HealthMetricsAndTheApp) {
  httplib::Client client("http://" + suite_->web_addr);
  httplib::Result health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  httplib::Result app = client.Get("/");
  ASSERT_TRUE(app);
  EXPECT_EQ(app->status, 200) << "./dev build puts the app in build/web";
  EXPECT_THAT(app->get_header_value("Content-Type"), HasSubstr("text/html"));
  EXPECT_THAT(app->get_header_value("Content-Security-Policy"), HasSubstr("default-src 'self'"));
  for (int i = 0; i < 20; ++i) client.Get(absl::StrCat("/v1/unknown-", i));
  httplib::Client metrics("http://" + suite_->web_metrics_addr);
  httplib::Result scraped = metrics.Get("/metrics");
  ASSERT_TRUE(scraped);
  EXPECT_THAT(scraped->body,
              HasSubstr("fazhi_http_requests_total{code=\"404\",route=\"unknown\"}"));
  EXPECT_THAT(scraped->body, Not(HasSubstr("unknown-1"))) << "paths must not become series";
}

// The JSON API's cost over the gRPC call it wraps, side by side (printed, not asserted).
TEST_F(WebApiTest, PrintsWhatTheJsonApiAddsToAGrpcCall) {
  auto median_ms = [](std::vector<double> samples) {
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
  };
  std::vector<double> grpc_ms, http_ms;
  httplib::Client client("http://" + suite_->web_addr);
  client.set_keep_alive(true);
  const httplib::Headers headers = {{"Authorization", std::string("Bearer ") + kReaderToken}};
  for (int i = 0; i < 200; ++i) {
    v1::SearchReportsRequest request;
    request.set_query("调解");
    request.set_page_size(20);
    v1::SearchReportsResponse response;
    auto start = std::chrono::steady_clock::now();
    ASSERT_TRUE(query_->SearchReports(Context().get(), request, &response).ok());
    grpc_ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
    start = std::chrono::steady_clock::now();
    httplib::Result result =
        client.Get("/v1/reports:search?query=%E8%B0%83%E8%A7%A3&pageSize=20", headers);
    ASSERT_TRUE(result && result->status == 200);
    http_ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  }
  const double grpc = median_ms(grpc_ms), http = median_ms(http_ms);
  std::printf(
      "SearchReports(调解, 20 hits) p50 over 200 calls: gRPC %.3f ms, JSON API %.3f ms, "
      "added %.3f ms\n",
      grpc, http, http - grpc);
}

}  // namespace
}  // namespace fazhi::testing
