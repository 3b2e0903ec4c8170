#include "common/text/read_document.h"

#include <utility>

#include "common/formats/converters.h"
#include "common/text/normalize.h"
#include "common/text/utf8.h"

namespace fazhi::text {

absl::StatusOr<ReadText> ReadDocument(std::string_view bytes, const DecodeOptions& options) {
  absl::StatusOr<DecodedView> decoded = DecodeDocumentView(bytes, options);
  if (!decoded.ok()) return decoded.status();
  PagedText paged = NormalizePaged(decoded->text(), decoded->document.pages);
  ReadText read;
  read.normalized_text = std::move(paged.text);
  read.code_points = std::move(paged.code_points);
  read.text_length = static_cast<int64_t>(read.code_points.size());
  read.pages = std::move(paged.pages);
  read.encoding = std::move(decoded->document.encoding);
  read.format = std::string(SourceFormatName(decoded->document.format));
  read.converter = std::move(decoded->document.converter);
  read.normalizer_version = std::string(kNormalizerVersion);
  return read;
}

bool IsTextCurrent(std::string_view normalizer_version, std::string_view converter) {
  if (normalizer_version != kNormalizerVersion) return false;
  // Text and HTML have no converter: a process that meets only them then loads no format reader
  // (formats/format_readers.h) and does not start LibreOffice.
  if (converter.empty()) return true;
  // Asking LibreOffice its version starts it once: once per process is enough.
  static const auto* const current =
      new auto(formats::CurrentConverters(formats::ConvertOptions()));
  return formats::ConverterIsCurrent(converter, *current);
}

}  // namespace fazhi::text
