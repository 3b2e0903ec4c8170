// Searches of a line for the metadata readers' cue words (short UTF-8 strings, asked of whole
// lines, paragraphs among them): each word is found by its last byte, which memchr finds and the
// bytes before it confirm. std::string_view::find stops at every byte the word begins with: for a
// Chinese word a lead byte such as E5, found every few characters of Chinese text, where its last
// byte, a continuation byte, comes about once in a hundred bytes.
//
//   FindWord("现在，我代表南山区人民政府", "我代表")   // 9 (bytes), as std::string_view::find
//   ContainsAny(line, {"。", ";"})                   // whether the line holds any of them
#ifndef FAZHI_SERVICES_EXTRACTION_METADATA_WORD_SEARCH_H_
#define FAZHI_SERVICES_EXTRACTION_METADATA_WORD_SEARCH_H_

#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <iterator>
#include <string_view>

namespace fazhi::extraction::metadata_search {

// The first occurrence of `word` in `text`, or npos: the same as text.find(word).
inline size_t FindWord(std::string_view text, std::string_view word) {
  if (word.empty()) return 0;
  if (word.size() > text.size()) return std::string_view::npos;
  const size_t before = word.size() - 1;  // the bytes compared once the last one is found
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  // Matches end in the order they begin: the first found is the first.
  for (const char* last = begin + before;
       (last = static_cast<const char*>(std::memchr(last, word.back(), end - last))) != nullptr;
       ++last) {
    const char* const start = last - before;
    // Compared in place: a word is a few bytes, and most candidates differ at once.
    size_t i = 0;
    while (i < before && start[i] == word[i]) ++i;
    if (i == before) return static_cast<size_t>(start - begin);
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
