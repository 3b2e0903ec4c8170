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
DecodedCodepoint DecodeCodepoint(std::string_view text, size_t offset);

// Appends `codepoint` as UTF-8; surrogates and values > U+10FFFF become U+FFFD.
void AppendUtf8(std::string& out, char32_t codepoint);

bool IsValidUtf8(std::string_view text);

// Byte offset of the first invalid sequence, or text.size() if the text is valid.
size_t FirstInvalidUtf8Offset(std::string_view text);

// Replaces each invalid byte with U+FFFD.
std::string RepairUtf8(std::string_view text);

int64_t CountCodepoints(std::string_view text);

// Code points [begin, end) of `text`, clamped to the text.
std::string SubstrByCodepoints(std::string_view text, int64_t begin, int64_t end);

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

}  // namespace fazhi::text

#endif  // FAZHI_COMMON_TEXT_UTF8_H_
