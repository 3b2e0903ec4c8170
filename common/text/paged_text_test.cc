#include "common/text/paged_text.h"

#include <gtest/gtest.h>

#include "common/text/normalize.h"
#include "common/text/utf8.h"

namespace fazhi::text {
namespace {

TEST(NormalizePagedTest, UnpagedTextNormalizesAsNormalizeText) {
  const std::string text = "２０２１年，矛盾 纠纷\r\n第二段";
  PagedText paged = NormalizePaged(text, {});
  EXPECT_EQ(paged.text, NormalizeText(text));
  EXPECT_TRUE(paged.pages.empty());
}

TEST(NormalizePagedTest, PagesAreNormalizedAloneAndLocated) {
  PagedText paged = NormalizePaged("第一页。\n\f 第二页，行政复议52件。\f",
                                   {{}, {.ocr = true, .ocr_confidence = 88.5}, {}});
  EXPECT_EQ(paged.text, "第一页。\n第二页,行政复议52件。");
  ASSERT_EQ(paged.pages.size(), 3u);
  EXPECT_EQ(paged.pages[0], (TextPage{0, 4, false, 0}));
  EXPECT_EQ(paged.pages[1], (TextPage{5, 17, true, 88.5}));
  EXPECT_EQ(paged.pages[2], (TextPage{17, 17, false, 0}));  // an empty last page
}

TEST(NormalizePagedTest, GivesTheCodePointsOfTheText) {
  for (const std::string_view text :
       {"２０２１年，矛盾\r\n第二段", "第一页。\n\f 第二页。\f\f丙"}) {
    const PagedText paged = NormalizePaged(text, {});
    std::u32string decoded;
    for (size_t i = 0; i < paged.text.size();) {
      const DecodedCodepoint d = DecodeCodepoint(paged.text, i);
      decoded.push_back(d.codepoint);
      i += d.length;
    }
    EXPECT_EQ(paged.code_points, decoded) << text;
  }
}

TEST(PageNumberAtTest, FindsThePageHoldingAnOffset) {
  PagedText paged = NormalizePaged("甲页\f\f丙页内容", {});
  // "甲页\n丙页内容": page 2 is empty and begins where page 3 does.
  ASSERT_EQ(paged.pages.size(), 3u);
  EXPECT_EQ(PageNumberAt(paged.pages, 0), 1);
  EXPECT_EQ(PageNumberAt(paged.pages, 1), 1);
  EXPECT_EQ(PageNumberAt(paged.pages, 2), 1);  // the separating line break
  EXPECT_EQ(PageNumberAt(paged.pages, 3), 3);
  EXPECT_EQ(PageNumberAt(paged.pages, 6), 3);
  EXPECT_EQ(PageNumberAt({}, 5), 0);
}

}  // namespace
}  // namespace fazhi::text
