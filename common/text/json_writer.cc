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

JsonWriter& JsonWriter::Key(std::string_view key) {
  BeforeValue();
  // A record has hundreds of keys, nearly all short words with nothing to escape: each is
  // written with one append.
  constexpr size_t kShortKey = 29;
  if (key.size() <= kShortKey && std::none_of(key.begin(), key.end(), [](char c) {
        return NeedsEscape(static_cast<unsigned char>(c));
      })) {
    char quoted[kShortKey + 3];
    quoted[0] = '"';
    std::memcpy(quoted + 1, key.data(), key.size());
    quoted[key.size() + 1] = '"';
    quoted[key.size() + 2] = ':';
    text_.append(quoted, key.size() + 3);
  } else {
    AppendJsonString(key, text_);
    text_.push_back(':');
  }
  after_key_ = true;
  return *this;
}

void JsonWriter::String(std::string_view value) {
  BeforeValue();
  AppendJsonString(value, text_);
}

void JsonWriter::StringOrNull(std::string_view value) {
  if (value.empty()) {
    Null();
  } else {
    String(value);
  }
}

void JsonWriter::Int(int64_t value) {
  BeforeValue();
  char digits[24];
  const auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
  text_.append(digits, end);
}

void JsonWriter::Double(double value) {
  if (!std::isfinite(value)) {
    Null();
    return;
  }
  BeforeValue();
  // std::to_chars's own choice of notation, as nlohmann's dump() makes it (1e-05), not
  // ShortestDecimal's plain notation for people, so eval-json reads as it always has.
  char digits[32];
  const auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
  const std::string_view written(digits, end - digits);
  text_.append(written);
  // A double stays a double when read back: nlohmann prints 3.0, not 3.
  if (written.find_first_of(".e") == std::string_view::npos) text_ += ".0";
}

void JsonWriter::Bool(bool value) {
  BeforeValue();
  text_ += value ? "true" : "false";
}

void JsonWriter::Null() {
  BeforeValue();
  text_ += "null";
}

void JsonWriter::Open(char bracket) {
  BeforeValue();
  text_.push_back(bracket);
  ++depth_;
  comma_due_ = false;
}

void JsonWriter::Close(char bracket) {
  text_.push_back(bracket);
  --depth_;
  comma_due_ = depth_ > 0;
}

void JsonWriter::BeforeValue() {
  if (after_key_) {  // the value of a key: no comma
    after_key_ = false;
    return;
  }
  if (comma_due_) text_.push_back(',');
  comma_due_ = depth_ > 0;  // top-level values are not separated
}

}  // namespace fazhi::text
