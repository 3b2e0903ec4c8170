// Where the PDF, Word and image readers run: a module, libfazhi_format_readers.so (readers/),
// loaded the first time a document needs one. Poppler, Tesseract, Leptonica, libzip and pugixml
// pull in some sixty shared libraries (libcurl, gnutls, ...) whose loading and constructors cost
// every fazhi process about 17 ms at start; a process that reads only text and HTML now never
// loads them. The public readers (pdf_reader.h, docx_reader.h, ocr.h, converters.h) call
// through here; nothing else needs to.
//
//   absl::StatusOr<const FormatReaders*> readers = LoadFormatReaders();
//   if (!readers.ok()) return readers.status();  // FAILED_PRECONDITION naming the path tried
//   return (*readers)->read_pdf(bytes, options);
//
// The module is looked for at ../lib/fazhi/libfazhi_format_readers.so from the running
// executable's folder (build/bin and build/lib/fazhi; /usr/local/bin and /usr/local/lib/fazhi in
// the image), else where the build put it, or only at the path in FAZHI_FORMAT_READERS when that
// is set. It is loaded once per process, and never unloaded. It must come from the same build as
// the executable: the table passes C++ types, and kFormatReadersVersion is bumped whenever the
// table changes.
#ifndef FAZHI_COMMON_FORMATS_FORMAT_READERS_H_
#define FAZHI_COMMON_FORMATS_FORMAT_READERS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/formats/converted_text.h"
#include "common/formats/ocr.h"

namespace fazhi::formats {

inline constexpr int kFormatReadersVersion = 1;
// Names a module file to load instead of the one beside the executable.
inline constexpr char kFormatReadersEnv[] = "FAZHI_FORMAT_READERS";

// What the module exports: the functions behind the public readers, documented there.
struct FormatReaders {
  int version;  // the module's kFormatReadersVersion
  size_t size;  // sizeof(FormatReaders) where the module was built
  absl::StatusOr<ConvertedText> (*read_pdf)(std::string_view bytes, const ConvertOptions& options);
  absl::StatusOr<ConvertedText> (*read_docx)(std::string_view bytes, const ConvertOptions& options);
  absl::StatusOr<ConvertedText> (*read_image)(std::string_view bytes,
                                              const ConvertOptions& options);
  absl::StatusOr<RecognizedPage> (*recognize_gray_page)(const uint8_t* pixels, int width,
                                                        int height, int bytes_per_line, int dpi,
                                                        const OcrOptions& options);
  std::string (*ocr_engine_name)(const OcrOptions& options);
  std::string (*pdf_converter)();
  std::string (*docx_converter)();
  std::string (*ocr_converter)(const OcrOptions& options);
};

// The module's one exported symbol, looked up by this name.
inline constexpr char kFormatReadersEntryPoint[] = "FazhiFormatReaders";
using FormatReadersEntryPoint = const FormatReaders* (*)();

// The loaded module's table. FAILED_PRECONDITION, with the path tried and the loader's reason,
// when the module is missing, cannot be loaded (a library under it is missing) or is from
// another build; the first answer is kept for the life of the process. Thread-safe.
absl::StatusOr<const FormatReaders*> LoadFormatReaders();

}  // namespace fazhi::formats

#endif  // FAZHI_COMMON_FORMATS_FORMAT_READERS_H_
