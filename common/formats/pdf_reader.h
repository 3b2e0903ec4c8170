// Reads a PDF's text layer with Poppler (poppler-cpp), page by page in reading order; pages
// without a text layer (scans) are rendered and read by OCR (ocr.h) when options.ocr.enabled.
//
//   absl::StatusOr<ConvertedText> text = ReadPdf(bytes, ConvertOptions());
//   // text->text == "关于2021年度法治政府建设工作情况报告\n在州委、州政府的坚强领导下，……\f……"
//   // text->converter == "fazhi-pdf 2 + poppler 22.12.0" (+ " + fazhi-ocr 2 + tesseract 5.3.0
//   // (chi_sim)" if a page was OCRed; see converters.h)
//
// What the text layer becomes:
//  - Lines: the words of a page grouped top to bottom by baseline, left to right within a line,
//    so a table row stays one line (its cells apart by '\t'). Two-column pages come out mixed.
//  - Spaces: the one Poppler puts between Han and a Latin letter or digit ("2021 年") is removed;
//    spaces between Latin words stay.
//  - Wrapped lines are joined (without a space in Chinese) when a line is full: it reaches the
//    right margin, or the next line's first unbreakable unit would not have fitted after it. A
//    heading, a short line, a line in another font size or a table row is never joined. Where
//    paragraphs open with a first-line indent, a line at the margin continues the paragraph;
//    otherwise a full line ending a sentence (。！？；：) ends it. A paragraph running onto the
//    next page is joined too and stays on the page it starts on: the '\f' moves to its end.
//  - Running headers and footers, the first or last two lines of a page that repeat (digits
//    aside) at the same place on at least 60% of the pages, and page numbers alone at the top or
//    bottom ("— 3 —", "第3页 共7页", "3/7") are removed. A page left with nothing else is a scan.
//
// Errors: INVALID_ARGUMENT for bytes that are not a readable PDF, an encrypted PDF, or a PDF
// without any text when OCR is off (a page without text among pages with text stays empty);
// RESOURCE_EXHAUSTED for more pages than limits.max_pages (checked before any page is read),
// more pages to OCR than limits.max_ocr_pages, or a page whose rendering for OCR would exceed
// limits.max_image_pixels (checked before rendering). OCR errors are passed on.
//
// Each call opens its own Poppler document, so calls may run on several threads at once.
#ifndef FAZHI_COMMON_FORMATS_PDF_READER_H_
#define FAZHI_COMMON_FORMATS_PDF_READER_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "common/formats/converted_text.h"

namespace fazhi::formats {

absl::StatusOr<ConvertedText> ReadPdf(std::string_view bytes, const ConvertOptions& options);

}  // namespace fazhi::formats

#endif  // FAZHI_COMMON_FORMATS_PDF_READER_H_
