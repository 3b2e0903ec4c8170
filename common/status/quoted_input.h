// A caller's string as an error message quotes it: cut to a few dozen characters (whole UTF-8
// sequences) with "…" after, so that a 1 MB name sent back in an error cannot exceed gRPC's
// metadata limit or flood a log line.
//
//   absl::InvalidArgumentError(absl::StrCat("report name '", QuotedInput(name), "' is ..."));
//   // QuotedInput(std::string(1 << 20, 'x')) == std::string(80, 'x') + "…"
#ifndef FAZHI_COMMON_STATUS_QUOTED_INPUT_H_
#define FAZHI_COMMON_STATUS_QUOTED_INPUT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace fazhi {

inline constexpr size_t kQuotedInputBytes = 80;

inline std::string QuotedInput(std::string_view input, size_t max_bytes = kQuotedInputBytes) {
  if (input.size() <= max_bytes) return std::string(input);
  size_t cut = max_bytes;
  // Back off to the start of a UTF-8 sequence (continuation bytes are 10xxxxxx).
  while (cut > 0 && (static_cast<unsigned char>(input[cut]) & 0xC0) == 0x80) --cut;
  return std::string(input.substr(0, cut)) + "…";
}

}  // namespace fazhi

#endif  // FAZHI_COMMON_STATUS_QUOTED_INPUT_H_
