// The query service against a real archive: a few hundred generated reports ingested through the
// real services, and every search, filter, facet, series, comparison and export checked against
// answers computed here, independently, from each report's full view (its normalized text and its
// extracted record) with plain string scans, loops and sorts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <set>
#include <sstream>
#include <thread>

#include "common/status/grpc_status.h"
#include "common/text/csv.h"
#include "common/text/shortest_decimal.h"
#include "fazhi/v1/ingestion.grpc.pb.h"
#include "fazhi/v1/query.grpc.pb.h"
#include "tests/testing/service_process.h"
#include "tests/testing/test_database.h"
#include "tools/corpus_generator/corpus_generator.h"

namespace fazhi::testing {
namespace {

using ::testing::HasSubstr;

constexpr int kReports = 300;
constexpr int kSeriesExtra = 5;  // of the 300, reports of one place in other years
constexpr uint64_t kSeed = 20240611;

// One archived report as the test knows it: the full view, and its indicators by id (the first
// stated value of each id, as the archive's indicator table keeps it).
struct Truth {
  std::string name;  // reports/{id}
  v1::Report report;
  std::map<std::string, v1::Indicator> indicators;
  std::vector<size_t> starts;  // of the text's code points

  const v1::ReportMetadata& metadata() const { return report.record().metadata(); }
  const v1::Jurisdiction& jurisdiction() const { return metadata().jurisdiction(); }
  const std::string& text() const { return report.text(); }
  bool Has(const std::string& phrase) const { return text().find(phrase) != std::string::npos; }
  const v1::Indicator* Indicator(const std::string& id) const {
    auto found = indicators.find(id);
    return found == indicators.end() ? nullptr : &found->second;
  }
};

using Predicate = std::function<bool(const Truth&)>;

// Non-overlapping occurrences, scanning left to right.
int64_t CountOccurrences(const std::string& text, const std::string& phrase) {
  int64_t count = 0;
  for (size_t at = text.find(phrase); at != std::string::npos;
       at = text.find(phrase, at + phrase.size())) {
    ++count;
  }
  return count;
}

// Byte offsets of each code point's start, plus the end.
std::vector<size_t> CodepointStarts(const std::string& text) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  starts.push_back(text.size());
  return starts;
}

std::string CodepointSlice(const std::string& text, const std::vector<size_t>& starts,
                           int64_t begin, int64_t end) {
  int64_t last = static_cast<int64_t>(starts.size()) - 1;
  begin = std::clamp<int64_t>(begin, 0, last);
  end = std::clamp<int64_t>(end, begin, last);
  return text.substr(starts[begin], starts[end] - starts[begin]);
}

bool IsHan(const std::string& text, size_t begin, size_t end) {
  // Three-byte UTF-8 in U+4E00..U+9FFF starts with 0xE4..0xE9.
  unsigned char lead = text[begin];
  return end - begin == 3 && lead >= 0xE4 && lead <= 0xE9;
}

// The exports' CSV read back with the project's reader (RFC 4180); a parse error fails the test.
std::vector<std::vector<std::string>> ParseCsv(const std::string& data) {
  absl::StatusOr<std::vector<std::vector<std::string>>> records = text::ParseCsv(data);
  EXPECT_TRUE(records.ok()) << records.status();
  return records.ok() ? *std::move(records) : std::vector<std::vector<std::string>>{};
}

// percentile_cont(0.5): the middle value, or the mean of the two middle ones.
double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// What a paged search returned.
struct SearchResult {
  grpc::Status status;
  std::map<std::string, int64_t> match_counts;  // name -> match_count
  int64_t total_size = -1;
  std::set<std::string> names() const {
    std::set<std::string> names;
    for (const auto& [name, count] : match_counts) names.insert(name);
    return names;
  }
};

// What an export streamed.
struct ExportResult {
  grpc::Status status;
  std::string data;
  int chunks = 0;
  int64_t total_rows = -1;
  int64_t rows_written = -1;
};

class QueryAnalyticsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::Time start = absl::Now();
    database_ = new TestDatabase();
    suite_ = new ServiceSuite(database_->url(), {{"FAZHI_JOB_POLL_MS", "100"}});
    absl::Status started = suite_->StartAll();
    ASSERT_TRUE(started.ok()) << started;
    truth_ = new std::vector<Truth>();
    IngestGeneratedReports();
    absl::Time ingested = absl::Now();
    WaitUntilNonePending();
    absl::Time extracted = absl::Now();
    LoadTruth();
    std::cerr << "[ setup    ] " << truth_->size()
              << " reports: services started and reports ingested in "
              << absl::FormatDuration(ingested - start) << ", extracted in "
              << absl::FormatDuration(extracted - ingested) << ", read back in "
              << absl::FormatDuration(absl::Now() - extracted) << "\n";
  }

  static void TearDownTestSuite() {
    delete truth_;
    delete suite_;
    delete database_;
    truth_ = nullptr;
    suite_ = nullptr;
    database_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(truth_, nullptr);
    ASSERT_GE(truth_->size(), static_cast<size_t>(kReports - kSeriesExtra))
        << "the suite's set-up failed";
    query_ = v1::QueryService::NewStub(suite_->Channel(suite_->query_addr));
  }

  static std::unique_ptr<grpc::ClientContext> Context() {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    return context;
  }

  static std::unique_ptr<v1::QueryService::Stub> QueryStub() {
    return v1::QueryService::NewStub(suite_->Channel(suite_->query_addr));
  }

  // The first reports of the sequence, and further down it a few more reports of the first
  // county's place in other years, so that one jurisdiction has a real series.
  static std::vector<int64_t> Sequences(const corpus::CorpusGenerator& generator) {
    std::vector<int64_t> sequences;
    std::string code;
    std::set<int> years;
    for (int64_t i = 0; i < kReports - kSeriesExtra; ++i) {
      sequences.push_back(i);
      corpus::GeneratedReport generated = generator.Generate(i);
      if (code.empty() && generated.jurisdiction_level == "county") {
        code = generated.jurisdiction_code;
        years.insert(generated.report_year);
      }
    }
    for (int64_t i = kReports; i < 200000 && sequences.size() < static_cast<size_t>(kReports);
         ++i) {
      corpus::GeneratedReport generated = generator.Generate(i);
      if (generated.jurisdiction_code == code && years.insert(generated.report_year).second) {
        sequences.push_back(i);
      }
    }
    return sequences;
  }

  // One stream of documents; a reader thread drains the answers meanwhile.
  static grpc::Status IngestStream(const std::vector<v1::IngestDocumentRequest>& requests,
                                   std::vector<v1::StreamIngestDocumentsResponse>* responses) {
    auto ingestion = v1::IngestionService::NewStub(suite_->Channel(suite_->ingestion_addr));
    auto context = Context();
    auto stream = ingestion->StreamIngestDocuments(context.get());
    std::thread reader([&] {
      for (v1::StreamIngestDocumentsResponse response; stream->Read(&response);) {
        responses->push_back(response);
      }
    });
    for (const v1::IngestDocumentRequest& request : requests) {
      if (!stream->Write(request)) break;
    }
    stream->WritesDone();
    reader.join();
    return stream->Finish();
  }

  // Ingestion extracts each document before answering, so two streams keep both cores busy.
  static void IngestGeneratedReports() {
    corpus::CorpusGeneratorOptions options;
    options.seed = kSeed;
    absl::StatusOr<corpus::CorpusGenerator> generator = corpus::CorpusGenerator::Create(options);
    ASSERT_TRUE(generator.ok()) << generator.status();
    std::vector<int64_t> sequences = Sequences(*generator);
    constexpr int kStreams = 2;
    std::vector<v1::IngestDocumentRequest> requests[kStreams];
    for (size_t i = 0; i < sequences.size(); ++i) {
      corpus::GeneratedReport generated = generator->Generate(sequences[i]);
      v1::IngestDocumentRequest& request = requests[i % kStreams].emplace_back();
      request.mutable_document()->set_content(generated.bytes);
      request.mutable_document()->set_file_name(generated.file_name);
      request.mutable_document()->set_source_url("https://example.gov.cn/" + generated.file_name);
    }
    std::vector<v1::StreamIngestDocumentsResponse> responses[kStreams];
    grpc::Status statuses[kStreams];
    std::vector<std::thread> streams;
    for (int i = 0; i < kStreams; ++i) {
      streams.emplace_back([&, i] { statuses[i] = IngestStream(requests[i], &responses[i]); });
    }
    for (std::thread& stream : streams) stream.join();
    std::set<std::string> names;
    for (int i = 0; i < kStreams; ++i) {
      ASSERT_TRUE(statuses[i].ok()) << statuses[i].error_message();
      ASSERT_EQ(responses[i].size(), requests[i].size());
      for (const v1::StreamIngestDocumentsResponse& response : responses[i]) {
        ASSERT_EQ(response.error_code(), 0) << response.error_message();
        names.insert(response.result().name());
      }
    }
    ASSERT_EQ(names.size(), sequences.size()) << "generated reports collided";
    for (const std::string& name : names) truth_->push_back(Truth{name, {}, {}, {}});
  }

  static int64_t Pending(v1::QueryService::Stub* stub) {
    v1::ListReportsRequest request;
    request.set_filter("state = \"pending\"");
    request.set_page_size(1);
    v1::ListReportsResponse response;
    grpc::Status status = stub->ListReports(Context().get(), request, &response);
    return status.ok() ? response.total_size() : -1;
  }

  static void WaitUntilNonePending() {
    auto stub = QueryStub();
    absl::Time deadline = absl::Now() + absl::Seconds(240);
    int64_t pending = Pending(stub.get());
    while (pending != 0 && absl::Now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      pending = Pending(stub.get());
    }
    ASSERT_EQ(pending, 0) << "reports still pending";
  }

  static void LoadTruth() {
    auto stub = QueryStub();
    for (Truth& truth : *truth_) {
      v1::GetReportRequest request;
      request.set_name(truth.name);
      request.set_view(v1::REPORT_VIEW_FULL);
      grpc::Status status = stub->GetReport(Context().get(), request, &truth.report);
      ASSERT_TRUE(status.ok()) << truth.name << ": " << status.error_message();
      truth.starts = CodepointStarts(truth.text());
      for (const v1::Indicator& indicator : truth.report.record().indicators()) {
        truth.indicators.emplace(indicator.id(), indicator);  // the first of an id stays
      }
    }
  }

  // ---- calls ----

  absl::StatusOr<std::vector<std::string>> ListNames(const std::string& filter,
                                                     const std::string& order_by = "",
                                                     int page_size = 1000) {
    std::vector<std::string> names;
    std::string token;
    int64_t total = -1;
    do {
      v1::ListReportsRequest request;
      request.set_filter(filter);
      request.set_order_by(order_by);
      request.set_page_size(page_size);
      request.set_page_token(token);
      v1::ListReportsResponse response;
      grpc::Status status = query_->ListReports(Context().get(), request, &response);
      if (!status.ok()) {
        return FromGrpcStatus(status);
      }
      for (const v1::Report& report : response.reports()) names.push_back(report.name());
      if (total >= 0) {
        EXPECT_EQ(response.total_size(), total) << "total_size changed between pages";
      }
      total = response.total_size();
      token = response.next_page_token();
    } while (!token.empty() && names.size() <= truth_->size());
    EXPECT_EQ(static_cast<int64_t>(names.size()), total) << filter;
    return names;
  }

  // Pages through every hit (50 a page) and checks the order and the snippets on the way.
  SearchResult Search(const std::string& query, const std::string& filter = "",
                      const std::vector<std::string>& positive = {}) {
    SearchResult result;
    std::string token;
    int64_t previous_count = INT64_MAX;
    std::string previous_name;
    int pages = 0;
    do {
      v1::SearchReportsRequest request;
      request.set_query(query);
      request.set_filter(filter);
      request.set_page_size(50);
      request.set_page_token(token);
      v1::SearchReportsResponse response;
      result.status = query_->SearchReports(Context().get(), request, &response);
      if (!result.status.ok()) return result;
      if (result.total_size >= 0) {
        EXPECT_EQ(response.total_size(), result.total_size) << query;
      }
      result.total_size = response.total_size();
      for (const v1::SearchHit& hit : response.hits()) {
        const std::string& name = hit.report().name();
        EXPECT_TRUE(result.match_counts.emplace(name, hit.match_count()).second)
            << query << ": " << name << " on two pages";
        // Most matches first, then by name.
        EXPECT_TRUE(hit.match_count() < previous_count ||
                    (hit.match_count() == previous_count && name > previous_name))
            << query << ": " << name << " out of order";
        previous_count = hit.match_count();
        previous_name = name;
        CheckSnippets(query, hit, positive);
      }
      token = response.next_page_token();
      ++pages;
    } while (!token.empty() && pages <= static_cast<int>(truth_->size()) / 50 + 2);
    EXPECT_TRUE(token.empty()) << query << ": more pages than hits";
    return result;
  }

  // Each snippet is the report's text at its offset and each highlight is one of the phrases (or
  // overlapping ones sharing a highlight: it begins with one and ends with one).
  void CheckSnippets(const std::string& query, const v1::SearchHit& hit,
                     const std::vector<std::string>& positive) {
    if (positive.empty()) return;
    const Truth* truth = Find(hit.report().name());
    ASSERT_NE(truth, nullptr);
    EXPECT_GT(hit.snippets_size(), 0) << query << ": " << truth->name;
    for (const v1::Snippet& snippet : hit.snippets()) {
      std::vector<size_t> snippet_starts = CodepointStarts(snippet.text());
      int64_t length = static_cast<int64_t>(snippet_starts.size()) - 1;
      EXPECT_EQ(
          CodepointSlice(truth->text(), truth->starts, snippet.offset(), snippet.offset() + length),
          snippet.text())
          << query << ": " << truth->name;
      for (const v1::Span& highlight : snippet.highlights()) {
        std::string marked =
            CodepointSlice(snippet.text(), snippet_starts, highlight.begin(), highlight.end());
        auto begins = [&](const std::string& phrase) { return marked.rfind(phrase, 0) == 0; };
        auto ends = [&](const std::string& phrase) {
          return marked.size() >= phrase.size() &&
                 marked.compare(marked.size() - phrase.size(), phrase.size(), phrase) == 0;
        };
        EXPECT_TRUE(std::any_of(positive.begin(), positive.end(), begins) &&
                    std::any_of(positive.begin(), positive.end(), ends))
            << query << ": highlight '" << marked << "' in " << truth->name;
      }
    }
  }

  ExportResult Export(const std::string& filter, v1::ExportContent content, v1::ExportFormat format,
                      const std::string& query = "") {
    v1::ExportReportsRequest request;
    request.set_filter(filter);
    request.set_query(query);
    request.set_content(content);
    request.set_format(format);
    auto context = Context();
    auto stream = query_->ExportReports(context.get(), request);
    ExportResult result;
    int64_t previous_written = 0;
    for (v1::ExportReportsResponse chunk; stream->Read(&chunk);) {
      ++result.chunks;
      result.data += chunk.data();
      if (result.total_rows >= 0) {
        EXPECT_EQ(chunk.total_rows(), result.total_rows);
      }
      result.total_rows = chunk.total_rows();
      EXPECT_GE(chunk.rows_written(), previous_written);
      previous_written = result.rows_written = chunk.rows_written();
    }
    result.status = stream->Finish();
    return result;
  }

  absl::StatusOr<v1::CompareIndicatorResponse> Compare(const std::string& id, int year,
                                                       const std::string& filter, bool descending,
                                                       int page_size = 1000,
                                                       const std::string& page_token = "") {
    v1::CompareIndicatorRequest request;
    request.set_indicator_id(id);
    request.set_report_year(year);
    request.set_filter(filter);
    request.set_descending(descending);
    request.set_page_size(page_size);
    request.set_page_token(page_token);
    v1::CompareIndicatorResponse response;
    grpc::Status status = query_->CompareIndicator(Context().get(), request, &response);
    if (!status.ok()) {
      return FromGrpcStatus(status);
    }
    return response;
  }

  // ---- truth ----

  static const Truth* Find(const std::string& name) {
    for (const Truth& truth : *truth_) {
      if (truth.name == name) return &truth;
    }
    return nullptr;
  }

  static std::set<std::string> Matching(const Predicate& predicate) {
    std::set<std::string> names;
    for (const Truth& truth : *truth_) {
      if (predicate(truth)) names.insert(truth.name);
    }
    return names;
  }

  // The most common value of a field over the reports (ties: the smallest).
  static std::string MostCommon(const std::function<std::string(const Truth&)>& field) {
    std::map<std::string, int> counts;
    for (const Truth& truth : *truth_) {
      std::string value = field(truth);
      if (!value.empty()) ++counts[value];
    }
    std::string best;
    int best_count = 0;
    for (const auto& [value, count] : counts) {
      if (count > best_count) best = value, best_count = count;
    }
    return best;
  }

  // The indicator stated by the most reports.
  static std::string MostStatedIndicator() {
    std::map<std::string, int> counts;
    for (const Truth& truth : *truth_) {
      for (const auto& [id, indicator] : truth.indicators) ++counts[id];
    }
    std::string best;
    int best_count = 0;
    for (const auto& [id, count] : counts) {
      if (count > best_count) best = id, best_count = count;
    }
    return best;
  }

  // A phrase of `length` Han characters found in 1..max_reports reports, taken from the texts
  // themselves (the corpus decides which are rare, not the test).
  static std::string RarePhrase(int length, int max_reports) {
    for (size_t r = truth_->size(); r-- > 0;) {
      const std::string& text = (*truth_)[r].text();
      const std::vector<size_t>& starts = (*truth_)[r].starts;
      for (size_t i = 0; i + length < starts.size(); i += 7) {
        bool han = true;
        for (int k = 0; k < length && han; ++k) han = IsHan(text, starts[i + k], starts[i + k + 1]);
        if (!han) continue;
        std::string phrase = text.substr(starts[i], starts[i + length] - starts[i]);
        int reports = 0;
        for (const Truth& truth : *truth_) reports += truth.Has(phrase) ? 1 : 0;
        if (reports <= max_reports) return phrase;
      }
    }
    return "";
  }

  static TestDatabase* database_;
  static ServiceSuite* suite_;
  static std::vector<Truth>* truth_;
  std::unique_ptr<v1::QueryService::Stub> query_;
};

