#include "services/extraction/metadata/metadata.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fazhi::extraction {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(MetadataTest, TitleSkipsAnnotatorLineAndPageFurniture) {
  Metadata m = ExtractMetadata(
      "Original text of the report retrieved from the county website.\n\n您的位置:首页 > 政务公开\n"
      "关于2021年度法治政府建设工作情况报告的公示\n2021年12月22日 04时21分\n来源:某县人民政府\n"
      "一、主要举措和成效\n2021年,我县坚持依法行政。",
      nullptr);
  EXPECT_EQ(m.title, "关于2021年度法治政府建设工作情况报告的公示");
  EXPECT_EQ(m.report_year, 2021);
  EXPECT_EQ(m.published_on, "2021-12-22");
  EXPECT_THAT(m.issuers, ElementsAre("某县人民政府"));
  EXPECT_EQ(m.document_kind, "rule_of_law_report");
}

TEST(MetadataTest, SignatureOutranksTheSourceLabelsPublishingOffice) {
  Metadata m = ExtractMetadata(
      "某市人民政府关于2022年度法治政府建设情况的报告\n发布时间:2023-02-15 来源:某市司法局\n\n"
      "一、主要举措和成效\n全市坚持依法行政。\n\n某市人民政府\n2023年2月15日",
      nullptr);
  EXPECT_THAT(m.issuers, ElementsAre("某市人民政府", "某市司法局"));
}

TEST(MetadataTest, NoTitleWhenTheDocumentStartsWithBody) {
  Metadata m = ExtractMetadata(
      "2020年,在县委的正确领导下,县政府坚持依法行政,法治政府建设取得新成效。\n一、依法防控疫情\n"
      "2020年以来,全县推进法治建设。落实《法治政府建设实施纲要(2015-2020年)"
      "》。\n三、2021年工作打算\n继续推进。",
      nullptr);
  EXPECT_EQ(m.title, "");
  EXPECT_EQ(m.report_year, 2020);
  EXPECT_EQ(m.published_on, "");
  EXPECT_THAT(m.issuers, IsEmpty());
}

TEST(MetadataTest, LabelsWithValuesOnTheNextLineAndAnEmptyDocNumber) {
  Metadata m = ExtractMetadata(
      "某区2022年度法治政府建设情况的报告\n\n索引号\n01525685-0/"
      "20221219-00001\n发文机构\n某区人民政府\n"
      "公开目录\n法治政府建设\n文\xC2\xA0\xC2\xA0号\n浏览量\n35\n日期\n2022-12-"
      "19\n\n一、法治政府建设工作情况\n正文。",
      nullptr);
  EXPECT_EQ(m.title, "某区2022年度法治政府建设情况的报告");
  EXPECT_EQ(m.index_number, "01525685-0/20221219-00001");
  EXPECT_THAT(m.issuers, ElementsAre("某区人民政府"));
  EXPECT_EQ(m.doc_number, "");
  EXPECT_EQ(m.published_on, "2022-12-19");
}

TEST(MetadataTest, InlineLabelsOnOneSourceLine) {
  Metadata m = ExtractMetadata(
      "某某县人民政府关于2016年度法治政府建设情况的报告\n来源:某县人民政府 发布时间:2017-06-27 "
      "11:00 浏览次数:759 次\n"
      "文号:某政发〔2017〕12号\n一、法治政府建设情况\n2016年,我县推进依法行政。",
      nullptr);
  EXPECT_EQ(m.published_on, "2017-06-27");
  EXPECT_THAT(m.issuers, ElementsAre("某县人民政府"));
  EXPECT_EQ(m.doc_number, "某政发〔2017〕12号");
  EXPECT_EQ(m.report_year, 2016);
}

TEST(MetadataTest, TitleSplitAcrossIssuerAndAboutLines) {
  Metadata m = ExtractMetadata(
      "某某县人民政府\n\n关于2016年度法治政府建设情况的报告\n\n2016年,我县推进依法行政。", nullptr);
  EXPECT_EQ(m.title, "某某县人民政府关于2016年度法治政府建设情况的报告");
  EXPECT_THAT(m.issuers, ElementsAre("某某县人民政府"));
}

TEST(MetadataTest, SignatureBlockGivesSeveralIssuersInOrderAndTheDate) {
  Metadata m = ExtractMetadata(
      "某镇2023年度法治建设情况报告\n2023年,我镇坚持依法行政,"
      "取得成效。\n三、下一步工作\n继续推进。\n"
      "附:"
      "2023年法治建设工作统计表\n中共某县某镇委员会\n某县某镇人民政府\n2024年2月28日\n\n各省区市政"
      "府网站\n",
      nullptr);
  EXPECT_THAT(m.issuers, ElementsAre("中共某县某镇委员会", "某县某镇人民政府"));
  EXPECT_EQ(m.published_on, "2024-02-28");
  EXPECT_EQ(m.report_year, 2023);
}

