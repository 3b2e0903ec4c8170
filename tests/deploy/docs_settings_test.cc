// Keeps docs/operations.md's settings table generated from the settings table of the code: every
// setting of kAllSettings has its row (variable, flag, default, help exactly as `--help` prints
// them), and no row names a setting that is gone. On failure the test prints the whole table to
// paste into docs/operations.md ("Settings").
//
//   | `FAZHI_LOG_LEVEL` | `--log-level` | `info` | trace, debug, info, warn, error |
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "common/config/settings.h"

namespace fazhi {
namespace {

static constexpr std::string_view kSettingsDoc = "docs/operations.md";
static constexpr std::string_view kHeader =
    "| variable | flag | default | meaning |\n| --- | --- | --- | --- |\n";

std::string Row(const Setting& setting) {
  std::string default_cell =
      setting.default_value.empty() ? "(empty)" : "`" + std::string(setting.default_value) + "`";
  return "| `" + std::string(setting.env) + "` | `--" + Settings::FlagName(setting) + "` | " +
         default_cell + " | " + std::string(setting.help) + " |";
}

std::string GeneratedTable() {
  std::string table(kHeader);
  for (const Setting& setting : kAllSettings) table += Row(setting) + "\n";
  return table;
}

std::string ReadSettingsDoc() {
  std::ifstream in(std::string(FAZHI_SOURCE_DIR) + "/" + std::string(kSettingsDoc));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(DocsSettingsTest, OperationsDocHasTheGeneratedRowOfEverySetting) {
  std::string doc = ReadSettingsDoc();
  ASSERT_FALSE(doc.empty());
  for (const Setting& setting : kAllSettings) {
    EXPECT_NE(doc.find(Row(setting) + "\n"), std::string::npos)
        << kSettingsDoc << " lacks the row of " << setting.env << "; the generated table is:\n"
        << GeneratedTable();
  }
}

TEST(DocsSettingsTest, OperationsDocTableNamesNoUnknownSetting) {
  std::set<std::string> known;
  for (const Setting& setting : kAllSettings) known.insert(std::string(setting.env));
  std::string doc = ReadSettingsDoc();
  size_t start = doc.find(kHeader);
  ASSERT_NE(start, std::string::npos) << kSettingsDoc << " has no settings table";
  std::istringstream rows(doc.substr(start + kHeader.size()));
  static const std::regex kRowVariable(R"(^\| `(FAZHI_\w+)` \|)");
  for (std::string line; std::getline(rows, line) && line.starts_with("|");) {
    std::smatch match;
    ASSERT_TRUE(std::regex_search(line, match, kRowVariable)) << line;
    EXPECT_TRUE(known.contains(match[1].str()))
        << match[1] << " is in " << kSettingsDoc
        << " but not in kAllSettings; the generated table is:\n"
        << GeneratedTable();
  }
}

}  // namespace
}  // namespace fazhi
