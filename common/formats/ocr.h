// Optical character recognition with Tesseract (libtesseract, Leptonica for images): a scanned
// image document (PNG, JPEG, TIFF, one page per TIFF frame) or one rendered PDF page to text,
// with Tesseract's mean word confidence. Image sizes are read from the header and checked
// against the pixel limit before anything is decoded.
//
//   absl::StatusOr<ConvertedText> text = ReadImage(png_bytes, ConvertOptions());
//   // text->text == "隆阳区2022年度法治政府建设情况的报告\n……"
//   // text->pages == {{.ocr = true, .ocr_confidence = 91}}
//   absl::StatusOr<RecognizedPage> page =
//       RecognizeGrayPage(pixels, width, height, stride, /*dpi=*/300, options.ocr);
//
// A page is read as one block of text, as reports are set (one column, or a table read row by
// row): Tesseract's automatic layout analysis loses whole lines of such pages. A page whose
// text lines are taller than about 44 pixels (12 pt text at 300 dpi: 51) is scaled down to
// lines of 38 pixels first, the size Tesseract reads most accurately.
//
// Cost: loading chi_sim takes about half a second, so every thread keeps one loaded engine and
// reuses it for the pages and documents it reads later. A 300 dpi A4 page takes about 3 s of one
// core: recognition runs on the calling thread only (Tesseract's OpenMP threads are switched off
// for it), so a service bounds OCR's CPU by the threads it reads documents on.
#ifndef FAZHI_COMMON_FORMATS_OCR_H_
#define FAZHI_COMMON_FORMATS_OCR_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/formats/converted_text.h"

namespace fazhi::formats {

struct RecognizedPage {
  std::string text;       // UTF-8, one line per recognized text line (TidyOcrText); may be empty
  double confidence = 0;  // mean word confidence, 0..100
};

// An 8-bit grayscale raster (e.g. a PDF page rendered by Poppler) at `dpi` (0: unknown, Tesseract
// estimates it from the text). A page without text gives an empty text, not an error.
// FAILED_PRECONDITION when the language data is not installed; INVALID_ARGUMENT when OCR is off
// or the raster is malformed or over Tesseract's 32767 pixels a side.
absl::StatusOr<RecognizedPage> RecognizeGrayPage(const uint8_t* pixels, int width, int height,
                                                 int bytes_per_line, int dpi,
                                                 const OcrOptions& options);

// A PNG, JPEG or TIFF document: every page (TIFF frame) recognized; pages as in ConvertedText
// (one PageInfo with ocr = true per page, '\f' between pages), format "image". Errors:
// INVALID_ARGUMENT for another format, an undecodable image, OCR off or no text recognized at
// all; RESOURCE_EXHAUSTED for an image (or TIFF frame) over limits.max_image_pixels, or more TIFF
// frames than limits.max_pages or limits.max_ocr_pages.
absl::StatusOr<ConvertedText> ReadImage(std::string_view bytes, const ConvertOptions& options);

// "tesseract 5.3.0 (chi_sim)".
std::string OcrEngineName(const OcrOptions& options);

// Tesseract's text as RecognizedPage holds it: lines trimmed, empty lines dropped, and the spaces
// Tesseract puts beside Chinese characters and punctuation removed ("隆阳区 2022 年度" becomes
// "隆阳区2022年度") while spaces between two Latin words or numbers stay ("Public Notice").
std::string TidyOcrText(std::string_view tesseract_text);

}  // namespace fazhi::formats

#endif  // FAZHI_COMMON_FORMATS_OCR_H_
