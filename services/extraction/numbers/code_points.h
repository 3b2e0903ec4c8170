// Code-point views of UTF-8 text, shared by the extraction recognizers.
//
// The recognizers scan Chinese text character by character and report spans in Unicode code
// points, so they decode once and work on a std::u32string:
//
//   std::u32string text = DecodeUtf8("共95次");   // text[1] == U'9', text.size() == 4
//   EncodeUtf8(std::u32string_view(text).substr(1, 3)) == "95次"
#ifndef FAZHI_SERVICES_EXTRACTION_NUMBERS_CODE_POINTS_H_
#define FAZHI_SERVICES_EXTRACTION_NUMBERS_CODE_POINTS_H_

#include <string>
#include <string_view>

namespace fazhi::extraction {

// Decodes UTF-8; an invalid byte becomes U+FFFD so that every byte is accounted for.
std::u32string DecodeUtf8(std::string_view utf8);
std::string EncodeUtf8(std::u32string_view code_points);

// Han ideographs (CJK Unified Ideographs and Extension A), the letters of Chinese text.
bool IsHan(char32_t c);
// ASCII or full-width digit 0-9; `DigitValue` gives its value.
bool IsDigit(char32_t c);
int DigitValue(char32_t c);
bool IsSpace(char32_t c);

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_NUMBERS_CODE_POINTS_H_