TEST(MetadataTest, PublicationDateIsNotTheReportYear) {
  Metadata m = ExtractMetadata(
      "某县2016年法治政府建设情况报告\n2016年,我县依法行政。\n某县人民政府\n二〇一七年三月五日",
      nullptr);
  EXPECT_EQ(m.report_year, 2016);
  EXPECT_EQ(m.published_on, "2017-03-05");
}

TEST(MetadataTest, SourceUrlLine) {
  Metadata m = ExtractMetadata(
      "某县法治政府建设报告\nhttp://www.example.gov.cn/a/b/202112/3ec5.shtml\n正文。", nullptr);
  EXPECT_EQ(m.source_url, "http://www.example.gov.cn/a/b/202112/3ec5.shtml");
}

TEST(MetadataTest, DocumentKinds) {
  EXPECT_EQ(ExtractMetadata("某县2021年政府信息公开工作年度报告\n正文。", nullptr).document_kind,
            "information_disclosure_report");
  EXPECT_EQ(ExtractMetadata("2022年某市政府工作报告\n正文。", nullptr).document_kind,
            "government_work_report");
  EXPECT_EQ(ExtractMetadata("某新区2016年管委会工作报告\n正文。", nullptr).document_kind,
            "government_work_report");
  EXPECT_EQ(ExtractMetadata("某县2021年度法治政府建设情况报告\n正文。", nullptr).document_kind,
            "rule_of_law_report");
  EXPECT_EQ(ExtractMetadata("某县2021年度安全生产工作总结\n正文。", nullptr).document_kind,
            "other");
}

TEST(MetadataTest, ANewspaperOnTheSourceLineIsNoIssuer) {
  Metadata m = ExtractMetadata(
      "某市2022年度法治政府建设情况报告\n来源:某某日报\n时间:2023-01-"
      "05\n一、主要成效\n全市坚持依法行政。",
      nullptr);
  EXPECT_THAT(m.issuers, IsEmpty());
  EXPECT_EQ(m.published_on, "2023-01-05");
}

TEST(MetadataTest, AnIssuerOnTheLineAfterAnEmptySourceLabel) {
  Metadata m = ExtractMetadata(
      "某县2022年度法治政府建设情况报告\n来源:\n某县人民政府\n一、主要成效\n全县坚持依法行政。",
      nullptr);
  EXPECT_THAT(m.issuers, ElementsAre("某县人民政府"));
}

TEST(MetadataTest, ADepartmentsOwnRuleOfLawReport) {
  EXPECT_EQ(ExtractMetadata("某市司法局关于2022年度法治政府建设工作情况的报告\n正文。", nullptr)
                .document_kind,
            "department_report");
  EXPECT_EQ(ExtractMetadata("某市人民政府关于2022年度法治政府建设工作情况的报告\n正文。", nullptr)
                .document_kind,
            "rule_of_law_report");
  EXPECT_EQ(ExtractMetadata("中共某县某镇委员会关于2022年度法治建设情况的报告\n正文。", nullptr)
                .document_kind,
            "rule_of_law_report");
}

TEST(ParseLeadingDateTest, Forms) {
  EXPECT_EQ(ParseLeadingDate("2017-06-27 11:00"), "2017-06-27");
  EXPECT_EQ(ParseLeadingDate("2021年12月22日 04时21分"), "2021-12-22");
  EXPECT_EQ(ParseLeadingDate("二〇二四年二月二十八日"), "2024-02-28");
  EXPECT_EQ(ParseLeadingDate("2022/1/5"), "2022-01-05");
  EXPECT_EQ(ParseLeadingDate("2020年,在县委"), "");
  EXPECT_EQ(ParseLeadingDate("2022年13月1日"), "");
}

// The date's code points are decoded only up to the first that cannot go on a date: what follows
// it still decides nothing, and what ends the date is still read.
TEST(ParseLeadingDateTest, ReadsUpToTheFirstCharacterNoDateGoesOnWith) {
  EXPECT_EQ(ParseLeadingDate("2022.3.4"), "2022-03-04");
  EXPECT_EQ(ParseLeadingDate("2022.3.45"), "");  // day 45: no date
  EXPECT_EQ(ParseLeadingDate("2022-3-4x5"), "2022-03-04");
  EXPECT_EQ(ParseLeadingDate("2022年3月4号"), "2022-03-04");
  EXPECT_EQ(ParseLeadingDate("2022年3月4"), "");  // no 日
  EXPECT_EQ(ParseLeadingDate("二〇二二年十月一日"), "2022-10-01");
  EXPECT_EQ(ParseLeadingDate("关于2022年3月4日"), "");
  EXPECT_EQ(ParseLeadingDate("2022年x3月4日"), "");
}

}  // namespace
}  // namespace fazhi::extraction
