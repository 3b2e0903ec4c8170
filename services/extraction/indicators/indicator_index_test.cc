#include "services/extraction/indicators/indicator_index.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace fazhi::extraction {
namespace {

// Two indicators of one group, a unit each plus a shared one, and a zero marker outside the
// Basic Multilingual Plane.
IndicatorSet SmallSet() {
  absl::StatusOr<IndicatorSet> set = IndicatorSet::LoadFromJson(R"({
    "version": "test-1",
    "markers": {"total": ["共"], "partial_clause": ["网上", "另"], "zero": ["暂无", "𠀀无"]},
    "indicators": [
      {"id": "a.received", "name": "收到", "kind": "count", "group": "a", "unit": "件",
       "units": ["件", "个"], "subjects": ["复议"], "actions": ["收到", "受理"],
       "ignore_partial": ["网上"]},
      {"id": "a.trained", "name": "培训", "kind": "count", "group": "a", "unit": "人",
       "units": ["人", "个"], "subjects": ["执法人员"], "actions": ["培训", "受理"]},
      {"id": "b.rate", "name": "率", "kind": "rate", "unit": "%", "units": ["%"],
       "names": ["办结率"]}]
  })",
                                                                "inline");
  EXPECT_TRUE(set.ok()) << set.status();
  return *std::move(set);
}

TEST(IndicatorIndexTest, ClassifiesBreaksBracketsDigitsAndZeroMarkerStarts) {
  const IndicatorSet set = SmallSet();
  const IndicatorIndex& index = set.index();
  EXPECT_EQ(index.ClassOf(U'。'), IndicatorIndex::kSentenceBreak | IndicatorIndex::kClauseBreak);
  EXPECT_EQ(index.ClassOf(U'\n'), IndicatorIndex::kSentenceBreak | IndicatorIndex::kClauseBreak);
  EXPECT_EQ(index.ClassOf(U'，'), IndicatorIndex::kClauseBreak);
  EXPECT_EQ(index.ClassOf(U'《'), IndicatorIndex::kBracket);
  EXPECT_EQ(index.ClassOf(U'（'), IndicatorIndex::kBracket);
  EXPECT_EQ(index.ClassOf(U'7'), IndicatorIndex::kAsciiDigit);
  EXPECT_EQ(index.ClassOf(U'暂'), IndicatorIndex::kZeroStart);  // from the set's data
  EXPECT_EQ(index.ClassOf(U'𠀀'), IndicatorIndex::kZeroStart);
  EXPECT_EQ(index.ClassOf(U'件'), 0);
  EXPECT_EQ(index.ClassOf(U'７'), 0);  // full-width digits never start a year
}

TEST(IndicatorIndexTest, NumbersUnitsAndGroupsOnce) {
  const IndicatorSet set = SmallSet();
  const IndicatorIndex& index = set.index();
  ASSERT_EQ(index.units().size(), 4u);  // 件 个 人 %: 个 counted once
  const size_t piece = index.UnitIndex("个");
  ASSERT_NE(piece, std::string::npos);
  EXPECT_EQ(index.TakingUnit(piece), (std::vector<size_t>{0, 1}));  // not indicator 2
  EXPECT_TRUE(index.RatesTakingUnit(piece).empty());
  EXPECT_EQ(index.RatesTakingUnit(index.UnitIndex("%")), (std::vector<size_t>{2}));
  EXPECT_EQ(index.UnitIndex("元"), std::string::npos);
  EXPECT_EQ(index.group_count(), 2u);
  EXPECT_EQ(index.plan(0).group, index.plan(1).group);
  EXPECT_NE(index.plan(0).group, index.plan(2).group);
}

TEST(IndicatorIndexTest, CollectsEachGroupsVerbsOnce) {
  const IndicatorSet set = SmallSet();
  const IndicatorIndex& index = set.index();
  EXPECT_EQ(index.group_actions(index.plan(0).group), (Terms{U"收到", U"受理", U"培训"}));
  EXPECT_TRUE(index.group_actions(index.plan(2).group).empty());
  EXPECT_TRUE(index.group_actions_first(index.plan(0).group).MayContain(U'培'));
}

TEST(IndicatorIndexTest, ListsEverySubjectWithItsIndicator) {
  const IndicatorSet set = SmallSet();
  EXPECT_EQ(set.index().all_subjects(), (Terms{U"复议", U"执法人员"}));
  EXPECT_EQ(set.index().subject_owners(0), (std::vector<size_t>{0}));
  EXPECT_EQ(set.index().subject_owners(1), (std::vector<size_t>{1}));
}

TEST(IndicatorIndexTest, ListsASharedSubjectOnceWithAllItsIndicators) {
  absl::StatusOr<IndicatorSet> set = IndicatorSet::LoadFromJson(R"({
    "version": "test-1", "markers": {"total": ["共"]},
    "indicators": [
      {"id": "a", "name": "a", "kind": "count", "unit": "件", "units": ["件"],
       "subjects": ["行政复议", "复议申请"]},
      {"id": "b", "name": "b", "kind": "count", "unit": "件", "units": ["件"],
       "subjects": ["行政复议"]}]
  })",
                                                                "inline");
  ASSERT_TRUE(set.ok()) << set.status();
  const IndicatorIndex& index = set->index();
  EXPECT_EQ(index.all_subjects(), (Terms{U"行政复议", U"复议申请"}));
  EXPECT_EQ(index.subject_owners(0), (std::vector<size_t>{0, 1}));
  EXPECT_EQ(index.subject_owners(1), (std::vector<size_t>{0}));
}

TEST(IndicatorIndexTest, OffersOnlyTheSubjectsThatStartWithACharacter) {
  absl::StatusOr<IndicatorSet> set = IndicatorSet::LoadFromJson(R"({
    "version": "test-1", "markers": {"total": ["共"]},
    "indicators": [
      {"id": "a", "name": "a", "kind": "count", "unit": "件", "units": ["件"],
       "subjects": ["行政复议", "复议", "行政诉讼"]},
      {"id": "b", "name": "b", "kind": "count", "unit": "件", "units": ["件"],
       "subjects": ["行政执法案卷"]}]
  })",
                                                                "inline");
  ASSERT_TRUE(set.ok()) << set.status();
  const IndicatorIndex& index = set->index();
  const std::span<const uint32_t> xing = index.SubjectsStartingWith(U'行');
  EXPECT_EQ(std::vector<uint32_t>(xing.begin(), xing.end()), (std::vector<uint32_t>{0, 2, 3}));
  const std::span<const uint32_t> fu = index.SubjectsStartingWith(U'复');
  EXPECT_EQ(std::vector<uint32_t>(fu.begin(), fu.end()), (std::vector<uint32_t>{1}));
  EXPECT_TRUE(index.SubjectsStartingWith(U'案').empty());
}

TEST(IndicatorIndexTest, PartialClauseMarkersLeaveOutWhatAnIndicatorIgnores) {
  const IndicatorSet set = SmallSet();
  EXPECT_EQ(set.index().plan(0).partial_clause, Terms{U"另"});
  EXPECT_EQ(set.index().plan(1).partial_clause, (Terms{U"网上", U"另"}));
}

TEST(IndicatorIndexTest, CopiesOfTheSetShareTheIndex) {
  const IndicatorSet set = SmallSet();
  const IndicatorSet copy = set;
  EXPECT_EQ(&copy.index(), &set.index());
}

}  // namespace
}  // namespace fazhi::extraction
