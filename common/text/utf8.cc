#include "common/text/utf8.h"

#include <algorithm>
#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace fazhi::text {

void AppendUtf8(std::string& out, char32_t cp) {
  char bytes[4];
  out.append(bytes, EncodeUtf8(cp, bytes));
}

void AppendUtf8(std::string& out, std::u32string_view code_points) {
  constexpr size_t kChunk = 256;  // code points: a copy of up to 1 KiB, done in vector moves
  char bytes[4 * kChunk];
  for (size_t i = 0; i < code_points.size(); i += kChunk) {
    char* write = bytes;
    for (const char32_t c : code_points.substr(i, kChunk)) write = EncodeUtf8(c, write);
    out.append(bytes, write);
  }
}

namespace {

bool IsCjkLead(uint64_t byte) { return static_cast<uint8_t>(byte - 0xE1) <= 0xEC - 0xE1; }

// Bytes from `bytes` that are three-byte sequences from U+1000 to U+CFFF (lead 0xE1 to 0xEC,
// two continuation bytes), checked five at a time with SSE2, else (and near the end) a pair at a
// time with one eight-byte (little-endian) load.
size_t ThreeByteRun(const uint8_t* bytes, size_t size) {
  size_t i = 0;
#if defined(__SSE2__)
  // Five sequences (15 bytes) per 16-byte load where SSE2 is there (all of x86-64): lead bytes at
  // 0, 3, 6, 9 and 12, continuation bytes between them.
  const __m128i continuation_bits = _mm_set1_epi8(static_cast<char>(0xC0));
  const __m128i continuation = _mm_set1_epi8(static_cast<char>(0x80));
  const __m128i first_lead = _mm_set1_epi8(static_cast<char>(0xE1));
  const __m128i lead_span = _mm_set1_epi8(0xEC - 0xE1);
  while (i + 16 <= size) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i));
    const int continuations =
        _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, continuation_bits), continuation));
    const __m128i from_first = _mm_sub_epi8(v, first_lead);  // a lead: 0 to lead_span
    const int leads =
        _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(from_first, lead_span), from_first));
    const int bad = ~((continuations & 0x6DB6) | (leads & 0x1249)) & 0x7FFF;
    // At the end of the run, the sequences before its first bad byte.
    if (bad != 0)
      return i + static_cast<unsigned>(std::countr_zero(static_cast<unsigned>(bad))) / 3 * 3;
    i += 15;
  }
#endif
  while (i + 8 <= size) {
    uint64_t w;
    std::memcpy(&w, bytes + i, 8);
    if (!StartsWithTwoThreeByteSequences(w) || !IsCjkLead(w & 0xFF) || !IsCjkLead((w >> 24) & 0xFF))
      break;
    i += 6;
  }
  return i;
}

#if defined(__SSE2__)
// Bit masks of sixteen bytes, one bit a byte.
struct ByteKinds {
  uint32_t non_ascii;
  uint32_t continuations;     // 10xxxxxx
  uint32_t three_byte_leads;  // E1 to EF but ED: never overlong or a surrogate, whatever follows
};

[[gnu::always_inline]] inline ByteKinds KindsOfSixteen(const uint8_t* bytes) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes));
  // Signed compares: 0x80 to 0xBF are -128 to -65, 0xE1 to 0xEF -31 to -17.
  const auto mask = [](__m128i m) { return static_cast<uint32_t>(_mm_movemask_epi8(m)); };
  const __m128i e1_to_ef =
      _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-32)), _mm_cmplt_epi8(v, _mm_set1_epi8(-16)));
  return {mask(v), mask(_mm_cmplt_epi8(v, _mm_set1_epi8(-64))),
          mask(e1_to_ef) & ~mask(_mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xED))))};
}

// How many of the 32 bytes from `bytes` (a character boundary) one pass over their bit masks shows
// to be valid: all, or up to a three-byte character cut by the end, if they hold only ASCII and
// three-byte characters with a lead of KindsOfSixteen's three_byte_leads (all of CJK); else 0.
// Valid then means each lead's next two bytes, and only those, are continuation bytes.
size_t AsciiAndThreeByteBlock(const uint8_t* bytes) {
  const ByteKinds low = KindsOfSixteen(bytes);
  const ByteKinds high = KindsOfSixteen(bytes + 16);
  const uint32_t non_ascii = low.non_ascii | (high.non_ascii << 16);
  if (non_ascii == 0) return 32;
  const uint32_t continuations = low.continuations | (high.continuations << 16);
  const uint32_t leads = low.three_byte_leads | (high.three_byte_leads << 16);
  if ((non_ascii & ~(continuations | leads)) != 0) return 0;  // another lead byte
  if (continuations != ((leads << 1) | (leads << 2))) return 0;
  const uint32_t cut = leads & 0xC0000000;  // a lead whose sequence runs past the block
  return cut == 0 ? 32 : static_cast<size_t>(std::countr_zero(cut));
}
#endif

}  // namespace

