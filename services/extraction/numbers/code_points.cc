#include "services/extraction/numbers/code_points.h"

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
  // Never more code points than bytes: write into a buffer of that size, then trim.
  std::u32string out(utf8.size(), U'\0');
  char32_t* write = out.data();
  ForEachCodePoint(utf8, [&](char32_t c) { *write++ = c; });
  out.resize(static_cast<size_t>(write - out.data()));
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
