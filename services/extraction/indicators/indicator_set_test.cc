#include "services/extraction/indicators/indicator_set.h"

#include <string>

#include "gtest/gtest.h"

namespace fazhi::extraction {
namespace {

std::string DataFile() {
  return std::string(FAZHI_SOURCE_DIR) + "/data/indicators/indicators.json";
}

TEST(IndicatorSetTest, LoadsTheShippedFileWithEveryCanonicalId) {
  absl::StatusOr<IndicatorSet> set = IndicatorSet::LoadFromFile(DataFile());
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_FALSE(set->version().empty());
  for (const char* id : {"reconsideration.received",
                         "reconsideration.accepted",
                         "reconsideration.concluded",
                         "litigation.cases",
                         "litigation.concluded",
                         "litigation.head_appearances",
                         "litigation.head_appearance_rate",
                         "normative_docs.issued",
                         "normative_docs.reviewed",
                         "normative_docs.cleaned_up",
                         "legality_reviews.total",
                         "enforcement.case_files_reviewed",
                         "enforcement.personnel_trained",
                         "disputes.investigated",
                         "disputes.resolved",
                         "disputes.success_rate",
                         "petitions.received",
                         "legal_aid.cases",
                         "gov_services.good_review_rate",
                         "gov_services.online_rate",
                         "legal_literates.count"}) {
    EXPECT_NE(set->Find(id), nullptr) << id;
  }
  EXPECT_EQ(set->Find("gov_services.online_rate")->kind, IndicatorKind::kRate);
  EXPECT_EQ(set->Find("legal_aid.cases")->unit, "件");
}

TEST(IndicatorSetTest, AddingAnIndicatorIsOnlyData) {
  absl::StatusOr<IndicatorSet> set = IndicatorSet::LoadFromJson(R"({
    "version": "test-1",
    "markers": {"total": ["共"]},
    "indicators": [{"id": "mediation.committees", "name": "人民调解委员会", "kind": "count",
                    "unit": "个", "units": ["个"], "subjects": ["调解委员会"]}]
  })",
                                                                "inline");
  ASSERT_TRUE(set.ok()) << set.status();
  ASSERT_EQ(set->indicators().size(), 1u);
  EXPECT_EQ(set->indicators()[0].subjects[0], U"调解委员会");
  EXPECT_EQ(set->indicators()[0].group, "mediation.committees");  // defaults to the id
}

TEST(IndicatorSetTest, ErrorNamesTheEntryAndField) {
  absl::StatusOr<IndicatorSet> set = IndicatorSet::LoadFromJson(R"({
    "version": "v", "markers": {"total": []},
    "indicators": [{"id": "a", "name": "甲", "kind": "count", "unit": "件", "units": ["件"],
                    "subjects": ["甲"]},
                   {"id": "b.rate", "name": "乙", "kind": "rate", "unit": "%", "units": ["%"]}]
  })",
                                                                "indicators.json");
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(set.status().message().find("indicators[1] (id 'b.rate')"), std::string::npos)
      << set.status();
  EXPECT_NE(set.status().message().find("'names'"), std::string::npos) << set.status();
}

TEST(IndicatorSetTest, RejectsUnknownKindDuplicateIdsAndBadSyntax) {
  EXPECT_FALSE(IndicatorSet::LoadFromJson(R"({"version":"v","markers":{"total":[]},
    "indicators":[{"id":"a","name":"甲","kind":"ratio","unit":"件","units":["件"],
                   "subjects":["甲"]}]})",
                                          "x")
                   .ok());
  absl::StatusOr<IndicatorSet> dup = IndicatorSet::LoadFromJson(R"({"version":"v",
    "markers":{"total":[]}, "indicators":[
      {"id":"a","name":"甲","kind":"count","unit":"件","units":["件"],"subjects":["甲"]},
      {"id":"a","name":"甲","kind":"count","unit":"件","units":["件"],"subjects":["甲"]}]})",
                                                                "x");
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().message().find("duplicate id"), std::string::npos);
  EXPECT_FALSE(IndicatorSet::LoadFromJson("{\"version\": ", "x").ok());
  EXPECT_EQ(IndicatorSet::LoadFromFile("/nonexistent/indicators.json").status().code(),
            absl::StatusCode::kNotFound);
}

TEST(IndicatorSetTest, GroupExcludesApplyToEveryIndicatorOfTheGroup) {
  absl::StatusOr<IndicatorSet> set = IndicatorSet::LoadFromJson(R"({
    "version": "v", "markers": {"total": [], "organ": ["局"], "organ_exempt": ["布局"]},
    "groups": {"disputes": {"excludes": ["劳资"]}},
    "indicators": [
      {"id": "disputes.a", "name": "甲", "group": "disputes", "kind": "count", "unit": "件",
       "units": ["件"], "subjects": ["纠纷"], "excludes": ["成功"]},
      {"id": "disputes.rate", "name": "乙", "group": "disputes", "kind": "rate", "unit": "%",
       "units": ["%"], "names": ["化解率"]},
      {"id": "other", "name": "丙", "kind": "count", "unit": "件", "units": ["件"],
       "subjects": ["丙"]}]
  })",
                                                                "inline");
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ(set->Find("disputes.a")->excludes, (Terms{U"成功", U"劳资"}));
  EXPECT_EQ(set->Find("disputes.rate")->excludes, (Terms{U"劳资"}));
  EXPECT_TRUE(set->Find("other")->excludes.empty());
  EXPECT_EQ(set->markers().organ, (Terms{U"局"}));
  EXPECT_EQ(set->markers().organ_exempt, (Terms{U"布局"}));
}

TEST(IndicatorSetTest, AGroupNamingNoIndicatorIsAnError) {
  absl::StatusOr<IndicatorSet> set = IndicatorSet::LoadFromJson(R"({
    "version": "v", "markers": {"total": []}, "groups": {"dispute": {"excludes": ["劳资"]}},
    "indicators": [{"id": "disputes.a", "name": "甲", "group": "disputes", "kind": "count",
                    "unit": "件", "units": ["件"], "subjects": ["纠纷"]}]
  })",
                                                                "indicators.json");
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(set.status().message().find("groups['dispute'] names no indicator's group"),
            std::string::npos)
      << set.status();
}

}  // namespace
}  // namespace fazhi::extraction
