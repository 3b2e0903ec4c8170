// converters.h's strings for the libraries this module runs on: their versions are asked of the
// libraries loaded (a Debian update of one changes them without a rebuild).
#include "common/formats/converters.h"

#include <poppler/cpp/poppler-version.h>
#include <zip.h>

#include "absl/strings/str_cat.h"
#include "common/formats/readers/readers.h"
#include "pugixml.hpp"

namespace fazhi::formats::readers {
namespace {

std::string PugixmlVersion() {
  constexpr int kPugixml = PUGIXML_VERSION;  // major * 1000 + minor * 10 + patch, 1130 = 1.13
  std::string version = absl::StrCat(kPugixml / 1000, ".", kPugixml % 1000 / 10);
  if (kPugixml % 10 != 0) absl::StrAppend(&version, ".", kPugixml % 10);
  return version;
}

}  // namespace

std::string PdfConverter() {
  return absl::StrCat("fazhi-pdf ", kPdfReaderRevision, kConverterJoint, "poppler ",
                      poppler::version_string());
}

std::string DocxConverter() {
  return absl::StrCat("fazhi-docx ", kDocxReaderRevision, kConverterJoint, "libzip ",
                      zip_libzip_version(), kConverterJoint, "pugixml ", PugixmlVersion());
}

std::string OcrConverter(const OcrOptions& options) {
  return absl::StrCat("fazhi-ocr ", kOcrRevision, kConverterJoint, readers::OcrEngineName(options));
}

}  // namespace fazhi::formats::readers
