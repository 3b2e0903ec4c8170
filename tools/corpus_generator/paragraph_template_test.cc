#include "tools/corpus_generator/paragraph_template.h"

#include <string>

#include "gtest/gtest.h"

namespace fazhi::corpus {
namespace {

using extraction::Division;
using extraction::DivisionIndex;

const DivisionIndex& Index() {
  static const DivisionIndex* index = [] {
    absl::StatusOr<DivisionIndex> loaded =
        DivisionIndex::LoadFromDirectory(std::string(FAZHI_SOURCE_DIR) + "/data/divisions");
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    return new DivisionIndex(*std::move(loaded));
  }();
  return *index;
}

SourcePlace Source(std::string_view code, int year) {
  SourcePlace source;
  source.own = Index().FindByCode(code);
  EXPECT_NE(source.own, nullptr) << code;
  source.ancestors = Index().Ancestors(*source.own);
  source.own_word = std::string(LevelWordOf(source.own->name));
  std::string_view superior = LevelWordOf(source.ancestors.front()->name);
  if (superior != source.own_word) source.superior_word = std::string(superior);
  source.year = year;
  return source;
}

TargetPlace Target(std::string_view code, int year) {
  const Division* division = Index().FindByCode(code);
  EXPECT_NE(division, nullptr) << code;
  TargetPlace target;
  target.own = NamesOf(*division);
  target.level = division->level;
  target.year = year;
  target.own_word = std::string(LevelWordOf(division->name));
  std::vector<const Division*> ancestors = Index().Ancestors(*division);
  for (const Division* ancestor : ancestors) {
    target.ancestors[static_cast<int>(ancestor->level)] = NamesOf(*ancestor);
    target.present[static_cast<int>(ancestor->level)] = true;
  }
  target.superior_word = std::string(LevelWordOf(ancestors.front()->name));
  return target;
}

std::string Rewrite(std::string_view text, const SourcePlace& source, const TargetPlace& target,
                    uint64_t seed = 1) {
  ParagraphTemplate paragraph = ParagraphTemplate::Compile(text, source, Index());
  Rng rng(seed);
  std::string out;
  paragraph.Render(target, rng, &out);
  return out;
}

constexpr std::string_view kTownship = "640522104";  // 海原县三河镇
constexpr std::string_view kCounty = "431230";       // 通道侗族自治县, Hunan

TEST(ParagraphTemplateTest, TownshipNamesAndSelfReferencesBecomeTheTargetCounty) {
  std::string out =
      Rewrite("海原县三河镇坚持依法行政,全镇上下在县委、县政府的领导下,镇党委研究法治工作。",
              Source(kTownship, 2023), Target(kCounty, 2018));
  // 通道侗族自治县 is under 怀化市: the superior's word becomes 市.
  EXPECT_EQ(out, "通道侗族自治县坚持依法行政,全县上下在市委、市政府的领导下,县党委研究法治工作。");
}

TEST(ParagraphTemplateTest, ShortNamesKeepTheirForm) {
  std::string out = Rewrite("通道县开展法治通道建设,我县通道侗族自治县人民政府印发方案。",
                            Source(kCounty, 2016), Target(kTownship, 2020));
  EXPECT_EQ(out, "三河镇开展法治三河建设,我镇三河镇人民政府印发方案。");
}

TEST(ParagraphTemplateTest, YearsShiftByTheReportYearDifference) {
  std::string out = Rewrite("2021年12月22日召开会议,2022年将继续推进。", Source(kCounty, 2021),
                            Target(kCounty, 2017));
  EXPECT_EQ(out, "2017年12月22日召开会议,2018年将继续推进。");
}

TEST(ParagraphTemplateTest, TitlesAndDocumentNumbersKeepTheirYearsAndFigures) {
  std::string text = "按照《法治政府建设实施纲要(2015-2020年)》(甘办法〔2021〕27号)要求";
  EXPECT_EQ(Rewrite(text, Source(kCounty, 2021), Target(kCounty, 2016)), text);
}

TEST(ParagraphTemplateTest, TheReportYearsOwnPlanFollowsTheReportYear) {
  std::string out = Rewrite("按照《2021年度法治政府建设重点工作安排》(甘办法〔2021〕27号)",
                            Source(kCounty, 2021), Target(kCounty, 2018));
  EXPECT_EQ(out, "按照《2018年度法治政府建设重点工作安排》(甘办法〔2021〕27号)");
}

TEST(ParagraphTemplateTest, BareNamesStayBareForPrefecturesEndingInZhou) {
  // 郴州 ends with 州 but is the bare form of 郴州市, not a typed one.
  PlaceNames names = NamesOf(*Index().FindByCode("4310"));
  EXPECT_EQ(names.official, "郴州市");
  EXPECT_EQ(names.bare, "郴州");
  EXPECT_EQ(names.typed_short, "郴州市");
  names = NamesOf(*Index().FindByCode(kCounty));
  EXPECT_EQ(names.typed_short, "通道县");
  EXPECT_EQ(names.bare, "通道");
}

TEST(ParagraphTemplateTest, MarkersOrdinalsAndDatesStayWhileFiguresChange) {
  SourcePlace source = Source(kCounty, 2016);
  TargetPlace target = Target(kCounty, 2016);
  std::string text = "1.召开第3次会议,6月18日取消行政审批项目318项,清理3049项。";
  bool changed = false;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    std::string out = Rewrite(text, source, target, seed);
    EXPECT_EQ(out.substr(0, 2), "1.") << out;
    EXPECT_NE(out.find("第3次会议,6月18日取消行政审批项目"), std::string::npos) << out;
    changed = changed || out != text;
  }
  EXPECT_TRUE(changed);
}

TEST(ParagraphTemplateTest, FiguresKeepTheirShape) {
  SourcePlace source = Source(kCounty, 2016);
  TargetPlace target = Target(kCounty, 2016);
  for (uint64_t seed = 1; seed <= 50; ++seed) {
    std::string out = Rewrite("培训3000人,满意率98.5%。", source, target, seed);
    // A round thousand stays round; one decimal stays one decimal.
    size_t people = out.find("人");
    ASSERT_NE(people, std::string::npos);
    EXPECT_EQ(out.substr(people - 3, 3), "000") << out;
    size_t percent = out.find("%");
    ASSERT_NE(percent, std::string::npos);
    EXPECT_EQ(out[percent - 2], '.') << out;
  }
}

TEST(ParagraphTemplateTest, PercentagesStayAtMostOneHundredButForRareOnes) {
  SourcePlace source = Source(kCounty, 2016);
  TargetPlace target = Target(kCounty, 2016);
  int above = 0;
  for (uint64_t seed = 1; seed <= 500; ++seed) {
    std::string out = Rewrite("合法性审查率达95%。", source, target, seed);
    int value = std::stoi(out.substr(out.find("达") + 3));
    if (value > 100) ++above;
    EXPECT_GE(value, 70);
  }
  EXPECT_LT(above, 25);
}

TEST(ParagraphTemplateTest, DistrictsOfAProvinceLevelCityNameTheCityOnce) {
  // 北京市东城区: the province-level city stands for both the province and the prefecture.
  std::string out = Rewrite("在海原县三河镇", Source(kTownship, 2023), Target("110101", 2023));
  EXPECT_EQ(out, "在东城区");
}

}  // namespace
}  // namespace fazhi::corpus
