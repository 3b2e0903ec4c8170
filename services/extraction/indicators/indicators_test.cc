#include "services/extraction/indicators/indicators.h"

#include <map>
#include <string>

#include "gtest/gtest.h"

namespace fazhi::extraction {
namespace {

struct Figure {
  std::string surface;
  double value;
  std::string unit;
  bool approximate = false;
};

class ExtractIndicatorsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<IndicatorSet> loaded = IndicatorSet::LoadFromFile(
        std::string(FAZHI_SOURCE_DIR) + "/data/indicators/indicators.json");
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    set_ = new IndicatorSet(*std::move(loaded));
  }

  // Runs the extractor over `text` with the figures marked as quantities (each surface is
  // looked for after the previous one), and returns id -> indicator.
  static std::map<std::string, Indicator> Extract(const std::string& text,
                                                  const std::vector<Figure>& figures,
                                                  std::optional<int> year,
                                                  const std::vector<Section>& sections = {}) {
    const std::u32string cps = ToCodepoints(text);
    std::vector<Quantity> quantities;
    size_t from = 0;
    for (const Figure& f : figures) {
      const std::u32string surface = ToCodepoints(f.surface);
      const size_t at = cps.find(surface, from);
      EXPECT_NE(at, std::u32string::npos) << f.surface;
      if (at == std::u32string::npos) continue;
      from = at + surface.size();
      Quantity q;
      q.text = f.surface;
      q.value = f.value;
      q.unit = f.unit;
      q.approximate = f.approximate;
      q.span = {static_cast<int64_t>(at), static_cast<int64_t>(from)};
      quantities.push_back(q);
    }
    std::map<std::string, Indicator> out;
    for (Indicator& i : ExtractIndicators(text, quantities, *set_, year, sections)) out[i.id] = i;
    return out;
  }

  static IndicatorSet* set_;
};

IndicatorSet* ExtractIndicatorsTest::set_ = nullptr;

TEST_F(ExtractIndicatorsTest, ChainsSubCountsOfTheSameGroupWithinASentence) {
  auto found = Extract("2022年,全区共收到行政复议申请31件,其中受理30件目前已全部审结,不予受理1件;"
                       "受理的30件中决定维持11件。",
                       {{"31件", 31, "件"}, {"30件", 30, "件"}, {"1件", 1, "件"},
                        {"30件", 30, "件"}, {"11件", 11, "件"}},
                       2022);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found["reconsideration.received"].value, 31);
  EXPECT_EQ(found["reconsideration.accepted"].value, 30);
  EXPECT_EQ(found["reconsideration.concluded"].value, 30);
  EXPECT_NE(found["reconsideration.received"].evidence.find("全区共收到行政复议申请31件"),
            std::string::npos);
}

TEST_F(ExtractIndicatorsTest, ALaterClauseDoesNotRestateAnIndicatorOfTheSentence) {
  auto found = Extract("2020年,我市新收行政复议申请88件,依法受理80件,审结75件。",
                       {{"88件", 88, "件"}, {"80件", 80, "件"}, {"75件", 75, "件"}}, 2020);
  EXPECT_EQ(found["reconsideration.received"].value, 88);
  EXPECT_EQ(found["reconsideration.accepted"].value, 80);
  EXPECT_EQ(found["reconsideration.concluded"].value, 75);
}

TEST_F(ExtractIndicatorsTest, CompoundInvestigateAndResolveVerbStatesTheIntakeFigure) {
  auto found = Extract("全市共排查化解矛盾纠纷3000件,成功化解2900件。",
                       {{"3000件", 3000, "件"}, {"2900件", 2900, "件"}}, 2020);
  EXPECT_EQ(found["disputes.investigated"].value, 3000);
  EXPECT_EQ(found["disputes.resolved"].value, 2900);
}

