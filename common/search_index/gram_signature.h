// Gram signatures for exact Chinese substring search in PostgreSQL: every distinct unigram and
// bigram of a text, each encoded exactly into one int4, stored as an int4[] under a GIN index
// (intarray's gin__int_ops). A phrase of one or two characters matches a text exactly when its
// gram is in the text's signature; a longer phrase can only match texts that hold all its bigrams
// (candidates), which are then verified with strpos.
//
//   std::vector<int32_t> signature = TextGrams("依法行政");   // 依 法 行 政 依法 法行 行政
//   PhraseGrams grams = GramsOfPhrase("法行");                 // {.grams = {法行}, .exact = true}
//   IntArrayLiteral(signature);                               // "{..., ...}" for an int4[] param
//
// Code points map to a 15-bit alphabet (kAlphabet in gram_signature.cc): CJK ideographs, ASCII,
// CJK and full-width punctuation and a few symbol blocks exactly; anything else to a hashed
// bucket, so a phrase with such a character is never exact from the index alone.
// Token layout: unigram = code (0..32767); bigram = (1 << 30) | (a << 15) | b.
#ifndef FAZHI_COMMON_SEARCH_INDEX_GRAM_SIGNATURE_H_
#define FAZHI_COMMON_SEARCH_INDEX_GRAM_SIGNATURE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fazhi::search_index {

// Bump when the alphabet or token layout changes: stored signatures must then be rebuilt.
static constexpr std::string_view kGramSignatureVersion = "grams-1";

struct CharCode {
  int32_t code = 0;    // 0..32767
  bool exact = false;  // false: a hashed bucket shared with other code points
};

CharCode EncodeChar(char32_t codepoint);

int32_t UnigramToken(int32_t a);
int32_t BigramToken(int32_t a, int32_t b);

// Sorted, distinct unigram and bigram tokens of a UTF-8 text (bigrams across line breaks too, so
// any substring's grams are a subset of its text's).
std::vector<int32_t> TextGrams(std::string_view utf8);

struct PhraseGrams {
  std::vector<int32_t> grams;  // sorted, distinct; every text containing the phrase has them all
  bool exact = false;          // true: having them all also implies containing the phrase
};

// One character: its unigram. Two or more: its bigrams (which imply its unigrams).
// Exact for one or two characters that all have exact codes.
PhraseGrams GramsOfPhrase(std::string_view utf8);

// Rank tokens (negative int4s) say "this gram occurs at least kLevelFloors[level] times" in a
// text, one per gram occurring twice or more, at its own level: the index can then list the
// reports where a phrase is most frequent without reading texts. They are hashed (a collision
// only adds a candidate whose exact count is computed anyway), so they never decide a match.
inline constexpr int64_t kLevelFloors[] = {2,   3,   4,   6,   8,    12,   16,   24,   32,   48,
                                           64,  96,  128, 192, 256,  384,  512,  768,  1024, 1536,
                                           2048, 3072, 4096, 8192, 16384, 32768};
inline constexpr int kLevelCount = sizeof(kLevelFloors) / sizeof(kLevelFloors[0]);

// The level of a count >= 2 (-1 for 0 or 1).
int CountLevel(int64_t count);
int32_t RankToken(int32_t gram, int level);

// TextGrams plus the rank token of every gram occurring twice or more (non-overlapping
// occurrences, as strpos-based counting sees them: "哈哈哈" holds the bigram 哈哈 once).
std::vector<int32_t> TextSignature(std::string_view utf8);

// query_int for "the gram occurs at least kLevelFloors[min_level] times" (may over-select).
std::string AtLeastLevelQuery(int32_t gram, int min_level);

// "{1,2,3}": the text form of an int4[] for a query parameter.
std::string IntArrayLiteral(const std::vector<int32_t>& values);

}  // namespace fazhi::search_index

#endif  // FAZHI_COMMON_SEARCH_INDEX_GRAM_SIGNATURE_H_
