#include "services/extraction/divisions/division_names.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fazhi::extraction {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(ShortNamesTest, AutonomousPrefectureDropsEthnicNameAndKeepsGenericSuffix) {
  EXPECT_THAT(ShortNames("甘孜藏族自治州"), ElementsAre("甘孜州", "甘孜"));
  EXPECT_THAT(ShortNames("恩施土家族苗族自治州"), ElementsAre("恩施州", "恩施"));
}

TEST(ShortNamesTest, AutonomousCountyDropsEthnicName) {
  EXPECT_THAT(ShortNames("通道侗族自治县"), ElementsAre("通道县", "通道"));
  EXPECT_THAT(ShortNames("龙胜各族自治县"), ElementsAre("龙胜县", "龙胜"));
}

TEST(ShortNamesTest, AutonomousRegionsDropEthnicNamesWithOrWithoutZu) {
  EXPECT_THAT(ShortNames("宁夏回族自治区"), ElementsAre("宁夏"));
  EXPECT_THAT(ShortNames("新疆维吾尔自治区"), ElementsAre("新疆"));
  EXPECT_THAT(ShortNames("广西壮族自治区"), ElementsAre("广西"));
  EXPECT_THAT(ShortNames("内蒙古自治区"), ElementsAre("内蒙古"));
  EXPECT_THAT(ShortNames("西藏自治区"), ElementsAre("西藏"));
}

TEST(ShortNamesTest, OrdinarySuffixesAreStripped) {
  EXPECT_THAT(ShortNames("山西省"), ElementsAre("山西"));
  EXPECT_THAT(ShortNames("隆阳区"), ElementsAre("隆阳"));
  EXPECT_THAT(ShortNames("三河镇"), ElementsAre("三河"));
  EXPECT_THAT(ShortNames("东华门街道"), ElementsAre("东华门"));
  EXPECT_THAT(ShortNames("锡林郭勒盟"), ElementsAre("锡林郭勒"));
  EXPECT_THAT(ShortNames("阿里地区"), ElementsAre("阿里"));
}

TEST(ShortNamesTest, EthnicTownshipsAndDistricts) {
  EXPECT_THAT(ShortNames("查巴奇鄂温克民族乡"), ElementsAre("查巴奇乡", "查巴奇"));
  EXPECT_THAT(ShortNames("管城回族区"), ElementsAre("管城区", "管城"));
}

TEST(ShortNamesTest, TwoCharacterNamesStayIntact) {
  EXPECT_THAT(ShortNames("盂县"), IsEmpty());
  EXPECT_THAT(ShortNames("城区"), IsEmpty());
}

TEST(ShortNamesTest, TypeSuffixIncludesGenericForms) {
  EXPECT_TRUE(HasTypeSuffix("甘孜州"));
  EXPECT_TRUE(HasTypeSuffix("通道县"));
  EXPECT_FALSE(HasTypeSuffix("甘孜"));
}

TEST(ShortNamesTest, PlaceholderPrefecturesAreRecognized) {
  EXPECT_TRUE(IsPlaceholderPrefecture("市辖区"));
  EXPECT_TRUE(IsPlaceholderPrefecture("省直辖县级行政区划"));
  EXPECT_FALSE(IsPlaceholderPrefecture("保山市"));
}

TEST(TypeWordOfTest, GenericFormOrOneCharacterSuffix) {
  EXPECT_EQ(TypeWordOf("通道侗族自治县"), "县");
  EXPECT_EQ(TypeWordOf("甘孜藏族自治州"), "州");
  EXPECT_EQ(TypeWordOf("管城回族区"), "区");
  EXPECT_EQ(TypeWordOf("大市镇"), "镇");
  EXPECT_EQ(TypeWordOf("城镇街道"), "");  // 街道 has no one-character form: 城镇 is no typed name
  EXPECT_EQ(TypeWordOf("阿里地区"), "");
}

}  // namespace
}  // namespace fazhi::extraction