TEST_F(ExtractIndicatorsTest, GoalsAreNotResults) {
  EXPECT_TRUE(Extract("力争行政机关负责人出庭应诉率达到100%。", {{"100%", 100, "%"}}, 2020).empty());
  EXPECT_TRUE(Extract("确保全年无行政诉讼案件。", {}, 2020).empty());
  EXPECT_EQ(Extract("全年无行政诉讼案件。", {}, 2020).count("litigation.cases"), 1u);
  // In the plans part a figure is a goal even without a goal word.
  const std::string text = "一、工作成效\n好差评好评率99%。\n三、下一步工作打算\n出庭应诉率100%。";
  std::vector<Section> sections(2);
  sections[0].level = 1;
  sections[0].part = "achievements";
  sections[0].span = {0, 6};
  sections[1].level = 1;
  sections[1].part = "plans";
  sections[1].span = {18, 27};
  auto found = Extract(text, {{"99%", 99, "%"}, {"100%", 100, "%"}}, 2020, sections);
  EXPECT_EQ(found.count("gov_services.good_review_rate"), 1u);
  EXPECT_EQ(found.count("litigation.head_appearance_rate"), 0u);
}

TEST_F(ExtractIndicatorsTest, ASubjectBelongsToTheFigureItPrecedes) {
  auto found = Extract("2020年全县共发生行政诉讼案件8件、行政复议案件3件。",
                       {{"8件", 8, "件"}, {"3件", 3, "件"}}, 2020);
  EXPECT_EQ(found["litigation.cases"].value, 8);
  EXPECT_EQ(found["reconsideration.received"].value, 3);
  found = Extract("全年培训行政执法人员3期共500人。", {{"3期", 3, "期"}, {"500人", 500, "人"}}, 2020);
  EXPECT_EQ(found["enforcement.personnel_trained"].value, 500);
}

TEST_F(ExtractIndicatorsTest, NegatedVerbIsNotAResolvedCount) {
  auto found = Extract("2022年,全区共排查出矛盾纠纷1365件,未化解698件,已化解667件。",
                       {{"1365件", 1365, "件"}, {"698件", 698, "件"}, {"667件", 667, "件"}},
                       2022);
  EXPECT_EQ(found["disputes.investigated"].value, 1365);
  EXPECT_EQ(found["disputes.resolved"].value, 667);
}

TEST_F(ExtractIndicatorsTest, ADifferentRateNameIsNotTheIndicator) {
  auto found = Extract("累计产生评价数据52.27万条,主动评价率95.36%。",
                       {{"52.27万条", 522700, "条"}, {"95.36%", 95.36, "%"}}, 2022);
  EXPECT_EQ(found.count("gov_services.good_review_rate"), 0u);
  found = Extract("主动评价率95.36%,好评率100%。", {{"95.36%", 95.36, "%"}, {"100%", 100, "%"}},
                  2022);
  EXPECT_EQ(found["gov_services.good_review_rate"].value, 100);
}

TEST_F(ExtractIndicatorsTest, AvailabilityRateIsNotTheOnlineRate) {
  auto found = Extract("进驻率达100%,网上可办率达99%以上、全程网办率达75%以上。",
                       {{"100%", 100, "%"}, {"99%以上", 99, "%", true}, {"75%以上", 75, "%", true}},
                       2022);
  ASSERT_EQ(found.count("gov_services.online_rate"), 1u);
  EXPECT_EQ(found["gov_services.online_rate"].value, 75);
  EXPECT_TRUE(found["gov_services.online_rate"].approximate);
}

TEST_F(ExtractIndicatorsTest, ReviewSessionsAreNotCaseFiles) {
  EXPECT_TRUE(Extract("2020年已开展11次执法案卷评查。", {{"11次", 11, "次"}}, 2020).empty());
  auto found = Extract("2022年随机抽取22个执法部门的129件行政执法案卷进行评查,其中优秀100件。",
                       {{"22个", 22, "个"}, {"129件", 129, "件"}, {"100件", 100, "件"}}, 2022);
  EXPECT_EQ(found["enforcement.case_files_reviewed"].value, 129);
}

TEST_F(ExtractIndicatorsTest, PartialScopeFiguresAreSkipped) {
  EXPECT_TRUE(Extract("疫情防控期间,共解答涉及疫情法律咨询23件,在线受理法律援助案件45件。",
                      {{"23件", 23, "件"}, {"45件", 45, "件"}}, 2020)
                  .empty());
  auto found = Extract("全年解答法律咨询2963人次,办理各类援助案件185件,受援436人。",
                       {{"2963人次", 2963, "人次"}, {"185件", 185, "件"}, {"436人", 436, "人"}},
                       2020);
  EXPECT_EQ(found["legal_aid.cases"].value, 185);
}

