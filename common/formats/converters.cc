#include "common/formats/converters.h"

#include <poppler/cpp/poppler-version.h>
#include <zip.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/compat/string_view.h"
#include "common/formats/legacy_word_reader.h"
#include "common/formats/ocr.h"
#include "pugixml.hpp"

namespace fazhi::formats {
namespace {

constexpr char kJoint[] = " + ";

std::string PugixmlVersion() {
  constexpr int kPugixml = PUGIXML_VERSION;  // major * 1000 + minor * 10 + patch, 1130 = 1.13
  std::string version = absl::StrCat(kPugixml / 1000, ".", kPugixml % 1000 / 10);
  if (kPugixml % 10 != 0) absl::StrAppend(&version, ".", kPugixml % 10);
  return version;
}

}  // namespace

std::string PdfConverter() {
  return absl::StrCat("fazhi-pdf ", kPdfReaderRevision, kJoint, "poppler ",
                      poppler::version_string());
}

std::string DocxConverter() {
  return absl::StrCat("fazhi-docx ", kDocxReaderRevision, kJoint, "libzip ", zip_libzip_version(),
                      kJoint, "pugixml ", PugixmlVersion());
}

std::string OcrConverter(const OcrOptions& options) {
  return absl::StrCat("fazhi-ocr ", kOcrRevision, kJoint, OcrEngineName(options));
}

std::vector<std::string> ConverterComponents(std::string_view converter) {
  if (converter.empty()) return {};
  return absl::StrSplit(Absl(converter), kJoint);
}

std::string_view ComponentName(std::string_view component) {
  return component.substr(0, component.find(' '));
}

std::map<std::string, std::string, std::less<>> CurrentConverters(const ConvertOptions& options) {
  std::map<std::string, std::string, std::less<>> current;
  std::vector<std::string> converters = {PdfConverter(), DocxConverter(),
                                         OcrConverter(options.ocr)};
  if (!LibreOfficeVersion().empty()) converters.push_back(LibreOfficeVersion());
  for (const std::string& converter : converters) {
    for (std::string& component : ConverterComponents(converter)) {
      current.emplace(std::string(ComponentName(component)), std::move(component));
    }
  }
  return current;
}

bool ConverterIsCurrent(std::string_view converter,
                        const std::map<std::string, std::string, std::less<>>& current) {
  for (const std::string& component : ConverterComponents(converter)) {
    auto known = current.find(ComponentName(component));
    if (known != current.end() && known->second != component) return false;
  }
  return true;
}

}  // namespace fazhi::formats
