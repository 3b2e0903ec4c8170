// Document decoding: raw bytes from a client or a file -> UTF-8 text, with the encoding and the
// source format detected, HTML reduced to its readable text, and PDF, Word (.docx, .doc, .wps)
// and scanned images (PNG, JPEG, TIFF) read by the readers of common/formats (pages separated by
// '\f', each page's origin in `pages`). Unsupported inputs (other binary formats, undecodable
// bytes, empty or oversized documents) are InvalidArgument errors with a message a user can act
// on; inputs over a reader's limits are ResourceExhausted.
//
//   DecodeOptions options;
//   options.file_name = "report.html";
//   absl::StatusOr<DecodedDocument> doc = DecodeDocument(bytes, options);
//   if (doc.ok()) Use(NormalizeText(doc->text));
//
// Encoding: BOM (UTF-8, UTF-16LE/BE), else valid UTF-8, else a charset declared in the content
// type or an HTML <meta> (gbk/gb2312/gb18030 -> GB18030), else GB18030 if it decodes cleanly.
// Format: binary formats by their magic bytes; text by content type, then file extension, then
// the content sniffed.
#ifndef FAZHI_COMMON_TEXT_DECODE_H_
#define FAZHI_COMMON_TEXT_DECODE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/formats/converted_text.h"

namespace fazhi::text {

enum class SourceFormat { kPlainText, kHtml, kPdf, kDocx, kDoc, kImage };

struct DecodeOptions {
  std::string file_name;     // optional, e.g. "report.htm"; only its extension is used
  std::string content_type;  // optional, e.g. "text/html; charset=gbk"
  size_t max_bytes = 20 * 1024 * 1024;
  formats::ConvertOptions convert;  // limits and OCR of the PDF, Word and image readers
};

struct DecodedDocument {
  std::string text;      // UTF-8; for HTML the reduced text (block structure as line breaks)
  std::string encoding;  // "UTF-8", "GB18030", "UTF-16LE", "UTF-16BE" (or another declared one)
  SourceFormat format = SourceFormat::kPlainText;
  std::string html_title;                // the HTML <title>, empty for plain text
  std::vector<formats::PageInfo> pages;  // one per '\f'-separated page of a paged format
  std::string converter;  // the reader of a binary format and its version, e.g. "poppler 22.12.0"
};

absl::StatusOr<DecodedDocument> DecodeDocument(std::string_view bytes,
                                               const DecodeOptions& options);

// DecodeDocument for a caller that reads the text only while `bytes` live (ReadDocument, which
// normalizes it): text that is the bytes as they are (plain text in UTF-8, most documents) is a
// view of them, not a copy in `document.text`.
struct DecodedView {
  DecodedDocument document;  // its text empty where `in_bytes` is the text
  std::string_view in_bytes;
  std::string_view text() const { return in_bytes.empty() ? document.text : in_bytes; }
};
absl::StatusOr<DecodedView> DecodeDocumentView(std::string_view bytes,
                                               const DecodeOptions& options);

// "text", "html", "pdf", "docx", "doc" (also .wps) or "image".
std::string_view SourceFormatName(SourceFormat format);

}  // namespace fazhi::text

#endif  // FAZHI_COMMON_TEXT_DECODE_H_
