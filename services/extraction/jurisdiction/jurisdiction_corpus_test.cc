// Runs the resolver over the sample reports with no hints at all (the body alone, as if the
// metadata extractor found no title or issuer) and compares with the gold jurisdiction.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "services/extraction/jurisdiction/jurisdiction.h"

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

TEST(JurisdictionCorpusTest, BodyAloneResolvesTheGoldJurisdiction) {
  absl::StatusOr<DivisionIndex> index = DivisionIndex::LoadFromDirectory(SourceDir() + "/data/divisions");
  ASSERT_TRUE(index.ok()) << index.status();
  std::filesystem::path gold_dir = SourceDir() + "/tests/data/gold";
  int documents = 0;
  int right = 0;
  for (const auto& entry : std::filesystem::directory_iterator(gold_dir)) {
    if (entry.path().extension() != ".json") continue;
    nlohmann::json gold = nlohmann::json::parse(ReadAll(entry.path()));
    std::string text = ReadAll(SourceDir() + "/tests/data/corpus/" + gold["document"].get<std::string>());
    const nlohmann::json& want = gold["metadata"]["jurisdiction"];
    std::optional<Jurisdiction> got = ResolveJurisdiction(text, {}, *index);
    ++documents;
    bool ok = got.has_value() && got->code == want["code"] && got->name == want["name"] &&
              got->level == want["level"] && got->province == want["province"] &&
              got->prefecture == want["prefecture"];
    right += ok;
    EXPECT_TRUE(ok) << gold["document"] << ": want " << want.dump() << " got "
                    << (got ? got->name + " " + got->code + " " + got->prefecture : std::string("none"));
  }
  std::printf("jurisdiction (body only): %d/%d\n", right, documents);
  EXPECT_EQ(documents, 5);
}

}  // namespace
}  // namespace fazhi::extraction
