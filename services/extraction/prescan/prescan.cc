#include "services/extraction/prescan/prescan.h"

namespace fazhi::extraction {

namespace {

// Whether the eight code points from `text` are all in the BMP, tested two at a time: then each
// indexes the table with no test of its own.
[[gnu::always_inline]] inline bool AllInBmp(const char32_t* text) {
  uint64_t any = 0;
  for (int i = 0; i < 8; i += 2) {
    uint64_t two;
    std::memcpy(&two, text + i, sizeof two);
    any |= two;
  }
  return (any & 0xFFFF0000FFFF0000ull) == 0;
}

}  // namespace

// The marks of the (up to) eight code points from `word`; those past the end stay unmarked.
[[gnu::always_inline]] inline void Prescan::MarkWord(const PrescanTable& table,
                                                     std::u32string_view text, size_t word) {
  uint8_t* const marks = marks_.get() + word;
  if (word + 8 <= text.size() && AllInBmp(text.data() + word)) {
#pragma GCC unroll 8
    for (size_t i = 0; i < 8; ++i)
      marks[i] = table.MarksOfBmp(static_cast<char16_t>(text[word + i]));
  } else {
    for (size_t i = 0; i < 8 && word + i < text.size(); ++i)
      marks[i] = table.MarksOf(text[word + i]);
  }
}

// Each word's marks written just before the pair rule needs them as the successors of the word
// before: the text is read once, and the marks once more, a word at a time.
Prescan::Prescan(const PrescanTable& table, std::u32string_view text)
    : size_(text.size()), marks_(new uint8_t[text.size() / 8 * 8 + 16]) {
  const PairShifts pairs = PairShiftsOf(table.pair_rule());
  uint8_t* const marks = marks_.get();
  // The last word and the padding: unmarked past the end of the text.
  std::memset(marks + size_ / 8 * 8, 0, 16);
  MarkWord(table, text, 0);
  for (size_t word = 0; word < size_; word += 8) {
    MarkWord(table, text, word + 8);
    uint64_t here;
    uint64_t next;
    std::memcpy(&here, marks + word, sizeof here);
    std::memcpy(&next, marks + word + 1, sizeof next);
    here |= pairs.Marks(here, next);
    std::memcpy(marks + word, &here, sizeof here);
  }
}

// With no pair rule, a mask that marks nothing: the loop above has no branch for it.
Prescan::PairShifts Prescan::PairShiftsOf(const std::optional<PrescanTable::PairRule>& rule) {
  if (!rule) return PairShifts{};
  return PairShifts{std::countr_zero(unsigned{rule->first}),
                    std::countr_zero(unsigned{rule->second}),
                    std::countr_zero(unsigned{rule->mark}), 0x0101010101010101ull};
}

// Eight positions at a time: each byte's `first` bit and the next byte's `second` bit, moved to
// the `mark` bit.
uint64_t Prescan::PairShifts::Marks(uint64_t here, uint64_t next) const {
  return ((here >> first) & (next >> second) & mask) << mark;
}

}  // namespace fazhi::extraction
