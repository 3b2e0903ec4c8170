// Runs the resolver over the sample reports with no hints at all (the body alone, as if the
// metadata extractor found no title or issuer) and compares with the gold jurisdiction.
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "services/extraction/jurisdiction/jurisdiction.h"
#include "tests/testing/extraction/gold_documents.h"

namespace fazhi::extraction {
namespace {

TEST(JurisdictionCorpusTest, BodyAloneResolvesTheGoldJurisdiction) {
  absl::StatusOr<DivisionIndex> index =
      DivisionIndex::LoadFromDirectory((testing::SourceDir() / "data" / "divisions").string());
  ASSERT_TRUE(index.ok()) << index.status();
  int documents = 0;
  int right = 0;
  for (const testing::GoldDocument& doc : testing::LoadGoldDocuments()) {
    const nlohmann::json& want = doc.gold["metadata"]["jurisdiction"];
    std::optional<Jurisdiction> got = ResolveJurisdiction(doc.raw_text, {}, *index);
    ++documents;
    bool ok = got.has_value() && got->code == want["code"] && got->name == want["name"] &&
              got->level == want["level"] && got->province == want["province"] &&
              got->prefecture == want["prefecture"];
    right += ok;
    EXPECT_TRUE(ok) << doc.name << ": want " << want.dump() << " got "
                    << (got ? got->name + " " + got->code + " " + got->prefecture
                            : std::string("none"));
  }
  std::printf("jurisdiction (body only): %d/%d\n", right, documents);
  EXPECT_EQ(documents, 5);
}

}  // namespace
}  // namespace fazhi::extraction
