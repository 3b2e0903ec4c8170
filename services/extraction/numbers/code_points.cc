#include "services/extraction/numbers/code_points.h"

#include <algorithm>

#include "common/text/utf8.h"


namespace fazhi::extraction {

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
    if ((lead >> 4) == 0xE && i + 2 < size && (bytes[i + 1] & 0xC0) == 0x80 && (bytes[i + 2] & 0xC0) == 0x80) {
      const auto c = static_cast<char32_t>(((lead & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F));
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

}  // namespace

std::u32string DecodeUtf8(std::string_view utf8) {
  // Sized by the bytes that start a character: the exact count for valid UTF-8, a third of the
  // byte count for Chinese text. A buffer of four bytes per byte (never too small) made a long
  // document's decode slower per byte than a short one's, all of it page faults on fresh memory.
  const auto starts = static_cast<size_t>(std::count_if(
      utf8.begin(), utf8.end(), [](char b) { return (static_cast<unsigned char>(b) & 0xC0) != 0x80; }));
  std::u32string out(starts, U'\0');
  size_t count = 0;
  ForEachCodePoint(utf8, [&](char32_t c) {
    if (count < out.size()) out[count] = c;
    ++count;
  });
  if (count > out.size()) {  // stray continuation bytes, one U+FFFD each: decode again to fit
    out.assign(count, U'\0');
    count = 0;
    ForEachCodePoint(utf8, [&](char32_t c) { out[count++] = c; });
  }
  out.resize(count);
  return out;
}

std::string EncodeUtf8(std::u32string_view code_points) {
  std::string out;
  out.reserve(code_points.size() * 3);
  for (char32_t c : code_points) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

}  // namespace fazhi::extraction
