#include "services/extraction/prescan/prescan.h"

#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace fazhi::extraction {

namespace {

// Whether a character with the table entry `here`, followed by one with `next`, begins a pair of a
// class that the next may end (PrescanTable::MarkPairs).
[[maybe_unused]] bool Pairs(uint16_t here, uint16_t next) {
  return ((here >> 8) & (next >> 12)) != 0;
}

#if defined(__SSE2__)

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

// The table entries of eight BMP code points, each put straight into its lane.
template <size_t... kLane>
[[gnu::always_inline]] inline __m128i BmpEntries(const PrescanTable& table, const char32_t* text,
                                                 std::index_sequence<kLane...>) {
  __m128i lanes = _mm_setzero_si128();
  ((lanes = _mm_insert_epi16(lanes, table.EntryOfBmp(static_cast<char16_t>(text[kLane])), kLane)),
   ...);
  return lanes;
}

// The table entries of the (up to) eight code points from `word`, one at a time, those past the
// end of the text 0. Not inlined: in the loop, its counters took registers and instructions from
// every word, for the last word and the rare one with a character beyond the BMP.
[[gnu::noinline]] __m128i EntriesOneByOne(const PrescanTable& table, std::u32string_view text,
                                          size_t word) {
  uint16_t entries[8] = {};
  for (size_t i = 0; i < 8 && word + i < text.size(); ++i)
    entries[i] = table.EntryOf(text[word + i]);
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(entries));
}

// The table entries of the eight code points from `word` (all in the text), a 16-bit lane each,
// the first in the lowest.
[[gnu::always_inline]] inline __m128i WholeWordEntries(const PrescanTable& table,
                                                       std::u32string_view text, size_t word) {
  if (AllInBmp(text.data() + word))
    return BmpEntries(table, text.data() + word, std::make_index_sequence<8>());
  return EntriesOneByOne(table, text, word);
}

// The same for a word the text may end within or before: the lanes past its end are 0, no marks
// and no pair role.
inline __m128i WordEntries(const PrescanTable& table, std::u32string_view text, size_t word) {
  return word + 8 <= text.size() ? WholeWordEntries(table, text, word)
                                 : EntriesOneByOne(table, text, word);
}

// Writes the marks of the eight positions whose entries are `here`, `after` the entries of the
// next eight: each entry's own (its low byte), and `pair_mark` where the pair rule holds (Pairs,
// lane by lane), packed into bytes.
[[gnu::always_inline]] inline void WriteWordMarks(__m128i here, __m128i after, __m128i pair_mark,
                                                  uint8_t* marks) {
  // Each position's successor: the lanes one up, the last lane from the next word.
  const __m128i next = _mm_or_si128(_mm_srli_si128(here, 2), _mm_slli_si128(after, 14));
  const __m128i pairs = _mm_and_si128(_mm_srli_epi16(here, 8), _mm_srli_epi16(next, 12));
  const __m128i paired = _mm_andnot_si128(_mm_cmpeq_epi16(pairs, _mm_setzero_si128()), pair_mark);
  const __m128i own = _mm_and_si128(here, _mm_set1_epi16(0xFF));
  const __m128i word_marks = _mm_or_si128(own, paired);
  _mm_storel_epi64(reinterpret_cast<__m128i*>(marks), _mm_packus_epi16(word_marks, word_marks));
}

#endif

}  // namespace

// Eight positions at a time, in 16-bit lanes: each word's entries are read just before the pair
// rule needs them as the successors of the word before, and kept in a register, so the text is
// read once and each word of marks written once.
Prescan::Prescan(const PrescanTable& table, std::u32string_view text)
    : size_(text.size()), marks_(new uint8_t[text.size() / 8 * 8 + 16]) {
  uint8_t* const marks = marks_.get();
  // The last word and the padding: unmarked past the end of the text.
  std::memset(marks + size_ / 8 * 8, 0, 16);
#if defined(__SSE2__)
  const __m128i pair_mark = _mm_set1_epi16(table.pair_mark());
  __m128i here = WordEntries(table, text, 0);
  size_t word = 0;
  // While the next word is whole, the one test of its characters is whether all are in the BMP.
  for (; word + 16 <= size_; word += 8) {
    const __m128i after = WholeWordEntries(table, text, word + 8);
    WriteWordMarks(here, after, pair_mark, marks + word);
    here = after;
  }
  for (; word < size_; word += 8) {
    const __m128i after = WordEntries(table, text, word + 8);
    WriteWordMarks(here, after, pair_mark, marks + word);
    here = after;
  }
#else  // the same, one position at a time
  for (size_t pos = 0; pos < size_; ++pos) {
    const uint16_t here = table.EntryOf(text[pos]);
    const uint16_t next = pos + 1 < size_ ? table.EntryOf(text[pos + 1]) : 0;
    marks[pos] = static_cast<uint8_t>(here | (Pairs(here, next) ? table.pair_mark() : 0));
  }
#endif
}

}  // namespace fazhi::extraction
