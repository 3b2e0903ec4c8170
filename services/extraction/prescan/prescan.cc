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

// The table entries of the (up to) eight code points from `word`, a 16-bit lane each, the first
// in the lowest; those past the end of the text are 0: no marks, no pair role.
[[gnu::always_inline]] inline __m128i WordEntries(const PrescanTable& table,
                                                  std::u32string_view text, size_t word) {
  if (word + 8 <= text.size() && AllInBmp(text.data() + word))
    return BmpEntries(table, text.data() + word, std::make_index_sequence<8>());
  uint16_t entries[8] = {};
  for (size_t i = 0; i < 8 && word + i < text.size(); ++i)
    entries[i] = table.EntryOf(text[word + i]);
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(entries));
}

#endif

}  // namespace

// Eight positions at a time, in 16-bit lanes: each word's entries are read just before the pair
// rule needs them as the successors of the word before, and kept in a register, so the text is
// read once and each word of marks written once. The pair rule is Pairs, lane by lane, and the
// marks each entry's low byte, packed into bytes.
Prescan::Prescan(const PrescanTable& table, std::u32string_view text)
    : size_(text.size()), marks_(new uint8_t[text.size() / 8 * 8 + 16]) {
  uint8_t* const marks = marks_.get();
  // The last word and the padding: unmarked past the end of the text.
  std::memset(marks + size_ / 8 * 8, 0, 16);
#if defined(__SSE2__)
  const __m128i pair_mark = _mm_set1_epi16(table.pair_mark());
  const __m128i low_bytes = _mm_set1_epi16(0xFF);
  __m128i here = WordEntries(table, text, 0);
  for (size_t word = 0; word < size_; word += 8) {
    const __m128i after = WordEntries(table, text, word + 8);
    // Each position's successor: the lanes one up, the last lane from the next word.
    const __m128i next = _mm_or_si128(_mm_srli_si128(here, 2), _mm_slli_si128(after, 14));
    const __m128i pairs = _mm_and_si128(_mm_srli_epi16(here, 8), _mm_srli_epi16(next, 12));
    const __m128i paired = _mm_andnot_si128(_mm_cmpeq_epi16(pairs, _mm_setzero_si128()), pair_mark);
    const __m128i word_marks = _mm_or_si128(_mm_and_si128(here, low_bytes), paired);
    _mm_storel_epi64(reinterpret_cast<__m128i*>(marks + word),
                     _mm_packus_epi16(word_marks, word_marks));
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
