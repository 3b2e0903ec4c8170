#include "services/extraction/jurisdiction/jurisdiction.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

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

JurisdictionHints Hints(std::string title, std::vector<std::string> issuers = {},
                        std::string source_line = "") {
  return JurisdictionHints{std::move(title), std::move(issuers), std::move(source_line)};
}

// A first line longer than a header's: the text after it is body, not the reporter's own evidence.
const std::string kBodyOpening =
    "2023年,在县委的正确领导下,县政府坚持以习近平新时代中国特色社会主义思想为指导。";

std::string CodeOf(std::string_view text, const JurisdictionHints& hints = {}) {
  std::optional<Jurisdiction> j = ResolveJurisdiction(text, hints, Index());
  return j.has_value() ? j->code : "none";
}

// Two places named alike in the issuers: the same one in either order and in every process (the
// first in the official list), with a confidence of one half.
TEST(JurisdictionTest, ExactTieIsSettledByTheOfficialListNotByHashOrder) {
  for (const auto& issuers :
       {std::vector<std::string>{"海原县人民政府", "通道侗族自治县人民政府"},
        std::vector<std::string>{"通道侗族自治县人民政府", "海原县人民政府"}}) {
    std::optional<Jurisdiction> j = ResolveJurisdiction("", Hints("", issuers), Index());
    ASSERT_TRUE(j.has_value()) << issuers.front();
    EXPECT_EQ(j->code, "431230") << issuers.front();
    EXPECT_DOUBLE_EQ(j->confidence, 0.5) << issuers.front();
  }
}

// The same two places in the body alone, nothing else saying which reports: nothing settles it.
TEST(JurisdictionTest, BodyAloneSplitEvenlyResolvesToNothing) {
  EXPECT_EQ(CodeOf("2020年,在县委的正确领导下,"
                   "县政府坚持以习近平新时代中国特色社会主义思想为指导。海原县。通道侗族自治县。"),
            "none");
  EXPECT_EQ(CodeOf("2020年,在县委的正确领导下,"
                   "县政府坚持以习近平新时代中国特色社会主义思想为指导。通道侗族自治县。海原县。"),
            "none");
}

TEST(JurisdictionTest, TownshipNameSharedByManyCountiesIsSettledByItsCountyAndProvince) {
  JurisdictionHints hints = Hints("海原县三河镇2023年度法治建设情况报告",
                                  {"中共海原县三河镇委员会", "海原县三河镇人民政府"});
  std::string body =
      "2023年,三河镇在县委、县政府的正确领导下,全镇法治建设取得成效。附:"
      "2023年法治宁夏建设工作统计表";
  std::optional<Jurisdiction> j = ResolveJurisdiction(body, hints, Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->code, "640522104");
  EXPECT_EQ(j->level, "township");
  EXPECT_EQ(j->county, "海原县");
  EXPECT_EQ(j->prefecture, "中卫市");
  EXPECT_EQ(j->province, "宁夏回族自治区");
}

// A name nine places bear, written again and again: each time counts, and the one time its county
// stands right before it still says which place it is, whichever comes first.
TEST(JurisdictionTest, TownshipNamedAgainAndAgainKeepsTheTimeItsCountyQualifiesIt) {
  const std::string bare = "三河镇推进依法行政。";
  const std::string qualified = "海原县三河镇推进依法行政。";
  for (const std::string& body :
       {bare + bare + qualified + bare + bare, qualified + bare + bare + bare + bare}) {
    std::optional<Jurisdiction> j = ResolveJurisdiction(body, {}, Index());
    ASSERT_TRUE(j.has_value()) << body;
    EXPECT_EQ(j->code, "640522104") << body;
  }
}

// A name of one place written again and again counts every time, though its readings are added
// once: five times outweigh once, where once each would be a tie.
TEST(JurisdictionTest, NameOfOnePlaceWrittenAgainAndAgainCountsEveryTime) {
  const std::string provinces = "宁夏回族自治区和湖南省。";
  const std::string haiyuan = "海原县推进依法行政。";
  const std::string tongdao = "通道侗族自治县推进依法行政。";
  for (const std::string& body :
       {provinces + tongdao + haiyuan + haiyuan + haiyuan + haiyuan + haiyuan,
        provinces + haiyuan + haiyuan + haiyuan + haiyuan + haiyuan + tongdao}) {
    std::optional<Jurisdiction> j = ResolveJurisdiction(body, {}, Index());
    ASSERT_TRUE(j.has_value()) << body;
    EXPECT_EQ(j->name, "海原县") << body;
    EXPECT_GT(j->confidence, 0.6) << body;
  }
}

