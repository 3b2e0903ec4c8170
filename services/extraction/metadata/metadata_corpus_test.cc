// Runs the metadata extractor over the sample reports (normalized as the archive stores them)
// and scores each field against the gold annotations the way the evaluation does.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "services/extraction/metadata/metadata.h"
#include "tests/testing/extraction/gold_documents.h"

namespace fazhi::extraction {
namespace {

// {"accept": [...], "optional": bool} or null against a predicted string.
bool AcceptsString(const nlohmann::json& gold, const std::string& got) {
  if (gold.is_null()) return got.empty();
  if (gold.is_string()) return gold.get<std::string>() == got;
  if (got.empty()) return gold.value("optional", false);
  for (const auto& accepted : gold["accept"]) {
    if (accepted.get<std::string>() == got) return true;
  }
  return false;
}

// The archive stores normalized text; raw scraped text must read the same.
class MetadataCorpusTest : public ::testing::TestWithParam<bool> {};

TEST_P(MetadataCorpusTest, FieldsMatchGold) {
  const bool normalize = GetParam();
  absl::StatusOr<DivisionIndex> index =
      DivisionIndex::LoadFromDirectory((testing::SourceDir() / "data" / "divisions").string());
  ASSERT_TRUE(index.ok()) << index.status();
  std::map<std::string, int> right;
  int documents = 0;
  for (const testing::GoldDocument& doc : testing::LoadGoldDocuments()) {
    const std::string& name = doc.name;
    Metadata got = ExtractMetadata(normalize ? doc.text : doc.raw_text, &*index);
    const nlohmann::json& want = doc.gold["metadata"];
    ++documents;
    std::map<std::string, bool> ok;
    ok["title"] = AcceptsString(want["title"], got.title);
    ok["issuer"] = AcceptsString(want["issuer"], got.issuers.empty() ? "" : got.issuers.front());
    ok["report_year"] =
        got.report_year.has_value() && *got.report_year == want["report_year"].get<int>();
    ok["published_on"] = AcceptsString(want["published_on"], got.published_on);
    ok["source_url"] = AcceptsString(want["source_url"], got.source_url);
    ok["doc_number"] = AcceptsString(want["doc_number"], got.doc_number);
    const nlohmann::json& j = want["jurisdiction"];
    ok["jurisdiction"] = got.jurisdiction.has_value() && got.jurisdiction->code == j["code"] &&
                         got.jurisdiction->name == j["name"] &&
                         got.jurisdiction->level == j["level"] &&
                         got.jurisdiction->province == j["province"] &&
                         got.jurisdiction->prefecture == j["prefecture"];
    for (const auto& [field, good] : ok) {
      right[field] += good;
      EXPECT_TRUE(good) << name << " " << field << ": gold "
                        << (field == "issuer"         ? want["issuer"].dump()
                            : field == "jurisdiction" ? j.dump()
                                                      : want[field].dump())
                        << " got title='" << got.title << "' issuer='"
                        << (got.issuers.empty() ? "" : got.issuers.front())
                        << "' year=" << got.report_year.value_or(0) << " published='"
                        << got.published_on << "' url='" << got.source_url << "' doc='"
                        << got.doc_number << "' jurisdiction="
                        << (got.jurisdiction ? got.jurisdiction->code : "none");
    }
    EXPECT_EQ(got.document_kind, "rule_of_law_report") << name;
  }
  EXPECT_EQ(documents, 5);
  for (const auto& [field, count] : right) {
    std::printf("metadata (%s) %-13s %d/%d\n", normalize ? "normalized" : "raw", field.c_str(),
                count, documents);
  }
}

INSTANTIATE_TEST_SUITE_P(NormalizedAndRaw, MetadataCorpusTest, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "Normalized" : "Raw"; });

}  // namespace
}  // namespace fazhi::extraction
