// The extractor against the bundled gold set, with floors that only go up.
#include <iostream>
#include <string>

#include "gtest/gtest.h"
#include "services/extraction/eval/evaluate.h"

namespace fazhi::extraction {
namespace {

// Raise these as the components improve; never lower them to make a change pass.
constexpr double kMetadataFloor = 0.98;
constexpr double kIndicatorF1Floor = 0.95;
constexpr double kQuantitiesFloor = 0.97;
constexpr double kDatesFloor = 0.95;
constexpr double kCitationsFloor = 0.95;
constexpr double kDocumentNumbersFloor = 1.0;
constexpr double kSectionsFloor = 0.93;

TEST(EvalTest, BundledGoldSetMeetsTheFloors) {
  absl::StatusOr<Extractor> extractor = Extractor::Load(ExtractorOptions{});
  ASSERT_TRUE(extractor.ok()) << extractor.status();
  const std::string data = std::string(FAZHI_SOURCE_DIR) + "/tests/data";
  absl::StatusOr<EvalScores> scores =
      EvaluateDirectories(*extractor, data + "/corpus", data + "/gold");
  ASSERT_TRUE(scores.ok()) << scores.status();
  std::cout << FormatEvalReport(*scores, /*verbose=*/true);
  EXPECT_EQ(scores->documents, 5);
  EXPECT_GE(scores->metadata.Rate(), kMetadataFloor);
  EXPECT_GE(scores->indicators.F1(), kIndicatorF1Floor);
  EXPECT_GE(scores->quantities.Rate(), kQuantitiesFloor);
  EXPECT_GE(scores->dates.Rate(), kDatesFloor);
  EXPECT_GE(scores->citations.Rate(), kCitationsFloor);
  EXPECT_GE(scores->document_numbers.Rate(), kDocumentNumbersFloor);
  EXPECT_GE(scores->sections.Rate(), kSectionsFloor);
}

TEST(EvalTest, MissingDirectoryIsAnError) {
  absl::StatusOr<Extractor> extractor = Extractor::Load(ExtractorOptions{});
  ASSERT_TRUE(extractor.ok()) << extractor.status();
  absl::StatusOr<EvalScores> scores = EvaluateDirectories(*extractor, "/nonexistent", "/nonexistent");
  EXPECT_EQ(scores.status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace fazhi::extraction
