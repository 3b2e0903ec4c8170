#include "common/archive/pages_json.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"

namespace fazhi {

std::string PagesToStoredJson(const std::vector<text::TextPage>& pages) {
  if (pages.empty()) return "";
  nlohmann::json out = nlohmann::json::array();
  for (const text::TextPage& page : pages) {
    nlohmann::json entry = {{"begin", page.begin}, {"end", page.end}, {"ocr", page.ocr}};
    if (page.ocr) entry["ocr_confidence"] = page.ocr_confidence;
    out.push_back(std::move(entry));
  }
  return out.dump();
}

absl::StatusOr<std::vector<text::TextPage>> PagesFromStoredJson(std::string_view json) {
  std::vector<text::TextPage> pages;
  if (json.empty()) return pages;
  try {
    const nlohmann::json parsed = nlohmann::json::parse(json);
    for (const nlohmann::json& entry : parsed) {
      text::TextPage page;
      page.begin = entry.at("begin").get<int64_t>();
      page.end = entry.at("end").get<int64_t>();
      page.ocr = entry.value("ocr", false);
      page.ocr_confidence = entry.value("ocr_confidence", 0.0);
      pages.push_back(page);
    }
  } catch (const nlohmann::json::exception& error) {
    return absl::DataLossError(absl::StrCat("stored pages do not parse: ", error.what()));
  }
  return pages;
}

}  // namespace fazhi