TEST_F(ExtractIndicatorsTest, ChannelFiguresWithoutATotalAreNotJurisdictionWide) {
  auto found = Extract("目前,我县调解矛盾纠纷 95次,化解率100%,就地化解矛盾40次;"
                       "全县共排查各类矛盾纠纷201件,现已化解182件,成功率达90.5%。"
                       "一是及时化解处在萌芽状态的矛盾纠纷305起。",
                       {{"95次", 95, "次"}, {"100%", 100, "%"}, {"40次", 40, "次"},
                        {"201件", 201, "件"}, {"182件", 182, "件"}, {"90.5%", 90.5, "%"},
                        {"305起", 305, "起"}},
                       2021);
  EXPECT_EQ(found["disputes.investigated"].value, 201);
  EXPECT_EQ(found["disputes.resolved"].value, 182);
  EXPECT_EQ(found["disputes.success_rate"].value, 90.5);
}

TEST_F(ExtractIndicatorsTest, ZeroStatementsStateZero) {
  auto found = Extract("截至目前,我县暂无行政复议、行政应诉案件。", {}, 2021);
  ASSERT_EQ(found.count("reconsideration.received"), 1u);
  ASSERT_EQ(found.count("litigation.cases"), 1u);
  EXPECT_EQ(found["reconsideration.received"].value, 0);
  EXPECT_EQ(found["litigation.cases"].value, 0);
  EXPECT_TRUE(Extract("确保无行政复议案件被纠错。", {}, 2021).empty());
}

TEST_F(ExtractIndicatorsTest, PriorYearFiguresAreNotReportYearFigures) {
  const std::string text = "2015年我县共受理信访65件。";
  EXPECT_TRUE(Extract(text, {{"65件", 65, "件"}}, 2016).empty());
  EXPECT_EQ(Extract(text, {{"65件", 65, "件"}}, 2015)["petitions.received"].value, 65);
}

TEST_F(ExtractIndicatorsTest, AYearBoundingAPeriodDoesNotDateTheFigure) {
  auto found = Extract("完成对2021年12月以前以区人民政府名义发布的85件规范性文件的全面清理工作。",
                       {{"85件", 85, "件"}}, 2022);
  EXPECT_EQ(found["normative_docs.cleaned_up"].value, 85);
  EXPECT_EQ(found.count("normative_docs.issued"), 0u);
}

TEST_F(ExtractIndicatorsTest, SubCountsAfterQizhongAndPerUnitFiguresAreSkipped) {
  auto found = Extract("全县参加行政执法年审培训人员共106人,其中72名行政执法人员完成系统培训。",
                       {{"106人", 106, "人"}, {"72名", 72, "名"}}, 2021);
  EXPECT_EQ(found["enforcement.personnel_trained"].value, 106);
  found = Extract("培养“法律明白人”每村3名以上骨干“法律明白人”,现目前全县已培养380名法律明白人。",
                  {{"3名以上", 3, "名", true}, {"380名", 380, "名"}}, 2021);
  EXPECT_EQ(found["legal_literates.count"].value, 380);
}

TEST_F(ExtractIndicatorsTest, BreakdownsInParenthesesAreSkipped) {
  auto found = Extract("2022年,共受理法律援助案件1900件(民事1580件、刑事320件)。",
                       {{"1900件", 1900, "件"}, {"1580件", 1580, "件"}, {"320件", 320, "件"}},
                       2022);
  EXPECT_EQ(found["legal_aid.cases"].value, 1900);
  EXPECT_EQ(found["legal_aid.cases"].span.end - found["legal_aid.cases"].span.begin, 5);
}

TEST_F(ExtractIndicatorsTest, RateOutsideZeroToHundredIsKeptAsSuspect) {
  auto found = Extract("政务服务“好差评”好评率为135%。", {{"135%", 135, "%"}}, 2022);
  EXPECT_EQ(found["gov_services.good_review_rate"].value, 135);
  EXPECT_TRUE(found["gov_services.good_review_rate"].suspect);
}

TEST_F(ExtractIndicatorsTest, FigureNotInTheUnitsOfAnyIndicatorIsIgnored) {
  EXPECT_TRUE(Extract("开展“法律明白人”培训共252学时。", {{"252学时", 252, "学时"}}, 2022).empty());
}

}  // namespace
}  // namespace fazhi::extraction
