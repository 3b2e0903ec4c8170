#include "tests/integration/sample_reports.h"

#include <iconv.h>

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
    fs::path gold_path =
        fs::path(SourceDir()) / "tests/data/gold" / (entry.path().stem().string() + ".json");
    std::ifstream gold(gold_path);
    reports.push_back({entry.path().filename().string(), bytes.str(), nlohmann::json::parse(gold)});
  }
  std::sort(reports.begin(), reports.end(),
            [](const SampleReport& a, const SampleReport& b) { return a.file_name < b.file_name; });
  return reports;
}

std::string ConvertFromUtf8(const std::string& utf8, const char* encoding) {
  iconv_t cd = iconv_open(encoding, "UTF-8");
  std::string out(utf8.size() * 4 + 16, '\0');
  char* in_ptr = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* out_ptr = out.data();
  size_t out_left = out.size();
  iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace fazhi::testing