TestDatabase* QueryAnalyticsTest::database_ = nullptr;
ServiceSuite* QueryAnalyticsTest::suite_ = nullptr;
std::vector<Truth>* QueryAnalyticsTest::truth_ = nullptr;

std::string Year(const Truth& truth) {
  int year = truth.metadata().report_year();
  return year == 0 ? "" : std::to_string(year);
}

TEST_F(QueryAnalyticsTest, SearchHitsEqualAPlainScanForOneTwoAndFourCharacterPhrases) {
  {
    SCOPED_TRACE("every generated report is extracted with a jurisdiction and year");
    int with_code = 0, with_year = 0, with_indicators = 0;
    for (const Truth& truth : *truth_) {
      EXPECT_EQ(truth.report.state(), v1::REPORT_STATE_EXTRACTED)
          << truth.name << truth.report.error();
      EXPECT_FALSE(truth.text().empty()) << truth.name;
      with_code += truth.jurisdiction().code().empty() ? 0 : 1;
      with_year += truth.metadata().report_year() != 0 ? 1 : 0;
      with_indicators += truth.indicators.empty() ? 0 : 1;
    }
    // The generated reports are realistic: nearly all name their place and year and state figures.
    int reports = static_cast<int>(truth_->size());
    EXPECT_GT(with_code, reports * 9 / 10);
    EXPECT_GT(with_year, reports * 9 / 10);
    EXPECT_GT(with_indicators, reports / 2);
  }

  {
    SCOPED_TRACE("search hits equal a plain scan for one two and four character phrases");
    std::vector<std::string> phrases = {"法", "调解", "法治政府", "行政复议", "2021", "。", "府"};
    for (int length : {1, 2, 4}) {
      std::string rare = RarePhrase(length, 5);
      ASSERT_FALSE(rare.empty()) << "no rare phrase of " << length << " characters";
      phrases.push_back(rare);
    }
    for (std::string absent : {"龘", "龘鱻", "龘鱻齉靐"}) {
      ASSERT_TRUE(Matching([&](const Truth& t) { return t.Has(absent); }).empty());
      phrases.push_back(absent);
    }
    std::cerr << "[ phrases  ]";
    for (const std::string& phrase : phrases) {
      std::set<std::string> expected = Matching([&](const Truth& t) { return t.Has(phrase); });
      std::cerr << " " << phrase << ":" << expected.size();
      SearchResult result = Search(phrase, "", {phrase});
      ASSERT_TRUE(result.status.ok()) << phrase << ": " << result.status.error_message();
      EXPECT_EQ(result.names(), expected) << phrase;
      EXPECT_EQ(result.total_size, static_cast<int64_t>(expected.size())) << phrase;
      for (const auto& [name, count] : result.match_counts) {
        EXPECT_EQ(count, CountOccurrences(Find(name)->text(), phrase)) << phrase << " in " << name;
      }
    }
    std::cerr << "\n";
  }

  {
    SCOPED_TRACE("search folds full width forms and respects the filter");
    // Full-width digits in the query are the ASCII digits of the normalized text.
    SearchResult ascii = Search("2021");
    SearchResult wide = Search("\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x91");  // ２０２１
    ASSERT_TRUE(wide.status.ok()) << wide.status.error_message();
    EXPECT_EQ(wide.match_counts, ascii.match_counts);

    std::string level = MostCommon([](const Truth& t) { return t.jurisdiction().level(); });
    std::string filter = "level = \"" + level + "\" AND report_year >= 2019";
    std::set<std::string> expected = Matching([&](const Truth& t) {
      return t.Has("调解") && t.jurisdiction().level() == level &&
             t.metadata().report_year() >= 2019;
    });
    SearchResult filtered = Search("调解", filter, {"调解"});
    ASSERT_TRUE(filtered.status.ok()) << filtered.status.error_message();
    EXPECT_FALSE(expected.empty());
    EXPECT_EQ(filtered.names(), expected);
    EXPECT_EQ(filtered.total_size, static_cast<int64_t>(expected.size()));

    // A rare phrase's few hits are checked against the filter by id, not by listing the reports
    // passing it: the answer must be the same.
    std::string rare = RarePhrase(4, 5);
    ASSERT_FALSE(rare.empty());
    std::string rare_level;
    for (const Truth& t : *truth_) {
      if (t.Has(rare)) rare_level = t.jurisdiction().level();
    }
    std::set<std::string> rare_expected = Matching(
        [&](const Truth& t) { return t.Has(rare) && t.jurisdiction().level() == rare_level; });
    SearchResult rare_filtered = Search(rare, "level = \"" + rare_level + "\"", {rare});
    ASSERT_TRUE(rare_filtered.status.ok()) << rare_filtered.status.error_message();
    EXPECT_FALSE(rare_expected.empty());
    EXPECT_EQ(rare_filtered.names(), rare_expected);
  }
}

