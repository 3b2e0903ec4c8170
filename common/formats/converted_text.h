// What the readers of paged and packaged formats (PDF, Word, scanned images) hand to the text
// decoder: plain UTF-8 text with one paragraph (or table row) per line and '\f' between pages,
// where each page came from (a text layer or OCR, with its confidence), and which converter made
// it. The decoder (common/text/decode.h) picks the reader; the normalizer keeps the page breaks.
//
//   ConvertOptions options;            // limits and OCR settings; the defaults are safe
//   absl::StatusOr<ConvertedText> text = ReadPdf(bytes, options);
//   // text->text  == "第一页的段落\n……\f第二页……"
//   // text->pages == {{.ocr = false}, {.ocr = true, .ocr_confidence = 87.5}}
//
// Every reader refuses what it cannot read safely: INVALID_ARGUMENT for input that is broken,
// encrypted or has no text (saying what was wrong), RESOURCE_EXHAUSTED for input over a limit
// (pages, pixels, unpacked bytes), checked before the work it would cost is done.
#ifndef FAZHI_COMMON_FORMATS_CONVERTED_TEXT_H_
#define FAZHI_COMMON_FORMATS_CONVERTED_TEXT_H_

#include <cstdint>
#include <string>
#include <vector>

namespace fazhi::formats {

// Bounds on what one document may cost to read.
struct ConvertLimits {
  int max_pages = 2000;                                // pages of a PDF (or frames of a TIFF)
  uint64_t max_image_pixels = 150'000'000;             // one image or one rendered page
  uint64_t max_unpacked_bytes = 256ull * 1024 * 1024;  // all zip entries read from a .docx
  double max_compression_ratio = 200;                  // of any zip entry read (zip bombs)
  int max_ocr_pages = 200;                             // pages OCR may read in one document
  int converter_seconds = 120;  // a child converter (LibreOffice) is killed after
};

struct OcrOptions {
  bool enabled = true;               // off: a page without a text layer is refused, not read
  int dpi = 300;                     // resolution PDF pages are rendered at for OCR
  std::string language = "chi_sim";  // Tesseract language data (chi_sim includes Latin and digits)
  std::string
      tessdata_dir;  // empty: Tesseract's default (Debian: /usr/share/tesseract-ocr/5/tessdata)
};

struct ConvertOptions {
  ConvertLimits limits;
  OcrOptions ocr;
  bool run_libreoffice = true;  // off: .doc and .wps are refused instead of converted (fuzzing)
};

struct PageInfo {
  bool ocr = false;           // the page's text was recognized from its image
  double ocr_confidence = 0;  // Tesseract's mean word confidence, 0..100 (OCR pages only)
};

struct ConvertedText {
  std::string text;             // UTF-8; '\f' between pages; one paragraph or table row per line
  std::vector<PageInfo> pages;  // one per '\f'-separated page; empty for unpaged formats (.docx)
  std::string format;           // "pdf", "docx", "doc", "image"
  std::string converter;        // readers and libraries with versions (converters.h)
};

}  // namespace fazhi::formats

#endif  // FAZHI_COMMON_FORMATS_CONVERTED_TEXT_H_
