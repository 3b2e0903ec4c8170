// The whole suite end to end: the three real service binaries over a real PostgreSQL, driven
// through their gRPC APIs and the `fazhi` CLI, checked against the gold annotations.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <set>
#include <thread>

#include "absl/status/statusor.h"
#include "common/status/grpc_status.h"
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

using ::testing::HasSubstr;
using ::testing::Not;

constexpr int kMaxDocumentBytes = 1024 * 1024;

class EndToEndTest : public RunningServicesTest {
 protected:
  static void SetUpTestSuite() {
    StartServices({{"FAZHI_MAX_DOCUMENT_BYTES", std::to_string(kMaxDocumentBytes)}});
  }
  static void TearDownTestSuite() { StopServices(); }

  void SetUp() override {
    RunningServicesTest::SetUp();
    if (!HasFatalFailure()) IngestSamples();
  }

  // Ingests the samples once per suite (later calls see duplicates) and remembers their names.
  void IngestSamples() {
    if (!names_.empty()) return;
    for (const SampleReport& sample : *samples_) {
      v1::IngestDocumentResponse response;
      grpc::Status status = Ingest(sample.bytes, sample.file_name, &response);
      ASSERT_TRUE(status.ok()) << status.error_message();
      names_[sample.file_name] = response.name();
    }
  }

  v1::Report Get(const std::string& name, v1::ReportView view = v1::REPORT_VIEW_BASIC) {
    v1::GetReportRequest request;
    request.set_name(name);
    request.set_view(view);
    v1::Report report;
    grpc::Status status = query_->GetReport(Context().get(), request, &report);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return report;
  }

  absl::StatusOr<v1::ListReportsResponse> List(const std::string& filter, int page_size = 100,
                                               const std::string& token = "") {
    v1::ListReportsRequest request;
    request.set_filter(filter);
    request.set_page_size(page_size);
    request.set_page_token(token);
    v1::ListReportsResponse response;
    grpc::Status status = query_->ListReports(Context().get(), request, &response);
    if (!status.ok()) {
      return FromGrpcStatus(status);
    }
    return response;
  }

  int64_t CountReports() {
    absl::StatusOr<v1::ListReportsResponse> all = List("");
    return all.ok() ? all->total_size() : -1;
  }

  static std::map<std::string, std::string> names_;  // file name -> reports/{id}
};

std::map<std::string, std::string> EndToEndTest::names_;

TEST_F(EndToEndTest, IngestedSamplesAreExtractedWithTheGoldJurisdictionAndYear) {
  for (const SampleReport& sample : *samples_) {
    v1::Report report = Get(names_[sample.file_name]);
    EXPECT_EQ(report.state(), v1::REPORT_STATE_EXTRACTED) << sample.file_name;
    const nlohmann::json& gold = sample.gold["metadata"];
    EXPECT_EQ(report.record().metadata().jurisdiction().code(), gold["jurisdiction"]["code"])
        << sample.file_name;
    EXPECT_EQ(report.record().metadata().report_year(), gold["report_year"]) << sample.file_name;
    EXPECT_EQ(report.provenance().file_name(), sample.file_name);
    EXPECT_EQ(report.provenance().original_size_bytes(), static_cast<int64_t>(sample.bytes.size()));
    EXPECT_FALSE(report.record().extractor_version().empty());
  }
}

TEST_F(EndToEndTest, SameBytesTwiceGiveTheSameReportMarkedDuplicate) {
  const SampleReport& sample = samples_->front();
  int64_t before = CountReports();
  v1::IngestDocumentResponse response;
  ASSERT_TRUE(Ingest(sample.bytes, "renamed.txt", &response).ok());
  EXPECT_TRUE(response.duplicate());
  EXPECT_EQ(response.name(), names_[sample.file_name]);
  EXPECT_EQ(CountReports(), before);
}