TEST(JurisdictionTest, TownshipInAnotherProvinceIsFoundByItsProvinceAlone) {
  // 三河镇 of 肥西县 (安徽): only the province is named besides the township.
  std::string text =
      "三河镇2022年法治政府建设工作报告\n2022年,我镇在安徽省委的领导下,"
      "全镇法治建设稳步推进。三河镇人民政府";
  std::optional<Jurisdiction> j = ResolveJurisdiction(text, {}, Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->name, "三河镇");
  EXPECT_EQ(j->province, "安徽省");
  EXPECT_EQ(j->level, "township");
}

TEST(JurisdictionTest, ShortFormOfAutonomousCountyInSourceLine) {
  JurisdictionHints hints = Hints("", {}, "来源:通道县人民政府");
  std::optional<Jurisdiction> j = ResolveJurisdiction(
      "2016年,通道县各级行政机关认真贯彻落实。我县法治政府建设", hints, Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->name, "通道侗族自治县");
  EXPECT_EQ(j->code, "431230");
  EXPECT_EQ(j->prefecture, "怀化市");
}

TEST(JurisdictionTest, ShortFormOfAutonomousPrefecture) {
  std::optional<Jurisdiction> j = ResolveJurisdiction(
      "甘孜州2021年法治政府建设情况报告\n全州法治政府建设取得新成效。", {}, Index());
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

// A bare short name counts for a place named in full anywhere, later in the text too, and also
// where another name follows right after it (三河公正): without the four bare 三河, the two
// townships would tie and nothing would be resolved.
TEST(JurisdictionTest, BareShortNameWrittenBeforeTheFullNameStillCounts) {
  const std::string bare = "三河推进依法行政。三河公正执法。";
  const std::string full = "海原县三河镇召开会议。通道县播阳镇召开会议。";
  std::optional<Jurisdiction> j =
      ResolveJurisdiction(kBodyOpening + bare + bare + full, {}, Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->code, "640522104");
  EXPECT_GT(j->confidence, 0.6);
  EXPECT_EQ(CodeOf(kBodyOpening + full), "none");
}

// A county named only by its bare short name (海原) says which of the nine 三河镇 the text means.
TEST(JurisdictionTest, CountyNamedOnlyByItsBareShortNameSupportsItsTownship) {
  EXPECT_EQ(CodeOf(kBodyOpening + "海原推进依法行政。三河镇召开会议。"), "640522104");
  EXPECT_EQ(CodeOf(kBodyOpening + "三河镇召开会议。"), "none");
}

// A bare short name right before a generic name (汕尾 before 城区) still says which place that is.
TEST(JurisdictionTest, BareShortNameRightBeforeAGenericNameQualifiesIt) {
  EXPECT_EQ(CodeOf(kBodyOpening + "汕尾 城区坚持依法行政，全区法治建设扎实推进。"), "441502");
  EXPECT_EQ(CodeOf(kBodyOpening + "城区坚持依法行政，全区法治建设扎实推进。"), "none");
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
      "州法治政府建设工作领导小组办公室:在州委、州政府的坚强领导下,"
      "我县坚持依法行政。按照《甘孜藏族自治州人民"
      "政府2021年度法治政府建设重点工作安排》,"
      "落实《四川省规范行政执法裁量权规定》《四川省重大行政处罚备案规定》。";
  EXPECT_EQ(CodeOf(text, hints), "513327");
}

TEST(JurisdictionTest, DepartmentReportingForItselfResolvesToItsCounty) {
  JurisdictionHints hints = Hints("广宗县司法局2022年法治政府建设工作报告", {"广宗县司法局"});
  std::optional<Jurisdiction> j = ResolveJurisdiction(
      "2022年,县司法局在县委、县政府的领导下,全面推进依法治县。", hints, Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->name, "广宗县");
  EXPECT_EQ(j->province, "河北省");
}

TEST(JurisdictionTest, DistrictOfAMunicipalityHasTheCityAsPrefecture) {
  std::optional<Jurisdiction> j = ResolveJurisdiction(
      "北京市海淀区2021年法治政府建设年度情况报告\n2021年,海淀区坚持以习近平法治思想为指导,"
      "全区法治建设。",
      {}, Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->code, "110108");
  EXPECT_EQ(j->level, "county");
  EXPECT_EQ(j->prefecture, "北京市");
  EXPECT_EQ(j->province, "北京市");
}

TEST(JurisdictionTest, CityLevelReportIsNotOneOfItsDistricts) {
  std::string text =
      "保山市2022年法治政府建设情况报告\n2022年,"
      "全市法治政府建设取得成效。隆阳区、施甸县、腾冲市、龙陵县、昌宁县"
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
  EXPECT_EQ(
      CodeOf("2020年,在县委的正确领导下,县政府坚持以习近平新时代中国特色社会主义思想为指导。"),
      "none");
}

// --- Names inside longer words (real sentences from ../shared/corpus/work-reports) ------------

TEST(JurisdictionTest, TownshipNameInsideAWordIsNoPlace) {
  // 发展乡 (two townships, in 克山县 and in 庆安县) inside 发展乡村.
  EXPECT_EQ(CodeOf("提高农村现代生活条件，推动设立乡村振兴投资基金，培育发展乡村特色产业，分类发展"
                   "新型农村集体经济。"),
            "none");
  EXPECT_EQ(
      CodeOf("激励各类人才下乡服务和创业就业，发展乡村旅游等富民产业，壮大新型农村集体经济。"),
      "none");
  // The township itself, named by its report.
  EXPECT_EQ(CodeOf("克山县发展乡2023年法治政府建设情况报告\n2023年，发展乡在县委、县政府的领导下，"
                   "全乡法治建设稳步推进。"),
            "230229206");
}

TEST(JurisdictionTest, ShortNameThatOnlyEndsLikeATypeIsNoTypedName) {
  // 大市 is short for 大市镇, 城镇 for 城镇街道: neither ends with its own type word.
  EXPECT_EQ(CodeOf("加大市场监管、环境保护、食品安全、道路交通、公共卫生等重点领域执法力度。"),
            "none");
  EXPECT_EQ(CodeOf("常住人口城镇化率年均增幅居全国前列。城镇更新改造惠及390万人。"), "none");
}

TEST(JurisdictionTest, GenericNameCountsOnlyWithItsAncestor) {
  // 城区 is also the word for an urban district (three districts bear it as their name).
  EXPECT_EQ(CodeOf("罗湖作为中心城区之一，相对于原特区外的城区，城市更新具有一定的区位优势。"),
            "none");
  EXPECT_EQ(
      CodeOf(
          "汕尾市城区2022年法治政府建设年度报告\n2022年，城区坚持依法行政，全区法治建设扎实推进。"),
      "441502");
}

// A township is no place's parent: right before a generic name (城区) it says nothing of which
// place that is, which stays unread, while the county before the township still qualifies it.
TEST(JurisdictionTest, TownshipRightBeforeAGenericNameQualifiesNothing) {
  std::optional<Jurisdiction> j =
      ResolveJurisdiction("海原县三河镇城区推进依法行政。三河镇城区面貌一新。", {}, Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->code, "640522104");
}

TEST(JurisdictionTest, TwoCharacterNameTakesNoCharacterOfTheWordBefore) {
  // 范县 in 示范县, 高城镇 in 提高城镇化.
  EXPECT_EQ(CodeOf("荣获2019年度中国营商环境百佳示范县市第五名。连续两年被评为“中国营商环境百佳示范"
                   "县市”第五名。"),
            "none");
  EXPECT_EQ(CodeOf("强化县域产业集聚和县城功能提升，稳步提高城镇化水平。"), "none");
  EXPECT_EQ(
      CodeOf(
          "范县2022年法治政府建设情况报告\n2022年，范县在濮阳市委的领导下，全县法治建设稳步推进。"),
      "410926");
}

TEST(JurisdictionTest, CountyNamedWithoutAnyAncestorIsNoPlace) {
  // 高港区 (泰州市, 江苏省) in 提高港口: nothing in a Shenzhen report supports it.
  EXPECT_EQ(
      CodeOf("增强世界级集装箱枢纽港集聚辐射功能，发展高端航运服务业，提高港口国际中转比例。"),
      "none");
  EXPECT_EQ(CodeOf("泰州市高港区2022年法治政府建设情况报告\n2022年，高港区法治建设取得新成效。"),
            "321203");
}

TEST(JurisdictionTest, FormerNameInsideAStreetNameIsReadWhole) {
  // Not 新区街道 (吉林, 江苏 ...): the text means the streets of 龙华新区.
  std::string text =
      "各位代表:\n现在,我代表深圳市人民政府向大会报告工作,"
      "请予审议。\n不断改善社会治理。完成龙华新区街道分设。"
      "实施居住证管理条例。";
  EXPECT_EQ(CodeOf(text), "440300");
}

// --- The reporter's own evidence --------------------------------------------------------------

TEST(JurisdictionTest, SpeakerGovernmentOutranksPlacesNamedInTheBody) {
  std::string text =
      "各位代表:\n现在,我代表南山区人民政府向大会报告工作,请予审议。\n"
      "深圳市推进粤港澳大湾区建设,深圳市、广州市、珠海市共建。深圳市全面深化改革,"
      "深圳市扩大开放。全市经济稳定增长。";
  std::optional<Jurisdiction> j = ResolveJurisdiction(text, {}, Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->code, "440305");
  EXPECT_EQ(j->name_as_written, "南山区");
}

TEST(JurisdictionTest, IssuerOutranksPlacesNamedInTheBody) {
  std::string text =
      "深圳市全面深化改革。深圳市扩大开放。深圳市、广州市共建大湾区。全市经济稳定增长。";
  EXPECT_EQ(CodeOf(text, Hints("", {"福田区人民政府"})), "440304");
}

TEST(JurisdictionTest, GovernmentNamedByTypeAloneTakesTheBareShortName) {
  // 盐田 is never written 盐田区 here; the speaker's 区人民政府 says the reporter is a district.
  std::string text =
      "各位代表:\n现在,我代表区人民政府向大会作政府工作报告,请予审议。\n"
      "2014年,盐田经济保持平稳增长,全市生产总值增长。盐田港吞吐量创新高,"
      "深圳港集装箱吞吐量居全球第三。"
      "我区坚持生态立区,全区上下共同努力。盐田在全市率先开展。";
  std::optional<Jurisdiction> j = ResolveJurisdiction(text, {}, Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->code, "440308");
  EXPECT_EQ(j->name_as_written, "盐田");
}

TEST(JurisdictionTest, ProvincialReportThatMentionsTheNationStaysProvincial) {
  std::string text =
      "各位代表:\n现在,我代表省人民政府,向大会报告工作,请予审议。\n"
      "2025年,广东地区生产总值增长,占全国的十分之一。我国经济回升向好,"
      "全国统一大市场建设。我省坚持稳中求进,"
      "全国首个,全国第一,全国领先,我国发展面临的环境。全省上下共同努力。";
  std::optional<Jurisdiction> j = ResolveJurisdiction(text, {}, Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->code, "440000");
  EXPECT_EQ(j->level, "province");
}

// The resolver gives a bare name's places readings only where one of them can count; the places
// it names stay named. In a list where a township holds another (the official list has none), the
// one named only by its bare short name (甲乙) still supports the one under it (丙丁镇).
TEST(JurisdictionTest, TownshipNamedOnlyByItsBareShortNameSupportsThePlaceUnderIt) {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / "fazhi_jurisdiction_nested_townships";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "provinces.csv") << "code,name\n64,\"宁夏回族自治区\"\n";
  std::ofstream(dir / "cities.csv") << "code,name,provinceCode\n6405,\"中卫市\",64\n";
  std::ofstream(dir / "areas.csv")
      << "code,name,cityCode,provinceCode\n640522,\"海原县\",6405,64\n";
  std::ofstream(dir / "streets.csv") << "code,name,areaCode,provinceCode,cityCode\n"
                                     << "640522104,\"甲乙镇\",640522,64,6405\n"
                                     << "640522105,\"丙丁镇\",640522104,64,6405\n";
  absl::StatusOr<DivisionIndex> index = DivisionIndex::LoadFromDirectory(dir.string());
  ASSERT_TRUE(index.ok()) << index.status();
  std::optional<Jurisdiction> j =
      ResolveJurisdiction(kBodyOpening + "甲乙推进依法行政。丙丁镇召开会议。", {}, *index);
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->code, "640522105");
  EXPECT_FALSE(ResolveJurisdiction(kBodyOpening + "丙丁镇召开会议。", {}, *index).has_value());
}