TEST_F(QueryAnalyticsTest, SearchBooleanCombinationsMatchAPlainScan) {
  std::string rare = RarePhrase(4, 5);
  struct Case {
    std::string query;
    Predicate matches;
    std::vector<std::string> positive;  // phrases that count towards match_count
  };
  auto has = [](std::string phrase) { return [phrase](const Truth& t) { return t.Has(phrase); }; };
  std::vector<Case> cases = {
      {"调解 AND 仲裁",
       [&](const Truth& t) { return t.Has("调解") && t.Has("仲裁"); },
       {"调解", "仲裁"}},
      {"调解 仲裁",
       [&](const Truth& t) { return t.Has("调解") && t.Has("仲裁"); },
       {"调解", "仲裁"}},
      {"调解 OR 仲裁",
       [&](const Truth& t) { return t.Has("调解") || t.Has("仲裁"); },
       {"调解", "仲裁"}},
      {"调解 -仲裁", [&](const Truth& t) { return t.Has("调解") && !t.Has("仲裁"); }, {"调解"}},
      {"调解 NOT 仲裁", [&](const Truth& t) { return t.Has("调解") && !t.Has("仲裁"); }, {"调解"}},
      {"NOT 行政复议", [&](const Truth& t) { return !t.Has("行政复议"); }, {}},
      {"-仲裁", [&](const Truth& t) { return !t.Has("仲裁"); }, {}},
      {"(调解 OR 仲裁) -行政复议",
       [&](const Truth& t) { return (t.Has("调解") || t.Has("仲裁")) && !t.Has("行政复议"); },
       {"调解", "仲裁"}},
      {"法 -诉", [&](const Truth& t) { return t.Has("法") && !t.Has("诉"); }, {"法"}},
      {"法治政府 AND " + rare,
       [&](const Truth& t) { return t.Has("法治政府") && t.Has(rare); },
       {"法治政府", rare}},
      {rare + " OR 龘鱻", has(rare), {rare, "龘鱻"}},
      {"\"依法 行政\" OR 复议",
       [&](const Truth& t) { return t.Has("依法 行政") || t.Has("复议"); },
       {"依法 行政", "复议"}},
      {"\"法治政府\" 2021 -(仲裁 OR 龘)",
       [&](const Truth& t) {
         return t.Has("法治政府") && t.Has("2021") && !t.Has("仲裁") && !t.Has("龘");
       },
       {"法治政府", "2021"}},
  };
  for (const Case& c : cases) {
    std::set<std::string> expected = Matching(c.matches);
    SearchResult result = Search(c.query, "", c.positive);
    std::cerr << "[ boolean  ] " << c.query << ": " << expected.size() << " reports\n";
    ASSERT_TRUE(result.status.ok()) << c.query << ": " << result.status.error_message();
    EXPECT_EQ(result.names(), expected) << c.query;
    EXPECT_EQ(result.total_size, static_cast<int64_t>(expected.size())) << c.query;
    for (const auto& [name, count] : result.match_counts) {
      int64_t occurrences = 0;
      for (const std::string& phrase : c.positive)
        occurrences += CountOccurrences(Find(name)->text(), phrase);
      EXPECT_EQ(count, occurrences) << c.query << " in " << name;
    }
  }

  // The query's parameters and the filter's are numbered one after the other.
  std::string indicator = MostStatedIndicator();
  std::string filter =
      "indicators." + indicator + ":* AND report_year >= 2018 AND jurisdiction_name != \"x\"";
  std::set<std::string> expected = Matching([&](const Truth& t) {
    return t.Has("调解") && !t.Has("仲裁") && !t.Has("行政复议") && t.Indicator(indicator) &&
           t.metadata().report_year() >= 2018;
  });
  SearchResult result = Search("调解 -仲裁 -行政复议", filter, {"调解"});
  ASSERT_TRUE(result.status.ok()) << result.status.error_message();
  EXPECT_EQ(result.names(), expected);
  EXPECT_EQ(result.total_size, static_cast<int64_t>(expected.size()));
}

