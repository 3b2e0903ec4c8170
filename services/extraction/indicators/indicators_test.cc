#include "services/extraction/indicators/indicators.h"

#include <algorithm>
#include <map>
#include <string>

#include "common/text/code_points.h"
#include "gtest/gtest.h"
#include "services/extraction/sections/sections.h"

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
    std::map<std::string, Indicator> out;
    for (Indicator& i : ExtractIndicators(text, Quantities(text, figures), *set_, year, sections))
      out[i.id] = i;
    return out;
  }

  // The figures as quantities of `text`, in order.
  static std::vector<Quantity> Quantities(const std::string& text,
                                          const std::vector<Figure>& figures) {
    const std::u32string cps = text::DecodeUtf8(text);
    std::vector<Quantity> quantities;
    size_t from = 0;
    for (const Figure& f : figures) {
      const std::u32string surface = text::DecodeUtf8(f.surface);
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
    return quantities;
  }

  static IndicatorSet* set_;
};

IndicatorSet* ExtractIndicatorsTest::set_ = nullptr;

TEST_F(ExtractIndicatorsTest, ChainsSubCountsOfTheSameGroupWithinASentence) {
  auto found = Extract(
      "2022年,全区共收到行政复议申请31件,其中受理30件目前已全部审结,不予受理1件;"
      "受理的30件中决定维持11件。",
      {{"31件", 31, "件"},
       {"30件", 30, "件"},
       {"1件", 1, "件"},
       {"30件", 30, "件"},
       {"11件", 11, "件"}},
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
  EXPECT_TRUE(
      Extract("力争行政机关负责人出庭应诉率达到100%。", {{"100%", 100, "%"}}, 2020).empty());
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
  found =
      Extract("全年培训行政执法人员3期共500人。", {{"3期", 3, "期"}, {"500人", 500, "人"}}, 2020);
  EXPECT_EQ(found["enforcement.personnel_trained"].value, 500);
}

TEST_F(ExtractIndicatorsTest, NegatedVerbIsNotAResolvedCount) {
  auto found = Extract("2022年,全区共排查出矛盾纠纷1365件,未化解698件,已化解667件。",
                       {{"1365件", 1365, "件"}, {"698件", 698, "件"}, {"667件", 667, "件"}}, 2022);
  EXPECT_EQ(found["disputes.investigated"].value, 1365);
  EXPECT_EQ(found["disputes.resolved"].value, 667);
}

TEST_F(ExtractIndicatorsTest, ADifferentRateNameIsNotTheIndicator) {
  auto found = Extract("累计产生评价数据52.27万条,主动评价率95.36%。",
                       {{"52.27万条", 522700, "条"}, {"95.36%", 95.36, "%"}}, 2022);
  EXPECT_EQ(found.count("gov_services.good_review_rate"), 0u);
  found =
      Extract("主动评价率95.36%,好评率100%。", {{"95.36%", 95.36, "%"}, {"100%", 100, "%"}}, 2022);
  EXPECT_EQ(found["gov_services.good_review_rate"].value, 100);
}

TEST_F(ExtractIndicatorsTest, AvailabilityRateIsNotTheOnlineRate) {
  auto found =
      Extract("进驻率达100%,网上可办率达99%以上、全程网办率达75%以上。",
              {{"100%", 100, "%"}, {"99%以上", 99, "%", true}, {"75%以上", 75, "%", true}}, 2022);
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
  auto found =
      Extract("全年解答法律咨询2963人次,办理各类援助案件185件,受援436人。",
              {{"2963人次", 2963, "人次"}, {"185件", 185, "件"}, {"436人", 436, "人"}}, 2020);
  EXPECT_EQ(found["legal_aid.cases"].value, 185);
}

TEST_F(ExtractIndicatorsTest, ChannelFiguresWithoutATotalAreNotJurisdictionWide) {
  auto found = Extract(
      "目前,我县调解矛盾纠纷 95次,化解率100%,就地化解矛盾40次;"
      "全县共排查各类矛盾纠纷201件,现已化解182件,成功率达90.5%。"
      "一是及时化解处在萌芽状态的矛盾纠纷305起。",
      {{"95次", 95, "次"},
       {"100%", 100, "%"},
       {"40次", 40, "次"},
       {"201件", 201, "件"},
       {"182件", 182, "件"},
       {"90.5%", 90.5, "%"},
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
  auto found =
      Extract("2022年,共受理法律援助案件1900件(民事1580件、刑事320件)。",
              {{"1900件", 1900, "件"}, {"1580件", 1580, "件"}, {"320件", 320, "件"}}, 2022);
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

// Phrasings of real reports (issue 15): synonyms are data in indicators.json.

TEST_F(ExtractIndicatorsTest, ZongAndQiCountLikeJian) {
  auto found = Extract("全年受理行政复议案件170宗,结案135宗。",
                       {{"170宗", 170, "宗"}, {"135宗", 135, "宗"}}, 2023);
  EXPECT_EQ(found["reconsideration.received"].value, 170);
  EXPECT_EQ(found["reconsideration.concluded"].value, 135);
  found = Extract("应对行政诉讼161宗,全部胜诉。", {{"161宗", 161, "宗"}}, 2017);
  EXPECT_EQ(found["litigation.cases"].value, 161);
  found = Extract("出台规范性文件33项、修订12项、废止28项。",
                  {{"33项", 33, "项"}, {"12项", 12, "项"}, {"28项", 28, "项"}}, 2014);
  EXPECT_EQ(found["normative_docs.issued"].value, 33);
  EXPECT_EQ(found.count("normative_docs.cleaned_up"), 0u);
}

TEST_F(ExtractIndicatorsTest, EnforcementCasesAreReviewedLikeCaseFiles) {
  auto found = Extract("开展行政执法案件评查,共评查案件320件。", {{"320件", 320, "件"}}, 2022);
  EXPECT_EQ(found["enforcement.case_files_reviewed"].value, 320);
  found = Extract("组织评查行政处罚案件156宗。", {{"156宗", 156, "宗"}}, 2022);
  EXPECT_EQ(found["enforcement.case_files_reviewed"].value, 156);
  // Cases investigated are not case files reviewed; review sessions are not files.
  EXPECT_TRUE(Extract("查处食品药品案件625宗。", {{"625宗", 625, "宗"}}, 2022).empty());
  EXPECT_TRUE(Extract("开展11次执法案件评查。", {{"11次", 11, "次"}}, 2022).empty());
}

TEST_F(ExtractIndicatorsTest, ShenheIsAReviewLikeShencha) {
  auto found = Extract("全年审核区政府规范性文件26件。", {{"26件", 26, "件"}}, 2022);
  EXPECT_EQ(found["normative_docs.reviewed"].value, 26);
  EXPECT_EQ(found.count("normative_docs.issued"), 0u);
  found = Extract("对重大行政决策、行政协议开展合法性审核112件。", {{"112件", 112, "件"}}, 2022);
  EXPECT_EQ(found["legality_reviews.total"].value, 112);
}

TEST_F(ExtractIndicatorsTest, LegalAffairsReviewedAreLegalityReviews) {
  auto found = Extract("2022年,区司法局共审查涉法事务245件。", {{"245件", 245, "件"}}, 2022);
  EXPECT_EQ(found["legality_reviews.total"].value, 245);
  found = Extract("审核涉法文件68份,提出法律意见120条。",
                  {{"68份", 68, "份"}, {"120条", 120, "条"}}, 2022);
  EXPECT_EQ(found["legality_reviews.total"].value, 68);
  // 涉法涉诉 petitions are no legality review.
  EXPECT_EQ(Extract("受理涉法涉诉信访事项45件。", {{"45件", 45, "件"}}, 2022)
                .count("legality_reviews.total"),
            0u);
}

TEST_F(ExtractIndicatorsTest, ExamineesCountWhenTheyAreEnforcementPersonnel) {
  auto found = Extract("组织全区行政执法人员参加执法资格考试,参考人员326名,合格率98%。",
                       {{"326名", 326, "名"}, {"98%", 98, "%"}}, 2022);
  EXPECT_EQ(found["enforcement.personnel_trained"].value, 326);
  found = Extract("全区1200名行政执法人员参加公共法律知识考试。", {{"1200名", 1200, "名"}}, 2022);
  EXPECT_EQ(found["enforcement.personnel_trained"].value, 1200);
  // Civil servants sitting a law exam are not enforcement personnel.
  EXPECT_TRUE(Extract("组织公务员参加学法用法考试,参考人员3200名。", {{"3200名", 3200, "名"}}, 2022)
                  .empty());
}

TEST_F(ExtractIndicatorsTest, IssuedAndCleanedUpInOneSentenceKeepTheirOwnFigures) {
  auto found = Extract("制定修订规范性文件12件,清理规范性文件85件。",
                       {{"12件", 12, "件"}, {"85件", 85, "件"}}, 2022);
  EXPECT_EQ(found["normative_docs.issued"].value, 12);
  EXPECT_EQ(found["normative_docs.cleaned_up"].value, 85);
  found =
      Extract("制定修订规范性文件12件、清理85件。", {{"12件", 12, "件"}, {"85件", 85, "件"}}, 2022);
  EXPECT_EQ(found["normative_docs.issued"].value, 12);
  EXPECT_EQ(found["normative_docs.cleaned_up"].value, 85);
  // Revised or repealed alone is not issued.
  EXPECT_TRUE(Extract("修改废止规范性文件44件。", {{"44件", 44, "件"}}, 2022).empty());
}

TEST_F(ExtractIndicatorsTest, EachFigureOfAnEnumerationKeepsItsOwnVerb) {
  auto found =
      Extract("受理复议案件479宗、办结372宗。", {{"479宗", 479, "宗"}, {"372宗", 372, "宗"}}, 2024);
  EXPECT_EQ(found["reconsideration.received"].value, 479);
  EXPECT_EQ(found["reconsideration.concluded"].value, 372);
  EXPECT_EQ(found.count("reconsideration.accepted"), 0u);
  found = Extract("处理棚改等信息公开44宗、行政复议120宗,全部依法按时答复。",
                  {{"44宗", 44, "宗"}, {"120宗", 120, "宗"}}, 2017);
  EXPECT_EQ(found["reconsideration.received"].value, 120);
  found = Extract("处理行政复议案件10件。", {{"10件", 10, "件"}}, 2016);
  EXPECT_EQ(found["reconsideration.received"].value, 10);
}

TEST_F(ExtractIndicatorsTest, DisputeVerbsTellIntakeFromResolution) {
  EXPECT_EQ(Extract("拓展法律服务平台,调处矛盾纠纷1.46万宗。", {{"1.46万宗", 14600, "宗"}},
                    2013)["disputes.investigated"]
                .value,
            14600);
  EXPECT_EQ(
      Extract("调解矛盾纠纷1.19万宗。", {{"1.19万宗", 11900, "宗"}}, 2016)["disputes.investigated"]
          .value,
      11900);
  auto found = Extract("建成人民调解组织56个,成功调处矛盾纠纷3338宗。",
                       {{"56个", 56, "个"}, {"3338宗", 3338, "宗"}}, 2018);
  EXPECT_EQ(found["disputes.resolved"].value, 3338);
  EXPECT_EQ(found.count("disputes.investigated"), 0u);
  found = Extract("全区各级人民调解组织受理纠纷1691宗,调解成功率达99.6%。",
                  {{"1691宗", 1691, "宗"}, {"99.6%", 99.6, "%"}}, 2017);
  EXPECT_EQ(found["disputes.investigated"].value, 1691);
  EXPECT_EQ(found["disputes.success_rate"].value, 99.6);
}

TEST_F(ExtractIndicatorsTest, AnEnumeratedMeasuresBareFigureIsThatChannels) {
  // 一是/二是 items name one channel each: without a total their figures are the channel's.
  EXPECT_TRUE(Extract("二是严格执行落实班子成员接访制度,接待来访群众205人,化解矛盾纠纷51起;",
                      {{"205人", 205, "人"}, {"51起", 51, "起"}}, 2023)
                  .empty());
  EXPECT_EQ(Extract("一是全县共排查各类矛盾纠纷201件。", {{"201件", 201, "件"}},
                    2021)["disputes.investigated"]
                .value,
            201);
}

TEST_F(ExtractIndicatorsTest, VisitsReceivedArePetitions) {
  auto found = Extract("全年共接待疏导来访事项1298宗。", {{"1298宗", 1298, "宗"}}, 2015);
  EXPECT_EQ(found["petitions.received"].value, 1298);
  found = Extract("2020年共受理信访685件,办结604件。", {{"685件", 685, "件"}, {"604件", 604, "件"}},
                  2020);
  EXPECT_EQ(found["petitions.received"].value, 685);
  // Visitors are people, not petitions; old cases cleared are not petitions received.
  EXPECT_TRUE(Extract("接待来访群众205人。", {{"205人", 205, "人"}}, 2023).empty());
  EXPECT_TRUE(Extract("开展信访积案化解,办理信访积案34宗。", {{"34宗", 34, "宗"}}, 2013).empty());
}

// Scope (issue 15): a figure is the jurisdiction's only when it is not one organ's or one kind's,
// not a term's or a campaign's, and not a target.

TEST_F(ExtractIndicatorsTest, OneOrgansFigureIsNotTheJurisdictions) {
  EXPECT_TRUE(
      Extract("全区纪检监察机关共受理信访举报286件。", {{"286件", 286, "件"}}, 2022).empty());
  EXPECT_TRUE(
      Extract("区纪委监委坚持有信必复,全年受理信访286件。", {{"286件", 286, "件"}}, 2022).empty());
  EXPECT_TRUE(Extract("区市场监管局办理行政复议案件5件。", {{"5件", 5, "件"}}, 2022).empty());
  EXPECT_TRUE(Extract("某局办理行政复议案件3件。", {{"3件", 3, "件"}}, 2022).empty());
  // Courts are not the government.
  EXPECT_TRUE(Extract("全市法院受理行政诉讼案件1200件。", {{"1200件", 1200, "件"}}, 2022).empty());
  // ... unless the sentence makes the government the defendant.
  EXPECT_EQ(Extract("2016年,市中级人民法院受理的以我县政府作为被告的行政诉讼8宗。",
                    {{"8宗", 8, "宗"}}, 2016)["litigation.cases"]
                .value,
            8);
  // The government's own legal affairs and petitions bureaus act for it; 格局 names no bureau.
  EXPECT_EQ(Extract("市司法局对提请市政府研究的56件重大行政决策进行合法性审查。",
                    {{"56件", 56, "件"}}, 2022)["legality_reviews.total"]
                .value,
            56);
  EXPECT_EQ(Extract("构建大调解格局,全区共受理矛盾纠纷900件。", {{"900件", 900, "件"}},
                    2022)["disputes.investigated"]
                .value,
            900);
}

TEST_F(ExtractIndicatorsTest, OneKindsRateIsNotTheMediationSuccessRate) {
  for (const char* text :
       {"劳资纠纷化解率达99%。", "劳资纠纷源头治理试验区扎实推进,劳资隐患化解率99%。",
        "加强信访矛盾化解,信访事项一次性化解率达99%。", "全年涉稳纠纷化解率达到99%。",
        "强化矛盾纠纷预防调处化解,行政复议化解率达99%。",
        "社会投资项目劳资纠纷历史案件化解率超99%。",
        "深入推进社会矛盾专项治理,化解劳资纠纷8817宗,化解率99%。",
        "化解矛盾纠纷9500宗,基层化解率达到99%。"}) {
    EXPECT_EQ(Extract(text, {{"99%", 99, "%"}}, 2022).count("disputes.success_rate"), 0u) << text;
  }
  auto found = Extract("化解矛盾纠纷14494件,调解成功率97%。",
                       {{"14494件", 14494, "件"}, {"97%", 97, "%"}}, 2017);
  EXPECT_EQ(found["disputes.success_rate"].value, 97);
  EXPECT_EQ(found["disputes.resolved"].value, 14494);
}

TEST_F(ExtractIndicatorsTest, OneKindsDisputesAreNotAllDisputes) {
  EXPECT_TRUE(Extract("全区共化解劳资纠纷8817宗。", {{"8817宗", 8817, "宗"}}, 2020).empty());
  EXPECT_TRUE(Extract("化解情感家事纠纷4.97万宗。", {{"4.97万宗", 49700, "宗"}}, 2021).empty());
  EXPECT_TRUE(
      Extract("全年成功调处影响社会稳定的重大矛盾纠纷68宗。", {{"68宗", 68, "宗"}}, 2009).empty());
  EXPECT_TRUE(Extract("参与解决矛盾纠纷80起。", {{"80起", 80, "起"}}, 2020).empty());
}

TEST_F(ExtractIndicatorsTest, ATermsFigureIsNotTheReportYears) {
  // A term marker earlier in the paragraph, or in the paragraph its dash-led items continue.
  EXPECT_TRUE(Extract("五年来,我们推进依法行政,完成重要文件合法性审查1097件。",
                      {{"1097件", 1097, "件"}}, 2025)
                  .empty());
  const std::string text =
      "五年来,我们有力有效应对各种风险挑战。\n——社会治理更加高效,累计化解各类矛盾纠纷1655万件。\n"
      "一年来,全省办结行政复议案件32910件。\n";
  auto found = Extract(text, {{"1655万件", 16550000, "件"}, {"32910件", 32910, "件"}}, 2025);
  EXPECT_EQ(found.count("disputes.resolved"), 0u);
  EXPECT_EQ(found["reconsideration.concluded"].value, 32910);
  EXPECT_TRUE(
      Extract("本届政府以来,共出台规范性文件120件。", {{"120件", 120, "件"}}, 2020).empty());
  EXPECT_TRUE(
      Extract("五年时光荏苒,政务服务事项网办率达到100%。", {{"100%", 100, "%"}}, 2020).empty());
}

TEST_F(ExtractIndicatorsTest, WhenTheBestFigureIsAnOrgansOrATermsTheNextBestWins) {
  // The term's and the organ's figures have a total marker (共), which would win otherwise.
  auto found =
      Extract("五年来,全省共办结行政复议案件15万件。\n一年来,全省办结行政复议案件32910件。\n",
              {{"15万件", 150000, "件"}, {"32910件", 32910, "件"}}, 2025);
  EXPECT_EQ(found["reconsideration.concluded"].value, 32910);
  found = Extract("区市场监管局共办理行政复议案件5件。受理行政复议案件49宗。",
                  {{"5件", 5, "件"}, {"49宗", 49, "宗"}}, 2019);
  EXPECT_EQ(found["reconsideration.received"].value, 49);
}

TEST_F(ExtractIndicatorsTest, ACampaignsFigureIsNotTheYears) {
  EXPECT_TRUE(Extract("开展矛盾纠纷排查化解专项行动,全区共排查矛盾纠纷320件。",
                      {{"320件", 320, "件"}}, 2022)
                  .empty());
}

TEST_F(ExtractIndicatorsTest, AFigureFollowedByANounCountsThatNoun) {
  auto found = Extract("完善公众参与、专家论证、合法性审查等6项制度,制定区政府规范性文件11份。",
                       {{"6项", 6, "项"}, {"11份", 11, "份"}}, 2021);
  EXPECT_EQ(found.count("legality_reviews.total"), 0u);
  EXPECT_EQ(found["normative_docs.issued"].value, 11);
  EXPECT_TRUE(Extract("完成楼村信访问题等9宗积案化解。", {{"9宗", 9, "宗"}}, 2016).empty());
  // The noun may be the subject itself, or be followed by it.
  EXPECT_EQ(Extract("对3份规范性文件进行了合法性审查。", {{"3份", 3, "份"}},
                    2020)["normative_docs.reviewed"]
                .value,
            3);
  EXPECT_EQ(Extract("56件重大行政决策、合同和其他文件进行合法性审查。", {{"56件", 56, "件"}},
                    2022)["legality_reviews.total"]
                .value,
            56);
}

TEST_F(ExtractIndicatorsTest, TargetsInAWorkReportsPlansPartAreNotResults) {
  // As the sections component marks a work report: the review part, then a plans part opened by
  // an unmarked line ("2014年工作安排", level 0) or a numbered heading ("二、2026年重点工作"),
  // whose later top-level headings of no part ("三、全面加强政府自身建设") are more of the plans.
  const std::string text =
      "一、2025年工作回顾\n全年受理行政复议案件170宗。\n二、2026年重点工作\n"
      "力争政务服务事项网办率达到90%以上。全程网办率达到95%。\n三、全面加强政府自身建设\n"
      "将行政机关负责人出庭应诉率保持在100%。全年办理法律援助案件2000件。\n";
  std::vector<Section> sections(3);
  sections[0] = {1, "一、", "2025年工作回顾", "achievements", {0, 11}};
  sections[1] = {1, "二、", "2026年重点工作", "plans", {28, 39}};
  sections[2] = {1, "三、", "全面加强政府自身建设", "", {71, 83}};
  auto found = Extract(text,
                       {{"170宗", 170, "宗"},
                        {"90%以上", 90, "%", true},
                        {"95%", 95, "%"},
                        {"100%", 100, "%"},
                        {"2000件", 2000, "件"}},
                       2025, sections);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found["reconsideration.received"].value, 170);
  const std::string unmarked =
      "调处矛盾纠纷1.46万宗。\n2014年工作安排\n预期目标:全年调解成功率达到98%。\n";
  std::vector<Section> level0(1);
  level0[0] = {0, "", "2014年工作安排", "plans", {14, 23}};
  found = Extract(unmarked, {{"1.46万宗", 14600, "宗"}, {"98%", 98, "%"}}, 2013, level0);
  EXPECT_EQ(found.count("disputes.investigated"), 1u);
  EXPECT_EQ(found.count("disputes.success_rate"), 0u);
}

// The same with the sections component reading the headings: the plans parts of work reports
// ("二、2026年工作安排", "三、2026年重点工作" and the tasks after it, an unmarked
// "2014年工作安排").
TEST_F(ExtractIndicatorsTest, WorkReportPlansPartsAsTheSectionsComponentMarksThem) {
  struct Case {
    std::string text;
    int year;
    std::vector<Figure> figures;
    std::string kept;  // the one indicator of the review part
  };
  const std::vector<Case> cases = {
      {"一、2025年工作回顾\n全年受理行政复议案件170宗。\n二、2026年工作安排\n全年办理法律援助案件20"
       "00件。\n",
       2025,
       {{"170宗", 170, "宗"}, {"2000件", 2000, "件"}},
       "reconsideration.received"},
      {"各位代表:\n一、2025年工作回顾\n全年受理行政复议案件170宗。\n三、2026年重点工作\n(一)"
       "优化政务服务\n"
       "力争政务服务事项网办率达到90%以上。全年办理法律援助案件2000件。\n四、全面加强政府自身建设\n"
       "将行政机关负责人出庭应诉率保持在100%。\n",
       2025,
       {{"170宗", 170, "宗"},
        {"90%以上", 90, "%", true},
        {"2000件", 2000, "件"},
        {"100%", 100, "%"}},
       "reconsideration.received"},
      {"2013年工作回顾\n拓展法律服务平台,调处矛盾纠纷1."
       "46万宗。\n2014年工作安排\n一、加强法治政府建设\n"
       "预期目标:全年调解成功率达到98%。确保受理行政复议案件50件。\n",
       2013,
       {{"1.46万宗", 14600, "宗"}, {"98%", 98, "%"}, {"50件", 50, "件"}},
       "disputes.investigated"},
  };
  for (const Case& c : cases) {
    const SectionTree tree = SegmentSections(c.text, c.year);
    auto found = Extract(c.text, c.figures, c.year, tree.sections);
    EXPECT_EQ(found.size(), 1u) << c.text;
    EXPECT_EQ(found.count(c.kept), 1u) << c.text;
  }
}

TEST_F(ExtractIndicatorsTest, QuantitiesInAnyOrderStateTheSame) {
  const std::string text = "2022年,全区共收到行政复议申请31件,其中受理30件目前已全部审结。";
  std::vector<Quantity> quantities = Quantities(text, {{"31件", 31, "件"}, {"30件", 30, "件"}});
  const std::vector<Indicator> in_order = ExtractIndicators(text, quantities, *set_, 2022);
  ASSERT_EQ(in_order.size(), 3u);
  std::reverse(quantities.begin(), quantities.end());
  const std::vector<Indicator> reversed = ExtractIndicators(text, quantities, *set_, 2022);
  ASSERT_EQ(reversed.size(), in_order.size());
  for (size_t i = 0; i < in_order.size(); ++i) {
    EXPECT_EQ(reversed[i].id, in_order[i].id);
    EXPECT_EQ(reversed[i].value, in_order[i].value);
    EXPECT_EQ(reversed[i].span.begin, in_order[i].span.begin);
  }
}

// Reports joined into one long document: each report's plans part holds goals, the first, the
// last and every one between (the plans parts are looked up, not walked, for each figure).
TEST_F(ExtractIndicatorsTest, EveryPlansPartOfALongDocumentHoldsGoals) {
  const std::string report =
      "一、2025年工作回顾\n全年受理行政复议案件170宗。\n二、2026年工作安排\n全年办理法律援助案件20"
      "00件。\n";
  constexpr int kReports = 300;
  std::string text;
  std::vector<Figure> figures;
  for (int i = 0; i < kReports; ++i) {
    text += report;
    figures.push_back({"170宗", 170, "宗"});
    figures.push_back({"2000件", 2000, "件"});
  }
  const std::u32string cps = text::DecodeUtf8(text);
  const SectionTree tree = SegmentSections(text, 2025);
  ASSERT_EQ(PartSpans(tree.sections, "plans", static_cast<int64_t>(cps.size())).size(),
            static_cast<size_t>(kReports));
  auto found = Extract(text, figures, 2025, tree.sections);
  ASSERT_EQ(found.size(), 1u);  // no legal aid figure: every one is a goal
  EXPECT_EQ(found["reconsideration.received"].span.begin,
            static_cast<int64_t>(cps.find(U"170宗")));  // the first report's
}

}  // namespace
}  // namespace fazhi::extraction
