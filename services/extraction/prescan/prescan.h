// One pass over a report's code points that marks where each recognizer may start, so that the
// recognizers do not each walk every character testing their own cue characters: each visits
// only its marked positions, skipping eight unmarked ones at a time.
//
//   PrescanTable table;                                   // once, when the extractor loads
//   table.Mark(kQuantityStart, [](char32_t c) { return QuantityStarts().Contains(c); });
//   Prescan prescan(table, code_points);                  // once per report
//   prescan.ForEach(kQuantityStart, [&](size_t pos) { return ReadAt(pos); });
//
// ForEach visits what text::ScanFrom visits given the same test: the marked positions in order,
// each not inside what the previous read consumed. A recognizer called without a prescan (its
// tests, other callers) scans for itself; with one, it finds the very same positions.
// A scanner that looks at every candidate, overlapping ones included, uses ForEachMarked instead:
// with no position skipped it keeps no `next` in the loop; ForEachMarkedWord hands it the marked
// positions of eight at a time.
//
// One mark may also come from a rule on pairs of characters (MarkPairs: the division index's, for
// where a name of two or more characters may begin), made in the same pass, eight positions at a
// time, from a second byte of each character's table entry.
#ifndef FAZHI_SERVICES_EXTRACTION_PRESCAN_PRESCAN_H_
#define FAZHI_SERVICES_EXTRACTION_PRESCAN_PRESCAN_H_

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>

#include "common/text/code_points.h"

namespace fazhi::extraction {

// The recognizers a position may be marked for, a bit each.
enum PrescanMark : uint8_t {
  kQuantityStart = 1 << 0,        // quantities.h: a figure or a URL may start
  kDateStart = 1 << 1,            // dates.h: a date or a relative date word may start
  kLandmark = 1 << 2,             // indicators' landmarks: a break, a bracket, a year, a zero
  kDocumentNumberStart = 1 << 3,  // document_numbers.h: a bracketed year or a decree mark
  kDivisionNameStart = 1 << 4,    // division_index.h: a division name may begin
  kSelfReference = 1 << 5,  // jurisdiction.h: a self-reference (我区, 全市, 本县) may begin
};

// The pair rule (PrescanTable::MarkPairs) sorts pairs of characters into up to four classes; a
// character's role in it is a byte: the classes of the pairs it may begin (low four bits) and of
// those it may end (high four bits). A position is marked where its character begins a pair of a
// class that the next character may end.
inline constexpr int kPairClasses = 4;
constexpr uint8_t PairRole(uint8_t begins, uint8_t ends) {
  return static_cast<uint8_t>((begins & 0x0F) | (ends << 4));
}

// The marks of every character, with its role in the pair rule: 128 KB, two bytes per character
// of the Basic Multilingual Plane, and two for all the characters beyond it.
class PrescanTable final {
 public:
  // Marks with `mark` every character `member(c)` holds for; characters beyond the BMP share
  // the answer for U+10000.
  template <typename Member>
  void Mark(PrescanMark mark, Member member) {
    for (char32_t c = 0; c <= kBmpSize; ++c) {
      if (member(c)) entries_[c] |= mark;
    }
  }

  // Marks with `mark` the BMP characters whose bits are set in `bits` (one per character, from the
  // lowest of bits[0] for U+0000 on; none past the end), and with `beyond_bmp` every character
  // beyond the BMP: a walk over the set bits, for a set kept as bits (division names' characters).
  void MarkEach(PrescanMark mark, std::span<const uint64_t> bits, bool beyond_bmp) {
    for (size_t word = 0; word < std::min(bits.size(), size_t{kBmpSize / 64}); ++word) {
      for (uint64_t set = bits[word]; set != 0; set &= set - 1) {
        entries_[word * 64 + static_cast<size_t>(std::countr_zero(set))] |= mark;
      }
    }
    if (beyond_bmp) entries_[kBmpSize] |= mark;
  }
  // Marks a position `mark` where its character begins a pair of a class that the next one may
  // end: `roles` are the BMP characters' roles (PairRole, from U+0000 on; none past the end),
  // `beyond_bmp` that of every character beyond the BMP. One rule per table.
  void MarkPairs(PrescanMark mark, std::span<const uint8_t> roles, uint8_t beyond_bmp) {
    pair_mark_ = mark;
    for (size_t c = 0; c < std::min(roles.size(), size_t{kBmpSize}); ++c) SetRole(c, roles[c]);
    SetRole(kBmpSize, beyond_bmp);
  }

