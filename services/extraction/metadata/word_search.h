// Searches of a line for the metadata readers' cue words (short UTF-8 strings, asked of whole
// lines, paragraphs among them). A word is looked for by its first and last bytes at once, 16
// places at a time (an SSE2 compare of each): for a Chinese word the first is a lead byte such
// as E6, found every few characters of Chinese text, and the last a continuation byte found once
// in about a hundred bytes, but the two at the word's distance apart far more rarely. memchr for
// the last byte alone stopped every hundred bytes or so: its calls were most of the cost of the
// speech reader's search for 我代表 in long paragraphs.
//
//   FindWord("现在，我代表南山区人民政府", "我代表")   // 9 (bytes), as std::string_view::find
//   ContainsAny(line, {"。", ";"})                   // whether the line holds any of them
#ifndef FAZHI_SERVICES_EXTRACTION_METADATA_WORD_SEARCH_H_
#define FAZHI_SERVICES_EXTRACTION_METADATA_WORD_SEARCH_H_

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <bit>
#include <cstring>
#include <initializer_list>
#include <iterator>
#include <string_view>

namespace fazhi::extraction::metadata_search {

// Whether `word` (of two bytes or more) begins at `start`, its first and last bytes known to match.
inline bool MiddleMatches(const char* start, std::string_view word) {
  return std::memcmp(start + 1, word.data() + 1, word.size() - 2) == 0;
}

// The first occurrence of `word` in `text`, or npos: the same as text.find(word).
inline size_t FindWord(std::string_view text, std::string_view word) {
  if (word.empty()) return 0;
  if (word.size() > text.size()) return std::string_view::npos;
  const size_t last = word.size() - 1;       // the last byte's distance from the first
  const size_t starts = text.size() - last;  // the places a match may begin: [0, starts)
#if defined(__SSE2__)
  if (last > 0 && starts >= 16) {
    const __m128i first_byte = _mm_set1_epi8(word.front());
    const __m128i last_byte = _mm_set1_epi8(word.back());
    // The first match among the sixteen places from `from` whose bit `places` has.
    const auto first_match_in = [&](size_t from, uint32_t places) {
      const auto* begins = reinterpret_cast<const __m128i*>(text.data() + from);
      const auto* ends = reinterpret_cast<const __m128i*>(text.data() + from + last);
      uint32_t candidates = places & static_cast<uint32_t>(_mm_movemask_epi8(_mm_and_si128(
                                         _mm_cmpeq_epi8(_mm_loadu_si128(begins), first_byte),
                                         _mm_cmpeq_epi8(_mm_loadu_si128(ends), last_byte))));
      for (; candidates != 0; candidates &= candidates - 1) {
        const size_t start = from + static_cast<size_t>(std::countr_zero(candidates));
        if (MiddleMatches(text.data() + start, word)) return start;
      }
      return std::string_view::npos;
    };
    size_t at = 0;
    for (; at + 16 <= starts; at += 16) {
      if (const size_t found = first_match_in(at, 0xFFFF); found != std::string_view::npos)
        return found;
    }
    // The last places, in the sixteen that end where they do: those before `at` are looked at.
    if (at == starts) return std::string_view::npos;
    return first_match_in(starts - 16, 0xFFFFu << (at - (starts - 16)));
  }
#endif
  // A short text (or a one-byte word): memchr finds the last byte, the bytes before confirm.
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  for (const char* at_last = begin + last;
       (at_last = static_cast<const char*>(std::memchr(at_last, word.back(), end - at_last))) !=
       nullptr;
       ++at_last) {
    if (std::memcmp(at_last - last, word.data(), last) == 0)
      return static_cast<size_t>(at_last - last - begin);
  }
  return std::string_view::npos;
}

inline bool Contains(std::string_view text, std::string_view word) {
  return FindWord(text, word) != std::string_view::npos;
}

template <typename Words>
bool ContainsAny(std::string_view text, const Words& words) {
  return std::any_of(std::begin(words), std::end(words),
                     [text](std::string_view word) { return Contains(text, word); });
}

inline bool ContainsAny(std::string_view text, std::initializer_list<std::string_view> words) {
  return ContainsAny<std::initializer_list<std::string_view>>(text, words);
}

}  // namespace fazhi::extraction::metadata_search

#endif  // FAZHI_SERVICES_EXTRACTION_METADATA_WORD_SEARCH_H_