// --- Former names and functional areas ---------------------------------------------------------

TEST(JurisdictionTest, FormerNameResolvesToTheDivisionThatHoldsItsCodeNow) {
  std::string text =
      "各位代表:\n现在,我代表坪山新区管委会向大会作工作报告,请予审议。\n"
      "2013年,在市委市政府的正确领导下,坪山新区以“发力竞进、提速增效”为总要求,"
      "全年新区实现地区生产总值372亿元。";
  std::optional<Jurisdiction> j = ResolveJurisdiction(text, {}, Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->code, "440310");
  EXPECT_EQ(j->name, "坪山区");
  EXPECT_EQ(j->name_as_written, "坪山新区");
  EXPECT_EQ(j->prefecture, "深圳市");
}

TEST(JurisdictionTest, FormerPrefectureNameInTheTitle) {
  std::optional<Jurisdiction> j = ResolveJurisdiction(
      "2009年,全市法治政府建设稳步推进。", Hints("襄樊市2009年依法行政工作报告"), Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->code, "420600");
  EXPECT_EQ(j->name, "襄阳市");
  EXPECT_EQ(j->name_as_written, "襄樊市");
}

TEST(JurisdictionTest, FunctionalAreaReportResolvesToNothingNotToASimilarDivision) {
  // 大鹏新区 has no code; its 大鹏街道 is a township of 龙岗区.
  std::string text =
      "各位代表:\n现在,我代表大鹏新区管理委员会向大会作报告,请予审议。\n"
      "葵涌街道获评全市首个学习型街道,大鹏街道入选全市首批国际人才街区创建点,"
      "南澳街道“城市琢玉行动”上榜。"
      "将大鹏街道打造为旅游门户和旅游服务中心。大鹏发展还存在一些挑战。";
  EXPECT_EQ(CodeOf(text), "none");
  EXPECT_EQ(CodeOf("大鹏新区管委会认真贯彻市委市政府决策部署。大鹏新区生态文明建设。大鹏发展还存在"
                   "一些挑战。深圳市推进。"),
            "none");
}

