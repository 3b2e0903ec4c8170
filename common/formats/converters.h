// Which converters read a document: the string stored as reports.converter and shown in its
// provenance, and how to tell that a stored text was read by converters this build has replaced.
//
// A converter string is components joined by " + ", each "<name> <version ...>": fazhi's own
// reader with its revision, then the libraries and tools under it, in the order they ran:
//
//   "fazhi-pdf 2 + poppler 22.12.0"                                  a PDF with a text layer
//   "fazhi-pdf 2 + poppler 22.12.0 + fazhi-ocr 2 + tesseract 5.3.0 (chi_sim)"   some pages OCRed
//   "fazhi-docx 1 + libzip 1.9.2 + pugixml 1.13"                      .docx
//   "LibreOffice 7.4.7.2 + fazhi-docx 1 + libzip 1.9.2 + pugixml 1.13"   .doc / .wps
//   "fazhi-ocr 2 + tesseract 5.3.0 (chi_sim)"                         PNG, JPEG, TIFF
//
// A stored text is out of date when one of its components has a name this build knows under
// another version (a newer Poppler, a reader revision bumped after a fix); re-extraction then
// reads the archived original again (services/extraction/service/job_queue.h). Names this build
// does not know (LibreOffice where it is not installed) leave a text as it is.
//
// Bump a reader's revision below whenever a change to it changes the text it gives.
#ifndef FAZHI_COMMON_FORMATS_CONVERTERS_H_
#define FAZHI_COMMON_FORMATS_CONVERTERS_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/formats/converted_text.h"

namespace fazhi::formats {

inline constexpr int kPdfReaderRevision = 2;  // 2: running lines compared without punctuation
inline constexpr int kDocxReaderRevision = 1;
inline constexpr int kOcrRevision = 2;  // 2: text scaled to 38-pixel lines before recognition

inline constexpr char kConverterJoint[] = " + ";  // between components

// With the versions of the libraries the readers' module loaded; empty where the module cannot be
// loaded (format_readers.h): such a build knows no PDF, Word or OCR converter.
std::string PdfConverter();                           // "fazhi-pdf 2 + poppler 22.12.0"
std::string DocxConverter();                          // "fazhi-docx 1 + libzip … + pugixml …"
std::string OcrConverter(const OcrOptions& options);  // "fazhi-ocr 2 + tesseract … (chi_sim)"

// "a + b" -> {"a", "b"}; "" -> {}.
std::vector<std::string> ConverterComponents(std::string_view converter);

// "tesseract 5.3.0 (chi_sim)" -> "tesseract".
std::string_view ComponentName(std::string_view component);

// Every component this build writes, by name ({"poppler": "poppler 22.12.0", ...}); LibreOffice
// only where it is installed.
std::map<std::string, std::string, std::less<>> CurrentConverters(const ConvertOptions& options);

// Whether every component of `converter` that `current` names is the current one.
bool ConverterIsCurrent(std::string_view converter,
                        const std::map<std::string, std::string, std::less<>>& current);

}  // namespace fazhi::formats

#endif  // FAZHI_COMMON_FORMATS_CONVERTERS_H_