// Issue 20: a request id reused with other bytes once answered OK, duplicate, the first report,
// and the second document was never stored.
TEST_F(EndToEndTest, ARequestIdReusedWithOtherBytesIsRefusedAndTheBytesStayAcceptable) {
  auto ingest = [&](const std::string& bytes, const std::string& request_id,
                    v1::IngestDocumentResponse* response) {
    v1::IngestDocumentRequest request;
    request.mutable_document()->set_content(bytes);
    request.mutable_document()->set_file_name("request-id.txt");
    request.set_request_id(request_id);
    auto context = Context();
    return ingestion_->IngestDocument(context.get(), request, response);
  };
  std::string first = samples_->at(1).bytes + "\n附:请求标识测试一\n";
  std::string second = samples_->at(1).bytes + "\n附:请求标识测试二\n";
  v1::IngestDocumentResponse stored, again, refused;
  ASSERT_TRUE(ingest(first, "issue-20-key", &stored).ok());
  ASSERT_TRUE(ingest(first, "issue-20-key", &again).ok());
  EXPECT_TRUE(again.duplicate());
  EXPECT_EQ(again.name(), stored.name());
  int64_t before = CountReports();
  grpc::Status status = ingest(second, "issue-20-key", &refused);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << status.error_message();
  EXPECT_THAT(status.error_message(), HasSubstr(stored.name()));
  EXPECT_EQ(CountReports(), before);
  // The same clash inside a stream is that document's error; its neighbours are stored.
  auto context = Context();
  auto stream = ingestion_->StreamIngestDocuments(context.get());
  for (const auto& [bytes, key] : std::vector<std::pair<std::string, std::string>>{
           {second, "issue-20-key"}, {second, "issue-20-other-key"}}) {
    v1::IngestDocumentRequest request;
    request.mutable_document()->set_content(bytes);
    request.set_request_id(key);
    ASSERT_TRUE(stream->Write(request));
  }
  stream->WritesDone();
  std::vector<v1::StreamIngestDocumentsResponse> responses;
  for (v1::StreamIngestDocumentsResponse response; stream->Read(&response);)
    responses.push_back(response);
  ASSERT_TRUE(stream->Finish().ok());
  ASSERT_EQ(responses.size(), 2u);
  EXPECT_EQ(responses[0].error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_FALSE(responses[1].result().duplicate());
  EXPECT_EQ(CountReports(), before + 1);
}

TEST_F(EndToEndTest, FullViewSpansPointIntoTheStoredText) {
  v1::Report report = Get(names_[samples_->front().file_name], v1::REPORT_VIEW_FULL);
  ASSERT_FALSE(report.text().empty());
  ASSERT_GT(report.record().indicators_size(), 0);
  for (const v1::Indicator& indicator : report.record().indicators()) {
    // The figure's span lies inside the text, and inside its evidence sentence.
    EXPECT_LE(indicator.span().end(), report.text_length()) << indicator.id();
    EXPECT_LE(indicator.evidence_span().begin(), indicator.span().begin()) << indicator.id();
    EXPECT_GE(indicator.evidence_span().end(), indicator.span().end()) << indicator.id();
  }
}

TEST_F(EndToEndTest, OtherEncodingsAndHtmlAreDecodedAndRecorded) {
  const SampleReport& sample = (*samples_)[1];
  struct Variant {
    std::string bytes, file_name, content_type, encoding, format;
  };
  std::string html =
      "<html><head><title>site</title></head><body><nav>首页 &gt; 政务公开</nav><p>" +
      sample.bytes + "</p></body></html>";
  std::vector<Variant> variants = {
      {ConvertFromUtf8(sample.bytes, "GB18030"), "gbk.txt", "", "GB18030", "text"},
      {"\xFF\xFE" + ConvertFromUtf8(sample.bytes, "UTF-16LE"), "utf16.txt", "", "UTF-16LE", "text"},
      {html, "page.html", "text/html", "UTF-8", "html"},
  };
  for (const Variant& variant : variants) {
    v1::IngestDocumentResponse response;
    grpc::Status status = Ingest(variant.bytes, variant.file_name, &response, variant.content_type);
    ASSERT_TRUE(status.ok()) << variant.file_name << ": " << status.error_message();
    EXPECT_FALSE(response.duplicate()) << variant.file_name;
    v1::Report report = Get(response.name());
    EXPECT_EQ(report.provenance().original_encoding(), variant.encoding);
    EXPECT_EQ(report.provenance().original_format(), variant.format);
    EXPECT_EQ(report.record().metadata().jurisdiction().code(),
              sample.gold["metadata"]["jurisdiction"]["code"])
        << variant.file_name;
  }
}

TEST_F(EndToEndTest, StreamingIngestAnswersEachDocumentInOrder) {
  auto context = Context();
  auto stream = ingestion_->StreamIngestDocuments(context.get());
  std::vector<std::string> documents = {samples_->at(0).bytes, "", "%PDF-1.7 binary",
                                        samples_->at(2).bytes};
  for (const std::string& bytes : documents) {
    v1::IngestDocumentRequest request;
    request.mutable_document()->set_content(bytes);
    ASSERT_TRUE(stream->Write(request));
  }
  stream->WritesDone();
  std::vector<v1::StreamIngestDocumentsResponse> responses;
  for (v1::StreamIngestDocumentsResponse response; stream->Read(&response);)
    responses.push_back(response);
  ASSERT_TRUE(stream->Finish().ok());
  ASSERT_EQ(responses.size(), 4u);
  EXPECT_TRUE(responses[0].result().duplicate());
  EXPECT_EQ(responses[1].error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(responses[2].error_message(), HasSubstr("PDF"));
  EXPECT_EQ(responses[3].result().name(), names_[samples_->at(2).file_name]);
}

TEST_F(EndToEndTest, BadDocumentsAreRejectedWithReasonsAndChangeNothing) {
  // Earlier tests' documents may still be in extraction; let it finish so only this test's
  // requests could change the checksum.
  ASSERT_TRUE(WaitForIdleJobs(database_->url()));
  std::string checksum = ArchiveChecksum(database_->url());
  struct Case {
    std::string name, bytes, expected_message;
  };
  std::vector<Case> cases = {
      {"empty", "", "empty"},
      {"pdf", "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj", "PDF"},
      // A broken .docx goes to the Word reader, which says what is wrong with it.
      {"zip", std::string("PK\x03\x04\x14\x00\x06\x00", 8) + "word/document.xml",
       ".docx cannot be read"},
      {"undecodable", "\x81\x30\xFF\xFE\xFD\x80\x80 not text \xC0\xC1", "cannot decode"},
      {"oversized", std::string(kMaxDocumentBytes + 10, 'a'), "limit"},
  };
  for (const Case& bad : cases) {
    v1::IngestDocumentResponse response;
    grpc::Status status = Ingest(bad.bytes, bad.name + ".bin", &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad.name;
    EXPECT_THAT(status.error_message(), HasSubstr(bad.expected_message)) << bad.name;
  }
  EXPECT_EQ(ArchiveChecksum(database_->url()), checksum);
}

TEST_F(EndToEndTest, UnknownAndMalformedReportNames) {
  v1::GetReportRequest request;
  v1::Report report;
  request.set_name("reports/0000000000000000");
  EXPECT_EQ(query_->GetReport(Context().get(), request, &report).error_code(),
            grpc::StatusCode::NOT_FOUND);
  request.set_name("reports/'; DROP TABLE reports; --");
  EXPECT_EQ(query_->GetReport(Context().get(), request, &report).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  auto extraction = v1::ExtractionService::NewStub(suite_->Channel(suite_->extraction_addr));
  v1::ExtractReportRequest extract;
  extract.set_name("reports/0000000000000000");
  v1::ExtractReportResponse extracted;
  EXPECT_EQ(extraction->ExtractReport(Context().get(), extract, &extracted).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(CountReports(), CountReports());  // the archive still answers
}

TEST_F(EndToEndTest, FiltersSelectWhatTheGoldSays) {
  auto expect_count = [&](const std::string& filter, auto predicate) {
    int64_t expected = 0;
    for (const SampleReport& sample : *samples_)
      expected += predicate(sample.gold["metadata"]) ? 1 : 0;
    absl::StatusOr<v1::ListReportsResponse> listed =
        List(filter + " AND jurisdiction_name != \"x\"");
    ASSERT_TRUE(listed.ok()) << filter << ": " << listed.status();
    std::set<std::string> sample_names;
    for (const auto& [file, name] : names_) sample_names.insert(name);
    int64_t matched = 0;
    for (const v1::Report& report : listed->reports()) matched += sample_names.count(report.name());
    EXPECT_EQ(matched, expected) << filter;
  };
  expect_count("province = \"四川省\"",
               [](const nlohmann::json& m) { return m["jurisdiction"]["province"] == "四川省"; });
  expect_count("report_year >= 2021",
               [](const nlohmann::json& m) { return m["report_year"] >= 2021; });
  expect_count("jurisdiction_code: \"53\"", [](const nlohmann::json& m) {
    return m["jurisdiction"]["code"].get<std::string>().rfind("53", 0) == 0;
  });
  expect_count("level = \"township\" OR level = \"county\"", [](const nlohmann::json& m) {
    return m["jurisdiction"]["level"] == "township" || m["jurisdiction"]["level"] == "county";
  });
}

// A State Council work report: kind government_work_report, level national (no code), the
// reviewed year, the delivery day; filters and facets carry the new values.
TEST_F(EndToEndTest, WorkReportsOfTheNationAreFilteredAndCounted) {
  const std::string text =
      "政府工作报告\n——2019年3月5日在第十三届全国人民代表大会第二次会议上\n国务院总理 "
      "某某\n各位代表：\n"
      "现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。\n一、2018年工作"
      "回顾\n"
      "过去一年，全国各族人民砥砺奋进。国内生产总值增长6.6%"
      "，总量突破90万亿元。城镇新增就业1361万人。"
      "全国办理法律援助案件约130万件。\n"
      "我们也清醒看到，我国发展面临不少困难和挑战。\n三、2019年政府工作任务\n今年要继续推进改革。"
      "\n";
  v1::IngestDocumentResponse ingested;
  grpc::Status status = Ingest(text, "guowuyuan_2019.txt", &ingested);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const v1::Report report = Get(ingested.name());
  const v1::ReportMetadata& metadata = report.record().metadata();
  EXPECT_EQ(metadata.document_kind(), "government_work_report");
  EXPECT_EQ(metadata.report_year(), 2018);
  EXPECT_EQ(metadata.delivered_on(), "2019-03-05");
  EXPECT_EQ(metadata.jurisdiction().level(), "national");
  EXPECT_EQ(metadata.jurisdiction().code(), "");
  ASSERT_GT(metadata.issuers_size(), 0);
  EXPECT_EQ(metadata.issuers(0), "国务院");

  for (const std::string filter :
       {"level = \"national\"", "document_kind = \"government_work_report\""}) {
    absl::StatusOr<v1::ListReportsResponse> listed = List(filter);
    ASSERT_TRUE(listed.ok()) << filter << ": " << listed.status();
    ASSERT_EQ(listed->reports_size(), 1) << filter;
    EXPECT_EQ(listed->reports(0).name(), ingested.name()) << filter;
  }
  v1::GetFacetsRequest facets_request;
  facets_request.set_filter("report_year = 2018");  // no sample report is of 2018
  v1::GetFacetsResponse facets;
  ASSERT_TRUE(query_->GetFacets(Context().get(), facets_request, &facets).ok());
  std::map<std::string, std::map<std::string, int64_t>> counts;
  for (const v1::Facet& facet : facets.facets()) {
    for (const v1::FacetCount& count : facet.counts())
      counts[facet.field()][count.value()] = count.count();
  }
  EXPECT_EQ(counts["level"]["national"], 1);
  EXPECT_EQ(counts["document_kind"]["government_work_report"], 1);
  EXPECT_EQ(counts["report_year"]["2018"], 1);
}

TEST_F(EndToEndTest, MalformedFiltersNameThePosition) {
  absl::StatusOr<v1::ListReportsResponse> listed = List("report_year >= 2020 AND yr = 1");
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(listed.status().message()), HasSubstr("unknown field 'yr' at column 25"));
}

TEST_F(EndToEndTest, PagesCoverEveryReportOnceAndTokensAreChecked) {
  int64_t total = CountReports();
  std::set<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    absl::StatusOr<v1::ListReportsResponse> page = List("", 2, token);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const v1::Report& report : page->reports()) EXPECT_TRUE(seen.insert(report.name()).second);
    token = page->next_page_token();
    ++pages;
  } while (!token.empty() && pages < 100);
  EXPECT_EQ(static_cast<int64_t>(seen.size()), total);

  absl::StatusOr<v1::ListReportsResponse> first = List("", 2);
  ASSERT_TRUE(first.ok());
  absl::StatusOr<v1::ListReportsResponse> other_filter =
      List("report_year > 2000", 2, first->next_page_token());
  EXPECT_EQ(other_filter.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(List("", 2, "not-a-token").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(EndToEndTest, SearchFindsExactlyTheReportsContainingThePhraseWithSnippets) {
  for (std::string phrase : {"调解", "法", "行政复议", "不存在的短语xyz"}) {
    std::set<std::string> expected;
    for (const auto& [file, name] : names_) {
      if (Get(name, v1::REPORT_VIEW_FULL).text().find(phrase) != std::string::npos)
        expected.insert(name);
    }
    v1::SearchReportsRequest request;
    request.set_query(phrase);
    request.set_filter("state = \"extracted\"");
    request.set_page_size(200);
    v1::SearchReportsResponse response;
    ASSERT_TRUE(query_->SearchReports(Context().get(), request, &response).ok());
    std::set<std::string> found;
    for (const v1::SearchHit& hit : response.hits()) {
      bool is_sample = std::any_of(names_.begin(), names_.end(), [&](const auto& entry) {
        return entry.second == hit.report().name();
      });
      if (is_sample) found.insert(hit.report().name());
      ASSERT_GT(hit.snippets_size(), 0);
      const v1::Snippet& snippet = hit.snippets(0);
      ASSERT_GT(snippet.highlights_size(), 0);
      // The highlight, cut from the snippet by code points, is the phrase itself.
      std::u32string wide;
      for (size_t i = 0; i < snippet.text().size();) {
        unsigned char c = snippet.text()[i];
        int length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        wide.push_back(static_cast<char32_t>(i));
        i += length;
      }
      const v1::Span& span = snippet.highlights(0);
      size_t begin = wide[span.begin()];
      size_t end =
          span.end() < static_cast<int64_t>(wide.size()) ? wide[span.end()] : snippet.text().size();
      EXPECT_EQ(snippet.text().substr(begin, end - begin), phrase);
    }
    EXPECT_EQ(found, expected) << phrase;
  }
  v1::SearchReportsRequest empty;
  v1::SearchReportsResponse response;
  EXPECT_EQ(query_->SearchReports(Context().get(), empty, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(EndToEndTest, CliListsGetsAndSearchesTheArchive) {
  CommandResult search = RunCli(*suite_, {"search", "调解"});
  ASSERT_EQ(search.exit_code, 0) << search.err;
  EXPECT_THAT(search.out, HasSubstr("【调解】"));
  EXPECT_THAT(search.out, HasSubstr("reports contain \"调解\""));
  CommandResult list = RunCli(*suite_, {"list", "--format", "json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  nlohmann::json parsed = nlohmann::json::parse(list.out);
  EXPECT_EQ(parsed["total_size"], CountReports());
  CommandResult get = RunCli(*suite_, {"get", names_[samples_->front().file_name]});
  ASSERT_EQ(get.exit_code, 0) << get.err;
  EXPECT_THAT(get.out, HasSubstr("extracted"));
  // A report whose text has no title (a sample among them) is "(untitled)" in the table, not its
  // file name, which stays provenance.
  CommandResult table = RunCli(*suite_, {"list"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  bool untitled_sample = false;
  for (const SampleReport& sample : *samples_) {
    EXPECT_THAT(table.out, Not(HasSubstr(sample.file_name)));
    untitled_sample = untitled_sample || !sample.gold["metadata"]["title"].is_string();
  }
  if (untitled_sample) {
    EXPECT_THAT(table.out, HasSubstr("(untitled)"));
  }
  CommandResult missing = RunCli(*suite_, {"get", "reports/0000000000000000"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("NOT_FOUND"));
  CommandResult bad_filter = RunCli(*suite_, {"list", "--filter", "level ="});
  EXPECT_EQ(bad_filter.exit_code, 1);
  EXPECT_THAT(bad_filter.err, HasSubstr("INVALID_ARGUMENT"));
  // A global flag's value after a space, as with `=`, overrides the environment.
  Environment elsewhere = suite_->environment();
  elsewhere["FAZHI_QUERY_ADDR"] = "127.0.0.1:1";
  CommandResult spaced =
      RunBinary("fazhi", {"--query-addr", suite_->query_addr, "list"}, elsewhere);
  EXPECT_EQ(spaced.exit_code, 0) << spaced.err;
}

// Issue 19: every page as ONE JSON document, search pages like list, CSV, options anywhere.
TEST_F(EndToEndTest, CliListingsPageAsOneDocumentAndAsCsv) {
  const int64_t reports = CountReports();
  ASSERT_GT(reports, 2);
  CommandResult all = RunCli(*suite_, {"list", "--all", "--page-size", "2", "--format", "json"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  nlohmann::json listed = nlohmann::json::parse(all.out);  // throws on two documents
  EXPECT_EQ(listed["reports"].size(), static_cast<size_t>(reports));
  EXPECT_EQ(listed["next_page_token"], "");

  CommandResult page =
      RunCli(*suite_, {"search", "--page-size=1", "调解"});  // options before the argument
  ASSERT_EQ(page.exit_code, 0) << page.err;
  EXPECT_THAT(page.out, HasSubstr("; next page: --page-token "));
  CommandResult hits =
      RunCli(*suite_, {"search", "调解", "--all", "--page-size", "1", "--format=json"});
  ASSERT_EQ(hits.exit_code, 0) << hits.err;
  nlohmann::json searched = nlohmann::json::parse(hits.out);
  EXPECT_GT(searched["hits"].size(), 1u);
  EXPECT_EQ(searched["hits"].size(), searched["total_size"]);
  EXPECT_EQ(searched["next_page_token"], "");

  CommandResult csv = RunCli(*suite_, {"list", "--format", "csv", "--all"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_THAT(csv.out, ::testing::StartsWith("name,state,report_year,jurisdiction_code,"));
  size_t rows = 0;
  for (size_t at = csv.out.find("\r\nreports/"); at != std::string::npos;
       at = csv.out.find("\r\nreports/", at + 1)) {
    ++rows;
  }
  EXPECT_EQ(rows, static_cast<size_t>(reports));
  CommandResult search_csv =
      RunCli(*suite_, {"search", "调解", "--format", "csv", "--page-size", "1"});
  ASSERT_EQ(search_csv.exit_code, 0) << search_csv.err;
  EXPECT_THAT(search_csv.out, HasSubstr("【调解】"));
  EXPECT_THAT(search_csv.err, HasSubstr("next page: --page-token")) << "CSV on stdout is data only";
  EXPECT_THAT(search_csv.out, Not(HasSubstr("next page")));

  CommandResult unknown = RunCli(*suite_, {"search", "调解", "--order-by", "name"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("unknown option --order-by; the options are --filter F"));
}

// Issue 19: every command's --format json spells values alike, as the tables and filters do.
// Walks a document: enum names are lowercase words ("extracted", never REPORT_STATE_EXTRACTED),
// and the integers named below are JSON numbers wherever they appear (never "55").
void ExpectCliJsonSpelling(const nlohmann::json& json, const std::string& where) {
  static const std::set<std::string> kIntegers = {
      "total_size",    "count",        "match_count",  "offset",
      "begin",         "end",          "page",         "report_year",
      "text_length",   "attempts",     "report_count", "stating_count",
      "suspect_count", "queued_count", "reread_count", "requeued_count",
      "files",         "new",          "duplicate",    "failed",
      "retries",       "pending"};
  static const std::set<std::string> kEnums = {"state", "status", "result"};
  if (json.is_array()) {
    for (const nlohmann::json& element : json) ExpectCliJsonSpelling(element, where);
    return;
  }
  if (!json.is_object()) return;
  for (const auto& [key, value] : json.items()) {
    if (kIntegers.contains(key)) {
      EXPECT_TRUE(value.is_number_integer()) << where << ": " << key << " is " << value.dump();
    }
    if (kEnums.contains(key)) {
      const std::string word = value.is_string() ? value.get<std::string>() : "";
      EXPECT_TRUE(!word.empty() && std::all_of(word.begin(), word.end(),
                                               [](char c) { return islower(c) || c == '_'; }))
          << where << ": " << key << " is " << value.dump();
    }
    ExpectCliJsonSpelling(value, where);
  }
}

nlohmann::json CliJson(const ServiceSuite& suite, const std::vector<std::string>& args) {
  CommandResult result = RunCli(suite, args);
  EXPECT_EQ(result.exit_code, 0) << args[0] << ": " << result.err;
  nlohmann::json json = nlohmann::json::parse(result.out, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(json.is_discarded()) << args[0] << " printed no JSON document: " << result.out;
  ExpectCliJsonSpelling(json, args[0]);
  return json;
}

TEST_F(EndToEndTest, CliJsonSpellsEnumsAndNumbersAlikeInEveryCommand) {
  nlohmann::json listed = CliJson(*suite_, {"list", "--format", "json"});
  ASSERT_FALSE(listed["reports"].empty());
  EXPECT_EQ(listed["reports"][0]["state"], "extracted") << "as `list` and its filters say it";
  EXPECT_EQ(listed["total_size"], CountReports());
  nlohmann::json searched = CliJson(*suite_, {"search", "调解", "--format", "json"});
  ASSERT_FALSE(searched["hits"].empty());
  EXPECT_EQ(searched["hits"][0]["report"]["state"], "extracted");
  nlohmann::json jobs = CliJson(*suite_, {"jobs", "--format", "json"});
  ASSERT_FALSE(jobs["jobs"].empty());
  EXPECT_EQ(jobs["jobs"][0]["state"], "done");
  nlohmann::json facets = CliJson(*suite_, {"facets", "--format", "json"});
  EXPECT_EQ(facets["total_size"], CountReports());
  nlohmann::json compared =
      CliJson(*suite_, {"indicators", "compare", "litigation.cases", "--format", "json"});
  ASSERT_FALSE(compared["rows"].empty());
  EXPECT_TRUE(compared["summary"]["min"].is_number());

  std::string file = "/tmp/fazhi-cli-json-" + std::to_string(getpid()) + ".txt";
  std::ofstream(file) << samples_->front().bytes;  // a duplicate
  nlohmann::json ingested = CliJson(*suite_, {"ingest", file, "--format", "json"});
  std::filesystem::remove(file);
  EXPECT_EQ(ingested["duplicate"], 1);
  EXPECT_EQ(ingested["documents"][0]["result"], "duplicate");

  // The commands that refused --format before issue 19.
  nlohmann::json health = CliJson(*suite_, {"health", "--format", "json"});
  ASSERT_EQ(health["services"].size(), 3u);
  EXPECT_EQ(health["services"][0]["status"], "serving");
  EXPECT_EQ(CliJson(*suite_, {"wait-ready", "--format", "json"})["services"].size(), 3u);
  EXPECT_EQ(CliJson(*suite_, {"wait-extracted", "--format", "json"})["pending"], 0);
  EXPECT_EQ(CliJson(*suite_, {"reextract", "--format", "json"})["queued_count"], 0)
      << "every record is of this extractor";
  // Requeueing the dead jobs when there are none changes nothing the other tests read.
  nlohmann::json dead = CliJson(*suite_, {"jobs", "--state", "dead", "--format", "json"});
  ASSERT_EQ(dead["total_size"], 0);
  EXPECT_EQ(CliJson(*suite_, {"requeue", "--state", "dead", "--format", "json"})["requeued_count"],
            0);
}

// Issue 19: a value nobody knows is absent, a stated zero is 0.
TEST_F(EndToEndTest, CliJsonLeavesOutUnknownValuesAndKeepsStatedZeros) {
  nlohmann::json empty = CliJson(*suite_, {"indicators", "compare", "litigation.cases", "--filter",
                                           "report_year = 1900", "--format", "json"});
  EXPECT_EQ(empty["summary"]["stating_count"], 0);
  for (const char* statistic : {"min", "median", "max", "mean"})
    EXPECT_FALSE(empty["summary"].contains(statistic)) << statistic << " of nothing";

  // The sample whose gold says it states no lawsuits: a text report, typed, never OCRed.
  auto zero = std::find_if(samples_->begin(), samples_->end(), [](const SampleReport& sample) {
    const nlohmann::json& cases = sample.gold["indicators"]["litigation.cases"];
    return cases.is_object() && cases["value"] == 0;
  });
  ASSERT_NE(zero, samples_->end());
  nlohmann::json report =
      CliJson(*suite_, {"get", names_[zero->file_name], "--view", "full", "--format", "json"});
  const nlohmann::json& indicators = report["record"]["indicators"];
  auto cases = std::find_if(indicators.begin(), indicators.end(),
                            [](const nlohmann::json& i) { return i["id"] == "litigation.cases"; });
  ASSERT_NE(cases, indicators.end());
  ASSERT_TRUE(cases->contains("value"));
  EXPECT_EQ((*cases)["value"], 0);
  int spans = 0;
  for (const nlohmann::json& quantity : report["record"]["quantities"]) {
    ++spans;
    EXPECT_FALSE(quantity["span"].contains("ocr_confidence")) << quantity.dump();
  }
  for (const nlohmann::json& indicator : indicators) {
    ++spans;
    EXPECT_FALSE(indicator["span"].contains("ocr_confidence")) << indicator.dump();
    EXPECT_FALSE(indicator["evidence_span"].contains("ocr_confidence")) << indicator.dump();
  }
  EXPECT_GT(spans, 1);
}

// Issue 19: requeueing a report the archive does not hold says so.
TEST_F(EndToEndTest, CliRequeueOfAnUnknownReportIsNotFound) {
  CommandResult missing = RunCli(*suite_, {"requeue", "reports/0000000000000000"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("NOT_FOUND"));
}

TEST_F(EndToEndTest, CliIngestsAFolderAndCountsNewDuplicateAndFailed) {
  std::string folder = "/tmp/fazhi-cli-ingest-" + std::to_string(getpid());
  std::filesystem::create_directories(folder + "/nested");
  std::ofstream(folder + "/a.txt") << samples_->front().bytes;  // duplicate
  std::ofstream(folder + "/nested/b.txt") << samples_->front().bytes << "\n附记:新版本。\n";  // new
  std::ofstream(folder + "/nested/c.pdf") << "%PDF-1.5 ...";  // failed
  CommandResult result = RunCli(*suite_, {"ingest", folder});
  std::filesystem::remove_all(folder);
  EXPECT_EQ(result.exit_code, 1) << "a failed file makes the exit code non-zero";
  EXPECT_THAT(result.out, HasSubstr("ingested 3 files: 1 new, 1 duplicate, 1 failed"));
  EXPECT_THAT(result.err, HasSubstr("c.pdf"));
}

// Issue 20, finding 9: an empty FAZHI_*_METRICS_ADDR fell back to the default port.
TEST_F(EndToEndTest, AnEmptyMetricsAddressTurnsMetricsOff) {
  for (const ServiceProcess* service :
       {suite_->ingestion.get(), suite_->extraction.get(), suite_->query.get()}) {
    std::string log = service->LogTail(1 << 22);
    EXPECT_THAT(log, HasSubstr("event=serving")) << service->log_path();
    EXPECT_THAT(log, Not(HasSubstr("metrics_serving"))) << service->log_path();
    EXPECT_THAT(log, Not(HasSubstr("metrics_unavailable"))) << service->log_path();
  }
}

// Issue 20, finding 9: a second fazhi-query on the same port bound it too (SO_REUSEPORT) and
// logged `serving`, sharing the first one's calls.
TEST_F(EndToEndTest, ASecondServiceOnATakenAddressFailsToStart) {
  std::string log = absl::StrCat(::testing::TempDir(), "/second-query.log");
  std::string command = absl::StrCat(
      "env FAZHI_DATABASE_URL='", database_->url(), "' FAZHI_QUERY_ADDR=", suite_->query_addr,
      " FAZHI_QUERY_METRICS_ADDR= FAZHI_DATA_DIR='", SourceDir(), "/data' timeout 60 '",
      BinaryDir(), "/fazhi-query' >'", log, "' 2>&1");
  int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status)) << command;
  EXPECT_NE(WEXITSTATUS(status), 0) << "it started";
  EXPECT_NE(WEXITSTATUS(status), 124) << "still running after 60 s: it bound the taken port";
  std::ifstream in(log);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_THAT(text, HasSubstr("address in use")) << text;
}

TEST_F(EndToEndTest, ServicesStopCleanlyOnSigterm) {
  // A separate query service on the same database: SIGTERM drains and exits 0.
  Environment environment = suite_->environment();
  std::string address = "127.0.0.1:" + std::to_string(FreePort());
  environment["FAZHI_QUERY_ADDR"] = address;
  ServiceProcess query("fazhi-query", address, environment);
  ASSERT_TRUE(query.Start().ok());
  EXPECT_EQ(query.Stop(), 0);
  EXPECT_THAT(query.LogTail(), HasSubstr("event=stopped"));
  EXPECT_THAT(query.LogTail(), HasSubstr("event=draining"));
}

}  // namespace
}  // namespace fazhi::testing
