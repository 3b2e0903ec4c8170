// Segments the sample reports (normalized as the archive stores them, and raw) and compares the
// part summary with the gold "sections".
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "common/text/normalize.h"
#include "services/extraction/sections/sections.h"

namespace fazhi::extraction {
namespace {

std::string SourceDir() {
  const char* root = std::getenv("FAZHI_SOURCE_DIR");
  return root != nullptr ? root : FAZHI_SOURCE_DIR;
}

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

class SectionsCorpusTest : public ::testing::TestWithParam<bool> {};

TEST_P(SectionsCorpusTest, SummaryMatchesGold) {
  const bool normalize = GetParam();
  int cells = 0;
  int right = 0;
  for (const auto& entry : std::filesystem::directory_iterator(SourceDir() + "/tests/data/gold")) {
    if (entry.path().extension() != ".json") continue;
    nlohmann::json gold = nlohmann::json::parse(ReadAll(entry.path()));
    std::string text = ReadAll(SourceDir() + "/tests/data/corpus/" + gold["document"].get<std::string>());
    if (normalize) text = text::NormalizeText(text);
    SectionTree tree = SegmentSections(text);
    const nlohmann::json& want = gold["sections"];
    for (const auto& [part, got] : {std::pair{"achievements", tree.summary.achievements},
                                    std::pair{"problems", tree.summary.problems}, std::pair{"plans", tree.summary.plans}}) {
      ++cells;
      right += want[part].get<bool>() == got;
      EXPECT_EQ(want[part].get<bool>(), got) << gold["document"] << " " << part;
    }
    EXPECT_GE(tree.sections.size(), 5u) << gold["document"];
  }
  std::printf("sections (%s): %d/%d part flags right\n", normalize ? "normalized" : "raw", right, cells);
  EXPECT_EQ(cells, 15);
}

INSTANTIATE_TEST_SUITE_P(NormalizedAndRaw, SectionsCorpusTest, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "Normalized" : "Raw"; });

}  // namespace
}  // namespace fazhi::extraction
