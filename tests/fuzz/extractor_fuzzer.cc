// libFuzzer target: the whole extractor (loaded once from data/) on arbitrary bytes: decode,
// normalize, extract. Every span of the record lies inside the normalized text.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "common/text/utf8.h"
#include "services/extraction/extractor/extractor.h"

namespace {

const fazhi::extraction::Extractor& SharedExtractor() {
  static const fazhi::extraction::Extractor* extractor = [] {
    auto loaded = fazhi::extraction::Extractor::Load(
        fazhi::extraction::ExtractorOptionsFromSettings(fazhi::Settings::FromEnvironment()));
    if (!loaded.ok()) {
      std::fprintf(stderr, "cannot load the extractor: %s\n", loaded.status().ToString().c_str());
      std::abort();
    }
    return new fazhi::extraction::Extractor(std::move(*loaded));
  }();
  return *extractor;
}

void CheckSpan(const fazhi::extraction::Span& span, int64_t length) {
  if (span.begin < 0 || span.end < span.begin || span.end > length) std::abort();
}

}  // namespace

// PDF input reaches Poppler, whose look-up of a font the PDF does not embed leaves fontconfig
// objects behind: a leak in those libraries (see pdf_fuzzer.cc), not in fazhi.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  fazhi::text::DecodeOptions options{.max_bytes = 1 << 20};
  // The binary readers are fuzzed on their own (pdf, docx); here they must stay quick.
  options.convert.ocr.enabled = false;
  options.convert.run_libreoffice = false;
  options.convert.limits.max_pages = 20;
  auto document = SharedExtractor().ExtractFromBytes(bytes, options);
  if (!document.ok()) return 0;
  const int64_t length = fazhi::text::CountCodepoints(document->normalized_text);
  const fazhi::extraction::Record& record = document->record;
  for (const auto& quantity : record.quantities) CheckSpan(quantity.span, length);
  for (const auto& date : record.dates) CheckSpan(date.span, length);
  for (const auto& citation : record.citations) CheckSpan(citation.span, length);
  for (const auto& indicator : record.indicators) CheckSpan(indicator.span, length);
  return 0;
}
