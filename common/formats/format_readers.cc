// The loader of format_readers.h, and the public reader functions (pdf_reader.h, docx_reader.h,
// ocr.h, converters.h), each a call into the module.
#include "common/formats/format_readers.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/compat/string_view.h"
#include "common/formats/converters.h"
#include "common/formats/docx_reader.h"
#include "common/formats/pdf_reader.h"

namespace fazhi::formats {
namespace {

// Where the build puts the module: from the folder of the binaries, and the file itself
// (common/formats/CMakeLists.txt).
constexpr char kBesideBinaries[] = FAZHI_FORMAT_READERS_FROM_BINARIES;
constexpr char kWhereBuilt[] = FAZHI_FORMAT_READERS_BUILT;

absl::Status CannotLoad(std::string_view path, std::string_view why) {
  return absl::FailedPreconditionError(absl::StrCat(
      "the PDF, Word and image readers cannot be loaded from ", Absl(path), ": ", Absl(why),
      "; install libfazhi_format_readers.so with the binaries (", kBesideBinaries,
      " from their folder), or set ", kFormatReadersEnv, " to its path"));
}

// FAZHI_FORMAT_READERS when set; else beside the binaries, or where the build put it when there
// is none there (a binary copied elsewhere, as a baseline to measure against).
std::string ModulePath() {
  if (const char* path = std::getenv(kFormatReadersEnv); path != nullptr && *path != '\0') {
    return path;
  }
  std::error_code error;
  const std::filesystem::path binary = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return kWhereBuilt;
  const std::filesystem::path beside = (binary.parent_path() / kBesideBinaries).lexically_normal();
  if (std::filesystem::exists(beside, error) || !std::filesystem::exists(kWhereBuilt, error)) {
    return beside.string();
  }
  return kWhereBuilt;
}

absl::StatusOr<const FormatReaders*> Load() {
  const std::string path = ModulePath();
  // RTLD_NOW: a library missing under the module is reported here, not at a reader's first call.
  void* module = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (module == nullptr) return CannotLoad(path, dlerror());
  const auto entry =
      reinterpret_cast<FormatReadersEntryPoint>(dlsym(module, kFormatReadersEntryPoint));
  if (entry == nullptr) {
    const absl::Status status = CannotLoad(path, dlerror());
    dlclose(module);
    return status;
  }
  const FormatReaders* readers = entry();
  if (readers->version != kFormatReadersVersion || readers->size != sizeof(FormatReaders)) {
    const absl::Status status =
        CannotLoad(path, absl::StrCat("it is from another build (table version ", readers->version,
                                      ", this program's is ", kFormatReadersVersion, ")"));
    dlclose(module);
    return status;
  }
  return readers;
}

// One of the module's readers, or why the module cannot be loaded.
template <typename Result, typename... Params, typename... Args>
absl::StatusOr<Result> Read(absl::StatusOr<Result> (*FormatReaders::*reader)(Params...),
                            Args&&... args) {
  absl::StatusOr<const FormatReaders*> readers = LoadFormatReaders();
  if (!readers.ok()) return readers.status();
  return ((*readers)->*reader)(std::forward<Args>(args)...);
}

// A version string of the module's; empty without the module, whose libraries are then unknown.
template <typename... Params, typename... Args>
std::string Version(std::string (*FormatReaders::*version)(Params...), Args&&... args) {
  absl::StatusOr<const FormatReaders*> readers = LoadFormatReaders();
  return readers.ok() ? ((*readers)->*version)(std::forward<Args>(args)...) : std::string();
}

}  // namespace

absl::StatusOr<const FormatReaders*> LoadFormatReaders() {
  static const absl::StatusOr<const FormatReaders*>* const loaded =
      new absl::StatusOr<const FormatReaders*>(Load());
  return *loaded;
}

absl::StatusOr<ConvertedText> ReadPdf(std::string_view bytes, const ConvertOptions& options) {
  return Read(&FormatReaders::read_pdf, bytes, options);
}

absl::StatusOr<ConvertedText> ReadDocx(std::string_view bytes, const ConvertOptions& options) {
  return Read(&FormatReaders::read_docx, bytes, options);
}

absl::StatusOr<ConvertedText> ReadImage(std::string_view bytes, const ConvertOptions& options) {
  return Read(&FormatReaders::read_image, bytes, options);
}

absl::StatusOr<RecognizedPage> RecognizeGrayPage(const uint8_t* pixels, int width, int height,
                                                 int bytes_per_line, int dpi,
                                                 const OcrOptions& options) {
  return Read(&FormatReaders::recognize_gray_page, pixels, width, height, bytes_per_line, dpi,
              options);
}

std::string OcrEngineName(const OcrOptions& options) {
  return Version(&FormatReaders::ocr_engine_name, options);
}

std::string PdfConverter() { return Version(&FormatReaders::pdf_converter); }

std::string DocxConverter() { return Version(&FormatReaders::docx_converter); }

std::string OcrConverter(const OcrOptions& options) {
  return Version(&FormatReaders::ocr_converter, options);
}

}  // namespace fazhi::formats
