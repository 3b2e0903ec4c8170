// UTF-8 helpers: decoding one code point, validation, counting, and a CodepointIndex that maps
// between byte offsets and code-point offsets in O(1) after one O(n) pass. Spans in extraction
// records are code points into the normalized text; code works on bytes.
//
//   CodepointIndex index(text);           // text = "法治2021"
//   index.ToByte(2);                      // 6: "2" starts at byte 6
//   index.ToCodepoint(6);                 // 2
//
// Invalid bytes count as one code point each (as if replaced by U+FFFD), so every byte offset
// maps somewhere and nothing throws on hostile input.
#ifndef FAZHI_COMMON_TEXT_UTF8_H_
#define FAZHI_COMMON_TEXT_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fazhi::text {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

struct DecodedCodepoint {
  char32_t codepoint = kReplacementCharacter;  // U+FFFD when !valid
  int length = 1;                              // bytes consumed, >= 1 unless at end
  bool valid = false;
};

// Decodes the code point starting at `offset`. An invalid or truncated sequence (overlong form,
// surrogate, > U+10FFFF, stray continuation byte) yields {U+FFFD, 1, false}. At or past the end
// of `text` yields {U+FFFD, 0, false}.
inline DecodedCodepoint DecodeCodepoint(std::string_view text, size_t offset);

// Appends `codepoint` as UTF-8; surrogates and values > U+10FFFF become U+FFFD.
void AppendUtf8(std::string& out, char32_t codepoint);
// The same for each of `code_points`, appended a stack buffer at a time: `out` grows as append
// grows it (reserve first for one allocation), and no byte of it is zero-filled and then written.
void AppendUtf8(std::string& out, std::u32string_view code_points);

// The same into a buffer with room for 4 bytes; returns the end of what was written. Inline, with
// Utf8Length, for loops that size their output once instead of appending byte by byte.
inline char* EncodeUtf8(char32_t codepoint, char* out);
// Bytes EncodeUtf8 writes for `codepoint` (1 to 4).
inline int Utf8Length(char32_t codepoint);

// Whether eight bytes loaded little-endian begin with two three-byte sequences: both lead bytes
// 1110xxxx and their four continuation bytes 10xxxxxx (the runs of Chinese text, two per load).
inline bool StartsWithTwoThreeByteSequences(uint64_t eight) {
  return (eight & 0xC0C0F0C0C0F0) == 0x8080E08080E0;
}

// The two code points of eight bytes that StartsWithTwoThreeByteSequences accepts, decoded at
// once: the first in bits 0-15, the second in bits 24-39, nothing else set. Each payload field is
// moved into place for both sequences with one shift.
inline uint64_t DecodeTwoThreeByteSequences(uint64_t eight) {
  return ((eight & 0x0F00000F) << 12) | ((eight & 0x3F00003F00) >> 2) |
         ((eight & 0x3F00003F0000) >> 16);
}

bool IsValidUtf8(std::string_view text);

// Byte offset of the first invalid sequence, or text.size() if the text is valid.
size_t FirstInvalidUtf8Offset(std::string_view text);

// Replaces each invalid byte with U+FFFD.
std::string RepairUtf8(std::string_view text);

int64_t CountCodepoints(std::string_view text);

// Code points [begin, end) of `text`, clamped to the text.
std::string SubstrByCodepoints(std::string_view text, int64_t begin, int64_t end);

// Keeps a view of the text: the text must outlive the index.
class CodepointIndex final {
 public:
  explicit CodepointIndex(std::string_view utf8);

  // Code point containing `byte_offset` (the one it starts or falls inside); size() at or past
  // the end.
  int64_t ToCodepoint(size_t byte_offset) const;
  // Byte offset where code point `codepoint` starts; clamps to [0, byte_size()].
  size_t ToByte(int64_t codepoint) const;
  int64_t size() const { return size_; }
  size_t byte_size() const { return text_.size(); }

 private:
  static constexpr int64_t kCodepointStride = 32;  // code points between byte checkpoints
  static constexpr size_t kByteStride = 128;       // bytes between code-point checkpoints

  std::string_view text_;
  int64_t size_ = 0;
  std::vector<size_t> byte_at_;        // byte_at_[i]: byte offset of code point i*kCodepointStride
  std::vector<int64_t> codepoint_at_;  // codepoint_at_[i]: code point containing byte i*kByteStride
  std::vector<uint8_t> inside_;        // inside_[i]: how far byte i*kByteStride is into its cp
};

// Inline: it runs once per character in every scanner.
inline DecodedCodepoint DecodeCodepoint(std::string_view text, size_t offset) {
  if (offset >= text.size()) return {kReplacementCharacter, 0, false};
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(text[offset + i]); };
  const uint8_t lead = byte(0);
  if (lead < 0x80) return {lead, 1, true};
  int length = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, cp = lead & 0x1F, min = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, cp = lead & 0x0F, min = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, cp = lead & 0x07, min = 0x10000;
  } else {
    return {};
  }
  if (offset + length > text.size()) return {};
  for (int i = 1; i < length; ++i) {
    const uint8_t b = byte(i);
    if ((b & 0xC0) != 0x80) return {};
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
  return {cp, length, true};
}

inline bool IsEncodable(char32_t cp) { return cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF); }

inline int Utf8Length(char32_t cp) {
  if (cp < 0x10000) return 1 + (cp >= 0x80) + (cp >= 0x800);  // surrogates: 3, as U+FFFD
  return IsEncodable(cp) ? 4 : 3;
}

inline char* EncodeUtf8(char32_t cp, char* out) {
  if (cp < 0x80) {
    *out++ = static_cast<char>(cp);
    return out;
  }
  if (cp - 0x800 < 0xD800 - 0x800) {  // three bytes below the surrogates: all of CJK, tested once
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return out + 3;
  }
  if (!IsEncodable(cp)) cp = kReplacementCharacter;
  if (cp < 0x800) {
    *out++ = static_cast<char>(0xC0 | (cp >> 6));
  } else if (cp < 0x10000) {
    *out++ = static_cast<char>(0xE0 | (cp >> 12));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  } else {
    *out++ = static_cast<char>(0xF0 | (cp >> 18));
    *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  }
  *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  return out;
}

}  // namespace fazhi::text

#endif  // FAZHI_COMMON_TEXT_UTF8_H_
