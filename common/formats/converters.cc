#include "common/formats/converters.h"

#include "absl/strings/str_split.h"
#include "common/compat/string_view.h"
#include "common/formats/legacy_word_reader.h"

namespace fazhi::formats {

std::vector<std::string> ConverterComponents(std::string_view converter) {
  if (converter.empty()) return {};
  return absl::StrSplit(Absl(converter), kConverterJoint);
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
