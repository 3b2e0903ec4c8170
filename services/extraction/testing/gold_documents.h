// Test support: the sample reports and their gold annotations (tests/data), for the recognizers'
// gold-set tests.
//
//   for (const GoldDocument& doc : LoadGoldDocuments()) { doc.text; doc.gold["quantities"]; }
#ifndef FAZHI_SERVICES_EXTRACTION_NUMBERS_GOLD_DOCUMENTS_TESTING_H_
#define FAZHI_SERVICES_EXTRACTION_NUMBERS_GOLD_DOCUMENTS_TESTING_H_

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fazhi::extraction::testing {

struct GoldDocument {
  std::string name;  // "000_00019c19f38eb4da"
  std::string text;  // the report normalized as the archive stores it (spans point into this)
  nlohmann::json gold;
};

// All documents of tests/data/gold that have a report in tests/data/corpus, in name order, with
// the report passed through fazhi::text::NormalizeText.
std::vector<GoldDocument> LoadGoldDocuments();

// Code-point offsets of every occurrence of `needle` in `text`.
std::vector<int64_t> FindAll(const std::string& text, const std::string& needle);

// Prints "label: found/listed (share)" and returns the share (1 when nothing is listed).
double ReportScore(const std::string& label, int found, int listed);

}  // namespace fazhi::extraction::testing

#endif  // FAZHI_SERVICES_EXTRACTION_NUMBERS_GOLD_DOCUMENTS_TESTING_H_
