// A JSON writer that appends straight to a string, for outputs of many records where building
// an nlohmann::json tree and dumping it would cost more than making the records: `fazhi
// extract --format eval-json` spent 28% of its instructions there (callgrind, 400 reports).
// It prints what nlohmann's dump() prints for the same values: no spaces, strings escaped as
// nlohmann escapes them (non-ASCII UTF-8 kept as is), doubles in their shortest round-trip form
// (std::to_chars; where it is shorter it spells a double in exponent form, 1e-05 for 0.00001,
// which reads back to the same value). Keys print in the order written (nlohmann sorts them).
//
//   text::JsonWriter out;
//   out.BeginObject();
//   out.Key("value").Double(27.42);
//   out.Key("span").BeginArray(); out.Int(3); out.Int(9); out.EndArray();
//   out.EndObject();
//   out.text();  // {"value":27.42,"span":[3,9]}
//
// A key written as a literal is quoted when the program is compiled (JsonKey): a record has
// hundreds of keys, and each is then one fixed-size copy. A key from data goes through
// EscapedKey.
#ifndef FAZHI_COMMON_TEXT_JSON_WRITER_H_
#define FAZHI_COMMON_TEXT_JSON_WRITER_H_

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace fazhi::text {

// A key literal, quoted with its colon when compiled: "unit" becomes `"unit":`. A literal that
// would need escaping, or is longer than kMaxLength, does not compile.
class JsonKey {
 public:
  static constexpr size_t kMaxLength = 29;  // with quotes and colon, 32 bytes: one copy

  template <size_t N>
  consteval JsonKey(const char (&literal)[N]) : size_(N - 1 + 3) {  // NOLINT: implicit on purpose
    static_assert(N - 1 <= kMaxLength, "a JsonKey literal is at most kMaxLength bytes");
    quoted_[0] = '"';
    for (size_t i = 0; i + 1 < N; ++i) {
      const auto c = static_cast<unsigned char>(literal[i]);
      if (c < 0x20 || c == '"' || c == '\\') throw "a JsonKey literal must need no escaping";
      quoted_[i + 1] = literal[i];
    }
    quoted_[N] = '"';
    quoted_[N + 1] = ':';
  }

  // kMaxLength + 3 bytes, of which the first size() are the quoted key and its colon.
  const char* data() const { return quoted_.data(); }
  size_t size() const { return size_; }

 private:
  std::array<char, kMaxLength + 3> quoted_{};
  size_t size_;
};

class JsonWriter {
 public:
  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  // Inside an object, each value follows its key: out.Key("unit").String("件").
  JsonWriter& Key(const JsonKey& key) {
    char* at = BeforeValue(Room(JsonKey::kMaxLength + 4));
    std::memcpy(at, key.data(), JsonKey::kMaxLength + 3);  // all of it: a fixed-size copy
    Written(at + key.size());
    after_key_ = true;
    return *this;
  }
  // A key that comes from data (an indicator's id), escaped where it needs to be.
  JsonWriter& EscapedKey(std::string_view key);

  void String(std::string_view value);  // value must be UTF-8
  void Int(int64_t value);
  void Double(double value);  // NaN and infinities print as null, as nlohmann prints them
  void Bool(bool value);
  void Null();
  // An empty string as null.
  void StringOrNull(std::string_view value);

  std::string_view text() {  // what is written so far
    Flush();
    return text_;
  }
  std::string TakeText();

 private:
  // Appends are gathered in chunk_, which is appended to text_ when full: a record is thousands of
  // small appends, each then a bounds test and a copy, not a call into std::string's append; and
  // text_ grows by reserve and append, never zero-filled before it is written (as a std::string
  // resized for room would be).
  static constexpr size_t kChunkSize = 4096;

  void Open(char bracket);
  void Close(char bracket);
  // `value` quoted and escaped, then a colon if `colon` (a key).
  void Quoted(std::string_view value, bool colon);
  // Where the next `bytes` (at most kChunkSize) go; Written(end) after them.
  char* Room(size_t bytes) {
    if (kChunkSize - used_ < bytes) MakeRoom();
    return chunk_ + used_;
  }
  void Written(const char* end) { used_ = static_cast<size_t>(end - chunk_); }
  void MakeRoom();
  void Flush() {
    text_.append(chunk_, used_);
    used_ = 0;
  }
  // The comma an element needs before it, at `at`; returns where the element goes.
  char* BeforeValue(char* at) {
    if (after_key_) {  // the value of a key: no comma
      after_key_ = false;
      return at;
    }
    if (comma_due_) *at++ = ',';
    comma_due_ = depth_ > 0;  // top-level values are not separated
    return at;
  }

  std::string text_;  // the text before chunk_'s
  char chunk_[kChunkSize];
  size_t used_ = 0;         // bytes of chunk_ written
  int depth_ = 0;           // containers open
  bool comma_due_ = false;  // the open container has an element: a comma before the next
  bool after_key_ = false;
};

// Appends `value` to `out` as a quoted JSON string, escaped as nlohmann::json::dump() does.
void AppendJsonString(std::string_view value, std::string& out);

}  // namespace fazhi::text

#endif  // FAZHI_COMMON_TEXT_JSON_WRITER_H_
