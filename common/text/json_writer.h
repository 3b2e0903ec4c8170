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
#ifndef FAZHI_COMMON_TEXT_JSON_WRITER_H_
#define FAZHI_COMMON_TEXT_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace fazhi::text {

class JsonWriter {
 public:
  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  // Inside an object, each value follows its key: out.Key("unit").String("件").
  JsonWriter& Key(std::string_view key);

  void String(std::string_view value);  // value must be UTF-8
  void Int(int64_t value);
  void Double(double value);  // NaN and infinities print as null, as nlohmann prints them
  void Bool(bool value);
  void Null();
  // An empty string as null.
  void StringOrNull(std::string_view value);

  const std::string& text() const { return text_; }
  std::string TakeText() { return std::move(text_); }

 private:
  void Open(char bracket);
  void Close(char bracket);
  void BeforeValue();

  std::string text_;
  int depth_ = 0;           // containers open
  bool comma_due_ = false;  // the open container has an element: a comma before the next
  bool after_key_ = false;
};

// Appends `value` to `out` as a quoted JSON string, escaped as nlohmann::json::dump() does.
void AppendJsonString(std::string_view value, std::string& out);

}  // namespace fazhi::text

#endif  // FAZHI_COMMON_TEXT_JSON_WRITER_H_
