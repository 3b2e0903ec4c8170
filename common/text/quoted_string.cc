#include "common/text/quoted_string.h"

#include "common/text/utf8.h"

namespace fazhi::text {

QuotedString ReadQuotedString(std::string_view input, size_t open) {
  QuotedString quoted;
  const char quote = input[open];
  size_t pos = open + 1;
  while (pos < input.size() && input[pos] != quote) {
    if (input[pos] == '\\' && pos + 1 < input.size()) ++pos;
    quoted.value.push_back(input[pos++]);
  }
  if (pos >= input.size()) {
    quoted.error = "unterminated string";
  } else if (!IsValidUtf8(quoted.value)) {
    quoted.error = "invalid UTF-8";
  } else if (quoted.value.find('\0') != std::string::npos) {
    quoted.error = "NUL character in a string";
  }
  quoted.end = pos + 1;
  return quoted;
}

}  // namespace fazhi::text
