// A document's bytes made into the text fazhi stores and extracts from: decoded (decode.h), then
// normalized page by page (paged_text.h). Ingestion, re-reading an archived original and
// `fazhi extract` all read documents through here, so the three agree on every text.
//
//   absl::StatusOr<ReadText> read = ReadDocument(bytes, {.file_name = "report.pdf"});
//   // read->normalized_text, read->pages (PDF, scans), read->converter == "fazhi-pdf 2 + …"
//
// A stored text is current when the normalizer and every converter that made it are the ones
// this build runs (formats/converters.h); otherwise re-extraction reads the original again.
//
//   if (!IsTextCurrent(row.normalizer_version, row.converter)) read = ReadDocument(original, …);
#ifndef FAZHI_COMMON_TEXT_READ_DOCUMENT_H_
#define FAZHI_COMMON_TEXT_READ_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/text/decode.h"
#include "common/text/paged_text.h"

namespace fazhi::text {

struct ReadText {
  std::string normalized_text;
  std::u32string code_points;   // normalized_text as code points, for extraction
  int64_t text_length = 0;      // code points
  std::vector<TextPage> pages;  // empty for unpaged documents
  std::string encoding;         // of the original bytes
  std::string format;           // SourceFormatName: "text", "html", "pdf", ...
  std::string converter;        // empty for text and HTML
  std::string normalizer_version;
};

absl::StatusOr<ReadText> ReadDocument(std::string_view bytes, const DecodeOptions& options);

// Whether a text stored with these versions is what this build would read from its original
// (converters with default ConvertOptions, as the services run them).
bool IsTextCurrent(std::string_view normalizer_version, std::string_view converter);

}  // namespace fazhi::text

#endif  // FAZHI_COMMON_TEXT_READ_DOCUMENT_H_