TEST_F(QueryAnalyticsTest, FiltersPagesAndFacetsAgreeWithTheRecords) {
  {
    SCOPED_TRACE("list filters select what the records say");
    std::string province = MostCommon([](const Truth& t) { return t.jurisdiction().province(); });
    std::string other_province = MostCommon([&](const Truth& t) {
      return t.jurisdiction().province() == province ? "" : t.jurisdiction().province();
    });
    std::string prefecture =
        MostCommon([](const Truth& t) { return t.jurisdiction().prefecture(); });
    std::string prefix =
        MostCommon([](const Truth& t) { return t.jurisdiction().code().substr(0, 4); });
    std::string county = MostCommon([](const Truth& t) { return t.jurisdiction().county(); });
    ASSERT_FALSE(county.empty()) << "the corpus has townships, whose records name their county";
    std::string kind = MostCommon([](const Truth& t) { return t.metadata().document_kind(); });
    std::string indicator = MostStatedIndicator();
    std::vector<double> values;
    for (const Truth& t : *truth_) {
      if (const v1::Indicator* i = t.Indicator(indicator)) values.push_back(i->value());
    }
    ASSERT_FALSE(values.empty());
    double middle = Median(values);
    std::ostringstream middle_text;
    middle_text << middle;
    double threshold = std::stod(middle_text.str());

    auto year = [](const Truth& t) { return t.metadata().report_year(); };
    auto level = [](const Truth& t) { return t.jurisdiction().level(); };
    struct Case {
      std::string filter;
      Predicate matches;
    };
    std::vector<Case> cases = {
        {"", [](const Truth&) { return true; }},
        {"province = \"" + province + "\"",
         [&](const Truth& t) { return t.jurisdiction().province() == province; }},
        {"province != \"" + province + "\"",
         [&](const Truth& t) { return t.jurisdiction().province() != province; }},
        {"prefecture = \"" + prefecture + "\"",
         [&](const Truth& t) { return t.jurisdiction().prefecture() == prefecture; }},
        {"county = \"" + county + "\"",
         [&](const Truth& t) { return t.jurisdiction().county() == county; }},
        {"level = \"county\"", [&](const Truth& t) { return level(t) == "county"; }},
        {"level = \"township\" OR level = \"prefecture\"",
         [&](const Truth& t) { return level(t) == "township" || level(t) == "prefecture"; }},
        {"NOT level = \"county\"", [&](const Truth& t) { return level(t) != "county"; }},
        {"report_year >= 2018 AND report_year < 2021",
         [&](const Truth& t) { return year(t) >= 2018 && year(t) < 2021; }},
        {"report_year = 2020", [&](const Truth& t) { return year(t) == 2020; }},
        {"report_year > 2022 OR report_year <= 2015",
         [&](const Truth& t) { return year(t) > 2022 || (year(t) != 0 && year(t) <= 2015); }},
        {"jurisdiction_code: \"" + prefix + "\"",
         [&](const Truth& t) { return t.jurisdiction().code().rfind(prefix, 0) == 0; }},
        {"jurisdiction_code: \"" + prefix.substr(0, 2) + "\" AND level = \"county\"",
         [&](const Truth& t) {
           return t.jurisdiction().code().rfind(prefix.substr(0, 2), 0) == 0 &&
                  level(t) == "county";
         }},
        {"document_kind = \"" + kind + "\"",
         [&](const Truth& t) { return t.metadata().document_kind() == kind; }},
        {"state = \"extracted\"",
         [](const Truth& t) { return t.report.state() == v1::REPORT_STATE_EXTRACTED; }},
        {"state = \"failed\"",
         [](const Truth& t) { return t.report.state() == v1::REPORT_STATE_FAILED; }},
        {"indicators." + indicator + ":*",
         [&](const Truth& t) { return t.Indicator(indicator) != nullptr; }},
        {"indicators." + indicator + " > " + middle_text.str(),
         [&](const Truth& t) {
           return t.Indicator(indicator) && t.Indicator(indicator)->value() > threshold;
         }},
        {"indicators." + indicator + " <= " + middle_text.str() + " AND report_year >= 2020",
         [&](const Truth& t) {
           return t.Indicator(indicator) && t.Indicator(indicator)->value() <= threshold &&
                  year(t) >= 2020;
         }},
        {"NOT indicators." + indicator + ":*",
         [&](const Truth& t) { return t.Indicator(indicator) == nullptr; }},
        {"(province = \"" + province + "\" OR province = \"" + other_province +
             "\") AND report_year >= 2020",
         [&](const Truth& t) {
           return (t.jurisdiction().province() == province ||
                   t.jurisdiction().province() == other_province) &&
                  year(t) >= 2020;
         }},
        {"published_on >= \"2020-01-01\"",
         [&](const Truth& t) {
           const std::string& date = t.metadata().published_on();
           return date.size() == 10 && date >= "2020-01-01";
         }},
    };
    for (const Case& c : cases) {
      std::set<std::string> expected = Matching(c.matches);
      absl::StatusOr<std::vector<std::string>> listed = ListNames(c.filter);
      ASSERT_TRUE(listed.ok()) << c.filter << ": " << listed.status();
      std::set<std::string> names(listed->begin(), listed->end());
      EXPECT_EQ(names.size(), listed->size()) << c.filter << ": a report listed twice";
      EXPECT_EQ(names, expected) << c.filter;
    }
  }

  {
    SCOPED_TRACE("small pages in year order cover the filtered reports once");
    std::string filter = "report_year >= 2016";
    std::set<std::string> expected =
        Matching([](const Truth& t) { return t.metadata().report_year() >= 2016; });
    for (std::string order : {"report_year", "report_year desc", "name desc"}) {
      absl::StatusOr<std::vector<std::string>> listed = ListNames(filter, order, 37);
      ASSERT_TRUE(listed.ok()) << listed.status();
      EXPECT_EQ(std::set<std::string>(listed->begin(), listed->end()), expected) << order;
      EXPECT_EQ(listed->size(), expected.size()) << order;
      for (size_t i = 1; i < listed->size(); ++i) {
        const Truth* a = Find((*listed)[i - 1]);
        const Truth* b = Find((*listed)[i]);
        if (order == "report_year") {
          EXPECT_LE(a->metadata().report_year(), b->metadata().report_year());
        } else if (order == "report_year desc") {
          EXPECT_GE(a->metadata().report_year(), b->metadata().report_year());
        } else {
          EXPECT_GT(a->name, b->name);
        }
      }
    }
  }

  {
    SCOPED_TRACE("facets count what the records say");
    std::string indicator = MostStatedIndicator();
    std::vector<std::pair<std::string, Predicate>> filters = {
        {"", [](const Truth&) { return true; }},
        {"report_year >= 2019 AND level != \"township\"",
         [](const Truth& t) {
           return t.metadata().report_year() >= 2019 && t.jurisdiction().level() != "township";
         }},
        {"province = \"no such province\"", [](const Truth&) { return false; }},
        {"indicators." + indicator + ":* AND NOT level = \"county\"",
         [&](const Truth& t) {
           return t.Indicator(indicator) && t.jurisdiction().level() != "county";
         }},
    };
    std::map<std::string, std::function<std::string(const Truth&)>> fields = {
        {"province", [](const Truth& t) { return t.jurisdiction().province(); }},
        {"level", [](const Truth& t) { return t.jurisdiction().level(); }},
        {"report_year", Year},
        {"document_kind", [](const Truth& t) { return t.metadata().document_kind(); }},
    };
    for (const auto& [filter, predicate] : filters) {
      v1::GetFacetsRequest request;
      request.set_filter(filter);
      v1::GetFacetsResponse response;
      grpc::Status status = query_->GetFacets(Context().get(), request, &response);
      ASSERT_TRUE(status.ok()) << filter << ": " << status.error_message();
      std::set<std::string> matching = Matching(predicate);
      EXPECT_EQ(response.total_size(), static_cast<int64_t>(matching.size())) << filter;
      std::set<std::string> seen_fields;
      for (const v1::Facet& facet : response.facets()) {
        seen_fields.insert(facet.field());
        ASSERT_TRUE(fields.contains(facet.field())) << facet.field();
        std::map<std::string, int64_t> expected;
        for (const std::string& name : matching) ++expected[fields[facet.field()](*Find(name))];
        std::map<std::string, int64_t> counted;
        int64_t previous = INT64_MAX;
        for (const v1::FacetCount& count : facet.counts()) {
          EXPECT_TRUE(counted.emplace(count.value(), count.count()).second)
              << facet.field() << " " << count.value();
          EXPECT_LE(count.count(), previous) << facet.field() << ": most frequent first";
          previous = count.count();
        }
        EXPECT_EQ(counted, expected) << filter << " / " << facet.field();
      }
      EXPECT_EQ(seen_fields.size(), fields.size()) << filter;
    }
  }
}

