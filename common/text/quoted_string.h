// The quoted strings of fazhi's small languages, read one way: a filter's values
// (`province = "浙江省"`, `title : '报告'`) and a search query's phrases (`"依法 行政"`). A string
// opens with a quote character and ends at the next one of the same kind; a backslash takes the
// character after it literally (`"say \"hi\""`).
//
//   text::QuotedString q = text::ReadQuotedString(R"(x = "a\"b" AND y)", 4);
//   q.value;  // a"b
//   q.end;    // 10, just past the closing quote
//   q.error;  // empty: read
#ifndef FAZHI_COMMON_TEXT_QUOTED_STRING_H_
#define FAZHI_COMMON_TEXT_QUOTED_STRING_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace fazhi::text {

struct QuotedString {
  std::string value;       // without its quotes, escapes resolved
  size_t end = 0;          // byte offset just past the closing quote
  std::string_view error;  // why it is not a string ("unterminated string", ...); empty when read
};

// Reads the string whose opening quote is input[open]. Refused: no closing quote, a value that is
// not UTF-8, and a NUL (PostgreSQL text cannot hold it; a parameter would be cut short at it).
QuotedString ReadQuotedString(std::string_view input, size_t open);

}  // namespace fazhi::text

#endif  // FAZHI_COMMON_TEXT_QUOTED_STRING_H_
