// The web app in a real browser: the real services and fazhi-web with the sample reports, and
// tests/web/browser_test.mjs driving Debian's Chromium through puppeteer-core (web/'s locked
// dependencies). Screenshots of each page land in build/web-test for people to look at; the
// search-to-rendered-results latency is printed.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "tests/integration/running_services.h"

namespace fazhi::testing {
namespace {

class WebBrowserTest : public RunningServicesTest {
 protected:
  static void SetUpTestSuite() {
    StartServices({});
    if (suite_ == nullptr) return;
    absl::Status web = suite_->StartWeb();
    ASSERT_TRUE(web.ok()) << web << suite_->web->LogTail();
  }
  static void TearDownTestSuite() { StopServices(); }
};

// Runs `command` through the shell; its output (stdout and stderr) into `output`.
int RunShell(const std::string& command, std::string* output) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return -1;
  char buffer[4096];
  while (size_t read = fread(buffer, 1, sizeof(buffer), pipe)) output->append(buffer, read);
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_F(WebBrowserTest, SearchReportAndChartsWorkInChromium) {
  for (const SampleReport& sample : *samples_) {
    v1::IngestDocumentResponse response;
    grpc::Status status = Ingest(sample.bytes, sample.file_name, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    ASSERT_EQ(response.state(), v1::REPORT_STATE_EXTRACTED) << sample.file_name;
  }
  const std::string out = BinaryDir() + "/../web-test";
  std::string output;
  const int exit_code =
      RunShell("node '" + SourceDir() + "/tests/web/browser_test.mjs' --url http://" +
                   suite_->web_addr + " --out '" + out + "'",
               &output);
  std::printf("%s\n", output.c_str());
  EXPECT_EQ(exit_code, 0) << "the browser test failed (its output is above); fazhi-web's log:\n"
                          << suite_->web->LogTail();
}

}  // namespace
}  // namespace fazhi::testing
