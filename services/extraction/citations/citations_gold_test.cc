// Runs the citation and document-number recognizers over the sample reports and checks that
// every gold title and 文号 is among the recognized ones.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>

#include "services/extraction/citations/citations.h"
#include "services/extraction/citations/document_numbers.h"
#include "tests/testing/extraction/gold_documents.h"

namespace fazhi::extraction {
namespace {

// Counts the gold strings of `field` found among `recognized`, printing the misses.
template <typename Recognized>
void Check(const testing::GoldDocument& doc, const char* field,
           const std::vector<Recognized>& recognized, std::string Recognized::*text, int& found,
           int& listed) {
  for (const auto& gold : doc.gold.value(field, nlohmann::json::array())) {
    ++listed;
    const std::string wanted = gold;
    const bool ok = std::any_of(recognized.begin(), recognized.end(),
                                [&](const Recognized& r) { return r.*text == wanted; });
    found += ok;
    if (!ok) std::cout << "  missed " << doc.name << ": " << wanted << "\n";
  }
}

TEST(CitationsGoldTest, FindsEveryGoldCitation) {
  int found = 0;
  int listed = 0;
  for (const testing::GoldDocument& doc : testing::LoadGoldDocuments()) {
    Check(doc, "citations", RecognizeCitations(doc.text), &Citation::title, found, listed);
  }
  EXPECT_GE(testing::ReportScore("citations", found, listed), 0.95);
}

TEST(CitationsGoldTest, FindsEveryGoldDocumentNumber) {
  int found = 0;
  int listed = 0;
  for (const testing::GoldDocument& doc : testing::LoadGoldDocuments()) {
    Check(doc, "document_numbers", RecognizeDocumentNumbers(doc.text), &DocumentNumber::text, found,
          listed);
  }
  EXPECT_EQ(testing::ReportScore("document_numbers", found, listed), 1.0);
}

}  // namespace
}  // namespace fazhi::extraction
