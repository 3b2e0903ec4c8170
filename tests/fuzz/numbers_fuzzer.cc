// libFuzzer target: the Chinese number parser. ParseNumber on the raw bytes, and ScanNumbers over
// the same text as code points; every match lies inside the text, in order, without overlap.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/text/utf8.h"
#include "services/extraction/numbers/numbers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  fazhi::extraction::ParseNumber(bytes);
  std::string utf8 = fazhi::text::RepairUtf8(bytes);
  std::u32string text;
  for (size_t offset = 0; offset < utf8.size();) {
    fazhi::text::DecodedCodepoint decoded = fazhi::text::DecodeCodepoint(utf8, offset);
    text.push_back(decoded.codepoint);
    offset += decoded.length;
  }
  for (bool allow_sign : {false, true}) {
    int64_t previous_end = 0;
    for (const auto& match : fazhi::extraction::ScanNumbers(text, {.allow_sign = allow_sign})) {
      if (match.begin < previous_end || match.end <= match.begin ||
          match.end > static_cast<int64_t>(text.size())) {
        std::abort();
      }
      previous_end = match.end;
    }
  }
  return 0;
}
