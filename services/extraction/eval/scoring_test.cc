#include "services/extraction/eval/scoring.h"

#include "gtest/gtest.h"

namespace fazhi::extraction {
namespace {

using nlohmann::json;

EvalScores ScoreOne(const json& prediction, const json& gold, const std::string& text = "") {
  return ScoreDocuments(std::vector<ScoringInput>{{prediction, gold, text}});
}

json Indicators(const json& cells) { return {{"indicators", cells}}; }

TEST(ScoringTest, IndicatorValueWithinHalfAPercentIsRight) {
  const json gold = Indicators({{"legal_aid.cases", {{"value", 1000}}}});
  EXPECT_EQ(ScoreOne(Indicators({{"legal_aid.cases", {{"value", 1004}}}}), gold)
                .indicators.predicted_right,
            1);
  EvalScores off = ScoreOne(Indicators({{"legal_aid.cases", {{"value", 1006}}}}), gold);
  EXPECT_EQ(off.indicators.predicted_right, 0);
  EXPECT_EQ(off.indicators.Precision(), 0);
  EXPECT_EQ(off.indicators.Recall(), 0);
  ASSERT_EQ(off.misses.size(), 1u);
  EXPECT_EQ(off.misses[0].item, "legal_aid.cases");
}

TEST(ScoringTest, PredictionInANullCellCostsPrecisionOnly) {
  const json gold =
      Indicators({{"petitions.received", nullptr}, {"legal_aid.cases", {{"value", 5}}}});
  EvalScores s = ScoreOne(
      Indicators({{"petitions.received", {{"value", 3}}}, {"legal_aid.cases", {{"value", 5}}}}),
      gold);
  EXPECT_DOUBLE_EQ(s.indicators.Precision(), 0.5);
  EXPECT_DOUBLE_EQ(s.indicators.Recall(), 1.0);
  EXPECT_NEAR(s.indicators.F1(), 2.0 / 3.0, 1e-9);
}

TEST(ScoringTest, AlsoAcceptNullAllowsLeavingTheCellEmpty) {
  const json gold = Indicators({{"enforcement.personnel_trained",
                                 {{"value", 105}, {"also_accept", json::array({nullptr})}}}});
  EvalScores empty = ScoreOne(Indicators(json::object()), gold);
  EXPECT_EQ(empty.indicators.must_find, 0);
  EXPECT_DOUBLE_EQ(empty.indicators.F1(), 1.0);
  EvalScores found =
      ScoreOne(Indicators({{"enforcement.personnel_trained", {{"value", 105}}}}), gold);
  EXPECT_EQ(found.indicators.predicted_right, 1);
}

TEST(ScoringTest, NullValueWithAlsoAcceptTakesEitherAnswer) {
  const json gold = Indicators(
      {{"normative_docs.reviewed", {{"value", nullptr}, {"also_accept", json::array({30})}}}});
  EXPECT_EQ(ScoreOne(Indicators(json::object()), gold).indicators.must_find, 0);
  EvalScores s = ScoreOne(Indicators({{"normative_docs.reviewed", {{"value", 30}}}}), gold);
  EXPECT_EQ(s.indicators.predicted_right, 1);
  EXPECT_DOUBLE_EQ(s.indicators.F1(), 1.0);
}

TEST(ScoringTest, ApproximateMustMatchWhereGoldGivesIt) {
  const json gold =
      Indicators({{"gov_services.online_rate", {{"value", 75}, {"approximate", true}}}});
  EXPECT_EQ(
      ScoreOne(Indicators({{"gov_services.online_rate", {{"value", 75}, {"approximate", false}}}}),
               gold)
          .indicators.predicted_right,
      0);
  EXPECT_EQ(
      ScoreOne(Indicators({{"gov_services.online_rate", {{"value", 75}, {"approximate", true}}}}),
               gold)
          .indicators.predicted_right,
      1);
}

TEST(ScoringTest, MetadataAcceptListsNullAndOptional) {
  const json gold = {{"metadata",
                      {{"title", nullptr},
                       {"issuer", {{"accept", {"盂县人民政府"}}, {"optional", true}}},
                       {"report_year", 2020},
                       {"jurisdiction", {{"name", "盂县"}, {"code", "140322"}}}}}};
  EvalScores s = ScoreOne({{"metadata",
                            {{"title", nullptr},
                             {"issuer", nullptr},
                             {"report_year", 2020},
                             {"jurisdiction", {{"name", "盂县"}, {"code", "140300"}}}}}},
                          gold);
  EXPECT_EQ(s.metadata_fields["title"].right, 1);
  EXPECT_EQ(s.metadata_fields["issuer"].right, 1);  // optional: empty is right
  EXPECT_EQ(s.metadata_fields["report_year"].right, 1);
  EXPECT_EQ(s.metadata_fields["jurisdiction.name"].right, 1);
  EXPECT_EQ(s.metadata_fields["jurisdiction.code"].right, 0);
  EvalScores wrong =
      ScoreOne({{"metadata", {{"title", "某报告"}, {"issuer", " 盂县人民政府 "}}}}, gold);
  EXPECT_EQ(wrong.metadata_fields["title"].right, 0);   // gold null: must stay empty
  EXPECT_EQ(wrong.metadata_fields["issuer"].right, 1);  // trimmed
  EXPECT_EQ(wrong.metadata_fields["report_year"].right, 0);
}

TEST(ScoringTest, QuantityMustCoverTheSurfaceWithValueUnitAndFlags) {
  const std::string text = "罚没款16.36万元,3.3万农民,比例9567%。";
  const json gold = {{"quantities",
                      {{{"surface", "16.36万元"}, {"value", 163600}, {"unit", "元"}},
                       {{"surface", "3.3万农民"}, {"value", 33000}, {"unit", nullptr}},
                       {{"surface", "9567%"}, {"value", 9567}, {"unit", "%"}, {"suspect", true}}}}};
  json prediction = {
      {"quantities",
       {{{"text", "16.36万元"}, {"value", 163600}, {"unit", "元"}, {"span", {3, 10}}},
        {{"text", "3.3万"}, {"value", 33000}, {"unit", nullptr}, {"span", {11, 15}}},
        {{"text", "9567%"},
         {"value", 9567},
         {"unit", "%"},
         {"suspect", false},
         {"span", {20, 25}}}}}};
  EvalScores s = ScoreOne(prediction, gold, text);
  EXPECT_EQ(s.quantities.total, 3);
  EXPECT_EQ(s.quantities.right, 2);               // 9567% must be flagged suspect
  prediction["quantities"][0]["span"] = {4, 10};  // does not cover the surface
  EXPECT_EQ(ScoreOne(prediction, gold, text).quantities.right, 1);
}

TEST(ScoringTest, DatesCitationsAndDocumentNumbersMustBeListed) {
  const json gold = {
      {"dates", {{{"surface", "20161130日"}, {"value", "2016-11-30"}, {"repaired", true}}}},
      {"citations", {"民法典", "法律援助条例"}},
      {"document_numbers", {"甘办法〔2021〕27号"}}};
  const json prediction = {
      {"dates", {{{"text", "20161130日"}, {"value", "2016-11-30"}, {"repaired", true}}}},
      {"citations", {"民法典"}},
      {"document_numbers", {"甘办法〔2021〕27号"}}};
  EvalScores s = ScoreOne(prediction, gold);
  EXPECT_EQ(s.dates.right, 1);
  EXPECT_EQ(s.citations.right, 1);
  EXPECT_EQ(s.citations.total, 2);
  EXPECT_EQ(s.document_numbers.Rate(), 1.0);
}

TEST(ScoringTest, ReportEndsWithTheSummaryLine) {
  const std::string report =
      FormatEvalReport(ScoreOne(Indicators(json::object()), Indicators(json::object())), true);
  const size_t last = report.rfind("eval: docs=1 ");
  ASSERT_NE(last, std::string::npos);
  EXPECT_EQ(report.find('\n', last), report.size() - 1);
}

}  // namespace
}  // namespace fazhi::extraction
