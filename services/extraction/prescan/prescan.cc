#include "services/extraction/prescan/prescan.h"

namespace fazhi::extraction {

Prescan::Prescan(const PrescanTable& table, std::u32string_view text)
    : size_(text.size()), marks_((text.size() + 7) / 8 * 8 + 8, 0) {
  for (size_t pos = 0; pos < text.size(); ++pos) marks_[pos] = table.MarksOf(text[pos]);
  if (table.pair_rule()) MarkPairs(*table.pair_rule());
}

// Eight positions at a time: each byte's `first` bit and the next byte's `second` bit, moved to
// the `mark` bit.
void Prescan::MarkPairs(const PrescanTable::PairRule& rule) {
  constexpr uint64_t kLowBits = 0x0101010101010101ull;
  const int first = std::countr_zero(unsigned{rule.first});
  const int second = std::countr_zero(unsigned{rule.second});
  const int mark = std::countr_zero(unsigned{rule.mark});
  for (size_t word = 0; word < size_; word += 8) {
    uint64_t here;
    uint64_t next;
    std::memcpy(&here, marks_.data() + word, sizeof here);
    std::memcpy(&next, marks_.data() + word + 1, sizeof next);
    here |= ((here >> first) & (next >> second) & kLowBits) << mark;
    std::memcpy(marks_.data() + word, &here, sizeof here);
  }
}

}  // namespace fazhi::extraction