  uint8_t MarksOf(char32_t c) const { return static_cast<uint8_t>(EntryOf(c)); }
  // The marks (low byte) and the pair role (high byte) of a character.
  uint16_t EntryOf(char32_t c) const { return entries_[c < kBmpSize ? c : kBmpSize]; }
  uint16_t EntryOfBmp(char16_t c) const { return entries_[c]; }  // for one known to be BMP
  // What MarkPairs marks with; 0 without a pair rule.
  uint8_t pair_mark() const { return pair_mark_; }

 private:
  static constexpr char32_t kBmpSize = 0x10000;
  void SetRole(size_t c, uint8_t role) {
    entries_[c] = static_cast<uint16_t>((entries_[c] & 0xFF) | (role << 8));
  }
  std::array<uint16_t, kBmpSize + 1> entries_{};  // the last for all characters beyond the BMP
  uint8_t pair_mark_ = 0;
};

// The marks of one text, a byte per code point.
class Prescan final {
 public:
  Prescan(const PrescanTable& table, std::u32string_view text);

  size_t size() const { return size_; }

  // Calls `visit(pos)` at every position marked `mark`, in order.
  template <typename Visit>
  [[gnu::always_inline]] void ForEachMarked(PrescanMark mark, Visit visit) const {
    ForEachMarkedWord(mark, [&visit](size_t word, uint64_t bits) {
      // Clearing the lowest bit takes the positions in order.
      for (; bits != 0; bits &= bits - 1) visit(word + PositionInWord(bits));
    });
  }

  // Calls `visit(word, bits)` for every word of eight positions from `word` (a multiple of 8) that
  // has any marked `mark`, in order: `bits` has a bit set in byte i where position word + i is
  // marked, and none in other bytes (PositionInWord). For a scanner that looks at all of a word's
  // positions before it reads at any.
  template <typename Visit>
  [[gnu::always_inline]] void ForEachMarkedWord(PrescanMark mark, Visit visit) const {
    static_assert(std::endian::native == std::endian::little, "the lowest byte comes first");
    const uint64_t in_every_byte = uint64_t{mark} * 0x0101010101010101ull;
    // Locals, not members: `visit` may write memory, and the compiler would reload them.
    const uint8_t* const marks = marks_.get();
    const size_t size = size_;
    for (size_t word = 0; word < size; word += 8) {
      uint64_t bits;
      std::memcpy(&bits, marks + word, sizeof bits);
      if ((bits &= in_every_byte) != 0) visit(word, bits);
    }
  }
  // The position within its word of the first marked one of `bits` (ForEachMarkedWord).
  static unsigned PositionInWord(uint64_t bits) {
    return static_cast<unsigned>(std::countr_zero(bits)) / 8;
  }

  // Calls `read(pos)` at each position marked `mark`, in order, skipping those before the
  // position the previous read returned (past what it recognized, or pos + 1).
  template <typename Read>
  void ForEach(PrescanMark mark, Read read) const {
    size_t next = 0;
    ForEachMarked(mark, [&next, &read](size_t pos) {
      if (pos >= next) next = read(pos);
    });
  }

 private:
  size_t size_ = 0;
  // Padded with unmarked bytes to the end of the word after the last (partial) one: whole words
  // are read. Not zeroed when allocated: the constructor writes every byte.
  std::unique_ptr<uint8_t[]> marks_;
};

// What a recognizer scans with: the positions `prescan` marked `mark` when it has one for this
// text (of `size` code points), else those where `may_start(pos)` holds (text::ScanFrom). The two
// agree when the table marks exactly the characters `may_start` accepts.
template <typename MayStart, typename Read>
void ScanMarked(const Prescan* prescan, PrescanMark mark, size_t size, MayStart may_start,
                Read read) {
  if (prescan != nullptr && prescan->size() == size) {
    prescan->ForEach(mark, read);
  } else {
    text::ScanFrom(size, may_start, read);
  }
}

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_PRESCAN_PRESCAN_H_
