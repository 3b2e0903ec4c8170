#include "services/extraction/quantities/quantities.h"

#include <gtest/gtest.h>

namespace fazhi::extraction {
namespace {

// The single quantity recognized in `text`; fails the test when there is not exactly one.
Quantity Only(std::string_view text) {
  const std::vector<Quantity> found = RecognizeQuantities(text);
  EXPECT_EQ(found.size(), 1u) << text;
  return found.empty() ? Quantity{} : found.front();
}

TEST(RecognizeQuantitiesTest, MagnitudeBeforeYuanScalesTheValue) {
  const Quantity q = Only("共计罚没款16.36万元");
  EXPECT_EQ(q.text, "16.36万元");
  EXPECT_DOUBLE_EQ(q.value, 163600);
  EXPECT_EQ(q.unit, "元");
  EXPECT_EQ(q.span.begin, 5);
  EXPECT_EQ(q.span.end, 12);
  EXPECT_DOUBLE_EQ(Only("投入资金14.6亿元").value, 1460000000);
}

TEST(RecognizeQuantitiesTest, ApproximateMarkerBetweenNumberAndMagnitude) {
  const Quantity q = Only("贫困学生补助资金4000余万元。");
  EXPECT_DOUBLE_EQ(q.value, 40000000);
  EXPECT_EQ(q.unit, "元");
  EXPECT_TRUE(q.approximate);
  const Quantity after = Only("挽回经济损失1万余元");
  EXPECT_DOUBLE_EQ(after.value, 10000);
  EXPECT_TRUE(after.approximate);
}

TEST(RecognizeQuantitiesTest, ApproximateMarkersKeepTheValue) {
  EXPECT_TRUE(Only("没收过期食品1000余斤").approximate);
  EXPECT_DOUBLE_EQ(Only("没收过期食品1000余斤").value, 1000);
  const Quantity near = Only("受理近50件");
  EXPECT_EQ(near.text, "近50件");
  EXPECT_DOUBLE_EQ(near.value, 50);
  EXPECT_TRUE(near.approximate);
  const Quantity above = Only("受众面达80%以上");
  EXPECT_EQ(above.text, "80%以上");
  EXPECT_TRUE(above.approximate);
  EXPECT_TRUE(Only("设立30多个法律服务点").approximate);
}

TEST(RecognizeQuantitiesTest, ClassifierLongestMatchWins) {
  EXPECT_EQ(Only("检查1632余家次").unit, "家次");
  EXPECT_EQ(Only("覆盖群众2180人次").unit, "人次");
  const Quantity points = Only("较去年同期上升5.2个百分点");
  EXPECT_EQ(points.unit, "百分点");
  EXPECT_DOUBLE_EQ(points.value, 5.2);
}

TEST(RecognizeQuantitiesTest, RangesGiveLowerAndUpperValues) {
  const Quantity dash = Only("每年3-5件");
  EXPECT_DOUBLE_EQ(dash.value, 3);
  ASSERT_TRUE(dash.value_max);
  EXPECT_DOUBLE_EQ(*dash.value_max, 5);
  EXPECT_EQ(dash.unit, "件");
  const Quantity zhi = Only("投入3至5万元");
  EXPECT_DOUBLE_EQ(zhi.value, 30000);
  EXPECT_DOUBLE_EQ(*zhi.value_max, 50000);
}

TEST(RecognizeQuantitiesTest, ChineseNumeralQuantities) {
  const Quantity wall = Only("及两百多米的宪法全文布景墙");
  EXPECT_DOUBLE_EQ(wall.value, 200);
  EXPECT_EQ(wall.unit, "米");
  EXPECT_TRUE(wall.approximate);
  const Quantity rate = Only("达到百分之九十");
  EXPECT_DOUBLE_EQ(rate.value, 90);
  EXPECT_EQ(rate.unit, "%");
  EXPECT_DOUBLE_EQ(Only("全年完成一件复议申请办理").value, 1);
}

TEST(RecognizeQuantitiesTest, ApproximateMagnitudeInsideTheNumber) {
  const Quantity q = Only("发放学生作业本90多万本");
  EXPECT_DOUBLE_EQ(q.value, 900000);
  EXPECT_EQ(q.unit, "本");
  EXPECT_TRUE(q.approximate);
}

TEST(RecognizeQuantitiesTest, BareMagnitudeFigureTakesTheNounAfterIt) {
  const Quantity q = Only("3.3万农民群众领到养老金");
  EXPECT_DOUBLE_EQ(q.value, 33000);
  EXPECT_EQ(q.text, "3.3万农民");
}

TEST(RecognizeQuantitiesTest, FullWidthDigitsAreRead) {
  const Quantity q = Only("办理１２件");
  EXPECT_DOUBLE_EQ(q.value, 12);
  EXPECT_EQ(q.unit, "件");
}

TEST(RecognizeQuantitiesTest, RateOverHundredIsSuspectButKept) {
  const std::vector<Quantity> found = RecognizeQuantities("同比分别减少44%、22.4%、60.2%、135%。");
  ASSERT_EQ(found.size(), 4u);
  EXPECT_FALSE(found[2].suspect);
  EXPECT_TRUE(found[3].suspect);
  EXPECT_DOUBLE_EQ(found[3].value, 135);
  EXPECT_EQ(found[3].suspect_reason, "rate over 100%");
}

TEST(RecognizeQuantitiesTest, GrowthOverHundredPercentIsNotSuspect) {
  EXPECT_FALSE(Only("案件数量同比增长135%").suspect);
}

TEST(RecognizeQuantitiesTest, RateWithDigitsRunTogetherIsSuspect) {
  const std::vector<Quantity> found = RecognizeQuantities("优秀率9567%。");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].suspect);
  EXPECT_DOUBLE_EQ(found[0].value, 9567);
  EXPECT_NE(found[0].suspect_reason.find("digits run together"), std::string::npos);
}

