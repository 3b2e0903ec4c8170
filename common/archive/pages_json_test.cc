#include "common/archive/pages_json.h"

#include <gtest/gtest.h>

namespace fazhi {
namespace {

TEST(PagesJsonTest, RoundTrips) {
  const std::vector<text::TextPage> pages = {{0, 812, false, 0}, {813, 1604, true, 91.25}};
  const std::string json = PagesToStoredJson(pages);
  EXPECT_EQ(
      json,
      R"([{"begin":0,"end":812,"ocr":false},{"begin":813,"end":1604,"ocr":true,"ocr_confidence":91.25}])");
  absl::StatusOr<std::vector<text::TextPage>> again = PagesFromStoredJson(json);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, pages);
}

TEST(PagesJsonTest, UnpagedIsEmpty) {
  EXPECT_EQ(PagesToStoredJson({}), "");
  EXPECT_TRUE(PagesFromStoredJson("")->empty());
}

TEST(PagesJsonTest, DamagedJsonIsDataLoss) {
  EXPECT_TRUE(absl::IsDataLoss(PagesFromStoredJson("[{\"begin\":").status()));
  EXPECT_TRUE(absl::IsDataLoss(PagesFromStoredJson("[{\"end\":3}]").status()));
}

}  // namespace
}  // namespace fazhi
