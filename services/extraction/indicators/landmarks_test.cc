#include "services/extraction/indicators/landmarks.h"

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "common/text/code_points.h"
#include "gtest/gtest.h"

namespace fazhi::extraction::indicator_text {
namespace {

const IndicatorSet& ShippedSet() {
  static const IndicatorSet* set = [] {
    absl::StatusOr<IndicatorSet> loaded = IndicatorSet::LoadFromFile(
        std::string(FAZHI_SOURCE_DIR) + "/data/indicators/indicators.json");
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    return new IndicatorSet(*std::move(loaded));
  }();
  return *set;
}

// The definitions Landmarks replaces: scanning out from each figure, and rereading its sentence.
bool IsSentenceBreak(char32_t c) {
  return std::u32string_view(U"。；;！？!?\n\r").find(c) != std::u32string_view::npos;
}
bool IsClauseBreak(char32_t c) {
  return IsSentenceBreak(c) || std::u32string_view(U",，:：").find(c) != std::u32string_view::npos;
}

template <typename IsBreak>
Range ScanAround(const Text& text, int64_t pos, IsBreak is_break) {
  Range r{pos, pos};
  while (r.begin > 0 && pos - r.begin < kMaxSentence && !is_break(text.at(r.begin - 1))) --r.begin;
  while (r.end < text.size() && r.end - pos < kMaxSentence && !is_break(text.at(r.end))) ++r.end;
  return r;
}

bool RescanParentheses(const Text& text, int64_t begin, int64_t pos) {
  int depth = 0;
  for (int64_t i = begin; i < pos; ++i) {
    const char32_t c = text.at(i);
    if (c == U'(' || c == U'（') ++depth;
    if ((c == U')' || c == U'）') && depth > 0) --depth;
  }
  return depth > 0;
}

std::optional<int> RescanYearAt(const Text& text, int64_t i, int64_t limit) {
  if (!IsAsciiDigit(text.at(i))) return std::nullopt;
  if (i > 0 && (IsAsciiDigit(text.at(i - 1)) || text.at(i - 1) == U'-' || text.at(i - 1) == U'—' ||
                text.at(i - 1) == U'~')) {
    return std::nullopt;
  }
  int year = 0;
  for (int k = 0; k < 4; ++k) {
    if (!IsAsciiDigit(text.at(i + k))) return std::nullopt;
    year = year * 10 + static_cast<int>(text.at(i + k) - U'0');
  }
  if (text.at(i + 4) != U'年' || year < 1949 || year > 2100) return std::nullopt;
  int64_t j = i + 5;
  while (j < limit && (IsAsciiDigit(text.at(j)) || text.at(j) == U'月' || text.at(j) == U'日' ||
                       text.at(j) == U'度' || text.at(j) == U'底' || text.at(j) == U'末' ||
                       text::IsSpace(text.at(j)))) {
    ++j;
  }
  for (const std::u32string& word : ShippedSet().markers().year_boundary) {
    if (text.MatchAt(j, limit, word) >= 0) return std::nullopt;
  }
  return year;
}

std::optional<int> RescanLastYear(const Text& text, int64_t begin, int64_t pos) {
  std::optional<int> last_year;
  int title_depth = 0;
  for (int64_t i = begin; i + 4 < pos; ++i) {
    const char32_t c = text.at(i);
    if (c == U'《') ++title_depth;
    if (c == U'》' && title_depth > 0) --title_depth;
    if (title_depth > 0) continue;
    const std::optional<int> year = RescanYearAt(text, i, pos);
    if (year.has_value()) last_year = year;
  }
  return last_year;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void ExpectSameAsRescanning(std::u32string_view cps, const std::string& name) {
  const Text text(cps);
  const Landmarks marks(text, ShippedSet().index(), ShippedSet().markers().year_boundary);
  for (int64_t pos = 0; pos < text.size(); ++pos) {
    const Range sentence = marks.Sentence(pos, text.size());
    const Range expected = ScanAround(text, pos, IsSentenceBreak);
    ASSERT_EQ(sentence.begin, expected.begin) << name << " at " << pos;
    ASSERT_EQ(sentence.end, expected.end) << name << " at " << pos;
    const Range clause = marks.Clause(pos, text.size());
    const Range expected_clause = ScanAround(text, pos, IsClauseBreak);
    ASSERT_EQ(clause.begin, expected_clause.begin) << name << " at " << pos;
    ASSERT_EQ(clause.end, expected_clause.end) << name << " at " << pos;
    const Landmarks::Before before = marks.Scan(sentence.begin, pos);
    ASSERT_EQ(before.inside_parentheses, RescanParentheses(text, sentence.begin, pos))
        << name << " at " << pos;
    ASSERT_EQ(before.last_year, RescanLastYear(text, sentence.begin, pos)) << name << " at " << pos;
  }
  // Out of order too: Sentence goes on from its last answer only where that still holds.
  for (int64_t k = 0; k < text.size(); ++k) {
    const int64_t pos = k * 7919 % text.size();
    const Range sentence = marks.Sentence(pos, text.size());
    const Range expected = ScanAround(text, pos, IsSentenceBreak);
    ASSERT_EQ(sentence.begin, expected.begin) << name << " at " << pos << ", out of order";
    ASSERT_EQ(sentence.end, expected.end) << name << " at " << pos << ", out of order";
  }
}

TEST(LandmarksTest, AgreeWithRescanningEverySentenceOfTheSampleReports) {
  const std::filesystem::path dir = std::filesystem::path(FAZHI_SOURCE_DIR) / "tests/data/corpus";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    ExpectSameAsRescanning(text::DecodeUtf8(ReadFile(entry.path())),
                           entry.path().filename().string());
    ++files;
  }
  EXPECT_GE(files, 5);
}

TEST(LandmarksTest, CutsSentencesWithoutPunctuationAtTheSameLength) {
  std::u32string line;
  for (int i = 0; i < 300; ++i) line += U"全区2021年共收到（复议）申请";
  ExpectSameAsRescanning(line, "no punctuation");
}

TEST(LandmarksTest, TheLastYearOutsideTitlesRangesAndPeriodsDatesAFigure) {
  struct Case {
    std::u32string text;  // the figure is at the end
    std::optional<int> year;
  };
  const Case cases[] = {
      {U"2021年,全区共收到申请31件", 2021},
      {U"2020年和2021年,全区共收到申请31件", 2021},
      {U"根据《2015年工作方案》,全区共收到申请31件", std::nullopt},
      {U"2015-2020年,全区共收到申请31件", std::nullopt},
      {U"2021年12月以前,全区共收到申请31件", std::nullopt},
      {U"2021年以来,全区共收到申请31件", std::nullopt},
      {U"2020年。2021年全区共收到申请31件", 2021},
  };
  for (const Case& c : cases) {
    const Text text(c.text);
    const Landmarks marks(text, ShippedSet().index(), ShippedSet().markers().year_boundary);
    const int64_t pos = text.size();
    const Range sentence = marks.Sentence(pos - 1, text.size());
    EXPECT_EQ(marks.Scan(sentence.begin, pos).last_year, c.year) << text::EncodeUtf8(c.text);
  }
}

TEST(LandmarksTest, FindsWhereZeroMarkersMayStart) {
  const Text text(U"全年暂无行政复议案件,未发生行政诉讼案件。");
  const Landmarks marks(text, ShippedSet().index(), ShippedSet().markers().year_boundary);
  // 暂 (暂无), 无 (itself a marker), 未 (未发生); the matcher then tries the markers there.
  EXPECT_EQ(marks.zero_starts(), (std::vector<int64_t>{2, 3, 11}));
}

TEST(LandmarksTest, AParagraphBeginsAfterTheLastLineBreak) {
  const Text text(U"五年来,成效显著。\n——社会治理更加高效;化解纠纷。\r\n一年来,办结案件。");
  const Landmarks marks(text, ShippedSet().index(), ShippedSet().markers().year_boundary);
  EXPECT_EQ(marks.ParagraphBegin(3), 0);    // inside the first line
  EXPECT_EQ(marks.ParagraphBegin(20), 10);  // after the sentence break 。 and ; of the second line
  EXPECT_EQ(marks.ParagraphBegin(text.size() - 1), 28);  // after \r\n
  EXPECT_EQ(marks.ParagraphBegin(0), 0);
}

}  // namespace
}  // namespace fazhi::extraction::indicator_text
