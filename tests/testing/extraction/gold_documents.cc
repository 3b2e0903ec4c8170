#include "tests/testing/extraction/gold_documents.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <utility>

#include "common/text/code_points.h"
#include "common/text/normalize.h"

namespace fazhi::extraction::testing {

using text::DecodeUtf8;

std::filesystem::path SourceDir() {
  const char* root = std::getenv("FAZHI_SOURCE_DIR");
  return root != nullptr ? root : FAZHI_SOURCE_DIR;
}

ExtractorOptions TestExtractorOptions() {
  return ExtractorOptions{.data_dir = (SourceDir() / "data").string()};
}

std::vector<GoldDocument> LoadGoldDocuments() {
  const std::filesystem::path data = SourceDir() / "tests" / "data";
  std::vector<GoldDocument> documents;
  for (const auto& entry : std::filesystem::directory_iterator(data / "gold")) {
    if (entry.path().extension() != ".json") continue;
    const std::filesystem::path report = data / "corpus" / (entry.path().stem().string() + ".txt");
    if (!std::filesystem::exists(report)) continue;
    std::ifstream gold_in(entry.path());
    std::ifstream text_in(report, std::ios::binary);
    std::stringstream bytes;
    bytes << text_in.rdbuf();
    std::string raw_text = bytes.str();
    std::string text = text::NormalizeText(raw_text);
    documents.push_back({entry.path().stem().string(), std::move(raw_text), std::move(text),
                         nlohmann::json::parse(gold_in)});
  }
  std::sort(documents.begin(), documents.end(),
            [](const GoldDocument& a, const GoldDocument& b) { return a.name < b.name; });
  return documents;
}

std::vector<int64_t> FindAll(const std::string& text, const std::string& needle) {
  const std::u32string haystack = DecodeUtf8(text);
  const std::u32string wanted = DecodeUtf8(needle);
  std::vector<int64_t> found;
  if (wanted.empty()) return found;
  for (size_t at = haystack.find(wanted); at != std::u32string::npos;
       at = haystack.find(wanted, at + 1)) {
    found.push_back(static_cast<int64_t>(at));
  }
  return found;
}

double ReportScore(const std::string& label, int found, int listed) {
  const double share = listed == 0 ? 1.0 : static_cast<double>(found) / listed;
  std::cout << label << ": " << found << "/" << listed << " (" << share << ")\n";
  return share;
}

}  // namespace fazhi::extraction::testing
