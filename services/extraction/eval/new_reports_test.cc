// Reports written for this test (eval/testdata: a prefecture-level city, a district of a
// province-level city, a township elsewhere) with hand-made gold: jurisdictions, wordings and
// classifiers (宗, 起, 件次, 1,032件, 2.3万件) that the bundled reports do not have.
#include <iostream>
#include <string>

#include "gtest/gtest.h"
#include "services/extraction/eval/evaluate.h"

namespace fazhi::extraction {
namespace {

constexpr double kMetadataFloor = 0.98;
constexpr double kIndicatorF1Floor = 0.95;
constexpr double kQuantitiesFloor = 0.97;
constexpr double kDatesFloor = 0.95;
constexpr double kCitationsFloor = 0.95;
constexpr double kDocumentNumbersFloor = 1.0;

TEST(NewReportsTest, WrittenReportsOfOtherJurisdictionsMeetTheFloors) {
  absl::StatusOr<Extractor> extractor = Extractor::Load(ExtractorOptions{});
  ASSERT_TRUE(extractor.ok()) << extractor.status();
  const std::string data = std::string(FAZHI_SOURCE_DIR) + "/services/extraction/eval/testdata";
  absl::StatusOr<EvalScores> scores = EvaluateDirectories(*extractor, data + "/corpus", data + "/gold");
  ASSERT_TRUE(scores.ok()) << scores.status();
  std::cout << FormatEvalReport(*scores, /*verbose=*/true);
  EXPECT_EQ(scores->documents, 3);
  EXPECT_GE(scores->metadata.Rate(), kMetadataFloor);
  EXPECT_GE(scores->indicators.F1(), kIndicatorF1Floor);
  EXPECT_GE(scores->quantities.Rate(), kQuantitiesFloor);
  EXPECT_GE(scores->dates.Rate(), kDatesFloor);
  EXPECT_GE(scores->citations.Rate(), kCitationsFloor);
  EXPECT_GE(scores->document_numbers.Rate(), kDocumentNumbersFloor);
}

}  // namespace
}  // namespace fazhi::extraction
