// Segments the sample reports (normalized as the archive stores them, and raw) and compares the
// part summary with the gold "sections".
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "services/extraction/sections/sections.h"
#include "tests/testing/extraction/gold_documents.h"

namespace fazhi::extraction {
namespace {

class SectionsCorpusTest : public ::testing::TestWithParam<bool> {};

TEST_P(SectionsCorpusTest, SummaryMatchesGold) {
  const bool normalize = GetParam();
  int cells = 0;
  int right = 0;
  for (const testing::GoldDocument& doc : testing::LoadGoldDocuments()) {
    SectionTree tree = SegmentSections(normalize ? doc.text : doc.raw_text);
    const nlohmann::json& want = doc.gold["sections"];
    for (const auto& [part, got] :
         {std::pair{"achievements", tree.summary.achievements},
          std::pair{"problems", tree.summary.problems}, std::pair{"plans", tree.summary.plans}}) {
      ++cells;
      right += want[part].get<bool>() == got;
      EXPECT_EQ(want[part].get<bool>(), got) << doc.name << " " << part;
    }
    EXPECT_GE(tree.sections.size(), 5u) << doc.name;
  }
  std::printf("sections (%s): %d/%d part flags right\n", normalize ? "normalized" : "raw", right,
              cells);
  EXPECT_EQ(cells, 15);
}

INSTANTIATE_TEST_SUITE_P(NormalizedAndRaw, SectionsCorpusTest, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "Normalized" : "Raw"; });

}  // namespace
}  // namespace fazhi::extraction
