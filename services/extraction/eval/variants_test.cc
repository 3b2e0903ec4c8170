// The bundled reports, re-encoded, put in web pages, made full-width, renamed, re-figured,
// reordered and hard-wrapped (report_variants.h), scored by the same directory evaluation as
// `fazhi eval`: every variant must meet the floors the originals meet.
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "services/extraction/eval/evaluate.h"
#include "tests/testing/extraction/eval_testing.h"
#include "tests/testing/extraction/gold_documents.h"
#include "tests/testing/extraction/report_variants.h"

namespace fazhi::extraction::testing {
namespace {

namespace fs = std::filesystem;

// The bundled reports as scraped, with their gold.
std::vector<AnnotatedReport> DevReports() {
  std::vector<AnnotatedReport> reports;
  for (const GoldDocument& doc : LoadGoldDocuments()) {
    reports.push_back({doc.name, doc.raw_text, doc.gold});
  }
  return reports;
}

using Transform = std::function<AnnotatedReport(const AnnotatedReport&)>;
using Encoder = std::function<absl::StatusOr<std::string>(std::string_view)>;

absl::StatusOr<std::string> AsUtf8(std::string_view text) { return std::string(text); }

// Writes every transformed report (encoded) and its gold to a fresh directory pair and scores
// them with EvaluateDirectories.
EvalScores ScoreVariant(const std::string& label, const Transform& transform,
                        const Encoder& encode = AsUtf8) {
  const std::vector<AnnotatedReport> reports = DevReports();
  EXPECT_EQ(reports.size(), 5u);
  const fs::path root =
      fs::temp_directory_path() / ("fazhi_variants_" + std::to_string(::getpid()) + "_" + label);
  fs::remove_all(root);
  fs::create_directories(root / "docs");
  fs::create_directories(root / "gold");
  for (const AnnotatedReport& original : reports) {
    const AnnotatedReport report = transform(original);
    absl::StatusOr<std::string> bytes = encode(report.text);
    EXPECT_TRUE(bytes.ok()) << bytes.status();
    std::ofstream(root / "docs" / (report.name + report.extension), std::ios::binary) << *bytes;
    std::ofstream(root / "gold" / (report.name + ".json"), std::ios::binary) << report.gold.dump(1);
  }
  absl::StatusOr<EvalScores> scores =
      ScoreDirectories((root / "docs").string(), (root / "gold").string());
  EXPECT_TRUE(scores.ok()) << scores.status();
  std::cout << "[" << label << "] " << FormatEvalReport(*scores, /*verbose=*/false);
  for (const EvalMiss& miss : scores->misses) {
    std::cout << "  miss " << miss.document << " " << miss.category << " " << miss.item
              << ": expected " << miss.expected << ", got " << miss.got << "\n";
  }
  fs::remove_all(root);
  return *scores;
}

void ExpectFloors(const EvalScores& scores) { ExpectMeetsFloors(scores, /*documents=*/5); }

AnnotatedReport Same(const AnnotatedReport& r) { return r; }

TEST(VariantsTest, Gb18030EncodedReportsScoreLikeTheOriginals) {
  ExpectFloors(ScoreVariant("gb18030", Same, ToGb18030));
}

TEST(VariantsTest, Utf16LittleEndianReportsWithBomScoreLikeTheOriginals) {
  ExpectFloors(ScoreVariant("utf16le", Same, [](std::string_view t) -> absl::StatusOr<std::string> {
    return ToUtf16LeWithBom(t);
  }));
}

TEST(VariantsTest, ReportsInGovernmentWebPagesScoreLikeTheOriginals) {
  ExpectFloors(ScoreVariant("html", [](const AnnotatedReport& r) { return AsHtmlPage(r); }));
}

TEST(VariantsTest, GbkWebPagesScoreLikeTheOriginals) {
  ExpectFloors(ScoreVariant(
      "html_gbk", [](const AnnotatedReport& r) { return AsHtmlPage(r, "gbk"); }, ToGb18030));
}

TEST(VariantsTest, FullWidthDigitsAndPunctuationScoreLikeTheOriginals) {
  ExpectFloors(ScoreVariant("fullwidth", ToFullWidth));
}

TEST(VariantsTest, RenamedFilesScoreLikeTheOriginals) {
  int n = 0;
  ExpectFloors(ScoreVariant("renamed", [&n](const AnnotatedReport& r) {
    ++n;  // before the call: its arguments are evaluated in no fixed order
    return Rename(r, "报告-" + std::to_string(n), n % 2 == 0 ? ".TXT" : "");
  }));
}

TEST(VariantsTest, RefiguredReportsFindTheNewFigures) {
  ExpectFloors(ScoreVariant("refigured", Refigure));
}

TEST(VariantsTest, ReorderedParagraphsScoreLikeTheOriginals) {
  ExpectFloors(ScoreVariant("reordered", ReorderParagraphs));
}

TEST(VariantsTest, HardWrappedLinesScoreLikeTheOriginals) {
  ExpectFloors(ScoreVariant("wrapped", [](const AnnotatedReport& r) { return HardWrap(r, 36); }));
}

TEST(VariantsTest, AllChangesAtOnceScoreLikeTheOriginals) {
  ExpectFloors(ScoreVariant(
      "combined",
      [](const AnnotatedReport& r) {
        return Rename(AsHtmlPage(HardWrap(ReorderParagraphs(Refigure(r)), 40), "gb2312"),
                      "page_" + r.name.substr(0, 3), ".htm");
      },
      ToGb18030));
}

// The re-figuring itself: figures change, dates and document numbers do not, gold follows.
TEST(ReportVariantsTest, RefigureChangesCountedFiguresAndTheirGoldOnly) {
  AnnotatedReport report{"x",
                         "2022年12月19日,全区共收到行政复议申请31件,好评率92.16%,满意率100%,"
                         "隆政办发〔2022〕26号,共52.27万条。",
                         nlohmann::json::parse(R"({"indicators": {"reconsideration.received":
                            {"value": 31, "evidence": "全区共收到行政复议申请31件"}},
                            "quantities": [{"surface": "52.27万条", "value": 522700, "unit": "条"}],
                            "document_numbers": ["隆政办发〔2022〕26号"]})")};
  const AnnotatedReport refigured = Refigure(report);
  EXPECT_EQ(refigured.text,
            "2022年12月19日,全区共收到行政复议申请78件,好评率49.49%,满意率100%,"
            "隆政办发〔2022〕26号,共99.50万条。");
  EXPECT_EQ(refigured.gold["indicators"]["reconsideration.received"]["value"], 78);
  EXPECT_EQ(refigured.gold["indicators"]["reconsideration.received"]["evidence"],
            "全区共收到行政复议申请78件");
  EXPECT_EQ(refigured.gold["quantities"][0]["surface"], "99.50万条");
  EXPECT_EQ(refigured.gold["quantities"][0]["value"], 995000);
  EXPECT_EQ(refigured.gold["document_numbers"][0], "隆政办发〔2022〕26号");
}

}  // namespace
}  // namespace fazhi::extraction::testing