size_t FirstInvalidUtf8Offset(std::string_view text) {
  constexpr uint64_t kHighBits = 0x8080808080808080;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const size_t size = text.size();
  size_t i = 0;
  while (i < size) {
#if defined(__SSE2__)
    // 32 bytes at a time where SSE2 is there (all of x86-64), through ASCII and CJK alike.
    if (i + 32 <= size) {
      if (const size_t valid = AsciiAndThreeByteBlock(bytes + i); valid > 0) {
        i += valid;
        continue;
      }
    }
#endif
    const uint8_t lead = bytes[i];
    if (lead < 0x80) {
      uint64_t eight;
      if (i + 8 <= size && (std::memcpy(&eight, bytes + i, 8), (eight & kHighBits) == 0)) {
        i += 8;  // eight ASCII bytes
      } else {
        ++i;
      }
      continue;
    }
    // Three bytes from U+1000 to U+CFFF (all of CJK), which are never overlong or surrogates:
    // checked first, as Chinese text is mostly these, and two at a time where they run on.
    if constexpr (std::endian::native == std::endian::little) {
      if (const size_t run = ThreeByteRun(bytes + i, size - i); run > 0) {
        i += run;
        continue;
      }
    }
    if (static_cast<uint8_t>(lead - 0xE1) <= 0xEC - 0xE1 && i + 3 <= size &&
        (bytes[i + 1] & 0xC0) == 0x80 && (bytes[i + 2] & 0xC0) == 0x80) {
      i += 3;
      continue;
    }
    const DecodedCodepoint d = DecodeCodepoint(text, i);
    if (!d.valid) return i;
    i += d.length;
  }
  return size;
}

bool IsValidUtf8(std::string_view text) { return FirstInvalidUtf8Offset(text) == text.size(); }

std::string RepairUtf8(std::string_view text) {
  size_t bad = FirstInvalidUtf8Offset(text);
  if (bad == text.size()) return std::string(text);
  std::string out(text.substr(0, bad));
  out.reserve(text.size() + 16);
  for (size_t i = bad; i < text.size();) {
    const DecodedCodepoint d = DecodeCodepoint(text, i);
    if (d.valid) {
      out.append(text.substr(i, d.length));
    } else {
      AppendUtf8(out, kReplacementCharacter);
    }
    i += d.length;
  }
  return out;
}

namespace {

// Length of the code point (or invalid byte) at `offset`; 1 for invalid bytes.
int StepAt(std::string_view text, size_t offset) {
  if (static_cast<uint8_t>(text[offset]) < 0x80) return 1;
  return DecodeCodepoint(text, offset).length;
}

}  // namespace

int64_t CountCodepoints(std::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  int64_t count = 0;
  size_t i = 0;
  while (i < text.size()) {
    if constexpr (std::endian::native == std::endian::little) {
      if (bytes[i] >= 0xE1) {  // perhaps a run of CJK: three bytes a code point, all valid
        if (const size_t run = ThreeByteRun(bytes + i, text.size() - i); run > 0) {
          count += static_cast<int64_t>(run / 3);
          i += run;
          continue;
        }
      }
    }
    i += StepAt(text, i);
    ++count;
  }
  return count;
}

std::string SubstrByCodepoints(std::string_view text, int64_t begin, int64_t end) {
  if (begin < 0) begin = 0;
  if (end <= begin) return {};
  size_t i = 0;
  int64_t cp = 0;
  for (; i < text.size() && cp < begin; ++cp) i += StepAt(text, i);
  const size_t start = i;
  for (; i < text.size() && cp < end; ++cp) i += StepAt(text, i);
  return std::string(text.substr(start, i - start));
}

CodepointIndex::CodepointIndex(std::string_view utf8) : text_(utf8) {
  byte_at_.reserve(utf8.size() / (kCodepointStride * 2) + 2);
  codepoint_at_.reserve(utf8.size() / kByteStride + 2);
  inside_.reserve(utf8.size() / kByteStride + 2);
  size_t next_checkpoint = 0;
  int64_t cp = 0;
  size_t i = 0;
  while (i < utf8.size()) {
    if (cp % kCodepointStride == 0) byte_at_.push_back(i);
    const size_t step = StepAt(utf8, i);
    while (next_checkpoint < i + step) {  // byte checkpoints falling inside this code point
      codepoint_at_.push_back(cp);
      inside_.push_back(static_cast<uint8_t>(next_checkpoint - i));
      next_checkpoint += kByteStride;
    }
    i += step;
    ++cp;
  }
  size_ = cp;
}

int64_t CodepointIndex::ToCodepoint(size_t byte_offset) const {
  if (byte_offset >= text_.size()) return size_;
  const size_t slot = byte_offset / kByteStride;
  int64_t cp = codepoint_at_[slot];
  size_t i = slot * kByteStride - inside_[slot];  // start of code point `cp`
  while (true) {
    const size_t step = StepAt(text_, i);
    if (byte_offset < i + step) return cp;
    i += step;
    ++cp;
  }
}

size_t CodepointIndex::ToByte(int64_t codepoint) const {
  if (codepoint <= 0) return 0;
  if (codepoint >= size_) return text_.size();
  size_t i = byte_at_[codepoint / kCodepointStride];
  for (int64_t cp = codepoint / kCodepointStride * kCodepointStride; cp < codepoint; ++cp) {
    i += StepAt(text_, i);
  }
  return i;
}

}  // namespace fazhi::text