// The (indicator, jurisdiction code) stated by the most reports.
std::pair<std::string, std::string> BusiestSeries(const std::vector<Truth>& truths) {
  std::map<std::pair<std::string, std::string>, int> counts;
  for (const Truth& t : truths) {
    if (t.jurisdiction().code().empty()) continue;
    for (const auto& [id, indicator] : t.indicators) ++counts[{id, t.jurisdiction().code()}];
  }
  std::pair<std::string, std::string> best;
  int best_count = 0;
  for (const auto& [key, count] : counts) {
    if (count > best_count) best = key, best_count = count;
  }
  return best;
}

TEST_F(QueryAnalyticsTest, SeriesAndComparisonsAgreeWithTheRecords) {
  {
    SCOPED_TRACE(
        "series has every report of the jurisdiction that states the indicator in year order");
    auto [indicator, code] = BusiestSeries(*truth_);
    ASSERT_FALSE(code.empty());
    std::vector<const Truth*> expected;
    for (const Truth& t : *truth_) {
      if (t.jurisdiction().code() == code && t.Indicator(indicator)) expected.push_back(&t);
    }
    // Oldest first; a year without a date first; then by name. Unknown years come last.
    auto key = [](const Truth* t) {
      int year = t->metadata().report_year();
      const std::string& date = t->metadata().published_on();
      return std::make_tuple(year == 0 ? INT32_MAX : year, date.size() == 10 ? date : "", t->name);
    };
    std::sort(expected.begin(), expected.end(),
              [&](const Truth* a, const Truth* b) { return key(a) < key(b); });
    std::cerr << "[ series   ] " << indicator << " of " << code << ": " << expected.size()
              << " reports\n";
    EXPECT_GE(expected.size(), 4u) << "the corpus has one place in several years";

    v1::GetIndicatorSeriesRequest request;
    request.set_indicator_id(indicator);
    request.set_jurisdiction_code(code);
    v1::GetIndicatorSeriesResponse response;
    grpc::Status status = query_->GetIndicatorSeries(Context().get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    ASSERT_EQ(response.points_size(), static_cast<int>(expected.size()));
    for (int i = 0; i < response.points_size(); ++i) {
      const v1::IndicatorValue& point = response.points(i);
      const Truth& t = *expected[i];
      const v1::Indicator& stated = *t.Indicator(indicator);
      EXPECT_EQ(point.report(), t.name) << i;
      EXPECT_EQ(point.report_year(), t.metadata().report_year()) << i;
      EXPECT_EQ(point.indicator_id(), indicator);
      EXPECT_EQ(point.value(), stated.value()) << t.name;
      EXPECT_EQ(point.unit(), stated.unit()) << t.name;
      EXPECT_EQ(point.approximate(), stated.approximate()) << t.name;
      EXPECT_EQ(point.evidence(), stated.evidence()) << t.name;
      EXPECT_EQ(point.span().begin(), stated.span().begin()) << t.name;
      EXPECT_EQ(point.jurisdiction().code(), code);
      EXPECT_EQ(point.jurisdiction().name(), t.jurisdiction().name());
    }

    request.set_jurisdiction_code("000000");
    ASSERT_TRUE(query_->GetIndicatorSeries(Context().get(), request, &response).ok());
    EXPECT_EQ(response.points_size(), 0);
  }

  {
    SCOPED_TRACE("comparison sorts values and summarizes every matching report");
    std::string indicator = MostStatedIndicator();
    std::string year_text = MostCommon([](const Truth& t) {
      return t.metadata().report_year() == 0 ? "" : std::to_string(t.metadata().report_year());
    });
    int common_year = std::stoi(year_text);
    std::string province = MostCommon([](const Truth& t) { return t.jurisdiction().province(); });
    std::string other = BusiestSeries(*truth_).first;
    struct Scope {
      int year;
      std::string filter;
      Predicate matches;
    };
    std::vector<Scope> scopes = {
        {common_year, "", [](const Truth&) { return true; }},
        {0, "", [](const Truth&) { return true; }},
        {0, "level = \"county\"",
         [](const Truth& t) { return t.jurisdiction().level() == "county"; }},
        {common_year, "report_year >= 2015 AND level != \"province\"",
         [](const Truth& t) { return t.jurisdiction().level() != "province"; }},
        {1999, "", [](const Truth&) { return true; }},  // nothing that year
        {0, "indicators." + other + " > 0 OR province = \"" + province + "\"",
         [&](const Truth& t) {
           return (t.Indicator(other) && t.Indicator(other)->value() > 0) ||
                  t.jurisdiction().province() == province;
         }},
    };
    for (const Scope& scope : scopes) {
      std::vector<std::pair<double, std::string>> stated;  // value, name
      std::vector<double> values;                          // the summarized: suspect ones not
      int64_t reports = 0;
      for (const Truth& t : *truth_) {
        if (!scope.matches(t) || (scope.year != 0 && t.metadata().report_year() != scope.year))
          continue;
        ++reports;
        if (const v1::Indicator* i = t.Indicator(indicator)) {
          stated.emplace_back(i->value(), t.name);
          if (!i->suspect()) values.push_back(i->value());
        }
      }
      std::string label =
          indicator + " year " + std::to_string(scope.year) + " filter " + scope.filter;
      for (bool descending : {false, true}) {
        absl::StatusOr<v1::CompareIndicatorResponse> response =
            Compare(indicator, scope.year, scope.filter, descending);
        ASSERT_TRUE(response.ok()) << label << ": " << response.status();
        std::vector<std::pair<double, std::string>> sorted = stated;
        // By value in the asked direction; equal values by name.
        std::sort(sorted.begin(), sorted.end(), [&](const auto& a, const auto& b) {
          if (a.first != b.first) return descending ? a.first > b.first : a.first < b.first;
          return a.second < b.second;
        });
        ASSERT_EQ(response->rows_size(), static_cast<int>(sorted.size())) << label;
        for (int i = 0; i < response->rows_size(); ++i) {
          EXPECT_EQ(response->rows(i).value(), sorted[i].first) << label << " row " << i;
          EXPECT_EQ(response->rows(i).report(), sorted[i].second) << label << " row " << i;
          EXPECT_EQ(response->rows(i).evidence(),
                    Find(sorted[i].second)->Indicator(indicator)->evidence());
        }
        const v1::IndicatorSummary& summary = response->summary();
        EXPECT_EQ(summary.report_count(), reports) << label;
        EXPECT_EQ(summary.stating_count(), static_cast<int64_t>(stated.size())) << label;
        EXPECT_EQ(summary.suspect_count(), static_cast<int64_t>(stated.size() - values.size()))
            << label;
        if (values.empty()) {
          EXPECT_FALSE(summary.has_min()) << label;
          EXPECT_FALSE(summary.has_max()) << label;
          continue;
        }
        double mean = std::accumulate(values.begin(), values.end(), 0.0) / values.size();
        EXPECT_EQ(summary.min(), *std::min_element(values.begin(), values.end())) << label;
        EXPECT_EQ(summary.max(), *std::max_element(values.begin(), values.end())) << label;
        EXPECT_NEAR(summary.median(), Median(values),
                    1e-9 * std::max(1.0, std::abs(Median(values))))
            << label;
        EXPECT_NEAR(summary.mean(), mean, 1e-9 * std::max(1.0, std::abs(mean))) << label;
      }
    }

    // A short page keeps the first rows, and the summary still covers every report.
    absl::StatusOr<v1::CompareIndicatorResponse> all = Compare(indicator, 0, "", true);
    absl::StatusOr<v1::CompareIndicatorResponse> page = Compare(indicator, 0, "", true, 5);
    ASSERT_TRUE(all.ok() && page.ok());
    ASSERT_EQ(page->rows_size(), std::min(5, all->rows_size()));
    for (int i = 0; i < page->rows_size(); ++i)
      EXPECT_EQ(page->rows(i).report(), all->rows(i).report());
    EXPECT_EQ(page->summary().SerializeAsString(), all->summary().SerializeAsString());
  }
}

// Report rows as the export writes them, for the reports a predicate selects, by name.
std::vector<std::string> ReportExportRow(const Truth& t) {
  const v1::ReportMetadata& m = t.metadata();
  const v1::Jurisdiction& j = m.jurisdiction();
  const v1::Provenance& p = t.report.provenance();
  std::string date = m.published_on().size() == 10 ? m.published_on() : "";
  return {t.name,
          "extracted",
          m.title(),
          Year(t),
          date,
          m.document_kind(),
          j.code(),
          j.name(),
          j.level(),
          j.province(),
          j.prefecture(),
          p.source_url(),
          p.file_name(),
          p.content_sha256(),
          p.original_encoding(),
          p.original_format(),
          "(ingest_time)",
          t.report.record().extractor_version()};
}

TEST_F(QueryAnalyticsTest, ExportsHoldEveryMatchingRowInCsvAndJsonLines) {
  {
    SCOPED_TRACE("report exports hold every matching report with its values");
    std::string filter = "report_year >= 2017 AND level = \"county\"";
    std::set<std::string> expected = Matching([](const Truth& t) {
      return t.metadata().report_year() >= 2017 && t.jurisdiction().level() == "county";
    });
    ASSERT_GT(expected.size(), 10u);

    ExportResult csv = Export(filter, v1::EXPORT_CONTENT_REPORTS, v1::EXPORT_FORMAT_CSV);
    ASSERT_TRUE(csv.status.ok()) << csv.status.error_message();
    EXPECT_EQ(csv.total_rows, static_cast<int64_t>(expected.size()));
    EXPECT_EQ(csv.rows_written, csv.total_rows);
    std::vector<std::vector<std::string>> records = ParseCsv(csv.data);
    ASSERT_EQ(records.size(), expected.size() + 1);
    const std::vector<std::string>& header = records[0];
    ASSERT_EQ(header.size(), 18u);
    EXPECT_EQ(header[0], "name");
    EXPECT_EQ(header[16], "ingest_time");
    std::vector<std::string> names;
    for (size_t r = 1; r < records.size(); ++r) {
      const std::vector<std::string>& row = records[r];
      ASSERT_EQ(row.size(), header.size()) << r;
      const Truth* t = Find(row[0]);
      ASSERT_NE(t, nullptr) << row[0];
      names.push_back(row[0]);
      std::vector<std::string> want = ReportExportRow(*t);
      for (size_t c = 0; c < header.size(); ++c) {
        if (header[c] == "ingest_time") {
          EXPECT_EQ(row[c].size(), 20u) << row[c];  // 2024-06-11T08:00:00Z
          continue;
        }
        EXPECT_EQ(row[c], want[c]) << t->name << " " << header[c];
      }
    }
    EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
    EXPECT_EQ(std::set<std::string>(names.begin(), names.end()), expected);

    ExportResult jsonl = Export(filter, v1::EXPORT_CONTENT_REPORTS, v1::EXPORT_FORMAT_JSONL);
    ASSERT_TRUE(jsonl.status.ok()) << jsonl.status.error_message();
    EXPECT_EQ(jsonl.total_rows, static_cast<int64_t>(expected.size()));
    std::istringstream lines(jsonl.data);
    std::set<std::string> json_names;
    for (std::string line; std::getline(lines, line);) {
      nlohmann::json object = nlohmann::json::parse(line);
      const Truth* t = Find(object["name"].get<std::string>());
      ASSERT_NE(t, nullptr) << line;
      json_names.insert(t->name);
      ASSERT_TRUE(object["report_year"].is_number()) << line;
      EXPECT_EQ(object["report_year"].get<int>(), t->metadata().report_year());
      EXPECT_EQ(object["title"], t->metadata().title());
      EXPECT_EQ(object["jurisdiction_code"], t->jurisdiction().code());
      EXPECT_EQ(object["content_sha256"], t->report.provenance().content_sha256());
    }
    EXPECT_EQ(json_names, expected);
  }

  {
    SCOPED_TRACE("indicator exports hold every stated value in csv and json lines");
    std::string filter = "report_year >= 2016";
    std::map<std::pair<std::string, std::string>, const v1::Indicator*> expected;  // (name, id)
    for (const Truth& t : *truth_) {
      if (t.metadata().report_year() < 2016) continue;
      for (const auto& [id, indicator] : t.indicators) expected[{t.name, id}] = &indicator;
    }
    ASSERT_GT(expected.size(), 100u);

    ExportResult csv = Export(filter, v1::EXPORT_CONTENT_INDICATORS, v1::EXPORT_FORMAT_CSV);
    ASSERT_TRUE(csv.status.ok()) << csv.status.error_message();
    EXPECT_EQ(csv.total_rows, static_cast<int64_t>(expected.size()));
    EXPECT_EQ(csv.rows_written, csv.total_rows);
    EXPECT_GT(csv.chunks, 1) << "a large export comes in several chunks";
    std::vector<std::vector<std::string>> records = ParseCsv(csv.data);
    ASSERT_EQ(records.size(), expected.size() + 1);
    std::vector<std::string> header = records[0];
    EXPECT_EQ(header,
              (std::vector<std::string>{"report", "jurisdiction_code", "jurisdiction_name", "level",
                                        "province", "prefecture", "report_year", "indicator_id",
                                        "value", "unit", "approximate", "suspect", "evidence",
                                        "span_begin", "span_end", "confidence"}));
    std::set<std::pair<std::string, std::string>> seen;
    int quoted_evidence = 0;
    for (size_t r = 1; r < records.size(); ++r) {
      const std::vector<std::string>& row = records[r];
      ASSERT_EQ(row.size(), header.size()) << r;
      auto found = expected.find({row[0], row[7]});
      ASSERT_NE(found, expected.end()) << row[0] << " " << row[7];
      seen.insert(found->first);
      const v1::Indicator& i = *found->second;
      const Truth& t = *Find(row[0]);
      EXPECT_EQ(row[1], t.jurisdiction().code());
      EXPECT_EQ(row[6], std::to_string(t.metadata().report_year()));
      EXPECT_EQ(row[8], text::ShortestDecimal(i.value())) << row[0] << " " << row[7];
      EXPECT_EQ(row[9], i.unit());
      EXPECT_EQ(row[10], i.approximate() ? "true" : "false");
      EXPECT_EQ(row[11], i.suspect() ? "true" : "false");
      EXPECT_EQ(row[12], i.evidence()) << row[0] << " " << row[7];
      EXPECT_EQ(row[13], std::to_string(i.span().begin()));
      EXPECT_EQ(row[14], std::to_string(i.span().end()));
      EXPECT_NEAR(std::stod(row[15]), i.confidence(), 1e-12);
      quoted_evidence += i.evidence().find_first_of(",\"\n") != std::string::npos ? 1 : 0;
    }
    EXPECT_EQ(seen.size(), expected.size());
    std::cerr << "[ export   ] " << expected.size() << " indicator rows in " << csv.chunks
              << " chunks, " << quoted_evidence << " quoted evidence fields\n";

    ExportResult jsonl = Export(filter, v1::EXPORT_CONTENT_INDICATORS, v1::EXPORT_FORMAT_JSONL);
    ASSERT_TRUE(jsonl.status.ok()) << jsonl.status.error_message();
    EXPECT_EQ(jsonl.total_rows, static_cast<int64_t>(expected.size()));
    std::istringstream lines(jsonl.data);
    size_t count = 0;
    for (std::string line; std::getline(lines, line); ++count) {
      nlohmann::json object = nlohmann::json::parse(line);
      auto found = expected.find(
          {object["report"].get<std::string>(), object["indicator_id"].get<std::string>()});
      ASSERT_NE(found, expected.end()) << line;
      ASSERT_TRUE(object["value"].is_number()) << line;
      EXPECT_EQ(object["value"].get<double>(), found->second->value());
      ASSERT_TRUE(object["approximate"].is_boolean()) << line;
      EXPECT_EQ(object["approximate"].get<bool>(), found->second->approximate());
      EXPECT_EQ(object["evidence"], found->second->evidence());
    }
    EXPECT_EQ(count, expected.size());

    // Nothing matching: only the header, and zero rows announced.
    ExportResult none =
        Export("report_year = 1990", v1::EXPORT_CONTENT_INDICATORS, v1::EXPORT_FORMAT_CSV);
    ASSERT_TRUE(none.status.ok()) << none.status.error_message();
    EXPECT_EQ(none.total_rows, 0);
    EXPECT_EQ(ParseCsv(none.data).size(), 1u);
  }

  {
    SCOPED_TRACE("exports abandoned after the first chunk leave the service answering");
    v1::ExportReportsRequest request;
    request.set_content(v1::EXPORT_CONTENT_INDICATORS);
    // More abandoned exports than the service has database connections (4 by default).
    for (int i = 0; i < 10; ++i) {
      auto context = Context();
      auto stream = query_->ExportReports(context.get(), request);
      v1::ExportReportsResponse chunk;
      ASSERT_TRUE(stream->Read(&chunk)) << i;
      EXPECT_GT(chunk.total_rows(), chunk.rows_written());
      context->TryCancel();
      grpc::Status status = stream->Finish();
      EXPECT_TRUE(status.error_code() == grpc::StatusCode::CANCELLED || status.ok())
          << status.error_message();
    }
    ExportResult complete = Export("", v1::EXPORT_CONTENT_INDICATORS, v1::EXPORT_FORMAT_CSV);
    ASSERT_TRUE(complete.status.ok()) << complete.status.error_message();
    size_t stated = 0;
    for (const Truth& t : *truth_) stated += t.indicators.size();
    EXPECT_EQ(complete.total_rows, static_cast<int64_t>(stated));
    EXPECT_EQ(ParseCsv(complete.data).size(), stated + 1);
  }
}

TEST_F(QueryAnalyticsTest, UnknownIndicatorsAndBadFiltersAreInvalidArguments) {
  v1::GetIndicatorSeriesRequest series;
  series.set_indicator_id("no.such.indicator");
  series.set_jurisdiction_code("513327");
  v1::GetIndicatorSeriesResponse series_response;
  grpc::Status status = query_->GetIndicatorSeries(Context().get(), series, &series_response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("no.such.indicator"));

  absl::StatusOr<v1::CompareIndicatorResponse> compared =
      Compare("no.such.indicator", 0, "", false);
  EXPECT_EQ(compared.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(compared.status().message()), HasSubstr("no.such.indicator"));

  compared = Compare(MostStatedIndicator(), 0, "report_year >= ", false);
  EXPECT_EQ(compared.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(compared.status().message()), HasSubstr("column"));

  v1::GetFacetsRequest facets;
  facets.set_filter("level = \"county\" AND colour = \"red\"");
  v1::GetFacetsResponse facets_response;
  status = query_->GetFacets(Context().get(), facets, &facets_response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("column 22"));

  ExportResult exported =
      Export("indicators.x > \"ten\"", v1::EXPORT_CONTENT_INDICATORS, v1::EXPORT_FORMAT_CSV);
  EXPECT_EQ(exported.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(exported.status.error_message(), HasSubstr("column"));
  EXPECT_TRUE(exported.data.empty());

  SearchResult searched = Search("调解 AND (仲裁", "");
  EXPECT_EQ(searched.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(searched.status.error_message(), HasSubstr("column"));
}

TEST_F(QueryAnalyticsTest, CliExportsFacetsAndComparesLikeTheService) {
  std::string indicator = MostStatedIndicator();
  std::string filter = "report_year >= 2018";
  std::string path = "/tmp/fazhi-query-analytics-" + std::to_string(getpid()) + ".csv";
  CommandResult exported = RunCli(*suite_, {"export", "--content", "indicators", "--format", "csv",
                                            "--filter", filter, "--out", path});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  std::ifstream file(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  ExportResult streamed = Export(filter, v1::EXPORT_CONTENT_INDICATORS, v1::EXPORT_FORMAT_CSV);
  // After the byte-order mark a .csv file gets for Excel (issue 19).
  EXPECT_EQ(bytes, "\xEF\xBB\xBF" + streamed.data) << "the CLI writes the service's bytes";
  EXPECT_THAT(exported.out,
              HasSubstr("exported " + std::to_string(streamed.total_rows) + " indicators rows"));

  CommandResult facets = RunCli(*suite_, {"facets", "--filter", filter, "--format", "json"});
  ASSERT_EQ(facets.exit_code, 0) << facets.err;
  nlohmann::json facets_json = nlohmann::json::parse(facets.out);
  EXPECT_EQ(facets_json["total_size"],
            Matching([](const Truth& t) { return t.metadata().report_year() >= 2018; }).size());

  CommandResult compared =
      RunCli(*suite_, {"indicators", "compare", indicator, "--filter", filter, "--desc"});
  ASSERT_EQ(compared.exit_code, 0) << compared.err;
  absl::StatusOr<v1::CompareIndicatorResponse> response = Compare(indicator, 0, filter, true, 100);
  ASSERT_TRUE(response.ok());
  EXPECT_THAT(compared.out,
              HasSubstr("stated by " + std::to_string(response->summary().stating_count()) +
                        " of " + std::to_string(response->summary().report_count()) + " reports"));
  ASSERT_GT(response->summary().stating_count(), 5);
  CommandResult cut =
      RunCli(*suite_, {"indicators", "compare", indicator, "--filter", filter, "--limit", "5"});
  EXPECT_THAT(cut.out, HasSubstr("showing 5 of " +
                                 std::to_string(response->summary().stating_count()) + " values"))
      << "a cut list must say so";
  CommandResult empty =
      RunCli(*suite_, {"indicators", "compare", indicator, "--filter", "report_year = 1900"});
  ASSERT_EQ(empty.exit_code, 0) << empty.err;
  EXPECT_THAT(empty.out, HasSubstr("stated by 0 of 0 reports; no values to summarize"));
  EXPECT_THAT(empty.out, ::testing::Not(HasSubstr("min 0")));

  auto [series_indicator, code] = BusiestSeries(*truth_);
  CommandResult series =
      RunCli(*suite_, {"indicators", "series", series_indicator, code, "--format", "json"});
  ASSERT_EQ(series.exit_code, 0) << series.err;
  nlohmann::json series_json = nlohmann::json::parse(series.out);
  size_t stated = Matching([&](const Truth& t) {
                    return t.jurisdiction().code() == code && t.Indicator(series_indicator);
                  }).size();
  EXPECT_EQ(series_json["points"].size(), stated);

  CommandResult unknown = RunCli(*suite_, {"indicators", "compare", "no.such.indicator"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("INVALID_ARGUMENT"));
  // An unknown indicator in a filter could only match nothing: refused, not "0 reports".
  CommandResult unknown_in_filter = RunCli(*suite_, {"list", "--filter", "indicators.no.such > 1"});
  EXPECT_EQ(unknown_in_filter.exit_code, 1) << unknown_in_filter.out;
  EXPECT_THAT(unknown_in_filter.err, HasSubstr("no.such"));
}

TEST_F(QueryAnalyticsTest, ComparisonPagesHoldEveryRowOnceWithTheSummaryOfAll) {
  const std::string indicator = MostStatedIndicator();
  for (bool descending : {false, true}) {
    SCOPED_TRACE(descending ? "descending" : "ascending");
    absl::StatusOr<v1::CompareIndicatorResponse> all = Compare(indicator, 0, "", descending);
    ASSERT_TRUE(all.ok()) << all.status();
    ASSERT_GT(all->rows_size(), 20);
    EXPECT_TRUE(all->next_page_token().empty());
    std::vector<std::string> paged;
    std::string token;
    int pages = 0;
    do {
      absl::StatusOr<v1::CompareIndicatorResponse> page =
          Compare(indicator, 0, "", descending, 7, token);
      ASSERT_TRUE(page.ok()) << page.status();
      EXPECT_EQ(page->summary().SerializeAsString(), all->summary().SerializeAsString())
          << "the statistics cover every row, not the page";
      for (const v1::IndicatorValue& row : page->rows()) paged.push_back(row.report());
      token = page->next_page_token();
      EXPECT_EQ(token.empty(), static_cast<int>(paged.size()) == all->rows_size())
          << "page " << pages;
    } while (!token.empty() && ++pages <= all->rows_size());
    ASSERT_EQ(static_cast<int>(paged.size()), all->rows_size());
    for (int i = 0; i < all->rows_size(); ++i)
      EXPECT_EQ(paged[i], all->rows(i).report()) << "row " << i;
  }

  // A token names its request: another order, filter, year or indicator is refused.
  absl::StatusOr<v1::CompareIndicatorResponse> first = Compare(indicator, 0, "", false, 7);
  ASSERT_TRUE(first.ok() && !first->next_page_token().empty());
  const std::string token = first->next_page_token();
  for (const auto& other : {Compare(indicator, 0, "", true, 7, token),
                            Compare(indicator, 0, "report_year >= 2018", false, 7, token),
                            Compare(indicator, 2020, "", false, 7, token),
                            Compare(indicator, 0, "", false, 7, "not-a-token")}) {
    EXPECT_EQ(other.status().code(), absl::StatusCode::kInvalidArgument) << other.status();
    EXPECT_THAT(std::string(other.status().message()), HasSubstr("page_token"));
  }

  // Each row says where its evidence sentence is, so a reader can centre it on the figure.
  absl::StatusOr<v1::CompareIndicatorResponse> all = Compare(indicator, 0, "", false);
  ASSERT_TRUE(all.ok());
  for (const v1::IndicatorValue& row : all->rows()) {
    const v1::Indicator* stated = Find(row.report())->Indicator(indicator);
    EXPECT_EQ(row.evidence_span().begin(), stated->evidence_span().begin()) << row.report();
    EXPECT_EQ(row.evidence_span().end(), stated->evidence_span().end()) << row.report();
  }
}

TEST_F(QueryAnalyticsTest, CliComparesEveryPageAsOneDocumentAndCentresEvidenceOnTheFigure) {
  const std::string indicator = MostStatedIndicator();
  absl::StatusOr<v1::CompareIndicatorResponse> all = Compare(indicator, 0, "", true);
  ASSERT_TRUE(all.ok());
  const int rows = all->rows_size();

  CommandResult json = RunCli(*suite_, {"indicators", "compare", indicator, "--desc", "--limit",
                                        "7", "--all", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  nlohmann::json document = nlohmann::json::parse(json.out);  // one document, or this throws
  ASSERT_EQ(document["rows"].size(), static_cast<size_t>(rows));
  for (int i = 0; i < rows; ++i)
    EXPECT_EQ(document["rows"][i]["report"], all->rows(i).report()) << i;
  EXPECT_EQ(document["next_page_token"], "");

  CommandResult first =
      RunCli(*suite_, {"indicators", "compare", indicator, "--desc", "--limit", "7"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string hint =
      "showing 7 of " + std::to_string(rows) + " values; next page: --page-token ";
  ASSERT_THAT(first.out, HasSubstr(hint)) << "a cut list says so and how to go on";
  std::string token = first.out.substr(first.out.find(hint) + hint.size());
  token = token.substr(0, token.find(' '));
  CommandResult second = RunCli(*suite_, {"indicators", "compare", indicator, "--desc", "--limit",
                                          "7", "--page-token", token});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr(all->rows(7).report()));
  EXPECT_THAT(second.out, ::testing::Not(HasSubstr(all->rows(0).report() + " ")));

  // The table's value is the shortest decimal, and its evidence shows the figure however far
  // into the sentence it is: checked on the indicator whose figures stand late most often.
  // Columns from the sentence's start to the figure's end (a Han character takes two): past 50,
  // a cell cut from the start would not show it.
  auto columns_to_figure = [](const Truth& t, const v1::Span& evidence, const v1::Span& figure) {
    const std::string before = CodepointSlice(t.text(), t.starts, evidence.begin(), figure.end());
    int columns = 0;
    for (const size_t start : CodepointStarts(before)) {
      columns += start < before.size() && (before[start] & 0xE0) == 0xE0 ? 2 : 1;
    }
    return columns;
  };
  std::map<std::string, int> late;
  for (const Truth& t : *truth_) {
    for (const auto& [id, stated] : t.indicators) {
      late[id] += columns_to_figure(t, stated.evidence_span(), stated.span()) > 50;
    }
  }
  const std::string late_indicator =
      std::max_element(late.begin(), late.end(), [](const auto& a, const auto& b) {
        return a.second < b.second;
      })->first;
  all = Compare(late_indicator, 0, "", true);
  ASSERT_TRUE(all.ok());
  CommandResult table =
      RunCli(*suite_, {"indicators", "compare", late_indicator, "--desc", "--all"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  std::istringstream lines(table.out);
  std::map<std::string, std::string> line_of;  // report -> its table line
  for (std::string line; std::getline(lines, line);) {
    if (size_t at = line.find("reports/"); at != std::string::npos)
      line_of[line.substr(at, 24)] = line;
  }
  int far_figures = 0;
  for (const v1::IndicatorValue& row : all->rows()) {
    const std::string& line = line_of[row.report()];
    ASSERT_FALSE(line.empty()) << row.report();
    EXPECT_THAT(line, HasSubstr("  " + std::string(row.approximate() ? "~" : "") +
                                text::ShortestDecimal(row.value()) + " "))
        << line;
    const Truth& t = *Find(row.report());
    const std::string figure =
        CodepointSlice(t.text(), t.starts, row.span().begin(), row.span().end());
    const std::string evidence_cell = line.substr(line.find(row.report()) + row.report().size());
    EXPECT_THAT(evidence_cell, HasSubstr(figure)) << row.report() << ": " << line;
    far_figures += columns_to_figure(t, row.evidence_span(), row.span()) > 50;
  }
  EXPECT_GT(far_figures, 0)
      << "no figure stands late in its sentence: the check above proves nothing";
}

TEST_F(QueryAnalyticsTest, ExportsAndFacetsWithAQueryHoldTheReportsMatchingItAndTheFilter) {
  const std::string query = "调解 -仲裁";
  const std::string filter = "level = \"county\"";
  std::set<std::string> expected = Matching([](const Truth& t) {
    return t.jurisdiction().level() == "county" && t.Has("调解") && !t.Has("仲裁");
  });
  ASSERT_GT(expected.size(), 0u);
  ASSERT_LT(expected.size(),
            Matching([](const Truth& t) { return t.jurisdiction().level() == "county"; }).size());

  ExportResult csv = Export(filter, v1::EXPORT_CONTENT_REPORTS, v1::EXPORT_FORMAT_CSV, query);
  ASSERT_TRUE(csv.status.ok()) << csv.status.error_message();
  EXPECT_EQ(csv.total_rows, static_cast<int64_t>(expected.size()));
  std::vector<std::vector<std::string>> records = ParseCsv(csv.data);
  std::set<std::string> exported;
  for (size_t r = 1; r < records.size(); ++r) exported.insert(records[r][0]);
  EXPECT_EQ(exported, expected);

  ExportResult indicators =
      Export(filter, v1::EXPORT_CONTENT_INDICATORS, v1::EXPORT_FORMAT_JSONL, query);
  ASSERT_TRUE(indicators.status.ok()) << indicators.status.error_message();
  size_t expected_rows = 0;
  for (const std::string& name : expected) expected_rows += Find(name)->indicators.size();
  EXPECT_EQ(indicators.total_rows, static_cast<int64_t>(expected_rows));

  v1::GetFacetsRequest facets;
  facets.set_filter(filter);
  facets.set_query(query);
  v1::GetFacetsResponse counted;
  grpc::Status status = query_->GetFacets(Context().get(), facets, &counted);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(counted.total_size(), static_cast<int64_t>(expected.size()));
  std::map<std::string, int64_t> by_year;
  for (const std::string& name : expected) ++by_year[Year(*Find(name))];
  for (const v1::Facet& facet : counted.facets()) {
    if (facet.field() != "report_year") continue;
    std::map<std::string, int64_t> got;
    for (const v1::FacetCount& count : facet.counts()) got[count.value()] = count.count();
    EXPECT_EQ(got, by_year);
  }

  // The CLI passes the query on.
  std::string path = "/tmp/fazhi-query-export-" + std::to_string(getpid()) + ".csv";
  CommandResult cli_export =
      RunCli(*suite_, {"export", "--query", query, "--filter", filter, "--out", path});
  ASSERT_EQ(cli_export.exit_code, 0) << cli_export.err;
  std::ifstream file(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  EXPECT_EQ(ParseCsv(bytes).size(), expected.size() + 1);
  CommandResult cli_facets =
      RunCli(*suite_, {"facets", "--query", query, "--filter", filter, "--format", "json"});
  ASSERT_EQ(cli_facets.exit_code, 0) << cli_facets.err;
  EXPECT_EQ(nlohmann::json::parse(cli_facets.out)["total_size"], expected.size());

  // A query that does not parse is the caller's error, for both.
  ExportResult bad_export =
      Export("", v1::EXPORT_CONTENT_REPORTS, v1::EXPORT_FORMAT_CSV, "调解 AND (仲裁");
  EXPECT_EQ(bad_export.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(bad_export.data.empty());
  facets.set_query("调解 AND (仲裁");
  status = query_->GetFacets(Context().get(), facets, &counted);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("column"));
  CommandResult cli_bad = RunCli(*suite_, {"facets", "--query", "调解 AND (仲裁"});
  EXPECT_EQ(cli_bad.exit_code, 1);
  EXPECT_THAT(cli_bad.err, HasSubstr("INVALID_ARGUMENT"));
}

TEST_F(QueryAnalyticsTest, SearchSnippetsMarkEveryPhraseOfTheQuery) {
  const std::string query = "调解 AND 仲裁";
  v1::SearchReportsRequest request;
  request.set_query(query);
  request.set_page_size(200);
  request.set_max_snippets(3);
  v1::SearchReportsResponse response;
  grpc::Status status = query_->SearchReports(Context().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_GT(response.hits_size(), 0);
  int both_marked = 0;
  for (const v1::SearchHit& hit : response.hits()) {
    for (const v1::Snippet& snippet : hit.snippets()) {
      std::vector<size_t> starts = CodepointStarts(snippet.text());
      std::set<std::string> marked;
      for (const v1::Span& span : snippet.highlights()) {
        marked.insert(CodepointSlice(snippet.text(), starts, span.begin(), span.end()));
      }
      // Every occurrence in the snippet is marked, of either phrase.
      for (const std::string& phrase : {std::string("调解"), std::string("仲裁")}) {
        EXPECT_EQ(snippet.text().find(phrase) != std::string::npos, marked.contains(phrase))
            << hit.report().name() << ": " << snippet.text();
      }
      both_marked += marked.contains("调解") && marked.contains("仲裁");
    }
  }
  EXPECT_GT(both_marked, 0) << "no snippet holds both phrases";
}

}  // namespace
}  // namespace fazhi::testing
