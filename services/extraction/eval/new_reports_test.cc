// Reports written for this test (eval/testdata: a prefecture-level city, a district of a
// province-level city, a township elsewhere) with hand-made gold: jurisdictions, wordings and
// classifiers (宗, 起, 件次, 1,032件, 2.3万件) that the bundled reports do not have.
#include <iostream>
#include <string>

#include "gtest/gtest.h"
#include "services/extraction/eval/evaluate.h"
#include "tests/testing/extraction/eval_testing.h"

namespace fazhi::extraction {
namespace {

TEST(NewReportsTest, WrittenReportsOfOtherJurisdictionsMeetTheFloors) {
  const std::string data = std::string(FAZHI_SOURCE_DIR) + "/services/extraction/eval/testdata";
  absl::StatusOr<EvalScores> scores = testing::ScoreDirectories(data + "/corpus", data + "/gold");
  ASSERT_TRUE(scores.ok()) << scores.status();
  std::cout << FormatEvalReport(*scores, /*verbose=*/true);
  testing::ExpectMeetsFloors(*scores, /*documents=*/3);
}

}  // namespace
}  // namespace fazhi::extraction
