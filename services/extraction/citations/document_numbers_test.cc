#include "services/extraction/citations/document_numbers.h"

#include <gtest/gtest.h>

namespace fazhi::extraction {
namespace {

std::vector<std::string> Texts(std::string_view text) {
  std::vector<std::string> out;
  for (const DocumentNumber& n : RecognizeDocumentNumbers(text)) out.push_back(n.text);
  return out;
}

TEST(RecognizeDocumentNumbersTest, OrganBracketedYearSerial) {
  EXPECT_EQ(Texts("工作安排》(甘办法〔2021〕27号)文件精神"),
            std::vector<std::string>{"甘办法〔2021〕27号"});
  EXPECT_EQ(Texts("的通知》(隆政办发〔2022〕26号),扎实推进"),
            std::vector<std::string>{"隆政办发〔2022〕26号"});
}

TEST(RecognizeDocumentNumbersTest, AnyBracketAroundTheYear) {
  EXPECT_EQ(Texts("国发[2021]5号"), std::vector<std::string>{"国发[2021]5号"});
  EXPECT_EQ(Texts("湘政办发【2019】12号"), std::vector<std::string>{"湘政办发【2019】12号"});
  EXPECT_EQ(Texts("国办发(2020)3号"), std::vector<std::string>{"国办发(2020)3号"});
  EXPECT_EQ(Texts("国办发（2020）第3号"), std::vector<std::string>{"国办发（2020）第3号"});
}

TEST(RecognizeDocumentNumbersTest, DecreeNumbers) {
  EXPECT_EQ(Texts("管理》(省政府令第188-1号)和"), std::vector<std::string>{"省政府令第188-1号"});
  EXPECT_EQ(Texts("国务院令第711号"), std::vector<std::string>{"国务院令第711号"});
  EXPECT_EQ(Texts("试行办法》(省政府令193号),"), std::vector<std::string>{"省政府令193号"});
}

TEST(RecognizeDocumentNumbersTest, OrganStopsAtVerbsAndParticles) {
  EXPECT_EQ(Texts("印发隆政办发〔2022〕26号"), std::vector<std::string>{"隆政办发〔2022〕26号"});
  EXPECT_EQ(Texts("根据国发〔2021〕5号文件"), std::vector<std::string>{"国发〔2021〕5号"});
  EXPECT_EQ(Texts("按照甘办法〔2021〕27号的要求"), std::vector<std::string>{"甘办法〔2021〕27号"});
  EXPECT_EQ(Texts("县政府印发的县政办发〔2021〕5号和州办发〔2020〕9号"),
            (std::vector<std::string>{"县政办发〔2021〕5号", "州办发〔2020〕9号"}));
}

TEST(RecognizeDocumentNumbersTest, SpanCoversOrganToHao) {
  const std::vector<DocumentNumber> found = RecognizeDocumentNumbers("《民法典》(国发〔2021〕5号)");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].span.begin, 6);
  EXPECT_EQ(found[0].span.end, 16);
}

TEST(RecognizeDocumentNumbersTest, YearsInParenthesesWithoutSerialAreNotNumbers) {
  EXPECT_TRUE(Texts("实施纲要(2021—2025年) 截至(2021)年底 〔2021〕27号 文 号").empty());
}

TEST(RecognizeDocumentNumbersTest, RepeatedNumberIsReportedOnce) {
  EXPECT_EQ(Texts("国发〔2021〕5号,再次强调国发〔2021〕5号").size(), 1u);
}

}  // namespace
}  // namespace fazhi::extraction
