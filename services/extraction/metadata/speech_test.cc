#include "services/extraction/metadata/speech.h"

#include <gtest/gtest.h>

#include <vector>

#include "services/extraction/metadata/metadata.h"

namespace fazhi::extraction {
namespace {

SpeechFacts Read(std::vector<std::string_view> lines) { return ReadSpeech(lines); }

TEST(SpeechTest, ProvincialReportWithDeliveryLineAndPartHeadings) {
  SpeechFacts facts =
      Read({"2026年上海市政府工作报告", "——2026年2月3日在上海市第十六届人民代表大会第四次会议上",
            "来源：解放日报", "上海市市长 龚 正", "各位代表：",
            "现在，我代表上海市人民政府，向大会报告工作，请予审议。", "一、2025年工作回顾",
            "2025年是“十四五”规划冲刺收官之年。", "三、2026年主要任务"});
  EXPECT_TRUE(facts.is_speech);
  EXPECT_EQ(facts.speaker, "上海市人民政府");
  EXPECT_EQ(facts.delivered_on, "2026-02-03");
  EXPECT_EQ(facts.reviewed_year, 2025);
}

TEST(SpeechTest, ThePlansHeadingDatesTheReviewWhenTheReviewHeadingHasNoYear) {
  SpeechFacts facts = Read({"各位代表：", "现在，我代表省人民政府，向大会报告工作，请予审议。",
                            "一、工作回顾", "过去一年，我们迎难而上。", "三、2026年工作安排"});
  EXPECT_EQ(facts.speaker, "省人民政府");
  EXPECT_EQ(facts.reviewed_year, 2025);
}

TEST(SpeechTest, AReviewHeadedMainWorkIsNoPlan) {
  // 主要工作 heads both; the plans are of the latest year.
  EXPECT_EQ(Read({"各位代表：", "现在，我代表省人民政府，向大会报告工作。", "一、2025年主要工作",
                  "二、“十五五”时期的目标", "三、2026年重点工作"})
                .reviewed_year,
            2025);
}

TEST(SpeechTest, TheDeliveryDateDatesTheReviewWhenNoHeadingDoes) {
  // Delivered in the spring: the year before. At a new congress in the autumn: the term up to then.
  EXPECT_EQ(Read({"（2026年1月27日在贵州省第十四届人民代表大会第四次会议上）", "各位代表：",
                  "一、过去五年工作回顾"})
                .reviewed_year,
            2025);
  EXPECT_EQ(Read({"——2021年10月17日在南山区第七届人民代表大会第一次会议上", "各位代表：",
                  "一、过去五年工作回顾"})
                .reviewed_year,
            2021);
}

TEST(SpeechTest, ChineseNumeralDeliveryDate) {
  EXPECT_EQ(Read({"——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上", "各位代表："})
                .delivered_on,
            "2026-01-27");
}

TEST(SpeechTest, APhotoCaptionDatesTheSessionInTheYearAfterTheReview) {
  SpeechFacts facts = Read(
      {"各位代表：", "现在，我代表国务院，向大会报告政府工作，请予审议。",
       "3月5日，第十二届全国人民代表大会第五次会议在北京人民大会堂开幕。国务院总理作政府工作报告。",
       "一、2016年工作回顾"});
  EXPECT_EQ(facts.delivered_on, "2017-03-05");
  // A day named in a sentence of the review is no caption.
  EXPECT_EQ(Read({"各位代表：", "我代表国务院向大会报告工作。", "3月5日，我们召开了常务会议。",
                  "一、2016年工作回顾"})
                .delivered_on,
            "");
}

TEST(SpeechTest, ADateLineThatNamesNoSessionIsNoDelivery) {
  EXPECT_EQ(Read({"2026年02月10日 07时41分", "四川日报", "各位代表："}).delivered_on, "");
}

TEST(SpeechTest, RuleOfLawReportIsNoSpeech) {
  SpeechFacts facts = Read(
      {"某县2022年度法治政府建设情况的报告", "2022年,我县坚持依法行政。", "三、2023年工作打算"});
  EXPECT_FALSE(facts.is_speech);
  EXPECT_FALSE(facts.reviewed_year.has_value());
}

TEST(SpeechTest, ASpeakerMustBeAGovernment) {
  // "我代表…向…致以" in a closing greeting names the same body; a person or a party does not count.
  EXPECT_EQ(Read({"各位代表：", "我代表区人民政府向大会作政府工作报告，请予审议。"}).speaker,
            "区人民政府");
  EXPECT_EQ(Read({"各位代表：", "我代表大鹏新区管理委员会，向大会作工作报告。"}).speaker,
            "大鹏新区管理委员会");
  EXPECT_EQ(Read({"同志们：", "我代表全体同志表示感谢。"}).speaker, "");
  EXPECT_EQ(Read({"同志们：", "受书记委托，我代表新区党工委、管委会向大会报告工作。"}).speaker,
            "管委会");
}

TEST(SpeechTest, TheCongressTermIsNoPartOfTheSpeaker) {
  EXPECT_EQ(Read({"各位代表：", "现在，我代表光明区一届人民政府，向大会报告工作。"}).speaker,
            "光明区人民政府");
  EXPECT_EQ(Read({"各位代表：", "我代表第七届区人民政府向大会作工作报告。"}).speaker, "区人民政府");
}

TEST(SpeechTest, LongNumberedHeadingsDateTheReview) {
  SpeechFacts facts = Read({"各位代表：", "现在，我代表某区人民政府，向大会报告政府工作。",
                            "一、团结奋斗、攻坚克难，2024年某区现代化建设迈出新的坚实步伐",
                            "二、坚定信心、奋发进取，全力实现2025年政府工作总体目标要求",
                            "三、干字当头、凝心聚力，全面抓好2025年政府工作"});
  EXPECT_EQ(facts.reviewed_year, 2024);
  EXPECT_EQ(facts.review_end_line, 3u);
}

TEST(SpeechTest, QualifiedSpeakerFillsInThePlace) {
  EXPECT_EQ(QualifiedSpeaker("省人民政府", "四川省"), "四川省人民政府");
  EXPECT_EQ(QualifiedSpeaker("省政府", "吉林省"), "吉林省人民政府");
  EXPECT_EQ(QualifiedSpeaker("区政府", "盐田区"), "盐田区人民政府");
  EXPECT_EQ(QualifiedSpeaker("自治区人民政府", "新疆维吾尔自治区"), "新疆维吾尔自治区人民政府");
  EXPECT_EQ(QualifiedSpeaker("南山区人民政府", "南山区"), "南山区人民政府");
  EXPECT_EQ(QualifiedSpeaker("国务院", "中华人民共和国"), "国务院");
  EXPECT_EQ(QualifiedSpeaker("管委会", "光明新区"), "光明新区管委会");
  // A type word that does not fit the place, or no place: as written.
  EXPECT_EQ(QualifiedSpeaker("市人民政府", "南山区"), "市人民政府");
  EXPECT_EQ(QualifiedSpeaker("区人民政府", ""), "区人民政府");
}

TEST(MetadataSpeechTest, WorkReportMetadata) {
  Metadata m = ExtractMetadata(
      "下载\n打印\n2026年某省政府工作报告\n——2026年1月27日在某省第十四届人民代表大会第五次会议上\n"
      "来源:某省日报\n时间:2026-02-01\n省长 某某\n各位代表:\n"
      "现在,我代表省人民政府,向大会报告工作,请予审议。\n一、2025年工作回顾\n2025年,全省经济增长5%"
      "。\n"
      "三、2026年工作安排\n今年,我们将继续努力。",
      nullptr);
  EXPECT_EQ(m.title, "2026年某省政府工作报告");
  EXPECT_EQ(m.report_year, 2025);
  EXPECT_EQ(m.delivered_on, "2026-01-27");
  EXPECT_EQ(m.published_on, "2026-02-01");
  EXPECT_EQ(m.document_kind, "government_work_report");
  ASSERT_FALSE(m.issuers.empty());
  EXPECT_EQ(m.issuers.front(), "省人民政府");  // no division list given: the place stays unknown
  for (const std::string& issuer : m.issuers)
    EXPECT_EQ(issuer.find("日报"), std::string::npos) << issuer;
}

TEST(MetadataSpeechTest, AWorkReportWithoutTitleIsStillAWorkReport) {
  Metadata m = ExtractMetadata(
      "各位代表:\n现在,我代表某区人民政府向大会报告工作,请予审议。\n2013年工作回顾\n"
      "过去一年,我们推进法治政府建设,法治政府建设取得新成效,"
      "法治政府建设考评第一。\n2014年工作安排\n继续。",
      nullptr);
  EXPECT_EQ(m.title, "");
  EXPECT_EQ(m.report_year, 2013);
  EXPECT_EQ(m.document_kind, "government_work_report");
  EXPECT_EQ(m.issuers.front(), "某区人民政府");
}

}  // namespace
}  // namespace fazhi::extraction
