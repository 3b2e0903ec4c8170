// Real government work reports (../shared/corpus/work-reports, not in the repository) against the
// gold annotated by hand in tests/data/work-reports: the floors of issue 15 on the dev set the
// rules were tuned on and on the second held-out set, annotated after they were written; the
// first held-out set kept at the score it measured.
#include <filesystem>
#include <iostream>
#include <string>

#include "gtest/gtest.h"
#include "services/extraction/eval/evaluate.h"
#include "tests/testing/extraction/eval_testing.h"

namespace fazhi::extraction {
namespace {

const std::string kCorpus = std::string(FAZHI_SOURCE_DIR) + "/../shared/corpus/work-reports";
const std::string kGold = std::string(FAZHI_SOURCE_DIR) + "/tests/data/work-reports";

absl::StatusOr<EvalScores> ScoreSet(const std::string& set) {
  return testing::ScoreDirectories(kCorpus, kGold + "/" + set);
}

// The floors of issue 15 for the set the rules were tuned on.
struct Floors {
  double metadata = 0.98;
  double report_year = 1.0;
  double quantities = 0.98;
  double dates = 0.97;
  double sections = 0.95;
  double indicators_f1 = 0.90;
  double citations = 0.95;
};

void ExpectMeets(const EvalScores& scores, const Floors& floors) {
  EXPECT_GE(scores.metadata.Rate(), floors.metadata);
  EXPECT_GE(scores.metadata_fields.at("report_year").Rate(), floors.report_year);
  EXPECT_GE(scores.quantities.Rate(), floors.quantities);
  EXPECT_GE(scores.dates.Rate(), floors.dates);
  EXPECT_GE(scores.sections.Rate(), floors.sections);
  EXPECT_GE(scores.indicators.F1(), floors.indicators_f1);
  EXPECT_GE(scores.citations.Rate(), floors.citations);
}

class WorkReportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::is_directory(kCorpus)) {
      GTEST_SKIP() << "the work-reports corpus is not at " << kCorpus
                   << " (it lives in the shared folder beside the repository, not in it)";
    }
  }
};

TEST_F(WorkReportsTest, DevSetMeetsTheFloors) {
  absl::StatusOr<EvalScores> scores = ScoreSet("dev");
  ASSERT_TRUE(scores.ok()) << scores.status();
  std::cout << FormatEvalReport(*scores, /*verbose=*/true);
  EXPECT_EQ(scores->documents, 24);
  ExpectMeets(*scores, Floors{});
}

// The held-out sets measure; their floors are what they scored, so that a change cannot make
// them worse unseen. heldout: two State Council texts scraped twice over (the title and delivery
// line sit between the copies) and a new-congress report whose text never names its year keep
// metadata at 0.94.
TEST_F(WorkReportsTest, HeldOutSetKeepsItsScore) {
  absl::StatusOr<EvalScores> scores = ScoreSet("heldout");
  ASSERT_TRUE(scores.ok()) << scores.status();
  std::cout << FormatEvalReport(*scores, /*verbose=*/true);
  EXPECT_EQ(scores->documents, 9);
  ExpectMeets(*scores, Floors{.metadata = 0.94, .report_year = 0.88});
}

TEST_F(WorkReportsTest, SecondHeldOutSetMeetsTheFloors) {
  absl::StatusOr<EvalScores> scores = ScoreSet("heldout2");
  ASSERT_TRUE(scores.ok()) << scores.status();
  std::cout << FormatEvalReport(*scores, /*verbose=*/true);
  EXPECT_EQ(scores->documents, 16);
  ExpectMeets(*scores, Floors{});
}

}  // namespace
}  // namespace fazhi::extraction
