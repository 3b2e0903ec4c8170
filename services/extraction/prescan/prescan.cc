#include "services/extraction/prescan/prescan.h"

namespace fazhi::extraction {

namespace {

// Whether the eight code points from `text` are all in the BMP, tested two at a time (written
// out: as a loop it was not unrolled): then each indexes the table with no test of its own.
[[gnu::always_inline]] inline bool AllInBmp(const char32_t* text) {
  uint64_t a, b, c, d;
  std::memcpy(&a, text, sizeof a);
  std::memcpy(&b, text + 2, sizeof b);
  std::memcpy(&c, text + 4, sizeof c);
  std::memcpy(&d, text + 6, sizeof d);
  return ((a | b | c | d) & 0xFFFF0000FFFF0000ull) == 0;
}

}  // namespace

// The marks of the (up to) eight code points from `word`, the first in the lowest byte; those
// past the end of the text are unmarked.
[[gnu::always_inline]] inline uint64_t Prescan::WordMarks(const PrescanTable& table,
                                                          std::u32string_view text, size_t word) {
  uint64_t bits = 0;
  if (word + 8 <= text.size() && AllInBmp(text.data() + word)) {
#pragma GCC unroll 8
    for (size_t i = 0; i < 8; ++i)
      bits |= uint64_t{table.MarksOfBmp(static_cast<char16_t>(text[word + i]))} << (8 * i);
  } else {
    for (size_t i = 0; i < 8 && word + i < text.size(); ++i)
      bits |= uint64_t{table.MarksOf(text[word + i])} << (8 * i);
  }
  return bits;
}

// Each word's marks are made just before the pair rule needs them as the successors of the word
// before, and kept in a register: the text is read once and each word of marks written once.
Prescan::Prescan(const PrescanTable& table, std::u32string_view text)
    : size_(text.size()), marks_(new uint8_t[text.size() / 8 * 8 + 16]) {
  static_assert(std::endian::native == std::endian::little, "the lowest byte comes first");
  const PairShifts pairs = PairShiftsOf(table.pair_rule());
  uint8_t* const marks = marks_.get();
  // The last word and the padding: unmarked past the end of the text.
  std::memset(marks + size_ / 8 * 8, 0, 16);
  uint64_t here = WordMarks(table, text, 0);
  for (size_t word = 0; word < size_; word += 8) {
    const uint64_t after = WordMarks(table, text, word + 8);
    const uint64_t next = (here >> 8) | (after << 56);  // each position's successor
    here |= pairs.Marks(here, next);
    std::memcpy(marks + word, &here, sizeof here);
    here = after;
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
