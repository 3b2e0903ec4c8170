#include "common/text/json_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace fazhi::text {
namespace {

// Bytes a JSON string must escape: the quote, the backslash and control characters.
constexpr bool NeedsEscape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

uint64_t LoadEight(const char* bytes) {
  uint64_t eight;
  std::memcpy(&eight, bytes, sizeof eight);
  return eight;
}

// Whether some byte of `eight` may need escaping: never false when one does (the usual
// has-zero-byte test, which can only err towards true, applied to each kind of byte).
constexpr bool MayNeedEscape(uint64_t eight) {
  constexpr uint64_t kOnes = 0x0101010101010101;
  constexpr uint64_t kHigh = 0x8080808080808080;
  auto has_zero = [](uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  const uint64_t below_space = (eight - kOnes * 0x20) & ~eight & kHigh;
  return (below_space | has_zero(eight ^ (kOnes * '"')) | has_zero(eight ^ (kOnes * '\\'))) != 0;
}

void AppendEscaped(unsigned char c, std::string& out) {
  switch (c) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    default: {
      static constexpr char kHex[] = "0123456789abcdef";
      const char escaped[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
      out.append(escaped, sizeof escaped);
    }
  }
}

// Whether any byte of `bytes` needs escaping: eight at a time, the last eight overlapping those
// before them (no byte-by-byte tail), then byte by byte from the first eight that may.
bool AnyNeedsEscape(std::string_view bytes) {
  const auto exact = [bytes](size_t from) {
    return std::any_of(bytes.begin() + from, bytes.end(),
                       [](char c) { return NeedsEscape(static_cast<unsigned char>(c)); });
  };
  if (bytes.size() < 8) return exact(0);
  for (size_t i = 0; i + 8 < bytes.size(); i += 8) {
    if (MayNeedEscape(LoadEight(bytes.data() + i))) return exact(i);
  }
  const size_t last = bytes.size() - 8;
  return MayNeedEscape(LoadEight(bytes.data() + last)) && exact(last);
}

char* Copy(char* at, std::string_view bytes) {
  std::memcpy(at, bytes.data(), bytes.size());
  return at + bytes.size();
}

}  // namespace

void AppendJsonString(std::string_view value, std::string& out) {
  out.push_back('"');
  size_t run_start = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    // Most text has nothing to escape: eight bytes are passed over in one test.
    while (i + 8 <= value.size() && !MayNeedEscape(LoadEight(value.data() + i))) i += 8;
    if (i == value.size()) break;
    const auto c = static_cast<unsigned char>(value[i]);
    if (!NeedsEscape(c)) continue;
    out.append(value.data() + run_start, i - run_start);
    AppendEscaped(c, out);
    run_start = i + 1;
  }
  out.append(value.data() + run_start, value.size() - run_start);
  out.push_back('"');
}

JsonWriter& JsonWriter::EscapedKey(std::string_view key) {
  Quoted(key, /*colon=*/true);
  after_key_ = true;
  return *this;
}

void JsonWriter::String(std::string_view value) { Quoted(value, /*colon=*/false); }

void JsonWriter::Quoted(std::string_view value, bool colon) {
  if (value.size() + 4 > kChunkSize || AnyNeedsEscape(value)) {  // rare: straight onto the text
    Written(BeforeValue(Room(1)));
    Flush();
    AppendJsonString(value, text_);
    if (colon) text_.push_back(':');
    return;
  }
  char* at = BeforeValue(Room(value.size() + 4));
  *at++ = '"';
  at = Copy(at, value);
  *at++ = '"';
  if (colon) *at++ = ':';
  Written(at);
}

void JsonWriter::StringOrNull(std::string_view value) {
  if (value.empty()) {
    Null();
  } else {
    String(value);
  }
}

void JsonWriter::Int(int64_t value) {
  constexpr size_t kMaxDigits = 20;  // a sign and 19 digits
  char* at = BeforeValue(Room(kMaxDigits + 1));
  Written(std::to_chars(at, at + kMaxDigits, value).ptr);
}

void JsonWriter::Double(double value) {
  if (!std::isfinite(value)) {
    Null();
    return;
  }
  // std::to_chars's own choice of notation, as nlohmann's dump() makes it (1e-05), not
  // ShortestDecimal's plain notation for people, so eval-json reads as it always has.
  constexpr size_t kMaxChars = 32;
  char* const begin = BeforeValue(Room(kMaxChars + 3));
  char* end = std::to_chars(begin, begin + kMaxChars, value).ptr;
  // A double stays a double when read back: nlohmann prints 3.0, not 3.
  if (std::string_view(begin, end - begin).find_first_of(".e") == std::string_view::npos)
    end = Copy(end, ".0");
  Written(end);
}

void JsonWriter::Bool(bool value) {
  char* at = BeforeValue(Room(6));
  std::memcpy(at, value ? "true " : "false", 5);  // one fixed-size copy, not a call for 4 or 5
  Written(at + (value ? 4 : 5));
}

void JsonWriter::Null() { Written(Copy(BeforeValue(Room(5)), "null")); }

void JsonWriter::Open(char bracket) {
  char* at = BeforeValue(Room(2));
  *at++ = bracket;
  Written(at);
  ++depth_;
  comma_due_ = false;
}

void JsonWriter::Close(char bracket) {
  char* at = Room(1);
  *at++ = bracket;
  Written(at);
  --depth_;
  comma_due_ = depth_ > 0;
}

void JsonWriter::MakeRoom() {
  constexpr size_t kFirstSize = 16 * 1024;  // a record's JSON is about ten kilobytes
  if (text_.capacity() < kFirstSize) text_.reserve(kFirstSize);
  Flush();
}

std::string JsonWriter::TakeText() {
  Flush();
  return std::move(text_);
}

}  // namespace fazhi::text
