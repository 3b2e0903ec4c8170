#include "services/extraction/prescan/prescan.h"

#include <string>
#include <vector>

#include "common/text/code_points.h"
#include "gtest/gtest.h"

namespace fazhi::extraction {
namespace {

bool IsDigitOrYear(char32_t c) { return (c >= U'0' && c <= U'9') || c == U'年'; }

PrescanTable DigitsAndYears() {
  PrescanTable table;
  table.Mark(kQuantityStart, IsDigitOrYear);
  table.Mark(kDateStart, [](char32_t c) { return c == U'年' || c >= 0x10000; });
  return table;
}

std::vector<size_t> Visited(const Prescan& prescan, PrescanMark mark, size_t skip = 1) {
  std::vector<size_t> visited;
  prescan.ForEach(mark, [&](size_t pos) {
    visited.push_back(pos);
    return pos + skip;
  });
  return visited;
}

TEST(PrescanTest, VisitsEveryMarkedPositionInOrder) {
  const PrescanTable table = DigitsAndYears();
  // Marks on both sides of the eight-position words, and at the very end.
  const std::u32string text = U"共受理19件,2021年办结率100%年";
  const Prescan prescan(table, text);
  EXPECT_EQ(prescan.size(), text.size());
  EXPECT_EQ(Visited(prescan, kQuantityStart),
            (std::vector<size_t>{3, 4, 7, 8, 9, 10, 11, 15, 16, 17, 19}));
  EXPECT_EQ(Visited(prescan, kDateStart), (std::vector<size_t>{11, 19}));
}

// Words of eight positions, those with a mark alone, each with its marked positions.
TEST(PrescanTest, HandsOverTheMarkedPositionsOfEachWord) {
  const PrescanTable table = DigitsAndYears();
  const Prescan prescan(table, U"共受理19件,办结率一百左右等,2021年");
  std::vector<std::pair<size_t, std::vector<size_t>>> words;
  prescan.ForEachMarkedWord(kQuantityStart, [&](size_t word, uint64_t bits) {
    std::vector<size_t> positions;
    for (; bits != 0; bits &= bits - 1) positions.push_back(word + Prescan::PositionInWord(bits));
    words.emplace_back(word, positions);
  });
  using Word = std::pair<size_t, std::vector<size_t>>;
  EXPECT_EQ(words, (std::vector<Word>{{0, {3, 4}}, {16, {16, 17, 18, 19, 20}}}));
}

TEST(PrescanTest, SkipsWhatAReadConsumed) {
  const PrescanTable table = DigitsAndYears();
  const Prescan prescan(table, U"2021年和2022年");
  // A read consuming three positions hides the marks inside them.
  EXPECT_EQ(Visited(prescan, kQuantityStart, 3), (std::vector<size_t>{0, 3, 6, 9}));
}

TEST(PrescanTest, CharactersBeyondTheBmpShareOneAnswer) {
  const PrescanTable table = DigitsAndYears();
  const Prescan prescan(table, U"𠀀a𪚥");
  EXPECT_EQ(Visited(prescan, kDateStart), (std::vector<size_t>{0, 2}));
  EXPECT_TRUE(Visited(prescan, kQuantityStart).empty());
}

// The same positions as the scan a recognizer runs for itself (text::ScanFrom with the test).
TEST(PrescanTest, FindsWhatScanFromFinds) {
  const PrescanTable table = DigitsAndYears();
  std::u32string text;
  for (int i = 0; i < 300; ++i) text += (i % 7 == 0) ? U"12年" : (i % 5 == 0 ? U"年度" : U"报告,");
  const Prescan prescan(table, text);
  for (size_t skip : {1, 2, 5}) {
    std::vector<size_t> scanned;
    text::ScanFrom(
        text.size(), [&](size_t pos) { return IsDigitOrYear(text[pos]); },
        [&](size_t pos) {
          scanned.push_back(pos);
          return pos + skip;
        });
    EXPECT_EQ(Visited(prescan, kQuantityStart, skip), scanned) << "skip " << skip;
  }
}

// 海 begins pairs of class 1 and 三 of class 2; 原 ends class 1, 河 both.
PrescanTable HaiyuanAndSanhe() {
  std::vector<uint8_t> roles(0x10000, 0);
  roles[U'海'] = PairRole(1, 0);
  roles[U'三'] = PairRole(2, 0);
  roles[U'原'] = PairRole(0, 1);
  roles[U'河'] = PairRole(0, 1 | 2);
  PrescanTable table;
  table.MarkPairs(kDivisionNameStart, roles, PairRole(0, 0));
  return table;
}

TEST(PrescanTest, MarksPairsOfAFirstAndASecondCharacter) {
  const PrescanTable table = HaiyuanAndSanhe();
  // 海原, 三河 and 海河 pair up, also across the eight-position words (三 at 7, 河 at 8); 海 alone,
  // 原 alone and 三 at the very end do not.
  const Prescan prescan(table, U"海原县三河镇,原海。三河海河三");
  EXPECT_EQ(Visited(prescan, kDivisionNameStart), (std::vector<size_t>{0, 3, 10, 12}));
  const Prescan across(table, U"一二三四五六七三河");
  EXPECT_EQ(Visited(across, kDivisionNameStart), (std::vector<size_t>{7}));
}

TEST(PrescanTest, MarksNoPairOfAClassTheSecondCharacterDoesNotEnd) {
  const PrescanTable table = HaiyuanAndSanhe();
  // 三原: 原 ends class 1 alone, and 三 begins class 2.
  EXPECT_TRUE(Visited(Prescan(table, U"三原三原海三"), kDivisionNameStart).empty());
  // Nor does a role mark the character itself, nor any other mark.
  EXPECT_EQ(table.MarksOf(U'海'), 0);
  EXPECT_TRUE(Visited(Prescan(table, U"海原"), kQuantityStart).empty());
}

TEST(PrescanTest, CharactersBeyondTheBmpShareOnePairRole) {
  PrescanTable table;
  std::vector<uint8_t> roles(0x10000, 0);
  roles[U'海'] = PairRole(1, 0);
  table.MarkPairs(kDivisionNameStart, roles, PairRole(0, 1));
  EXPECT_EQ(Visited(Prescan(table, U"海𠀀海a海𪚥"), kDivisionNameStart),
            (std::vector<size_t>{0, 4}));
}

// The marks and pairs of a table that sets both, at every position of a text longer than a word.
TEST(PrescanTest, PairsLeaveTheOtherMarksAsTheyAre) {
  PrescanTable table = HaiyuanAndSanhe();
  table.Mark(kQuantityStart, IsDigitOrYear);
  table.Mark(kDivisionNameStart, [](char32_t c) { return c == U'县'; });
  const std::u32string text = U"海原县2021年三河镇12海原县";
  const Prescan prescan(table, text);
  EXPECT_EQ(Visited(prescan, kQuantityStart), (std::vector<size_t>{3, 4, 5, 6, 7, 11, 12}));
  EXPECT_EQ(Visited(prescan, kDivisionNameStart), (std::vector<size_t>{0, 2, 8, 13, 15}));
}

// Every position of texts of every length up to four words, with characters beyond the BMP here
// and there (which the prescan reads one at a time) and pairs in the last lanes of words and
// across their ends: marked as the table says, position by position, and with the pair rule's
// mark where the next character ends a class this one begins.
TEST(PrescanTest, MarksEveryPositionAsItsEntryAndTheNextOneSay) {
  PrescanTable table = HaiyuanAndSanhe();
  table.Mark(kQuantityStart, IsDigitOrYear);
  table.Mark(kDateStart, [](char32_t c) { return c == U'年' || c >= 0x10000; });
  const std::u32string all = U"县20年21三河海原镇𠀀12海三河海原县三𪚥海原,三河海三海原";
  for (size_t size = 0; size <= all.size(); ++size) {
    const std::u32string text = all.substr(0, size);
    const Prescan prescan(table, text);
    for (const PrescanMark mark : {kQuantityStart, kDateStart, kDivisionNameStart}) {
      std::vector<size_t> expected;
      for (size_t pos = 0; pos < size; ++pos) {
        const uint16_t here = table.EntryOf(text[pos]);
        const uint16_t next = pos + 1 < size ? table.EntryOf(text[pos + 1]) : 0;
        const bool paired = ((here >> 8) & (next >> 12)) != 0;
        if ((here & mark) != 0 || (mark == table.pair_mark() && paired)) expected.push_back(pos);
      }
      EXPECT_EQ(Visited(prescan, mark), expected) << size << " " << int{mark};
    }
  }
}

TEST(PrescanTest, MarksEachCharacterOfABitSetAsMarkWouldOneByOne) {
  std::vector<uint64_t> bits(0x10000 / 64, 0);
  for (const char32_t c : {U'0', U'?', U'@', U'海', U'\uFFFF'})
    bits[c / 64] |= uint64_t{1} << (c % 64);
  const auto in_bits = [&](char32_t c) { return c < 0x10000 && ((bits[c / 64] >> (c % 64)) & 1); };
  for (const bool beyond_bmp : {false, true}) {
    PrescanTable each;
    each.MarkEach(kDivisionNameStart, bits, beyond_bmp);
    PrescanTable one_by_one;
    one_by_one.Mark(kDivisionNameStart,
                    [&](char32_t c) { return in_bits(c) || (beyond_bmp && c >= 0x10000); });
    for (char32_t c = 0; c <= 0x10FFFF; c += c < 0x10000 ? 1 : 0x1000)
      ASSERT_EQ(each.MarksOf(c), one_by_one.MarksOf(c)) << static_cast<uint32_t>(c);
  }
  PrescanTable none;
  none.MarkEach(kDivisionNameStart, {}, false);  // no bits: nothing marked
  EXPECT_EQ(none.MarksOf(U'海'), 0);
}

TEST(PrescanTest, EmptyTextVisitsNothing) {
  const PrescanTable table = DigitsAndYears();
  EXPECT_TRUE(Visited(Prescan(table, U""), kQuantityStart).empty());
}

}  // namespace
}  // namespace fazhi::extraction
