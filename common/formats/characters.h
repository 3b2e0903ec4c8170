// Character classes the format readers share. They sit below common/text (its decoder calls
// them), so they cannot use the text library's helpers beyond the inline UTF-8 decoder.
//
//   IsHan(U'法');   // true
//   IsHan(U'，');   // false: punctuation is not Han
#ifndef FAZHI_COMMON_FORMATS_CHARACTERS_H_
#define FAZHI_COMMON_FORMATS_CHARACTERS_H_

namespace fazhi::formats {

// Han ideographs: extension A, the unified block, compatibility ideographs, extensions B and on.
inline bool IsHan(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

}  // namespace fazhi::formats

#endif  // FAZHI_COMMON_FORMATS_CHARACTERS_H_
