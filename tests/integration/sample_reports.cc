#include "tests/integration/sample_reports.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/testing/service_process.h"

namespace fazhi::testing {

std::vector<SampleReport> LoadSampleReports() {
  namespace fs = std::filesystem;
  std::vector<SampleReport> reports;
  for (const auto& entry : fs::directory_iterator(SourceDir() + "/tests/data/corpus")) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    fs::path gold_path = fs::path(SourceDir()) / "tests/data/gold" /
                         (entry.path().stem().string() + ".json");
    std::ifstream gold(gold_path);
    reports.push_back({entry.path().filename().string(), bytes.str(), nlohmann::json::parse(gold)});
  }
  std::sort(reports.begin(), reports.end(),
            [](const SampleReport& a, const SampleReport& b) { return a.file_name < b.file_name; });
  return reports;
}

}  // namespace fazhi::testing
