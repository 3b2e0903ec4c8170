#include "services/extraction/sections/sections.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "common/text/code_points.h"

namespace fazhi::extraction {
namespace {

using text::DecodeUtf8;

std::string Levels(const SectionTree& tree) {
  std::string out;
  for (const Section& s : tree.sections) out += std::to_string(s.level);
  return out;
}

TEST(SectionsTest, SpansCountCodePointsPastInvalidBytesAndFullWidthIndents) {
  // An invalid byte is one code point; the heading line is indented by two U+3000.
  const std::string text = "\xFF报告\n\u3000\u3000一、主要举措和成效\n内容\n";
  const SectionTree tree = SegmentSections(text);
  ASSERT_FALSE(tree.sections.empty());
  EXPECT_EQ(tree.sections[0].span.begin, 6);  // FFFD 报 告 \n 　 　
  EXPECT_EQ(tree.sections[0].span.end, 15);   // 一、主要举措和成效: 9 code points
}

TEST(SectionsTest, HeadingLevelsAndCanonicalParts) {
  SectionTree tree = SegmentSections(
      "某县2021年度法治政府建设情况报告\n一、法治政府建设主要举措和成效\n(一)强化法治引领\n"
      "1.深入学习宣传习近平法治思想。一是纳入学习安排。\n(1)"
      "领导带头学\n一是将习近平法治思想纳入学习。\n"
      "二是组织培训。\n二、存在的问题\n一是制定程序有待完善。\n三、下一步工作安排\n(一)"
      "完善决策机制\n");
  EXPECT_EQ(Levels(tree), "1234551512");
  EXPECT_EQ(tree.sections[0].marker, "一、");
  EXPECT_EQ(tree.sections[0].heading, "法治政府建设主要举措和成效");
  EXPECT_EQ(tree.sections[2].heading, "深入学习宣传习近平法治思想");
  EXPECT_EQ(tree.sections[1].part, "achievements");
  EXPECT_EQ(tree.sections[7].part, "problems");
  EXPECT_EQ(tree.sections[9].part, "plans");
  EXPECT_TRUE(tree.summary.achievements);
  EXPECT_TRUE(tree.summary.problems);
  EXPECT_TRUE(tree.summary.plans);
  EXPECT_FALSE(tree.summary.leaders_duties);
}

TEST(SectionsTest, FullWidthParenthesesAndArabicNumeralAmongChineseOnes) {
  SectionTree tree = SegmentSections(
      "一、法治政府建设情况\n(一)政府职能\n(二)制度体系\n(三)决策\n(四)执法\n(五)监督\n"
      "(6)畅通渠道,依法化解行政争议\n是加强行政复议应诉工作。\n二是加强调解。\n(七)能力\n");
  ASSERT_EQ(tree.sections.size(), 10u);
  EXPECT_EQ(tree.sections[1].marker, "(一)");
  EXPECT_EQ(tree.sections[1].level, 2);
  EXPECT_EQ(tree.sections[6].marker, "(6)");
  EXPECT_EQ(tree.sections[6].level, 2);
  // The lost 一 before 是: still the first item of a 一是 list.
  EXPECT_EQ(tree.sections[7].level, 5);
  EXPECT_EQ(tree.sections[7].heading, "是加强行政复议应诉工作");
}

TEST(SectionsTest, ArabicParenthesesUnderANumberedItemStayLevelFour) {
  SectionTree tree =
      SegmentSections("一、成效\n(一)学法\n1.领导学法\n(1)集中学\n(2)专题学\n(二)用法\n");
  EXPECT_EQ(Levels(tree), "123442");
}

TEST(SectionsTest, LeadersDutiesHeading) {
  SectionTree tree = SegmentSections(
      "一、主要举措和成效\n(一)加强领导\n(二)落实第一责任人职责,推进第一责任人职责清单落实\n"
      "二、党政主要负责人履行推进法治建设第一责任人职责情况\n三、存在的问题\n四、下一步打算\n");
  EXPECT_EQ(tree.sections[2].part, "leaders_duties");
  EXPECT_EQ(tree.sections[3].part, "leaders_duties");
  EXPECT_TRUE(tree.summary.leaders_duties);
}

TEST(SectionsTest, ProblemsAndPlansOpenedByParagraphs) {
  SectionTree tree = SegmentSections(
      "一、依法防控疫情\n(一)学习讲话精神\n认真学习。\n二、深化放管服改革\n(一)综合执法\n"
      "2020年,我县围绕总思路,初步形成了良好氛围,但也存在一些困难和问题。主要是认识不足。\n"
      "2021年,我县将继续扎实推进法治政府建设。\n一是抓好规划。\n二是推进法治社会建设。\n");
  EXPECT_TRUE(tree.summary.achievements);
  EXPECT_TRUE(tree.summary.problems);
  EXPECT_TRUE(tree.summary.plans);
  bool paragraph_plans = false;
  for (const Section& s : tree.sections) paragraph_plans |= s.level == 0 && s.part == "plans";
  EXPECT_TRUE(paragraph_plans);
}

TEST(SectionsTest, NextStepParagraph) {
  SectionTree tree =
      SegmentSections("一、工作开展情况\n做了很多工作。\n下一步,我县将继续推进依法行政。\n");
  EXPECT_TRUE(tree.summary.plans);
  EXPECT_FALSE(tree.summary.problems);
}

TEST(SectionsTest, ProblemWordsInsideAchievementsDoNotOpenProblems) {
  SectionTree tree =
      SegmentSections("一、主要做法\n对检查发现的问题督促整改,解决群众反映的问题。\n");
  EXPECT_FALSE(tree.summary.problems);
  EXPECT_TRUE(tree.summary.achievements);
}

TEST(SectionsTest, SpansAreCodePointsOfTheHeadingLine) {
  std::string text = "报告\n一、存在的问题\n";
  SectionTree tree = SegmentSections(text);
  ASSERT_EQ(tree.sections.size(), 1u);
  EXPECT_EQ(tree.sections[0].span.begin, 3);
  EXPECT_EQ(tree.sections[0].span.end, 10);
}

TEST(SectionsTest, DecimalsAndYearsAreNotMarkers) {
  SectionTree tree = SegmentSections("2020年,全县推进法治建设。\n3.5万元用于普法。\n一、成效\n");
  EXPECT_EQ(Levels(tree), "1");
}

TEST(SectionsTest, WorkReportPartHeadingsWithoutMarkers) {
  // A district report (unmarked part lines above its 一、 headings), reviewing 2013.
  const std::string text =
      "各位代表:\n现在,我代表区人民政府向大会报告工作。\n2013年工作回顾\n一、经济发展\n增长12%。\n"
      "在肯定成绩的同时,我们也清醒看到,发展中还面临一些困难。\n2014年工作安排\n一、推动转型升级\n"
      "今年将新增产业用地100公顷。\n";
  SectionTree tree = SegmentSections(text, 2013);
  EXPECT_TRUE(tree.summary.achievements);
  EXPECT_TRUE(tree.summary.problems);
  EXPECT_TRUE(tree.summary.plans);
  // "一、推动转型升级" under "2014年工作安排" belongs to the plans.
  const auto it = std::find_if(tree.sections.begin(), tree.sections.end(),
                               [](const Section& s) { return s.heading == "推动转型升级"; });
  ASSERT_NE(it, tree.sections.end());
  EXPECT_EQ(it->part, "plans");
  const std::u32string code_points = DecodeUtf8(text);
  const std::vector<Span> plans =
      PartSpans(tree.sections, "plans", static_cast<int64_t>(code_points.size()));
  ASSERT_EQ(plans.size(), 1u);
  EXPECT_EQ(code_points.substr(plans[0].begin, 4), U"2014");
  EXPECT_EQ(plans[0].end, static_cast<int64_t>(code_points.size()));
}

TEST(SectionsTest, AHeadingNamingALaterYearOpensThePlans) {
  SectionTree tree = SegmentSections(
      "一、2025年工作回顾\n增长5%。\n二、十五五时期的目标\n三、2026年重点工作\n(一)扩大内需\n",
      2025);
  ASSERT_EQ(tree.sections.size(), 4u);
  EXPECT_EQ(tree.sections[0].part, "achievements");
  EXPECT_EQ(tree.sections[2].part, "plans");
  EXPECT_EQ(tree.sections[3].part, "plans");
  // The headings after the plans heading are more of the plans.
  SectionTree national = SegmentSections(
      "一、2019年工作回顾\n二、今年发展主要目标和下一阶段工作总体部署\n三、加大宏观政策实施力度\n四"
      "、依靠改革激发活力\n",
      2019);
  ASSERT_EQ(national.sections.size(), 4u);
  EXPECT_EQ(national.sections[3].part, "plans");
  // Without the report year the same heading stays unclassified.
  EXPECT_FALSE(SegmentSections("一、2025年工作回顾\n二、2026年重点工作\n").summary.plans);
}

TEST(SectionsTest, PageMenusNamingPartsAreNoHeadings) {
  SectionTree tree =
      SegmentSections("工作报告\n年度工作计划及总结\n法治政府建设报告\n一、主要成效\n推进。\n");
  EXPECT_FALSE(tree.summary.plans);
}

TEST(SectionsTest, ProblemsOpenedMidParagraph) {
  SectionTree tree = SegmentSections(
      "一、过去一年的工作\n过去一年,困难比预料的多。同时,我们清醒认识到,"
      "前进道路上还有不少困难和问题。\n");
  EXPECT_TRUE(tree.summary.problems);
}

TEST(SectionsTest, AnAppendixEndsThePlans) {
  const std::string text =
      "一、2015年工作回顾\n增长。\n二、2016年主要工作任务\n推进。\n附件:\n附件2\n6月1日前,"
      "工作室进驻。\n";
  SectionTree tree = SegmentSections(text, 2015);
  ASSERT_FALSE(tree.sections.empty());
  EXPECT_EQ(tree.sections.back().part, "appendix");
  const std::u32string code_points = DecodeUtf8(text);
  const std::vector<Span> plans =
      PartSpans(tree.sections, "plans", static_cast<int64_t>(code_points.size()));
  ASSERT_EQ(plans.size(), 1u);
  EXPECT_EQ(plans[0].end, static_cast<int64_t>(code_points.find(U"附件")));
}

}  // namespace
}  // namespace fazhi::extraction
