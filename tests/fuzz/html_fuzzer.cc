// libFuzzer target: ReduceHtml on arbitrary bytes (hostile pages: deep nesting, broken tags,
// invalid UTF-8). The reduced text and title must be valid UTF-8, and the same as gumbo's reading
// of the page without stand-ins for its text runs (html_stand_ins.h).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/text/html.h"
#include "common/text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view page(reinterpret_cast<const char*>(data), size);
  fazhi::text::ReducedHtml reduced = fazhi::text::ReduceHtml(page);
  if (!fazhi::text::IsValidUtf8(reduced.text) || !fazhi::text::IsValidUtf8(reduced.title)) {
    std::abort();
  }
  const fazhi::text::ReducedHtml plain =
      fazhi::text::ReduceValidHtmlWithoutStandIns(fazhi::text::RepairUtf8(page));
  if (plain.text != reduced.text || plain.title != reduced.title) std::abort();
  return 0;
}
