#include "common/formats/converters.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"

namespace fazhi::formats {
namespace {

using ::testing::ElementsAre;
using ::testing::MatchesRegex;

TEST(ConvertersTest, EachNamesFazhisReaderWithItsRevisionThenTheLibraries) {
  EXPECT_THAT(PdfConverter(),
              MatchesRegex(absl::StrCat("fazhi-pdf ", kPdfReaderRevision, " \\+ poppler [0-9.]+")));
  EXPECT_THAT(DocxConverter(),
              MatchesRegex(absl::StrCat("fazhi-docx ", kDocxReaderRevision,
                                        " \\+ libzip [0-9.]+ \\+ pugixml [0-9.]+")));
  EXPECT_THAT(OcrConverter(OcrOptions()),
              MatchesRegex(absl::StrCat("fazhi-ocr ", kOcrRevision,
                                        " \\+ tesseract [0-9.]+ \\(chi_sim\\)")));
}

TEST(ConvertersTest, ComponentsSplitAtTheJointAndAreNamedByTheirFirstWord) {
  EXPECT_THAT(ConverterComponents("fazhi-ocr 1 + tesseract 5.3.0 (chi_sim)"),
              ElementsAre("fazhi-ocr 1", "tesseract 5.3.0 (chi_sim)"));
  EXPECT_TRUE(ConverterComponents("").empty());
  EXPECT_EQ(ComponentName("tesseract 5.3.0 (chi_sim)"), "tesseract");
  EXPECT_EQ(ComponentName("poppler"), "poppler");
}

TEST(ConvertersTest, WhatThisBuildWritesIsCurrent) {
  const auto current = CurrentConverters(ConvertOptions());
  for (const std::string& converter :
       {PdfConverter(), DocxConverter(), OcrConverter(OcrOptions()),
        PdfConverter() + " + " + OcrConverter(OcrOptions()), std::string()}) {
    EXPECT_TRUE(ConverterIsCurrent(converter, current)) << converter;
  }
  EXPECT_EQ(current.at("poppler"), ConverterComponents(PdfConverter()).at(1));
}

TEST(ConvertersTest, AnotherVersionOfAKnownComponentIsNotCurrent) {
  const auto current = CurrentConverters(ConvertOptions());
  EXPECT_FALSE(ConverterIsCurrent("poppler 0.1.0", current));
  EXPECT_FALSE(ConverterIsCurrent("fazhi-pdf 1 + " + current.at("poppler"), current));
  EXPECT_FALSE(
      ConverterIsCurrent(PdfConverter() + " + fazhi-ocr 0 + " + current.at("tesseract"), current));
  // A language is part of the OCR engine's version: chi_tra text was read by another model.
  EXPECT_FALSE(ConverterIsCurrent(OcrConverter({.language = "chi_tra"}), current));
}

TEST(ConvertersTest, ComponentsThisBuildDoesNotKnowLeaveTheTextAsItIs) {
  const auto current = CurrentConverters(ConvertOptions());
  EXPECT_TRUE(ConverterIsCurrent("SomeOtherTool 9 + " + DocxConverter(), current));
}

}  // namespace
}  // namespace fazhi::formats