TEST(JurisdictionTest, FunctionalAreaNamedInAnotherReportIsNoCandidate) {
  std::string text =
      "各位代表:\n现在,"
      "我代表深圳市人民政府向大会报告工作。\n大鹏新区、前海深港现代服务业合作区加快发展。";
  EXPECT_EQ(CodeOf(text), "440300");
}

// --- The national level --------------------------------------------------------------------------

TEST(JurisdictionTest, StateCouncilSpeakerIsNational) {
  std::string text =
      "各位代表:\n现在,我代表国务院,向大会报告政府工作,请予审议,并请全国政协各位委员提出意见。\n"
      "一、2023年工作回顾\n过去一年,"
      "我国发展面临的国际国内环境错综复杂。北京市、上海市、广东省经济大省挑大梁。"
      "全国各族人民共同努力,我国经济回升向好。";
  std::optional<Jurisdiction> j = ResolveJurisdiction(text, {}, Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->level, "national");
  EXPECT_EQ(j->name, "中华人民共和国");
  EXPECT_EQ(j->code, "");
  EXPECT_EQ(j->province, "");
  EXPECT_EQ(j->prefecture, "");
  EXPECT_EQ(j->name_as_written, "国务院");
}

TEST(JurisdictionTest, MinistryAsIssuerOrInTheFirstLineIsNational) {
  std::optional<Jurisdiction> j = ResolveJurisdiction(
      "2022年,司法部坚持以习近平法治思想为指导。指导北京市、浙江省开展试点。",
      Hints("司法部2022年法治政府建设年度报告", {"中华人民共和国司法部"}), Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->level, "national");
  EXPECT_EQ(j->name_as_written, "司法部");
  j = ResolveJurisdiction(
      "中华人民共和国司法部\n2022年法治政府建设年度报告\n2022年,司法部坚持以习近平法治思想为指导,"
      "全面履行职责,"
      "指导北京市、浙江省开展试点。",
      {}, Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->level, "national");
}

TEST(JurisdictionTest, LocalBranchOfANationalOrganIsItsPlace) {
  EXPECT_EQ(CodeOf("全市税务系统坚持依法治税。", Hints("", {"国家税务总局深圳市税务局"})),
            "440300");
}

TEST(JurisdictionTest, NationalSelfReferencesAloneMustFarOutnumberLocalOnes) {
  std::string national;
  for (int i = 0; i < 6; ++i) national += "我国经济持续恢复,全国就业形势总体稳定。";
  std::optional<Jurisdiction> j =
      ResolveJurisdiction(national + "北京市冬奥会成功举办。", {}, Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->level, "national");
  // A province speaking of the nation as much speaks of itself too.
  std::string provincial =
      national + "山东省经济稳中向好,全省上下,我省坚持。全省就业。山东省扩大开放,山东省深化改革。";
  j = ResolveJurisdiction(provincial, {}, Index());
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->code, "370000");
}

}  // namespace
}  // namespace fazhi::extraction
