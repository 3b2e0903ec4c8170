// libFuzzer target: DecodeDocument on arbitrary bytes, with the first byte choosing the file
// name and content type hints. Whatever it decodes must be valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/text/decode.h"
#include "common/text/utf8.h"

namespace {

struct Hint {
  const char* file_name;
  const char* content_type;
};

constexpr Hint kHints[] = {
    {"", ""},
    {"report.txt", "text/plain"},
    {"page.html", ""},
    {"", "text/html; charset=gbk"},
    {"page.htm", "text/html; charset=utf-8"},
    {"report.doc", ""},
    {"", "text/plain; charset=big5"},
    {"", "application/pdf"},
};

}  // namespace

// PDF input reaches Poppler, whose look-up of a font the PDF does not embed leaves fontconfig
// objects behind: a leak in those libraries (see pdf_fuzzer.cc), not in fazhi.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const Hint& hint = kHints[data[0] % std::size(kHints)];
  fazhi::text::DecodeOptions options;
  options.file_name = hint.file_name;
  options.content_type = hint.content_type;
  options.max_bytes = 1 << 20;
  // The binary readers are fuzzed on their own (pdf, docx); here they must stay quick.
  options.convert.ocr.enabled = false;
  options.convert.run_libreoffice = false;
  options.convert.limits.max_pages = 20;
  options.convert.limits.max_image_pixels = 1'000'000;
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto decoded = fazhi::text::DecodeDocument(bytes, options);
  if (decoded.ok() && !fazhi::text::IsValidUtf8(decoded->text)) std::abort();
  return 0;
}