TEST(RecognizeQuantitiesTest, ListMarkersAreNotQuantities) {
  EXPECT_TRUE(RecognizeQuantities("一是加强领导;二是(一)完善制度 1.深入学习 (1)开展").empty());
}

TEST(RecognizeQuantitiesTest, OrdinalsAreNotQuantities) {
  EXPECT_TRUE(RecognizeQuantities("第三十二条 落实第一责任人职责,排名全省第20名").empty());
}

TEST(RecognizeQuantitiesTest, DocumentNumberSerialsAreNotQuantities) {
  EXPECT_TRUE(RecognizeQuantities("(甘办法〔2021〕27号)(省政府令第188-1号)").empty());
}

TEST(RecognizeQuantitiesTest, DatesAndTimesAreNotQuantities) {
  EXPECT_TRUE(RecognizeQuantities("2021年12月22日 04时21分 2017-06-27 11:00 2021年度").empty());
}

TEST(RecognizeQuantitiesTest, PlanNamesAndCongressesAreNotQuantities) {
  EXPECT_TRUE(RecognizeQuantities("“十四五”规划,十三五期间,党的十九大和十九届二中、三中全会").empty());
}

TEST(RecognizeQuantitiesTest, UnitLookalikeWordsAreNotUnits) {
  EXPECT_TRUE(RecognizeQuantities("“十二”五期间累计投入,省委十一届十次全会精神").empty());
}

TEST(RecognizeQuantitiesTest, SlogansAreNotQuantities) {
  EXPECT_TRUE(RecognizeQuantities("以“五位一体”总体布局和“四个全面”战略布局,“两书一函”,增强“四个意识”").empty());
  EXPECT_TRUE(RecognizeQuantities("推进五位一体建设,落实一案一策").empty());
}

TEST(RecognizeQuantitiesTest, IndexAndPhoneNumbersAreNotQuantities) {
  EXPECT_TRUE(RecognizeQuantities("索引号 01525685-0/20221219-00001 12345社会求助服务平台 浏览量 35").empty());
}

TEST(RecognizeQuantitiesTest, SpansAreCodePointsAfterWideCharacters) {
  const std::vector<Quantity> found = RecognizeQuantities("《民法典》宣传⠂95次");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].span.begin, 8);
  EXPECT_EQ(found[0].span.end, 11);
}

}  // namespace
}  // namespace fazhi::extraction
