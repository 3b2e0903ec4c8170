// The readers that need Poppler, libzip, pugixml, Tesseract and Leptonica, built as the module
// libfazhi_format_readers.so so that only a process reading a PDF, Word file or image loads those
// libraries and the sixty-odd under them (format_readers.h loads it). Each function is the one
// of the same name in the public header given beside it, which documents what it does; callers
// use the public ones, never these.
#ifndef FAZHI_COMMON_FORMATS_READERS_READERS_H_
#define FAZHI_COMMON_FORMATS_READERS_READERS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/formats/converted_text.h"
#include "common/formats/ocr.h"

namespace fazhi::formats::readers {

// pdf_reader.h
absl::StatusOr<ConvertedText> ReadPdf(std::string_view bytes, const ConvertOptions& options);

// docx_reader.h
absl::StatusOr<ConvertedText> ReadDocx(std::string_view bytes, const ConvertOptions& options);

// ocr.h
absl::StatusOr<RecognizedPage> RecognizeGrayPage(const uint8_t* pixels, int width, int height,
                                                 int bytes_per_line, int dpi,
                                                 const OcrOptions& options);
absl::StatusOr<ConvertedText> ReadImage(std::string_view bytes, const ConvertOptions& options);
std::string OcrEngineName(const OcrOptions& options);

// converters.h: the versions are those of the libraries this module loaded.
std::string PdfConverter();
std::string DocxConverter();
std::string OcrConverter(const OcrOptions& options);

}  // namespace fazhi::formats::readers

#endif  // FAZHI_COMMON_FORMATS_READERS_READERS_H_
