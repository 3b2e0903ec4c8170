#include "services/extraction/jurisdiction/jurisdiction.h"

#include <cstdlib>

#include <gtest/gtest.h>

namespace fazhi::extraction {
namespace {

const DivisionIndex& Index() {
  static const DivisionIndex* index = [] {
    const char* root = std::getenv("FAZHI_SOURCE_DIR");
    std::string dir = std::string(root != nullptr ? root : FAZHI_SOURCE_DIR) + "/data/divisions";
    absl::StatusOr<DivisionIndex> loaded = DivisionIndex::LoadFromDirectory(dir);
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    return new DivisionIndex(std::move(*loaded));
  }();
  return *index;
}

JurisdictionHints Hints(std::string title, std::vector<std::string> issuers = {}, std::string source_line = "") {
  return JurisdictionHints{std::move(title), std::move(issuers), std::move(source_line)};
}

std::string CodeOf(std::string_view text, const JurisdictionHints& hints = {}) {
  std::optional<Jurisdiction> j = ResolveJurisdiction(text, hints, Index());
  return j.has_value() ? j->code : "none";
}

// Two places named alike and nothing else: the same one in either order and in every process
// (the first in the official list), with a confidence of one half.
TEST(JurisdictionTest, ExactTieIsSettledByTheOfficialListNotByHashOrder) {
  for (const std::string text : {"海原县。通道侗族自治县。", "通道侗族自治县。海原县。"}) {
    std::optional<Jurisdiction> j = ResolveJurisdiction(text, {}, Index());
    ASSERT_TRUE(j.has_value()) << text;
    EXPECT_EQ(j->code, "431230") << text;
    EXPECT_DOUBLE_EQ(j->confidence, 0.5) << text;
  }
}

TEST(JurisdictionTest, TownshipNameSharedByManyCountiesIsSettledByItsCountyAndProvince) {
  JurisdictionHints hints =
      Hints("海原县三河镇2023年度法治建设情况报告", {"中共海原县三河镇委员会", "海原县三河镇人民政府"});
  std::string body = "2023年,三河镇在县委、县政府的正确领导下,全镇法治建设取得成效。附:2023年法治宁夏建设工作统计表";
  std::optional<Jurisdiction> j = ResolveJurisdiction(body, hints, Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->code, "640522104");
  EXPECT_EQ(j->level, "township");
  EXPECT_EQ(j->county, "海原县");
  EXPECT_EQ(j->prefecture, "中卫市");
  EXPECT_EQ(j->province, "宁夏回族自治区");
}

TEST(JurisdictionTest, TownshipInAnotherProvinceIsFoundByItsProvinceAlone) {
  // 三河镇 of 肥西县 (安徽): only the province is named besides the township.
  std::string text = "三河镇2022年法治政府建设工作报告\n2022年,我镇在安徽省委的领导下,全镇法治建设稳步推进。三河镇人民政府";
  std::optional<Jurisdiction> j = ResolveJurisdiction(text, {}, Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->name, "三河镇");
  EXPECT_EQ(j->province, "安徽省");
  EXPECT_EQ(j->level, "township");
}

TEST(JurisdictionTest, ShortFormOfAutonomousCountyInSourceLine) {
  JurisdictionHints hints = Hints("", {}, "来源:通道县人民政府");
  std::optional<Jurisdiction> j = ResolveJurisdiction("2016年,通道县各级行政机关认真贯彻落实。我县法治政府建设", hints, Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->name, "通道侗族自治县");
  EXPECT_EQ(j->code, "431230");
  EXPECT_EQ(j->prefecture, "怀化市");
}

TEST(JurisdictionTest, ShortFormOfAutonomousPrefecture) {
  std::optional<Jurisdiction> j =
      ResolveJurisdiction("甘孜州2021年法治政府建设情况报告\n全州法治政府建设取得新成效。", {}, Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->name, "甘孜藏族自治州");
  EXPECT_EQ(j->level, "prefecture");
  EXPECT_EQ(j->prefecture, "甘孜藏族自治州");
}

TEST(JurisdictionTest, BareShortNameCountsOnlyWithAFullMention) {
  EXPECT_EQ(CodeOf("隆阳区2022年度法治政府建设情况的报告\n隆阳持续推进法治建设。"), "530502");
  // 通道 alone is a common word (绿色通道), not a place.
  EXPECT_EQ(CodeOf("开辟绿色通道,畅通通道,优化通道。"), "none");
}

TEST(JurisdictionTest, JurisdictionNamedOnlyInsideSlogansWithProvinceShortName) {
  std::string text =
      "2020年,在县委的正确领导下,县政府坚持依法行政。发挥平安盂县、法治盂县建设的优势。"
      "贯彻落实山西省委的部署,全县法治建设。县委和县政府研究部署,打造人民调解盂县品牌。";
  std::optional<Jurisdiction> j = ResolveJurisdiction(text, {}, Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->code, "140322");
  EXPECT_EQ(j->prefecture, "阳泉市");
}

TEST(JurisdictionTest, PrefectureAndProvinceInTheBodyAreContext) {
  JurisdictionHints hints = Hints("", {"炉霍县人民政府"});
  std::string text =
      "州法治政府建设工作领导小组办公室:在州委、州政府的坚强领导下,我县坚持依法行政。按照《甘孜藏族自治州人民"
      "政府2021年度法治政府建设重点工作安排》,落实《四川省规范行政执法裁量权规定》《四川省重大行政处罚备案规定》。";
  EXPECT_EQ(CodeOf(text, hints), "513327");
}

TEST(JurisdictionTest, DepartmentReportingForItselfResolvesToItsCounty) {
  JurisdictionHints hints = Hints("广宗县司法局2022年法治政府建设工作报告", {"广宗县司法局"});
  std::optional<Jurisdiction> j =
      ResolveJurisdiction("2022年,县司法局在县委、县政府的领导下,全面推进依法治县。", hints, Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->name, "广宗县");
  EXPECT_EQ(j->province, "河北省");
}

TEST(JurisdictionTest, DistrictOfAMunicipalityHasTheCityAsPrefecture) {
  std::optional<Jurisdiction> j = ResolveJurisdiction(
      "北京市海淀区2021年法治政府建设年度情况报告\n2021年,海淀区坚持以习近平法治思想为指导,全区法治建设。", {}, Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->code, "110108");
  EXPECT_EQ(j->level, "county");
  EXPECT_EQ(j->prefecture, "北京市");
  EXPECT_EQ(j->province, "北京市");
}

TEST(JurisdictionTest, CityLevelReportIsNotOneOfItsDistricts) {
  std::string text =
      "保山市2022年法治政府建设情况报告\n2022年,全市法治政府建设取得成效。隆阳区、施甸县、腾冲市、龙陵县、昌宁县"
      "全面推进依法行政。\n保山市人民政府\n2022年12月30日";
  JurisdictionHints hints = Hints("保山市2022年法治政府建设情况报告", {"保山市人民政府"});
  std::optional<Jurisdiction> j = ResolveJurisdiction(text, hints, Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->code, "530500");
  EXPECT_EQ(j->level, "prefecture");
  EXPECT_EQ(j->province, "云南省");
}

TEST(JurisdictionTest, ProvinceLevelReport) {
  JurisdictionHints hints = Hints("山西省人民政府关于2021年法治政府建设情况的报告");
  std::optional<Jurisdiction> j = ResolveJurisdiction(
      "2021年,全省法治政府建设扎实推进。太原市、大同市持续推进依法行政。", hints, Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->code, "140000");
  EXPECT_EQ(j->level, "province");
  EXPECT_EQ(j->prefecture, "");
}

TEST(JurisdictionTest, NothingNamedResolvesToNothing) {
  EXPECT_EQ(CodeOf("2020年,在县委的正确领导下,县政府坚持以习近平新时代中国特色社会主义思想为指导。"), "none");
}

}  // namespace
}  // namespace fazhi::extraction
