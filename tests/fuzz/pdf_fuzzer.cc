// libFuzzer target: ReadPdf on arbitrary bytes (damaged xref tables, hostile page trees, broken
// fonts and content streams), with small limits and OCR off. Whatever it reads must be valid
// UTF-8 with one PageInfo per page; whatever it refuses must be refused as broken or too big.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/formats/pdf_reader.h"
#include "common/text/utf8.h"
#include "tests/fuzz/format_readers_loaded.h"

// Poppler's look-up of a system font for a font the PDF does not embed leaves fontconfig objects
// behind: a leak in those libraries, not in the reader, that LeakSanitizer is told to ignore.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fazhi::formats::ConvertOptions options;
  options.ocr.enabled = false;
  options.limits.max_pages = 20;
  options.limits.max_image_pixels = 1'000'000;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto pdf = fazhi::formats::ReadPdf(bytes, options);
  if (!pdf.ok()) {
    const absl::StatusCode code = pdf.status().code();
    if (code != absl::StatusCode::kInvalidArgument &&
        code != absl::StatusCode::kResourceExhausted) {
      std::abort();
    }
    return 0;
  }
  const size_t breaks = std::count(pdf->text.begin(), pdf->text.end(), '\f');
  if (!fazhi::text::IsValidUtf8(pdf->text) || pdf->pages.size() != breaks + 1 ||
      pdf->pages.size() > 20) {
    std::abort();
  }
  return 0;
}
