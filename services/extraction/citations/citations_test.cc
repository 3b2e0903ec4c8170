#include "services/extraction/citations/citations.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace fazhi::extraction {
namespace {

TEST(RecognizeCitationsTest, TitlesWithoutBracketsWithCodePointSpans) {
  const std::vector<Citation> found = RecognizeCitations("执行《民法典》《法律援助条例》");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].title, "民法典");
  EXPECT_EQ(found[0].span.begin, 3);
  EXPECT_EQ(found[0].span.end, 6);
  EXPECT_EQ(found[1].title, "法律援助条例");
}

TEST(RecognizeCitationsTest, NestedAngleBracketsStayInTheTitle) {
  const std::vector<Citation> found = RecognizeCitations(
      "印发《隆阳区人民政府办公室关于〈隆阳区行政机关负责人出庭应诉工作规定(试行)〉的通知》");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].title,
            "隆阳区人民政府办公室关于〈隆阳区行政机关负责人出庭应诉工作规定(试行)〉的通知");
  EXPECT_EQ(found[0].kind, "normative_document");
}

TEST(RecognizeCitationsTest, NestedDoubleBracketsAreOneCitation) {
  const std::vector<Citation> found = RecognizeCitations("《关于《四川省条例》的决定》");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].title, "关于《四川省条例》的决定");
}

TEST(RecognizeCitationsTest, DuplicatesKeepTheFirstMention) {
  const std::vector<Citation> found =
      RecognizeCitations("《行政处罚法》和《民法典》,再学《行政处罚法》");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].title, "行政处罚法");
  EXPECT_EQ(found[1].title, "民法典");
}

TEST(RecognizeCitationsTest, DuplicatesAreDroppedInALongList) {
  // Past the few titles compared one by one, the kept titles are hashed.
  std::string text;
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 50; ++i) text += "《第" + std::to_string(i) + "号办法》";
  }
  const std::vector<Citation> found = RecognizeCitations(text);
  ASSERT_EQ(found.size(), 50u);
  EXPECT_EQ(found[0].title, "第0号办法");
  EXPECT_EQ(found[49].title, "第49号办法");
}

TEST(RecognizeCitationsTest, TitleIsTrimmed) {
  const std::vector<Citation> found = RecognizeCitations("《 优化营商环境条例 》");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].title, "优化营商环境条例");
}

TEST(RecognizeCitationsTest, UnclosedBracketIsNoCitation) {
  EXPECT_TRUE(RecognizeCitations("《未完的标题\n下一行》").empty());
}

TEST(CitationKindTest, LawsRegulationsRulesPlansAndDocuments) {
  EXPECT_EQ(CitationKind("中华人民共和国行政处罚法"), "law");
  EXPECT_EQ(CitationKind("民法典"), "law");
  EXPECT_EQ(CitationKind("企业信用信息公示暂行条例"), "regulation");
  EXPECT_EQ(CitationKind("云南省行政规范性文件制定和备案办法"), "rule");
  EXPECT_EQ(CitationKind("四川省重大行政决策程序规定"), "rule");
  EXPECT_EQ(CitationKind("法治中国建设规划(2020-2025年)"), "plan");
  EXPECT_EQ(CitationKind("法治社会建设实施纲要(2020-2025年)"), "plan");
  EXPECT_EQ(CitationKind("湖南省行政复议工作规范化建设实施意见"), "normative_document");
  EXPECT_EQ(CitationKind("隆阳区法治政府建设实施纲要(2021—2025年)重要举措分工方案"),
            "normative_document");
  EXPECT_EQ(CitationKind("通道侗族自治县行政处罚案卷评查内容和标准(试行)"), "normative_document");
  EXPECT_EQ(CitationKind("朝花夕拾"), "other");
}

TEST(CitationKindTest, AboutRuleIsNormativeUnlessIssuedByDecree) {
  EXPECT_EQ(CitationKind("最高人民法院关于行政机关负责人出庭应诉若干问题的规定"),
            "normative_document");
  EXPECT_EQ(CitationKind("关于规范行政执法的规定", /*decree_number_follows=*/true), "rule");
  const std::vector<Citation> found =
      RecognizeCitations("落实《关于行政规范性文件管理的规定》(省政府令第188-1号)");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, "rule");
  EXPECT_EQ(RecognizeCitations("《四川省行政规范性文件管理》(省政府令第188-1号)")[0].kind, "rule");
}

}  // namespace
}  // namespace fazhi::extraction
