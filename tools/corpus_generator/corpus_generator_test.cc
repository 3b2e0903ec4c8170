#include "tools/corpus_generator/corpus_generator.h"

#include <chrono>
#include <cstdio>
#include <set>
#include <string>

#include "common/text/decode.h"
#include "common/text/normalize.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "services/extraction/extractor/extractor.h"
#include "tests/testing/extraction/gold_documents.h"
#include "tools/corpus_generator/source_pool.h"

namespace fazhi::corpus {
namespace {

const CorpusGenerator& Shared() {
  static const CorpusGenerator* generator = [] {
    CorpusGeneratorOptions options;
    options.seed = 42;
    absl::StatusOr<CorpusGenerator> created = CorpusGenerator::Create(options);
    EXPECT_TRUE(created.ok()) << created.status();
    return new CorpusGenerator(*std::move(created));
  }();
  return *generator;
}

std::string NormalizedText(const GeneratedReport& report) {
  text::DecodeOptions options;
  options.file_name = report.file_name;
  absl::StatusOr<text::DecodedDocument> decoded = text::DecodeDocument(report.bytes, options);
  EXPECT_TRUE(decoded.ok()) << report.file_name << ": " << decoded.status();
  return decoded.ok() ? text::NormalizeText(decoded->text) : "";
}

TEST(CorpusGeneratorTest, EverySampleReportYieldsAJurisdictionAYearAndSections) {
  ASSERT_FALSE(Shared().pool().sources().empty());
  for (const SourceSummary& source : Shared().pool().sources()) {
    std::printf("source %s: %s %d, %d sections\n", source.file.c_str(), source.jurisdiction.c_str(),
                source.year, source.sections);
    EXPECT_FALSE(source.jurisdiction.empty()) << source.file;
    EXPECT_GE(source.year, 2010) << source.file;
    EXPECT_GE(source.sections, 2) << source.file;
  }
  EXPECT_FALSE(Shared().pool().blocks(PartKind::kProblems).empty());
  EXPECT_FALSE(Shared().pool().blocks(PartKind::kPlans).empty());
}

TEST(CorpusGeneratorTest, TheSameSeedGivesTheSameCorpus) {
  CorpusGeneratorOptions options;
  options.seed = 42;
  absl::StatusOr<CorpusGenerator> again = CorpusGenerator::Create(options);
  ASSERT_TRUE(again.ok()) << again.status();
  for (int64_t n = 0; n < 30; ++n) {
    GeneratedReport a = Shared().Generate(n);
    GeneratedReport b = again->Next();
    EXPECT_EQ(a.file_name, b.file_name);
    EXPECT_EQ(a.bytes, b.bytes) << a.file_name;
    EXPECT_EQ(a.ManifestLine(), b.ManifestLine());
  }
}

TEST(CorpusGeneratorTest, AnotherSeedGivesAnotherCorpus) {
  CorpusGeneratorOptions options;
  options.seed = 43;
  absl::StatusOr<CorpusGenerator> other = CorpusGenerator::Create(options);
  ASSERT_TRUE(other.ok()) << other.status();
  int same = 0;
  for (int64_t n = 0; n < 30; ++n) same += Shared().Generate(n).bytes == other->Generate(n).bytes;
  EXPECT_EQ(same, 0);
}

TEST(CorpusGeneratorTest, EveryReportDecodesAsTheManifestSays) {
  for (int64_t n = 0; n < 400; ++n) {
    GeneratedReport report = Shared().Generate(n);
    text::DecodeOptions options;
    options.file_name = report.file_name;
    absl::StatusOr<text::DecodedDocument> decoded = text::DecodeDocument(report.bytes, options);
    ASSERT_TRUE(decoded.ok()) << report.file_name << ": " << decoded.status();
    EXPECT_EQ(decoded->encoding, report.encoding) << report.file_name;
    EXPECT_EQ(text::SourceFormatName(decoded->format), report.format) << report.file_name;
  }
}

TEST(CorpusGeneratorTest, NormalizedTextNamesTheJurisdictionAndCarriesTheTitle) {
  for (int64_t n = 0; n < 400; ++n) {
    GeneratedReport report = Shared().Generate(n);
    std::string normalized = NormalizedText(report);
    EXPECT_NE(normalized.find(report.jurisdiction_name), std::string::npos) << report.file_name;
    EXPECT_NE(normalized.find(report.title), std::string::npos) << report.file_name;
    EXPECT_NE(report.title.find(std::to_string(report.report_year)), std::string::npos);
    EXPECT_GT(normalized.size(), 3000u) << report.file_name;
  }
}

TEST(CorpusGeneratorTest, BorrowedParagraphsNoLongerNameTheirSourceJurisdiction) {
  const extraction::DivisionIndex& index = Shared().divisions();
  int leaks = 0;
  for (int64_t n = 0; n < 300; ++n) {
    GeneratedReport report = Shared().Generate(n);
    std::string normalized = NormalizedText(report);
    const extraction::Division* target = index.FindByCode(report.division_code);
    ASSERT_NE(target, nullptr);
    for (const SourceSummary& source : Shared().pool().sources()) {
      if (source.jurisdiction.empty() ||
          normalized.find(source.jurisdiction) == std::string::npos) {
        continue;
      }
      // Fine when the target is that place, lies in it, or contains it.
      bool related = false;
      for (const extraction::Division* named : index.FindByName(source.jurisdiction)) {
        related = related || named == target || index.IsAncestor(*named, *target) ||
                  index.IsAncestor(*target, *named);
      }
      if (!related) {
        ++leaks;
        std::printf("%s (%s) names %s\n", report.file_name.c_str(),
                    report.jurisdiction_name.c_str(), source.jurisdiction.c_str());
      }
    }
  }
  EXPECT_EQ(leaks, 0);
}

TEST(CorpusGeneratorTest, ManifestLineHoldsTheExpectedValues) {
  GeneratedReport report = Shared().Generate(7);
  nlohmann::json line = nlohmann::json::parse(report.ManifestLine());
  EXPECT_EQ(line["file"], report.file_name);
  EXPECT_EQ(line["jurisdiction_code"], report.jurisdiction_code);
  EXPECT_EQ(line["report_year"], report.report_year);
  const extraction::Division* division = Shared().divisions().FindByCode(report.division_code);
  ASSERT_NE(division, nullptr);
  EXPECT_EQ(line["jurisdiction_name"], division->name);
  EXPECT_EQ(line["jurisdiction_level"], extraction::DivisionLevelName(division->level));
  char prefix[16];
  std::snprintf(prefix, sizeof prefix, "%06d_", 7);
  EXPECT_EQ(report.file_name.rfind(prefix, 0), 0u) << report.file_name;
}

TEST(CorpusGeneratorTest, PublicationFollowsTheReportYear) {
  for (int64_t n = 0; n < 300; ++n) {
    GeneratedReport report = Shared().Generate(n);
    int year = std::stoi(report.published_on.substr(0, 4));
    int month = std::stoi(report.published_on.substr(5, 2));
    EXPECT_GE(report.report_year, 2015);
    EXPECT_LE(report.report_year, 2024);
    EXPECT_TRUE((year == report.report_year + 1 && month <= 3) ||
                (year == report.report_year && month == 12))
        << report.file_name << " " << report.published_on;
  }
}

TEST(CorpusGeneratorTest, MostReportsAreForCounties) {
  std::map<std::string, int> levels;
  for (int64_t n = 0; n < 1000; ++n) ++levels[Shared().Generate(n).jurisdiction_level];
  EXPECT_GT(levels["county"], 600);
  EXPECT_GT(levels["township"], 80);
  EXPECT_GT(levels["prefecture"], 50);
  EXPECT_GT(levels["province"], 5);
}

TEST(CorpusGeneratorTest, OutputMixIsCloseToTheRequestedOne) {
  std::map<OutputKind, int> counts;
  constexpr int kReports = 3000;
  for (int64_t n = 0; n < kReports; ++n) ++counts[Shared().Generate(n).kind];
  for (const OutputShare& share : DefaultOutputMix()) {
    double observed = static_cast<double>(counts[share.kind]) / kReports;
    std::printf("%s: %.3f (asked %.2f)\n", std::string(OutputKindName(share.kind)).c_str(),
                observed, share.weight / 100);
    EXPECT_NEAR(observed, share.weight / 100, 0.025) << OutputKindName(share.kind);
  }
}

TEST(CorpusGeneratorTest, ParseOutputMixReadsKindsAndWeights) {
  absl::StatusOr<std::vector<OutputShare>> mix = ParseOutputMix("utf8:70, html:30");
  ASSERT_TRUE(mix.ok()) << mix.status();
  ASSERT_EQ(mix->size(), 2u);
  EXPECT_EQ((*mix)[1].kind, OutputKind::kHtml);
  EXPECT_EQ((*mix)[1].weight, 30);
  mix = ParseOutputMix("gb18030,utf16");
  ASSERT_TRUE(mix.ok());
  EXPECT_EQ((*mix)[0].weight, (*mix)[1].weight);
}

TEST(CorpusGeneratorTest, ParseOutputMixNamesTheUnknownKind) {
  absl::StatusOr<std::vector<OutputShare>> mix = ParseOutputMix("utf8,pdf");
  ASSERT_FALSE(mix.ok());
  EXPECT_NE(mix.status().message().find("'pdf'"), std::string::npos);
  EXPECT_FALSE(ParseOutputMix("utf8:x").ok());
  EXPECT_FALSE(ParseOutputMix("").ok());
}

TEST(CorpusGeneratorTest, CreateNamesAMissingSourceDirectory) {
  CorpusGeneratorOptions options;
  options.source_dir = "/nonexistent/corpus";
  absl::StatusOr<CorpusGenerator> created = CorpusGenerator::Create(options);
  ASSERT_FALSE(created.ok());
  EXPECT_NE(created.status().message().find("/nonexistent/corpus"), std::string::npos);
}

TEST(CorpusGeneratorTest, GeneratesTwoThousandReportsQuickly) {
  CorpusGenerator generator = Shared();
  std::set<std::string> names;
  size_t bytes = 0;
  auto start = std::chrono::steady_clock::now();
  for (int n = 0; n < 2000; ++n) {
    GeneratedReport report = generator.Next();
    bytes += report.bytes.size();
    names.insert(report.file_name);
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("2000 reports, %.1f MB in %.3f s: %.0f reports/s\n", bytes / 1e6, seconds,
              2000 / seconds);
  EXPECT_EQ(names.size(), 2000u);
}

TEST(CorpusGeneratorTest, ExtractorRecoversJurisdictionAndYearOfMostReports) {
  absl::StatusOr<extraction::Extractor> extractor =
      extraction::Extractor::Load(extraction::testing::TestExtractorOptions());
  ASSERT_TRUE(extractor.ok()) << extractor.status();
  constexpr int kReports = 50;
  int jurisdiction = 0;
  int year = 0;
  int both = 0;
  for (int64_t n = 0; n < kReports; ++n) {
    GeneratedReport report = Shared().Generate(n);
    text::DecodeOptions options;
    options.file_name = report.file_name;
    absl::StatusOr<extraction::ExtractedDocument> doc =
        extractor->ExtractFromBytes(report.bytes, options);
    ASSERT_TRUE(doc.ok()) << report.file_name << ": " << doc.status();
    const extraction::Metadata& metadata = doc->record.metadata;
    bool code_ok = metadata.jurisdiction && metadata.jurisdiction->code == report.jurisdiction_code;
    bool year_ok = metadata.report_year == report.report_year;
    jurisdiction += code_ok;
    year += year_ok;
    both += code_ok && year_ok;
    if (!code_ok || !year_ok) {
      std::printf("miss %s (%s %s %d): got %s %s %d\n", report.file_name.c_str(),
                  report.jurisdiction_name.c_str(), report.jurisdiction_level.c_str(),
                  report.report_year,
                  metadata.jurisdiction ? metadata.jurisdiction->name.c_str() : "-",
                  metadata.jurisdiction ? metadata.jurisdiction->code.c_str() : "-",
                  metadata.report_year.value_or(0));
    }
  }
  std::printf("extractor agreement over %d reports: jurisdiction %.2f, year %.2f, both %.2f\n",
              kReports, jurisdiction / double(kReports), year / double(kReports),
              both / double(kReports));
  EXPECT_GE(both, kReports * 0.8);
}

}  // namespace
}  // namespace fazhi::corpus
