#include "tools/corpus_generator/scrape_noise.h"

#include <string>

#include "common/text/normalize.h"
#include "gtest/gtest.h"

namespace fazhi::corpus {
namespace {

TEST(ScrapeNoiseTest, YearRangesLoseTheirDashOnlyBetweenTwoYears) {
  ScrapeNoise noise{.fused_year_ranges = true};
  Rng rng(1);
  EXPECT_EQ(noise.DamageProse("2016—2020年规划", rng), "20162020年规划");
  EXPECT_EQ(noise.DamageProse("2016-2020年", rng), "20162020年");
  EXPECT_EQ(noise.DamageProse("第3—5条", rng), "第3—5条");
  EXPECT_EQ(noise.DamageProse("12016—2020", rng), "12016—2020");
}

TEST(ScrapeNoiseTest, FullWidthDigitsAreWhatTheNormalizerFoldsBack) {
  ScrapeNoise noise{.full_width_digits = true};
  Rng rng(1);
  std::string damaged = noise.DamageProse("办理案件12件，同比增长3.5%", rng);
  EXPECT_EQ(damaged, "办理案件１２件，同比增长３.５%");
  EXPECT_EQ(text::NormalizeText(damaged), text::NormalizeText("办理案件12件，同比增长3.5%"));
}

TEST(ScrapeNoiseTest, StraySpacesFallOnlyBetweenHanCharacters) {
  ScrapeNoise noise{.stray_space_rate = 1.0};
  Rng rng(1);
  EXPECT_EQ(noise.DamageProse("依法行政2021年", rng), "依 法 行 政2021年");
}

TEST(ScrapeNoiseTest, WrapCutsEveryWidthCodePointsAndKeepsEveryByte) {
  ScrapeNoise noise{.wrap_width = 3};
  std::vector<std::string> pieces = noise.Wrap("一二三四五六七");
  ASSERT_EQ(pieces.size(), 3u);
  EXPECT_EQ(pieces[0], "一二三");
  EXPECT_EQ(pieces[2], "七");
  EXPECT_EQ(ScrapeNoise{}.Wrap("一二三四").size(), 1u);
}

TEST(ScrapeNoiseTest, ChromeOnlyWhenDrawnAndEveryLineIsOneTheNormalizerSetsAside) {
  Rng rng(3);
  EXPECT_TRUE(ScrapeNoise{}.ChromeBefore(rng).empty());
  ScrapeNoise noise{.chrome = true};
  int lines = 0;
  for (int i = 0; i < 20; ++i) {
    for (const std::string& line : noise.ChromeBefore(rng)) {
      ++lines;
      EXPECT_EQ(text::NormalizeText(line + "\n"), "") << line;
    }
    for (const std::string& line : noise.ChromeAfter(rng)) {
      ++lines;
      EXPECT_EQ(text::NormalizeText(line + "\n"), "") << line;
    }
  }
  EXPECT_GT(lines, 20);
}

}  // namespace
}  // namespace fazhi::corpus
