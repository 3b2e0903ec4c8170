// Code-point views of UTF-8 text, shared by the extraction recognizers.
//
// The recognizers scan Chinese text character by character and report spans in Unicode code
// points, so they decode once and work on a std::u32string:
//
//   std::u32string text = DecodeUtf8("共95次");   // text[1] == U'9', text.size() == 4
//   EncodeUtf8(std::u32string_view(text).substr(1, 3)) == "95次"
#ifndef FAZHI_SERVICES_EXTRACTION_NUMBERS_CODE_POINTS_H_
#define FAZHI_SERVICES_EXTRACTION_NUMBERS_CODE_POINTS_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace fazhi::extraction {

// Decodes UTF-8; an invalid byte becomes U+FFFD so that every byte is accounted for.
std::u32string DecodeUtf8(std::string_view utf8);
std::string EncodeUtf8(std::u32string_view code_points);

// Asked of nearly every character of a report, so defined here where callers can inline them.
// Han ideographs (CJK Unified Ideographs and Extension A), the letters of Chinese text.
inline bool IsHan(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }
// ASCII or full-width digit 0-9; `DigitValue` gives its value.
inline bool IsDigit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'); }
inline int DigitValue(char32_t c) {
  return c >= U'０' ? static_cast<int>(c - U'０') : static_cast<int>(c - U'0');
}
inline bool IsSpace(char32_t c) { return c == U' ' || c == U'\t' || c == U'\u3000' || c == U'\u00A0'; }

// A set of characters hashed to 256 bits, for the test a scanner asks at every position ("may
// one of these words start here?"): false is certain, true means compare the words.
//   CharFilter f;  f.Add(U'今');  f.MayContain(U'今') == true;  f.MayContain(U'的') is most likely false
class CharFilter final {
 public:
  constexpr void Add(char32_t c) { bits_[Bit(c) / 64] |= uint64_t{1} << (Bit(c) % 64); }
  constexpr void AddAll() { bits_.fill(~uint64_t{0}); }
  constexpr bool MayContain(char32_t c) const { return ((bits_[Bit(c) / 64] >> (Bit(c) % 64)) & 1) != 0; }

 private:
  static constexpr uint32_t Bit(char32_t c) { return (static_cast<uint32_t>(c) * 0x9E3779B1u) >> 24; }

  std::array<uint64_t, 4> bits_{};
};

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_NUMBERS_CODE_POINTS_H_
