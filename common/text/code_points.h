// Code-point views of UTF-8 text and the character classes of Chinese text, for everything that
// scans text character by character (the normalizer, the extraction recognizers).
//
// The recognizers scan Chinese text character by character and report spans in Unicode code
// points, so they decode once and work on a std::u32string:
//
//   std::u32string text = DecodeUtf8("共95次");   // text[1] == U'9', text.size() == 4
//   EncodeUtf8(std::u32string_view(text).substr(1, 3)) == "95次"
#ifndef FAZHI_COMMON_TEXT_CODE_POINTS_H_
#define FAZHI_COMMON_TEXT_CODE_POINTS_H_

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/text/han.h"

namespace fazhi::text {

// Decodes UTF-8; an invalid byte becomes U+FFFD so that every byte is accounted for.
std::u32string DecodeUtf8(std::string_view utf8);
std::string EncodeUtf8(std::u32string_view code_points);

// Asked of nearly every character of a report, so defined here where callers can inline them
// (IsHan, the letters of Chinese text, comes from han.h).
// ASCII or full-width digit 0-9; `DigitValue` gives its value.
inline bool IsDigit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'); }
inline int DigitValue(char32_t c) {
  return c >= U'０' ? static_cast<int>(c - U'０') : static_cast<int>(c - U'0');
}
// The first `c` in `text` at or after `from`, or npos. wmemchr compares many characters at once
// where a loop compares one: for scans for one rare character (a line end) over a whole report.
size_t FindCodePoint(std::u32string_view text, char32_t c, size_t from = 0);

inline bool IsSpace(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\u3000' || c == U'\u00A0';
}

// A set of characters hashed to 256 bits, for the test a scanner asks at every position ("may
// one of these words start here?"): false is certain, true means compare the words.
//   CharFilter f;  f.Add(U'今');  f.MayContain(U'今') == true;  f.MayContain(U'的') is most likely
//   false
class CharFilter final {
 public:
  constexpr void Add(char32_t c) { bits_[Bit(c) / 64] |= uint64_t{1} << (Bit(c) % 64); }
  constexpr void AddAll() { bits_.fill(~uint64_t{0}); }
  // The filter of pick(item) for every item of `items`: CharFilter::Of(words, First).
  template <typename Items, typename Pick>
  static constexpr CharFilter Of(const Items& items, Pick pick) {
    CharFilter filter;
    for (const auto& item : items) filter.Add(pick(item));
    return filter;
  }
  constexpr bool MayContain(char32_t c) const {
    return ((bits_[Bit(c) / 64] >> (Bit(c) % 64)) & 1) != 0;
  }

 private:
  static constexpr uint32_t Bit(char32_t c) {
    return (static_cast<uint32_t>(c) * 0x9E3779B1u) >> 24;
  }

  std::array<uint64_t, 4> bits_{};
};

// Runs a scanner over positions [0, size) from those where it may start: `may_start(pos)` is
// asked of every position in a loop without a branch (over blocks of 256), and `read(pos)` only
// where it held and `pos` is not inside what an earlier read consumed. `read` returns the
// position to go on from: past what it recognized, or pos + 1.
//   ScanFrom(text.size(), [&](size_t pos) { return IsDigit(text[pos]); },
//            [&](size_t pos) { return ReadNumber(pos); });
// The same as stepping through every position and testing each, without the branch mispredicted
// at every position that passes (worth it where one in five to twenty does; at one in a hundred
// the plain loop's branch predicts and is cheaper).
template <typename MayStart, typename Read>
void ScanFrom(size_t size, MayStart may_start, Read read) {
  constexpr size_t kBlock = 256;
  std::array<uint32_t, kBlock> starts;
  size_t next = 0;  // the first position no read has consumed
  for (size_t block = 0; block < size; block += kBlock) {
    const size_t block_end = std::min(size, block + kBlock);
    size_t count = 0;
    for (size_t pos = block; pos < block_end; ++pos) {
      starts[count] = static_cast<uint32_t>(pos - block);
      count += may_start(pos) ? 1 : 0;
    }
    for (size_t i = 0; i < count; ++i) {
      const size_t pos = block + starts[i];
      if (pos >= next) next = read(pos);
    }
  }
}

}  // namespace fazhi::text

#endif  // FAZHI_COMMON_TEXT_CODE_POINTS_H_
