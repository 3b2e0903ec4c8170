// The Han character classes, in one place for every floor that reads text: the format readers
// (below common/text), the normalizer and the extraction recognizers. Header-only and free of
// dependencies so that common/formats may include it as it includes utf8.h.
//
//   IsHan(U'法')           // true
//   IsHan(U'，')           // false: punctuation is not Han
//   IsHan(U'\U00020000')   // false, but IsHanIdeograph(U'\U00020000') is true (extension B)
#ifndef FAZHI_COMMON_TEXT_HAN_H_
#define FAZHI_COMMON_TEXT_HAN_H_

namespace fazhi::text {

// The Han ideographs of Chinese text as the recognizers read it: the unified block and extension
// A. Asked of nearly every character of a report, so inline and two comparisons deep.
inline bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

// Every Han ideograph: IsHan plus the compatibility ideographs and the supplementary planes'
// extensions (B and on). For deciding how text is laid out (whether a wrap or a gap between words
// takes a space), where a rare character must count as Han too.
inline bool IsHanIdeograph(char32_t c) {
  return IsHan(c) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

}  // namespace fazhi::text

#endif  // FAZHI_COMMON_TEXT_HAN_H_
