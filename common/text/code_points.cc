#include "common/text/code_points.h"

#include <bit>
#include <cstdint>
#include <cstring>
#include <cwchar>

#include "common/text/utf8.h"

namespace fazhi::text {

namespace {

// Calls `emit` with each code point of `utf8`; an invalid byte (as text::DecodeCodepoint judges:
// overlong forms and surrogates included) is one U+FFFD, so spans agree with CodepointIndex.
template <typename Emit>
void ForEachCodePoint(std::string_view utf8, Emit emit) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(utf8.data());
  const size_t size = utf8.size();
  size_t i = 0;
  while (i < size) {
    const unsigned char lead = bytes[i];
    if (lead < 0x80) {
      emit(lead);
      ++i;
      continue;
    }
    // Chinese text is nearly all three-byte sequences: decoded without the general checks.
    if ((lead >> 4) == 0xE && i + 2 < size && (bytes[i + 1] & 0xC0) == 0x80 &&
        (bytes[i + 2] & 0xC0) == 0x80) {
      const auto c = static_cast<char32_t>(((lead & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) |
                                           (bytes[i + 2] & 0x3F));
      if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
        emit(c);
        i += 3;
        continue;
      }
    }
    const text::DecodedCodepoint d = text::DecodeCodepoint(utf8, i);
    emit(d.valid ? d.codepoint : U'\uFFFD');
    i += d.valid ? static_cast<size_t>(d.length) : 1;
  }
}

// Bytes that start a character (all but 10xxxxxx), counted eight at a time.
size_t CountCharacterStarts(std::string_view utf8) {
  size_t continuations = 0;
  size_t i = 0;
  for (; i + 8 <= utf8.size(); i += 8) {
    uint64_t w = 0;
    std::memcpy(&w, utf8.data() + i, 8);
    continuations += static_cast<size_t>(std::popcount(w & ~(w << 1) & 0x8080808080808080ull));
  }
  for (; i < utf8.size(); ++i)
    continuations += (static_cast<unsigned char>(utf8[i]) & 0xC0) == 0x80 ? 1 : 0;
  return utf8.size() - continuations;
}

}  // namespace

std::u32string DecodeUtf8(std::string_view utf8) {
  // A buffer of one code point per byte is never too small, and for a report-sized text it is
  // cheaper than counting first. For a long text it is four bytes of fresh memory per byte, and
  // the page faults on it made the decode of a 10 MB document 15 times slower per byte than a
  // report's: sized by the bytes that start a character instead (exact for valid UTF-8).
  constexpr size_t kCountFrom = size_t{1} << 16;
  std::u32string out(utf8.size() < kCountFrom ? utf8.size() : CountCharacterStarts(utf8), U'\0');
  char32_t* write = out.data();
  char32_t* const end = write + out.size();
  size_t extra = 0;  // code points past the buffer: stray continuation bytes, one U+FFFD each
  ForEachCodePoint(utf8, [&](char32_t c) {
    if (write != end) [[likely]] {
      *write++ = c;
    } else {
      ++extra;
    }
  });
  if (extra > 0) {  // decode again into a buffer that fits
    out.assign(out.size() + extra, U'\0');
    write = out.data();
    ForEachCodePoint(utf8, [&](char32_t c) { *write++ = c; });
  }
  out.resize(static_cast<size_t>(write - out.data()));
  return out;
}

// Written straight into a buffer sized for the longest encoding: the evidence of every figure and
// indicator is encoded here. Surrogates and values past U+10FFFF become U+FFFD, as in AppendUtf8.
std::string EncodeUtf8(std::u32string_view code_points) {
  // A short text (a figure, a date) is encoded on the stack and copied once at its exact size: up
  // to 15 bytes it then needs no allocation, where room for 4 bytes a code point would need one.
  constexpr size_t kShort = 16;
  if (code_points.size() <= kShort) {
    char buffer[kShort * 4];
    char* write = buffer;
    for (char32_t c : code_points) write = EncodeUtf8(c, write);
    return std::string(buffer, write);
  }
  std::string out(code_points.size() * 4, '\0');
  char* write = out.data();
  for (char32_t c : code_points) write = EncodeUtf8(c, write);
  out.resize(static_cast<size_t>(write - out.data()));
  return out;
}

size_t FindCodePoint(std::u32string_view text, char32_t c, size_t from) {
  static_assert(sizeof(wchar_t) == sizeof(char32_t));
  if (from >= text.size()) return std::u32string_view::npos;
  const auto* begin = reinterpret_cast<const wchar_t*>(text.data());
  const wchar_t* found = std::wmemchr(begin + from, static_cast<wchar_t>(c), text.size() - from);
  return found == nullptr ? std::u32string_view::npos : static_cast<size_t>(found - begin);
}

}  // namespace fazhi::text
