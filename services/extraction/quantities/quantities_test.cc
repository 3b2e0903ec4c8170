#include "services/extraction/quantities/quantities.h"

#include <gtest/gtest.h>

#include <string>

#include "common/text/code_points.h"
#include "services/extraction/numbers/numbers.h"

namespace fazhi::extraction {
namespace {

// The single quantity recognized in `text`; fails the test when there is not exactly one.
Quantity Only(std::string_view text) {
  const std::vector<Quantity> found = RecognizeQuantities(text);
  EXPECT_EQ(found.size(), 1u) << text;
  return found.empty() ? Quantity{} : found.front();
}

// The recognizer passes unread over a Chinese digit before a character its figures cannot go on
// with (一是): it knows those characters apart from the number reader, so for every character it
// passes over, the number reader must read the digit alone.
TEST(RecognizeQuantitiesTest, LoneDigitsPassedOverAreDigitsTheNumberReaderReadsAlone) {
  int passed_over = 0;
  for (char32_t digit : std::u32string_view(U"〇零一二两三四五六七八九壹贰")) {
    for (char32_t next = 1; next < 0x10000; ++next) {
      if (next >= 0xD800 && next < 0xE000) continue;  // surrogates are no characters
      const std::u32string text = {digit, next, U'件'};
      if (!quantities_internal::IsLoneDigitBeforeWord(text, 0)) continue;
      ++passed_over;
      const std::optional<NumberMatch> number = MatchNumberAt(text, 0);
      ASSERT_TRUE(!number || (number->end == 1 && !number->percent))
          << "after " << text::EncodeUtf8(std::u32string_view(text).substr(0, 2));
    }
  }
  EXPECT_GT(passed_over, 100000);  // most characters end a lone digit
  EXPECT_FALSE(quantities_internal::IsLoneDigitBeforeWord(U"一点五", 0));
  EXPECT_FALSE(quantities_internal::IsLoneDigitBeforeWord(U"一万", 0));
  EXPECT_FALSE(quantities_internal::IsLoneDigitBeforeWord(U"￥一是", 1));
  EXPECT_TRUE(quantities_internal::IsLoneDigitBeforeWord(U"其一是要", 1));
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
  EXPECT_TRUE(
      RecognizeQuantities("“十四五”规划,十三五期间,党的十九大和十九届二中、三中全会").empty());
}

TEST(RecognizeQuantitiesTest, UnitLookalikeWordsAreNotUnits) {
  EXPECT_TRUE(RecognizeQuantities("“十二”五期间累计投入,省委十一届十次全会精神").empty());
}

TEST(RecognizeQuantitiesTest, SlogansAreNotQuantities) {
  EXPECT_TRUE(
      RecognizeQuantities("以“五位一体”总体布局和“四个全面”战略布局,“两书一函”,增强“四个意识”")
          .empty());
  EXPECT_TRUE(RecognizeQuantities("推进五位一体建设,落实一案一策").empty());
}

TEST(RecognizeQuantitiesTest, IndexAndPhoneNumbersAreNotQuantities) {
  EXPECT_TRUE(
      RecognizeQuantities("索引号 01525685-0/20221219-00001 12345社会求助服务平台 浏览量 35")
          .empty());
}

// --- units as data (data/units/units.tsv) ------------------------------------------------------

TEST(RecognizeQuantitiesTest, MagnitudeBeforeAUnitThatStartsWithOneIsNotSplit) {
  const Quantity kw = Only("新增电源装机容量超过1300万千瓦,推动发电企业");
  EXPECT_DOUBLE_EQ(kw.value, 13000000);
  EXPECT_EQ(kw.unit, "千瓦");
  const Quantity kwh = Only("累计送电量超2万亿千瓦时。");
  EXPECT_DOUBLE_EQ(kwh.value, 2e12);
  EXPECT_EQ(kwh.unit, "千瓦时");
  EXPECT_EQ(Only("全长12千米").unit, "千米");
  EXPECT_DOUBLE_EQ(Only("全长12千米").value, 12);
  // A magnitude that is no unit's start still scales: 3.5千万元 is 35000000 元.
  EXPECT_DOUBLE_EQ(Only("投入3.5千万元").value, 35000000);
}

TEST(RecognizeQuantitiesTest, MagnitudesAreAppliedAndTheUnitIsAsWritten) {
  const Quantity yuan = Only("金融业总资产超过5.67万亿元,");
  EXPECT_DOUBLE_EQ(yuan.value, 5.67e12);
  EXPECT_EQ(yuan.unit, "元");
  const Quantity visits = Only("就诊总数达128.5万人次。");
  EXPECT_DOUBLE_EQ(visits.value, 1285000);
  EXPECT_EQ(visits.unit, "人次");
  const Quantity dollars = Only("出口总额221.1亿美元,");
  EXPECT_DOUBLE_EQ(dollars.value, 22110000000);
  EXPECT_EQ(dollars.unit, "美元");
}

TEST(RecognizeQuantitiesTest, StatutoryUnitsAndTheGenresClassifiersAreRead) {
  EXPECT_EQ(Only("面积8.4平方公里").unit, "平方公里");
  EXPECT_EQ(Only("PM2.5年均浓度降至33微克/立方米,").unit, "微克/立方米");
  EXPECT_EQ(Only("集装箱吞吐量达到5506.3万标准箱、").unit, "标准箱");
  EXPECT_EQ(Only("新增床位702张").unit, "张");
  EXPECT_EQ(Only("停靠车次增加至99列次;").unit, "列次");
  EXPECT_EQ(Only("拆除房屋1284栋,").unit, "栋");
  EXPECT_EQ(Only("有效应对12轮强降雨").unit, "轮");
  EXPECT_EQ(Only("制定修订行政法规25部,").unit, "部");
  EXPECT_EQ(Only("节约标准煤3.2万吨标准煤").unit, "吨标准煤");
}

TEST(RecognizeQuantitiesTest, AmbiguousUnitsNeedArabicDigits) {
  EXPECT_EQ(Only("新能源发电量超3000亿度。").unit, "度");
  EXPECT_EQ(Only("煤层气资源量2000多亿方,").unit, "方");
  EXPECT_TRUE(RecognizeQuantities("失业率一度明显攀升,压实四方责任").empty());
}

TEST(RecognizeQuantitiesTest, WordsThatBeginWithAUnitAreNoUnit) {
  EXPECT_TRUE(RecognizeQuantities("八部委联合发文,其中一部分,十部门联合").empty());
  // ... but only where the word is longer than the unit: 所以上 is 所 + 以上, 家长者 is 家 + 长者.
  const Quantity schools = Only("新改扩建中小学校50所以上。");
  EXPECT_EQ(schools.unit, "所");
  EXPECT_EQ(schools.bound, "lower");
  EXPECT_EQ(Only("建成14家长者饭堂").unit, "家");
}

TEST(RecognizeQuantitiesTest, CompoundUnitsKeepTheirDenominator) {
  const Quantity productivity = Only("全员劳动生产率提高到42万元/人以上,");
  EXPECT_DOUBLE_EQ(productivity.value, 420000);
  EXPECT_EQ(productivity.unit, "元/人");
  EXPECT_EQ(productivity.bound, "lower");
  EXPECT_EQ(Only("新增污水处理能力15万吨/日。").unit, "吨/日");
}

TEST(RecognizeQuantitiesTest, OneSpaceBetweenFigureAndUnitIsAllowed) {
  const Quantity q = Only("全年计可完成75 亿元,主要");
  EXPECT_DOUBLE_EQ(q.value, 7500000000);
  EXPECT_EQ(q.unit, "元");
  EXPECT_TRUE(RecognizeQuantities("附件: 1 名词解释").empty());
}

TEST(RecognizeQuantitiesTest, CurrencySymbolBeforeTheFigure) {
  const Quantity q = Only("单价￥300,");
  EXPECT_DOUBLE_EQ(q.value, 300);
  EXPECT_EQ(q.unit, "元");
  EXPECT_EQ(q.text, "￥300");
}

TEST(RecognizeQuantitiesTest, YearsCountOnlyWithAModifier) {
  const Quantity recent = Only("均创近5年最低数值");
  EXPECT_EQ(recent.unit, "年");
  EXPECT_TRUE(recent.approximate);
  const Quantity short_term = Only("将参保不足1年的农民工");
  EXPECT_EQ(short_term.bound, "upper");
  EXPECT_TRUE(RecognizeQuantities("2021年是建党100周年").size() == 1);  // 100周年 only
}

// --- figures without digits ------------------------------------------------------------------

TEST(RecognizeQuantitiesTest, DigitlessMagnitudesWithAModifierAreRead) {
  const Quantity lower = Only("投资超千亿元,");
  EXPECT_EQ(lower.text, "超千亿元");
  EXPECT_DOUBLE_EQ(lower.value, 1e11);
  EXPECT_EQ(lower.unit, "元");
  EXPECT_TRUE(lower.approximate);
  EXPECT_EQ(lower.bound, "lower");
  const Quantity near = Only("老住宅区近万户居民用上管道天然气");
  EXPECT_DOUBLE_EQ(near.value, 10000);
  EXPECT_EQ(near.unit, "户");
  EXPECT_TRUE(near.approximate);
  EXPECT_EQ(near.bound, "");
  const Quantity some = Only("带动上下游千余家企业形成产业集群");
  EXPECT_DOUBLE_EQ(some.value, 1000);
  EXPECT_TRUE(some.approximate);
  EXPECT_EQ(Only("上万人员奋战治水一线").bound, "lower");
  EXPECT_DOUBLE_EQ(Only("系列庆祝活动数百场,").value, 100);
  const Quantity clause_end = Only("预计产值超百亿。");
  EXPECT_DOUBLE_EQ(clause_end.value, 1e10);
  EXPECT_EQ(clause_end.unit, "");
}

TEST(RecognizeQuantitiesTest, WordsMadeOfMagnitudesAreNoQuantities) {
  EXPECT_TRUE(
      RecognizeQuantities("千方百计稳就业,万众一心,百姓万家灯火,千家万户,贴近百姓").empty());
  EXPECT_TRUE(RecognizeQuantities("首次突破百亿大关,影响力指数百强榜,成千上万的追梦者").empty());
  // 上 of 以上 is no modifier: 5个以上 is one quantity and 百亿元级 none.
  EXPECT_EQ(Only("建设5个以上百亿元级项目").text, "5个以上");
}

// --- modifiers by meaning ----------------------------------------------------------------------

TEST(RecognizeQuantitiesTest, YueInsideAWordIsNoApproximation) {
  EXPECT_FALSE(Only("家庭医生签约3000户").approximate);
  EXPECT_FALSE(Only("节约1000万元").approximate);
  EXPECT_TRUE(Only("服务对象约43.5万人").approximate);
  EXPECT_TRUE(Only("发放消费补贴近1亿元").approximate);  // 近 after 补贴
  EXPECT_FALSE(Only("最近3个月").approximate);
}

TEST(RecognizeQuantitiesTest, BoundsAreLowerOrUpperAndApproximate) {
  const Quantity over = Only("接待游客超过6万人次");
  EXPECT_EQ(over.bound, "lower");
  EXPECT_TRUE(over.approximate);
  EXPECT_EQ(Only("失业率控制在3%以内。").bound, "upper");
  EXPECT_EQ(Only("受众面达80%以上").bound, "lower");
  EXPECT_EQ(Only("问题处置路程不超10分钟").bound, "upper");
  EXPECT_EQ(Only("不少于600人").bound, "lower");
  const Quantity about = Only("增长4.9%左右");
  EXPECT_TRUE(about.approximate);
  EXPECT_EQ(about.bound, "");
  EXPECT_EQ(Only("培育3个上下游企业").bound, "");  // 上下游 is no 上下
}

TEST(RecognizeQuantitiesTest, FuIsASignOnlyAsASign) {
  EXPECT_DOUBLE_EQ(Only("力争全年为企业减负400亿元。").value, 4e10);
  EXPECT_DOUBLE_EQ(Only("降低企业税负3.8亿元;").value, 3.8e8);
  EXPECT_DOUBLE_EQ(Only("增速为负3.2%").value, -3.2);
  EXPECT_DOUBLE_EQ(Only("负3.2%").value, -3.2);
  EXPECT_DOUBLE_EQ(Only("最低气温零下5℃").value, -5);
}

TEST(RecognizeQuantitiesTest, TenthsAreRates) {
  const Quantity share = Only("财政支出八成以上投向民生领域");
  EXPECT_DOUBLE_EQ(share.value, 80);
  EXPECT_EQ(share.unit, "%");
  EXPECT_EQ(share.bound, "lower");
  EXPECT_TRUE(Only("占全市近七成。").approximate);
  EXPECT_DOUBLE_EQ(Only("比重达七成五").value, 75);
  const Quantity discount = Only("推出政府产业用房3-7折租金阶梯优惠");
  EXPECT_DOUBLE_EQ(discount.value, 30);
  EXPECT_DOUBLE_EQ(*discount.value_max, 70);
  EXPECT_TRUE(
      RecognizeQuantities("质量第一成为各行各业的追求,E3000成功首飞,一成不变,一波三折").empty());
}

TEST(RecognizeQuantitiesTest, ApproximationOrHalfInsideAUnit) {
  const Quantity months = Only("历时3个多月");
  EXPECT_EQ(months.unit, "个月");
  EXPECT_TRUE(months.approximate);
  EXPECT_DOUBLE_EQ(Only("用时一个半月").value, 1.5);
  EXPECT_EQ(Only("两个半小时").unit, "小时");
  EXPECT_EQ(Only("设立30多个法律服务点").unit, "个");
}

TEST(RecognizeQuantitiesTest, AMagnitudeBeforeJiNamesAClass) {
  EXPECT_TRUE(RecognizeQuantities("培育十亿级企业,打造500亿级产业集群").empty());
  EXPECT_EQ(Only("科学有效处置漾濞6.4级地震").unit, "级");
}

TEST(RecognizeQuantitiesTest, FixedPhrasesWithOneAreNoCounts) {
  EXPECT_TRUE(
      RecognizeQuantities("按照统一部署,实施新一轮改革,让每一个孩子,一栋栋高楼,一步一个脚印")
          .empty());
  EXPECT_EQ(Only("出台一部法规").unit, "部");
}

TEST(RecognizeQuantitiesTest, FiguresInsideAUrlAreNoQuantities) {
  EXPECT_TRUE(RecognizeQuantities("来源:https://www.gov.cn/a?q=30%25%2020% 浏览").empty());
}

TEST(RecognizeQuantitiesTest, SpansAreCodePointsAfterWideCharacters) {
  const std::vector<Quantity> found = RecognizeQuantities("《民法典》宣传⠂95次");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].span.begin, 8);
  EXPECT_EQ(found[0].span.end, 11);
}

TEST(QuantitiesTest, ScaledDecimalsCarryNoBinaryNoise) {
  const std::vector<Quantity> q =
      RecognizeQuantities("总额17.33亿元,新增5.69万户,长2.28公里,区间6—6.5%");
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(q[0].value, 1733000000.0);
  EXPECT_EQ(q[1].value, 56900.0);
  EXPECT_EQ(q[2].value, 2.28);
  EXPECT_EQ(q[3].value, 6.0);
  ASSERT_TRUE(q[3].value_max.has_value());
  EXPECT_EQ(*q[3].value_max, 6.5);
}

}  // namespace
}  // namespace fazhi::extraction
