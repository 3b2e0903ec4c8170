// The bundled sample reports (tests/data/corpus) and their gold annotations, for integration
// tests that check what the services extracted against independently written values.
#ifndef FAZHI_TESTS_INTEGRATION_SAMPLE_REPORTS_H_
#define FAZHI_TESTS_INTEGRATION_SAMPLE_REPORTS_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace fazhi::testing {

struct SampleReport {
  std::string file_name;
  std::string bytes;
  nlohmann::json gold;
};

std::vector<SampleReport> LoadSampleReports();

// `utf8` in another encoding ("GB18030", "UTF-16LE"), as iconv converts it: documents as
// Chinese government sites serve them.
std::string ConvertFromUtf8(const std::string& utf8, const char* encoding);

}  // namespace fazhi::testing

#endif  // FAZHI_TESTS_INTEGRATION_SAMPLE_REPORTS_H_
